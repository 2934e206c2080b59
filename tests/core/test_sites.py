"""The request's Wagtail site, kept per content generation (cities_portal/sites.py)."""

from unittest import mock

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site

from cities_portal import sites
from cities_portal.tree import prepare_root
from services.models import HomePage
from tests.conftest import four

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_site(home):
    """A second site (another hostname) with a home page of its own."""
    other = HomePage(**four("Autre accueil", "Other home", "Otro inicio", "다른 홈"),
                     **four("autre", "other", "otro", "다른", field="slug"),
                     **four("Un autre site", "Another site", "Otro sitio", "다른 사이트", field="hero_title"))
    prepare_root().add_child(instance=other)
    other.save_revision().publish()
    return Site.objects.create(hostname="127.0.0.1", port=80, root_page=other, site_name="Autre")


def test_each_hostname_gets_its_own_site(client, home, second_site):
    assert "Des villes et des citoyens" in client.get("/fr/", HTTP_HOST="localhost").content.decode()
    assert "Un autre site" in client.get("/fr/", HTTP_HOST="127.0.0.1").content.decode()
    # Asked again (now from what the worker kept), each keeps its own.
    assert "Des villes et des citoyens" in client.get("/fr/", HTTP_HOST="localhost").content.decode()
    assert "Un autre site" in client.get("/fr/", HTTP_HOST="127.0.0.1").content.decode()
    # An unknown hostname falls back to the default site, as Wagtail does.
    assert "Des villes et des citoyens" in client.get("/fr/", HTTP_HOST="testserver").content.decode()


def test_the_site_is_read_once_per_generation(client, home):
    client.get("/fr/")
    with CaptureQueriesContext(connection) as kept:
        client.get("/fr/")
    with mock.patch("cities_portal.page_cache.generation", return_value=None), \
            CaptureQueriesContext(connection) as uncached:
        client.get("/fr/")

    def reading(table, queries):
        return [q["sql"] for q in queries.captured_queries if f'FROM "{table}"' in q["sql"]]

    # Without a generation, Wagtail's own lookup runs and the home page's row is read...
    assert reading("wagtailcore_site", uncached) and reading("services_homepage", uncached)
    # ...with one, neither the site nor the root page (the home page, served here) is read.
    assert not reading("wagtailcore_site", kept) and not reading("services_homepage", kept)
    assert len(kept.captured_queries) < len(uncached.captured_queries)


def test_a_changed_site_is_seen_at_once(client, home, second_site):
    assert "Un autre site" in client.get("/fr/", HTTP_HOST="127.0.0.1").content.decode()
    second_site.hostname = "autre.example"
    second_site.save()  # bumps the content generation
    assert "Des villes et des citoyens" in client.get("/fr/", HTTP_HOST="127.0.0.1").content.decode()
    home_page = Page.objects.get(pk=home.pk).specific
    home_page.hero_title_fr = "Des villes solidaires"
    home_page.save_revision().publish()
    assert "Des villes solidaires" in client.get("/fr/", HTTP_HOST="localhost").content.decode()


def test_each_request_has_its_own_copies(home):
    first = sites.site_for(RequestFactory().get("/fr/", HTTP_HOST="localhost"))
    first.root_page.visited_by_first = True
    first.site_name = "changed by a request"
    second = sites.site_for(RequestFactory().get("/fr/", HTTP_HOST="localhost"))
    assert second.pk == first.pk == Site.objects.get(is_default_site=True).pk
    assert not hasattr(second.root_page, "visited_by_first")
    assert second.site_name == "C.I.T.I.E.S."
    assert second.root_page.pk == home.pk
