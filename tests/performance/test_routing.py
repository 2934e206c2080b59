"""Routing in one query (cities_portal/routing.py) keeps Wagtail's and wagtail-modeltranslation's
rules, and the menu, breadcrumbs and footer it feeds show what their own queries showed."""

import re
from urllib.parse import unquote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import PageViewRestriction

from services.models import HomePage, StandardPage
from tests.conftest import add_page, four

pytestmark = pytest.mark.django_db


def url(page, code="fr"):
    with translation.override(code):
        return page.get_url()


@pytest.fixture
def team(about):
    """/fr/a-propos/equipe/ with a Korean title but no Korean slug (Korean falls back to it)."""
    return add_page(about, StandardPage(
        show_in_footer=True,
        **four("L'équipe", "The team", "El equipo", "팀"),
        **four("equipe", "team", "equipo", "", field="slug"),
    ))


def test_the_home_page_routes_the_whole_path():
    # Installed by ServicesConfig.ready(), after wagtail-modeltranslation patched every page.
    assert HomePage.route is HomePage.route_whole_path


@pytest.mark.parametrize("code, path", [("fr", "/fr/a-propos/equipe/"), ("en", "/en/about/team/"),
                                        ("es", "/es/quienes-somos/equipo/"), ("ko", "/ko/소개/equipe/")])
def test_pages_are_found_by_their_slug_in_the_language_or_the_french_one(client, team, code, path):
    assert unquote(url(team, code)) == path
    response = client.get(path)
    assert response.status_code == 200
    assert response.context["page"].pk == team.pk


@pytest.mark.parametrize("path", ["/fr/about/team/", "/en/a-propos/team/", "/fr/a-propos/inconnue/",
                                  "/fr/a-propos/equipe/plus-bas/", "/ko/소개/team/"])
def test_a_slug_of_another_language_or_an_unknown_one_is_a_404(client, team, path):
    assert client.get(path).status_code == 404


def test_a_page_under_an_unpublished_parent_is_reached_as_wagtail_does(client, about, team):
    about.unpublish()
    assert client.get("/fr/a-propos/").status_code == 404
    assert client.get("/fr/a-propos/equipe/").status_code == 200
    team.unpublish()
    assert client.get("/fr/a-propos/equipe/").status_code == 404


def test_routable_pages_serve_their_own_routes(client, library, items):
    assert client.get(library.url).status_code == 200
    assert client.get(library.item_url("mondragon")).context["item"].slug == "mondragon"
    assert client.get(f"{library.url}feed/rss/").status_code == 200
    assert client.get(library.item_url("brouillon-secret")).status_code == 404


def test_breadcrumbs_come_from_the_route_without_a_query_for_the_ancestors(client, team, about):
    client.get("/en/about/team/")
    with CaptureQueriesContext(connection) as context:
        html = client.get("/en/about/team/").content.decode()
    crumbs = re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.S).group(0)
    assert re.findall(r"<li>(.*?)</li>", crumbs, re.S) == [
        '<a href="/en/">Home</a>', '<a href="/en/about/">About</a>', '<span aria-current="page">The team</span>']
    assert not [q for q in context.captured_queries if '"wagtailcore_page"."path" IN' in q["sql"]]


def test_private_and_unpublished_pages_stay_out_of_the_menu_and_the_footer(client, home, about, team):
    legal = add_page(home, StandardPage(show_in_footer=True, **four("Mentions légales", "Legal notice"),
                                        **four("mentions-legales", "legal-notice", field="slug")))
    html = client.get("/en/").content.decode()
    assert "/en/about/" in html.split('class="main-nav"', 1)[1].split("</nav>", 1)[0]
    footer = re.search(r"<footer.*?</footer>", html, re.S).group(0)
    assert "/en/about/team/" in footer and "/en/legal-notice/" in footer
    PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.PASSWORD, password="x")
    legal.unpublish()
    html = client.get("/en/").content.decode()
    assert "/en/about/" not in html.split('class="main-nav"', 1)[1].split("</nav>", 1)[0]
    footer = re.search(r"<footer.*?</footer>", html, re.S).group(0)
    assert "/en/about/team/" not in footer and "/en/legal-notice/" not in footer


def test_the_pages_kept_for_routing_follow_renames_moves_and_new_pages(client, home, about, team):
    from unittest import mock

    assert client.get("/fr/a-propos/equipe/").status_code == 200
    with CaptureQueriesContext(connection) as kept:
        assert client.get("/fr/a-propos/equipe/").status_code == 200
    # A request routed from the kept pages reads no page row but the page served.
    assert not [q for q in kept.captured_queries if 'FROM "wagtailcore_page" WHERE' in q["sql"]
                and '"wagtailcore_page"."depth" >' in q["sql"]]

    team.slug_fr = team.slug = "notre-equipe"
    team.save_revision().publish()
    assert client.get("/fr/a-propos/notre-equipe/").status_code == 200
    assert client.get("/fr/a-propos/equipe/").status_code == 404

    team.refresh_from_db()
    team.move(home, pos="last-child")
    assert client.get("/fr/notre-equipe/").status_code == 200
    moved = client.get("/fr/a-propos/notre-equipe/")  # Wagtail's automatic redirect from the old address
    assert (moved.status_code, moved["Location"]) == (301, "/fr/notre-equipe/")

    add_page(about, StandardPage(**four("Histoire", "History", "Historia", "역사"),
                                 **four("histoire", "history", "historia", "역사", field="slug")))
    assert client.get("/en/about/history/").status_code == 200
    # Without a content generation (the cache unreachable) routing asks the database itself.
    with mock.patch("cities_portal.page_cache.generation", return_value=None):
        assert client.get("/es/quienes-somos/historia/").status_code == 200
        assert client.get("/fr/a-propos/equipe/").status_code == 404


def test_the_page_served_is_read_once_per_generation_and_each_request_gets_its_own(client, home, about, team):
    from cities_portal import routing

    specific_row = re.compile(r'WHERE "services_standardpage"."page_ptr_id" = \d+ LIMIT')
    with CaptureQueriesContext(connection) as once:
        assert client.get("/fr/a-propos/equipe/").status_code == 200
    assert [q for q in once.captured_queries if specific_row.search(q["sql"])]
    with CaptureQueriesContext(connection) as again:
        first = client.get("/fr/a-propos/equipe/").context["page"]
    # Not its specific row: the page was read by the first request.
    assert not [q for q in again.captured_queries if specific_row.search(q["sql"])]
    second = client.get("/fr/a-propos/equipe/").context["page"]
    assert first is not second and first.pk == second.pk == team.pk
    kept = routing._specifics[team.pk][1]
    assert kept is not first and kept is not second
    # What a request sets on its page is its own.
    first.title = "Changed by one request"
    first._state.fields_cache["owner"] = None
    third = client.get("/fr/a-propos/equipe/")
    assert third.context["page"].title == "L'équipe"
    assert "owner" not in third.context["page"]._state.fields_cache
    assert "Changed by one request" not in third.content.decode()

    # A published edit is served at once, in every language.
    team.title_fr = team.title = "Notre équipe"
    team.title_ko = "우리 팀"
    team.save_revision().publish()
    assert "Notre équipe" in client.get("/fr/a-propos/equipe/").content.decode()
    assert "우리 팀" in client.get("/ko/소개/equipe/").content.decode()
    team.refresh_from_db()
    team.unpublish()
    assert client.get("/fr/a-propos/equipe/").status_code == 404
