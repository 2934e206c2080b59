"""Isolation: the whole matrix of roles × actions × objects in the partner space.

Roles: anonymous, the representative of A, of B, an editor, a moderator, a superuser.
Actions: view, edit (save a draft), submit, publish (a forged action), delete.
Objects: A's profile, B's profile, A's proposal, B's proposal, a practice A proposed that a
moderator published.

A representative reaches only its own partner's objects; anything else is 404 (it does not
exist for them) and an action the space does not offer is 403. Editors, moderators and
superusers work in the admin: the space answers them 403 with a pointer to the admin.
Whatever the answer, every object the request was not allowed to change is unchanged,
row, revisions, workflow states, audit log and relations included.
"""

import pytest
from django.urls import reverse
from django.utils.html import escape

from tests.partners.space.conftest import logged_in
from tests.partners.space.helpers import moderate, profile_data, snapshot

ROLES = ["anonymous", "rep_a", "rep_b", "editor", "moderator", "superuser"]
ACTIONS = ["view", "edit", "submit", "publish", "delete"]
OBJECTS = ["profile_a", "profile_b", "proposal_a", "proposal_b", "published_a"]

OWNER = {"profile_a": "rep_a", "profile_b": "rep_b", "proposal_a": "rep_a", "proposal_b": "rep_b",
         "published_a": "rep_a"}
STAFF = {"editor", "moderator", "superuser"}


def expected(role, action, obj):
    """(status code, whether the object changes)."""
    is_profile = obj.startswith("profile")
    if is_profile and action == "delete":
        return 404, False  # there is no way to delete a profile from the space
    if role == "anonymous":
        return 302, False  # to the login page
    if role in STAFF:
        return 403, False  # pointed to the admin
    if OWNER[obj] != role:
        return 404, False
    if action == "view":
        return 200, False
    if action == "publish":
        return 403, False
    if obj == "published_a":
        return 403, False  # published: no more changes from the space
    return 302, True


@pytest.fixture
def world(partner_a, partner_b, rep_a, rep_b, editor, moderator, superuser, proposal_a, proposal_b, published_a):
    return {
        "users": {"anonymous": None, "rep_a": rep_a, "rep_b": rep_b, "editor": editor, "moderator": moderator,
                  "superuser": superuser},
        "objects": {"profile_a": partner_a, "profile_b": partner_b, "proposal_a": proposal_a,
                    "proposal_b": proposal_b, "published_a": published_a},
    }


def request_for(action, name, obj):
    """The request a person (or a forger) would send for `action` on `obj`."""
    if name.startswith("profile"):
        url = reverse("partner_space:partner_edit", kwargs={"slug": obj.slug})
        if action == "view":
            return "get", url, None
        if action == "delete":
            return "post", url + "delete/", {}
        forms = {"edit": "draft", "submit": "submit", "publish": "publish"}
        return "post", url, profile_data(obj, description_fr="Changé par la requête.", action=forms[action])
    url = reverse("partner_space:practice_edit", kwargs={"pk": obj.pk})
    if action == "view":
        return "get", url, None
    if action == "delete":
        return "post", reverse("partner_space:practice_delete", kwargs={"pk": obj.pk}), {}
    forms = {"edit": "draft", "submit": "submit", "publish": "publish"}
    return "post", url, {"title_fr": "Changé par la requête", "action": forms[action], "live": "on"}


def check(client, world, role, action, obj_name):
    user = world["users"][role]
    target = world["objects"][obj_name]
    before = {name: snapshot(obj) for name, obj in world["objects"].items()}
    method, url, data = request_for(action, obj_name, target)
    logged_in(client, user)
    response = getattr(client, method)(url, data) if data is not None else getattr(client, method)(url)
    cell = (role, action, obj_name, url)

    status, changes = expected(role, action, obj_name)
    assert response.status_code == status, cell
    if status == 302 and role == "anonymous":
        assert response["Location"].startswith(reverse("partner_space:login")), cell
    if status == 200:
        label = target.title if hasattr(target, "title") else target.name
        assert escape(label) in response.content.decode(), cell

    after = {name: snapshot(obj) for name, obj in world["objects"].items()}
    for name in OBJECTS:
        if name == obj_name and changes:
            assert after[name] != before[name], f"{cell} should have changed {name}"
            if after[name]["row"] is not None and not name.startswith("profile"):
                assert not after[name]["row"]["live"], cell  # a proposal never goes live from the space
        else:
            assert after[name] == before[name], f"{cell} changed {name}"
    client.logout()


