"""The editorial journey in the admin: an editor writes a case, a moderator publishes it.

Editors write and submit; only moderators publish. Until a moderator approves, visitors see
nothing of the case, in any language.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from practices.models import CollaborationCase
from tests.conftest import LANGS

pytestmark = pytest.mark.django_db

ADD_URL = "wagtailsnippets_practices_collaborationcase:add"


def member(name, group):
    user = get_user_model().objects.create_user(name, f"{name}@example.org", "pw")
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor_client(client):
    client.force_login(member("edith", "Editors"))
    return client


@pytest.fixture
def moderator():
    return member("mona", "Moderators")


def case_form(action, **changes):
    values = {
        "slug": "cuisine-collective-seoul",
        "start_year": "2015", "end_year": "",
        "documents": inline_formset([]),
        action: action.removeprefix("action-"),
    }
    for code in LANGS:
        for field in ("title", "summary", "public_actors", "civil_society_actors", "policy_instrument", "sources",
                      "image_alt"):
            values[f"{field}_{code}"] = ""
        for field in ("co_construction", "results", "transfer_conditions"):
            values[f"{field}_{code}"] = rich_text("")
    values.update({
        "title_fr": "Cuisines collectives de quartier à Séoul",
        "title_ko": "서울 동네 공동부엌",
        "summary_fr": "Un arrondissement et des coopératives ouvrent ensemble des cuisines partagées.",
        "summary_ko": "자치구와 협동조합이 함께 공유 부엌을 연다.",
        "results_fr": rich_text("<p>Douze cuisines ouvertes en trois ans.</p>"),
    })
    values.update(changes)
    return nested_form_data(values)


def test_an_editor_submits_a_case_and_cannot_publish_it(editor_client, client, library):
    response = editor_client.post(reverse(ADD_URL), case_form("action-publish"))
    case = CollaborationCase.objects.filter(slug="cuisine-collective-seoul").first()
    assert case is None or not case.live, "an editor must not be able to publish"

    response = editor_client.post(reverse(ADD_URL), case_form("action-submit", slug="cuisine-seoul-2"))
    assert response.status_code == 302, response.context and response.context["form"].errors
    case = CollaborationCase.objects.get(slug="cuisine-seoul-2")
    assert not case.live
    state = WorkflowState.objects.for_instance(case).get()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    client.logout()
    for code in ("fr", "ko"):
        assert client.get(library.item_url(case.slug, code)).status_code == 404
        assert "서울 동네 공동부엌" not in client.get(library.item_url("", code)[:-1]).content.decode()


def test_a_moderator_approves_and_the_case_is_public_in_both_languages(editor_client, client, moderator, library):
    editor_client.post(reverse(ADD_URL), case_form("action-submit"))
    case = CollaborationCase.objects.get(slug="cuisine-collective-seoul")
    task_state = WorkflowState.objects.for_instance(case).get().current_task_state

    client.force_login(moderator)
    url = reverse("wagtailsnippets_practices_collaborationcase:workflow_action",
                  args=[case.pk, "approve", task_state.pk])
    response = client.post(url, {"comment": "Bien documenté."})
    assert response.status_code in (200, 302)
    case.refresh_from_db()
    assert case.live
    client.logout()
    french = client.get(library.item_url(case.slug, "fr")).content.decode()
    korean = client.get(library.item_url(case.slug, "ko")).content.decode()
    assert "Cuisines collectives de quartier à Séoul" in french
    assert "서울 동네 공동부엌" in korean
    assert "Douze cuisines ouvertes en trois ans." in korean  # French text where Korean is missing
    assert "서울 동네 공동부엌" in client.get(library.item_url("", "ko")[:-1]).content.decode()


def test_the_editor_forms_do_not_autosave(admin_client, library):
    """Wagtail 8 autosaves drafts in the background; on a create view that raced the editor's
    own "Submit for moderation" (the submit posted to the create view again and was refused
    as a duplicate slug, leaving an unsubmitted draft). Autosave is off for every editor form."""
    import re

    from partners.models import Partner
    from practices.models import GoodPractice

    case = CollaborationCase.objects.create(slug="cas-existant", title_fr="Cas existant", summary_fr="Résumé.")
    urls = [
        reverse(ADD_URL),
        reverse("wagtailsnippets_practices_collaborationcase:edit", args=[case.pk]),
        reverse("wagtailsnippets_practices_goodpractice:add"),
        reverse(f"wagtailsnippets_partners_{Partner._meta.model_name}:add"),
        reverse("wagtailadmin_pages:edit", args=[library.pk]),
        reverse("wagtailadmin_pages:add", args=["services", "standardpage", library.get_parent().get_parent().pk]),
    ]
    assert GoodPractice._meta.model_name == "goodpractice"
    for url in urls:
        response = admin_client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        controllers = re.findall(r'data-controller="([^"]*w-unsaved[^"]*)"', html)
        assert controllers, url  # the editor form itself was found
        assert not any("w-autosave" in value for value in controllers), url
        assert "data-w-autosave-interval-value" not in html, url


@pytest.fixture
def racing_save(monkeypatch):
    """The "slug already exists" checks (the form's and the model's) pass, as they do when
    another save of the same slug commits between this request's check and its write."""
    from django.db.models import Model

    monkeypatch.setattr(Model, "validate_unique", lambda instance, exclude=None: None)


def test_a_slug_taken_during_the_save_is_a_form_error_not_a_500(editor_client, racing_save):
    first = CollaborationCase.objects.create(slug="cuisine-collective-seoul", title_fr="Premier cas",
                                             summary_fr="Déjà là.")
    response = editor_client.post(reverse(ADD_URL), case_form("action-submit"))

    assert response.status_code == 200  # the form again, as for any invalid value
    assert "slug" in response.context["form"].errors
    html = response.content.decode()
    assert "Cuisines collectives de quartier à Séoul" in html  # what the editor typed is still there
    assert list(CollaborationCase.objects.values_list("title_fr", flat=True)) == ["Premier cas"]
    assert not WorkflowState.objects.for_instance(first).exists()


def test_a_slug_taken_while_a_moderator_publishes_is_a_form_error(admin_client, racing_save):
    """An edit only saves a revision; the slug reaches the table when it is published."""
    CollaborationCase.objects.create(slug="cuisine-collective-seoul", title_fr="Premier cas", summary_fr="Déjà là.")
    mine = CollaborationCase.objects.create(slug="mon-cas", title_fr="Mon cas", summary_fr="À moi.")
    url = reverse("wagtailsnippets_practices_collaborationcase:edit", args=[mine.pk])
    response = admin_client.post(url, case_form("action-publish"))

    assert response.status_code == 200
    assert "slug" in response.context["form"].errors
    mine.refresh_from_db()
    assert (mine.slug, mine.title_fr) == ("mon-cas", "Mon cas")
    assert CollaborationCase.objects.filter(slug="cuisine-collective-seoul").get().title_fr == "Premier cas"


def test_a_term_slug_taken_during_the_save_is_a_form_error(admin_client, racing_save):
    from practices.models import Theme

    Theme.objects.create(slug="habitat", name_fr="Habitat")
    values = {f"name_{code}": "" for code in LANGS} | {"name_fr": "Logement", "slug": "habitat"}
    response = admin_client.post(reverse("wagtailsnippets_practices_theme:add"), values)
    assert response.status_code == 200  # the form again, as for any invalid value
    assert "slug" in response.context["form"].errors
    assert list(Theme.objects.values_list("name_fr", flat=True)) == ["Habitat"]
