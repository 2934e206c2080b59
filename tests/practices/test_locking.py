"""Locking in the admin: an editor locks a case while working on it; a colleague can read it
but not save over it until it is unlocked, and the lock says who holds it."""

import pytest
from django.test import Client
from django.urls import reverse

from practices.models import CollaborationCase
from tests.practices.test_moderation import ADD_URL, case_form, member

pytestmark = pytest.mark.django_db

EDIT = "wagtailsnippets_practices_collaborationcase:edit"
LOCK = "wagtailsnippets_practices_collaborationcase:lock"
UNLOCK = "wagtailsnippets_practices_collaborationcase:unlock"


@pytest.fixture
def two_editors():
    first, second = Client(), Client()
    first.force_login(member("edith", "Editors"))
    second.force_login(member("ernest", "Editors"))
    return first, second


@pytest.fixture
def draft(two_editors):
    first, _second = two_editors
    response = first.post(reverse(ADD_URL), case_form("action-save"))  # a draft (no action: save)
    assert response.status_code == 302, response.context and response.context["form"].errors
    return CollaborationCase.objects.get(slug="cuisine-collective-seoul")


def test_a_locked_case_cannot_be_saved_by_another_editor(two_editors, draft):
    first, second = two_editors
    assert first.post(reverse(LOCK, args=[draft.pk])).status_code == 302
    draft.refresh_from_db()
    assert draft.locked and draft.locked_by.username == "edith"

    page = second.get(reverse(EDIT, args=[draft.pk]))
    assert page.status_code == 200
    assert "edith" in page.content.decode()  # who holds the lock is shown

    response = second.post(reverse(EDIT, args=[draft.pk]),
                           case_form("action-save", title_fr="Écrasé par un collègue"))
    draft.refresh_from_db()
    assert response.status_code in (200, 302)
    assert draft.title_fr == "Cuisines collectives de quartier à Séoul"
    assert not draft.revisions.filter(content__title_fr="Écrasé par un collègue").exists()


def test_after_the_unlock_the_colleague_saves_and_nothing_of_the_first_draft_is_lost(two_editors, draft):
    first, second = two_editors
    first.post(reverse(LOCK, args=[draft.pk]))
    assert first.post(reverse(UNLOCK, args=[draft.pk])).status_code == 302
    draft.refresh_from_db()
    assert not draft.locked

    revisions = draft.revisions.count()
    response = second.post(reverse(EDIT, args=[draft.pk]),
                           case_form("action-save", summary_ko="자치구와 협동조합이 함께 만든 공유 부엌."))
    assert response.status_code == 302, response.context and response.context["form"].errors
    assert draft.revisions.count() == revisions + 1
    assert draft.revisions.order_by("pk").first().content["title_fr"] == "Cuisines collectives de quartier à Séoul"


def test_an_editor_cannot_unlock_a_colleagues_lock(two_editors, draft):
    first, second = two_editors
    first.post(reverse(LOCK, args=[draft.pk]))
    second.post(reverse(UNLOCK, args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.locked and draft.locked_by.username == "edith"