# Each test is one role on one object; it runs the five actions in turn (delete last, as it
# removes the object), checking the answer and the whole database state after each one.
@pytest.mark.parametrize("obj_name", OBJECTS)
@pytest.mark.parametrize("role", ROLES)
def test_matrix(client, world, role, obj_name):
    for action in ("view", "publish", "edit", "submit", "delete"):
        check(client, world, role, action, obj_name)


def test_the_matrix_covers_every_combination():
    assert len(ROLES) * len(ACTIONS) * len(OBJECTS) == 150


# --- Forged ids and fields ----------------------------------------------------------------
def test_a_representative_cannot_create_a_proposal_for_another_partner(client, rep_a, partner_b):
    logged_in(client, rep_a)
    response = client.post(reverse("partner_space:practice_create", kwargs={"slug": partner_b.slug}),
                           {"title_fr": "Forgé", "action": "submit"})
    assert response.status_code == 404
    assert not partner_b.proposed_goodpractices.exists()


def test_a_case_id_cannot_be_reached_through_the_practice_urls(client, rep_a, partner_a, partner_b):
    from practices.models import CollaborationCase

    case_b = CollaborationCase(slug="cas-b", title="Cas de B", title_fr="Cas de B", live=False,
                               proposed_by_partner=partner_b)
    case_b.save()
    logged_in(client, rep_a)
    for name in ("case_edit", "case_delete", "practice_edit"):
        assert client.get(reverse(f"partner_space:{name}", kwargs={"pk": case_b.pk})).status_code == 404
    assert CollaborationCase.objects.filter(pk=case_b.pk).exists()


def test_editing_a_proposal_keeps_its_partner_whatever_the_form_says(client, rep_a, proposal_a, partner_b):
    logged_in(client, rep_a)
    client.post(reverse("partner_space:practice_edit", kwargs={"pk": proposal_a.pk}),
                {"title_fr": "Titre", "proposed_by_partner": partner_b.pk, "partners": [partner_b.pk],
                 "live": "on", "owner": "1", "action": "draft"})
    proposal_a.refresh_from_db()
    assert proposal_a.proposed_by_partner_id != partner_b.pk
    assert partner_b.pk not in proposal_a.partners.values_list("pk", flat=True)
    assert not proposal_a.live


def test_a_representative_without_partner_is_refused(client, db):
    from tests.partners.space.conftest import make_user

    logged_in(client, make_user("lonely"))
    response = client.get(reverse("partner_space:dashboard"))
    assert response.status_code == 403


def test_staff_get_a_pointer_to_the_admin(client, editor):
    logged_in(client, editor)
    response = client.get(reverse("partner_space:dashboard"))
    assert response.status_code == 403
    assert 'href="/admin/"' in response.content.decode()


# --- Publishing happens in the admin, by moderators only ------------------------------------
@pytest.mark.parametrize("role,approves", [("editor", False), ("moderator", True), ("superuser", True),
                                           ("rep_a", False)])
def test_only_moderators_approve_in_the_admin(client, world, role, approves):
    from django.contrib.admin.utils import quote
    from wagtail.models import WorkflowState

    from partners.models import Partner

    rep_a = world["users"]["rep_a"]
    partner_a = world["objects"]["profile_a"]
    logged_in(client, rep_a).post(reverse("partner_space:partner_edit", kwargs={"slug": partner_a.slug}),
                                  profile_data(partner_a, description_fr="En attente."))
    if approves:
        moderate(client, world["users"][role], partner_a, "approve")
        assert Partner.objects.get(pk=partner_a.pk).description_fr == "En attente."
        return
    state = WorkflowState.objects.active().for_instance(partner_a).get()
    url = reverse(Partner.snippet_viewset.get_url_name("workflow_action"),
                  args=[quote(partner_a.pk), "approve", state.current_task_state_id])
    client.force_login(world["users"][role])
    response = client.post(url, {"comment": ""})
    assert response.status_code in (302, 403)
    assert Partner.objects.get(pk=partner_a.pk).description_fr != "En attente."
    assert WorkflowState.objects.active().for_instance(partner_a).get().status == WorkflowState.STATUS_IN_PROGRESS


@pytest.mark.parametrize("path", [
    "/fr/espace-partenaires/propositions/pratique/99999999999999999999999/",
    "/fr/espace-partenaires/propositions/cas/99999999999999999999999/supprimer/",
    "/fr/espace-partenaires/organisation/%00/",
    "/fr/espace-partenaires/organisation/" + "x" * 300 + "/nouvelle-pratique/",
])
def test_out_of_range_or_malformed_addresses_are_404(client, rep_a, path):
    logged_in(client, rep_a)
    assert client.get(path).status_code == 404
    assert client.post(path, {"action": "submit", "title_fr": "x"}).status_code == 404
