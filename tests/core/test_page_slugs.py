"""Translated slugs edited in the admin: the known upstream traps of wagtail-modeltranslation.

Editors change a page's address in one language only, or pick a slug a sibling already has
in that language; every language's URL must follow, and a clash must be a form error.
"""

import pytest
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from services.models import StandardPage
from tests.conftest import LANGS, add_page, four

pytestmark = pytest.mark.django_db


def edit_form(page, **changes):
    values = {}
    for code in LANGS:
        for field in ("title", "slug", "intro"):
            values[f"{field}_{code}"] = getattr(page, f"{field}_{code}") or ""
        values[f"body_{code}"] = streamfield([])
    values.update(changes)
    values.update({"comments": inline_formset([]), "action-publish": "publish"})
    return nested_form_data(values)


@pytest.fixture
def team(about):
    return add_page(about, StandardPage(
        **four("L'équipe", "The team", "El equipo", "팀"),
        **four("equipe", "team", "equipo", "팀", field="slug"),
        **four("Qui fait vivre le centre.", "Who runs the centre.", "Quién hace vivir el centro.", "센터 사람들.",
               field="intro"),
    ))


def test_changing_only_the_english_slug_moves_the_page_and_its_children_in_english(admin_client, client, about,
                                                                                    team):
    response = admin_client.post(f"/admin/pages/{about.pk}/edit/", edit_form(about, slug_en="who-we-are"))
    assert response.status_code == 302, response.context["form"].errors
    team.refresh_from_db()
    assert client.get("/en/who-we-are/").status_code == 200
    assert client.get("/en/who-we-are/team/").status_code == 200
    assert client.get("/en/about/").status_code == 404
    # The other languages keep their addresses.
    assert client.get("/fr/a-propos/equipe/").status_code == 200
    assert client.get("/ko/소개/팀/").status_code == 200
    assert team.get_alternate_urls()["en"] == "/en/who-we-are/team/"


def test_the_plain_slug_stays_the_french_one_whatever_language_the_editor_uses(admin_client, about):
    admin_client.post(f"/admin/pages/{about.pk}/edit/", edit_form(about, slug_en="who-we-are"),
                      HTTP_ACCEPT_LANGUAGE="en")
    about.refresh_from_db()
    assert about.slug_fr == "a-propos"
    assert Page.objects.get(pk=about.pk).url_path_fr.endswith("/a-propos/")


def test_a_translated_slug_taken_by_a_sibling_is_a_form_error_not_a_500(admin_client, client, home, about):
    legal = add_page(home, StandardPage(
        **four("Mentions légales", "Legal notice", "Aviso legal", "법적 고지"),
        **four("mentions-legales", "legal-notice", "aviso-legal", "법적-고지", field="slug"),
        **four("Éditeur : C.I.T.I.E.S.", field="intro"),
    ))
    response = admin_client.post(f"/admin/pages/{legal.pk}/edit/", edit_form(legal, slug_en="about"))
    assert response.status_code == 200
    assert response.context["form"].errors
    legal.refresh_from_db()
    assert legal.slug_en == "legal-notice"
    assert client.get("/en/about/").context["page"].pk == about.pk
    assert client.get("/en/legal-notice/").status_code == 200


def test_the_root_page_slug_is_never_translated(home):
    root = Page.get_first_root_node()
    assert {getattr(root, f"url_path_{code}") for code in LANGS} == {"/"}
    for code in LANGS:
        assert getattr(home, f"url_path_{code}") == "/home/"
