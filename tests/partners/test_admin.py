"""The partners' admin: listing with filters, search in every language and the missing
translations; editors submit, moderators approve through the "Moderators approve" workflow;
every step is in Wagtail's audit log with the acting user."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from wagtail.models import ModelLogEntry, WorkflowContentType, WorkflowState
from wagtail.test.utils.form_data import nested_form_data

from partners.models import Partner
from tests.conftest import LANGS

pytestmark = pytest.mark.django_db

LIST_URL = "wagtailsnippets_partners_partner:list"
ADD_URL = "wagtailsnippets_partners_partner:add"


def member(name, group):
    user = get_user_model().objects.create_user(name, f"{name}@example.org", "pw")
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def admin_client(client):
    client.force_login(get_user_model().objects.create_superuser("admin", "admin@example.org", "pw"))
    return client


def test_listing_filters_and_missing_translations(admin_client, montreal, seoul, french_only_partner, draft_partner):
    url = reverse(LIST_URL)
    content = admin_client.get(url).content.decode()
    for name in ("Ville de Montréal", "Réseau d&#x27;investissement social du Québec", "Partenaire en brouillon"):
        assert name in content
    assert "EN, ES, KO" in content  # the French-only partner
    only_missing = admin_client.get(url, {"missing_language": "ko"}).content.decode()
    assert "Réseau d&#x27;investissement" in only_missing and "Ville de Montréal" not in only_missing
    founders = admin_client.get(url, {"kind": "founder"}).content.decode()
    assert "Ville de Montréal" in founders and "Réseau d&#x27;investissement" not in founders
    seoul_only = admin_client.get(url, {"territory": "seoul"}).content.decode()
    assert "Seoul" in seoul_only or "Séoul" in seoul_only
    assert "Ville de Montréal" not in seoul_only
    drafts = admin_client.get(url, {"live": "false"}).content.decode()
    assert "Partenaire en brouillon" in drafts and "Ville de Montréal" not in drafts
    assert admin_client.get(url, {"missing_language": "xx"}).status_code == 200


@pytest.mark.parametrize("query", ["City of", "몬트리올", "Ciudad de Montreal", "ville-de-montreal"])
def test_search_finds_a_partner_by_any_language_of_its_name(admin_client, montreal, seoul, query):
    content = admin_client.get(reverse(LIST_URL), {"q": query}).content.decode()
    assert f"/admin/snippets/partners/partner/edit/{montreal.pk}/" in content
    assert f"/admin/snippets/partners/partner/edit/{seoul.pk}/" not in content


def test_add_and_edit_forms_load(admin_client, montreal):
    assert admin_client.get(reverse(ADD_URL)).status_code == 200
    assert admin_client.get(reverse("wagtailsnippets_partners_partner:edit", args=[montreal.pk])).status_code == 200


def partner_form(action, **changes):
    values = {"slug": "tiess", "acronym": "TIESS", "kind": "founder", "territory": "quebec",
              "country_code": "CA", "website": "https://tiess.ca/", "contact_email": "", "logo": "",
              "profile_confirmed_at": "", action: action.removeprefix("action-")}
    for code in LANGS:
        for field in ("name", "city", "description", "key_facts", "logo_alt"):
            values[f"{field}_{code}"] = ""
    values.update({"name_fr": "Territoires innovants en économie sociale et solidaire",
                   "description_fr": "Un réseau de liaison et de transfert.",
                   "description_ko": "연계와 이전을 위한 네트워크."})
    values.update(changes)
    return nested_form_data(values)


def test_the_moderators_workflow_applies_to_partners():
    content_type = ContentType.objects.get_for_model(Partner)
    assert WorkflowContentType.objects.get(content_type=content_type).workflow.name == "Moderators approve"


def test_an_editor_submits_a_moderator_approves_and_the_audit_log_says_who(client, directory):
    editor, moderator = member("edith", "Editors"), member("mona", "Moderators")
    client.force_login(editor)
    response = client.post(reverse(ADD_URL), partner_form("action-publish"))
    assert not Partner.objects.filter(slug="tiess", live=True).exists(), "an editor must not publish"
    Partner.objects.filter(slug="tiess").delete()

    response = client.post(reverse(ADD_URL), partner_form("action-submit"))
    assert response.status_code == 302, response.context and response.context["form"].errors
    partner = Partner.objects.get(slug="tiess")
    assert not partner.live
    state = WorkflowState.objects.for_instance(partner).get()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    client.logout()
    assert client.get("/fr/partenaires/tiess/").status_code == 404

    client.force_login(moderator)
    url = reverse("wagtailsnippets_partners_partner:workflow_action",
                  args=[partner.pk, "approve", state.current_task_state.pk])
    assert client.post(url, {"comment": "Vérifié."}).status_code in (200, 302)
    partner.refresh_from_db()
    assert partner.live
    client.logout()
    assert "연계와 이전을 위한 네트워크." in client.get("/ko/파트너/tiess/").content.decode()

    log = {(entry.action, entry.user_id) for entry in ModelLogEntry.objects.for_instance(partner)}
    assert ("wagtail.create", editor.pk) in log
    assert ("wagtail.workflow.start", editor.pk) in log
    assert ("wagtail.workflow.approve", moderator.pk) in log
    assert ("wagtail.publish", moderator.pk) in log


def test_a_rejection_is_logged_with_the_comment_and_keeps_the_live_profile(client, montreal):
    editor, moderator = member("edith", "Editors"), member("mona", "Moderators")
    client.force_login(editor)
    edit_url = reverse("wagtailsnippets_partners_partner:edit", args=[montreal.pk])
    values = {"slug": montreal.slug, "acronym": "", "kind": "founder", "territory": "quebec", "country_code": "CA",
              "website": montreal.website, "contact_email": montreal.contact_email, "logo": "",
              "profile_confirmed_at": "", "action-submit": "submit"}
    for code in LANGS:
        for field in ("name", "city", "description", "key_facts", "logo_alt"):
            values[f"{field}_{code}"] = getattr(montreal, f"{field}_{code}") or ""
    values["description_en"] = "An unverified claim."
    response = client.post(edit_url, nested_form_data(values))
    assert response.status_code == 302, response.context and response.context["form"].errors
    state = WorkflowState.objects.for_instance(montreal).get()

    client.force_login(moderator)
    url = reverse("wagtailsnippets_partners_partner:workflow_action",
                  args=[montreal.pk, "reject", state.current_task_state.pk])
    assert client.post(url, {"comment": "Source, please."}).status_code in (200, 302)
    client.logout()
    content = client.get("/en/partners/ville-de-montreal/").content.decode()
    assert "An unverified claim." not in content and "The city co-hosted GSEF2016." in content
    entries = list(ModelLogEntry.objects.for_instance(montreal).filter(action="wagtail.workflow.reject"))
    assert [entry.user_id for entry in entries] == [moderator.pk]
    assert entries[0].data.get("comment") == "Source, please."


def test_admin_preview_shows_the_profile_as_visitors_will_see_it(admin_client, montreal):
    values = {"slug": montreal.slug, "acronym": "", "kind": "founder", "territory": "quebec", "country_code": "CA",
              "website": montreal.website, "contact_email": montreal.contact_email, "logo": "",
              "profile_confirmed_at": ""}
    for code in LANGS:
        for field in ("name", "city", "description", "key_facts", "logo_alt"):
            values[f"{field}_{code}"] = getattr(montreal, f"{field}_{code}") or ""
    values["description_fr"] = "Une description en aperçu."
    url = reverse("wagtailsnippets_partners_partner:preview_on_edit", args=[montreal.pk])
    response = admin_client.post(url, nested_form_data(values))
    assert response.status_code == 200 and response.json()["is_valid"]
    content = admin_client.get(url).content.decode()
    assert "Une description en aperçu." in content and "Ville de Montréal" in content
