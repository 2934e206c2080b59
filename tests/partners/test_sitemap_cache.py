"""The directory and every live profile are in the sitemap in four languages with their
alternates; a change to a partner invalidates the anonymous page cache."""

import xml.etree.ElementTree as ET
from urllib.parse import unquote, urlsplit

import pytest
from django.core.cache import cache
from django.test import override_settings

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    tree = ET.fromstring(response.content)
    return {unquote(url.find("s:loc", NS).text): {a.get("hreflang"): unquote(a.get("href"))
                                                    for a in url.findall("x:link", NS)}
            for url in tree.findall("s:url", NS)}


def test_sitemap_lists_directory_and_live_profiles_with_alternates(client, montreal, french_only_partner,
                                                                   draft_partner):
    entries = sitemap(client)
    paths = {urlsplit(location).path for location in entries}
    for prefix in ("/fr/partenaires/", "/en/partners/", "/es/socios/", "/ko/파트너/"):
        assert prefix in paths
        assert f"{prefix}ville-de-montreal/" in paths
        assert f"{prefix}risq/" in paths
        assert f"{prefix}brouillon-secret/" not in paths
    alternates = next(alt for loc, alt in entries.items() if loc.endswith("/es/socios/ville-de-montreal/"))
    assert {code: urlsplit(url).path for code, url in alternates.items()} == {
        "fr": "/fr/partenaires/ville-de-montreal/", "en": "/en/partners/ville-de-montreal/",
        "es": "/es/socios/ville-de-montreal/", "ko": "/ko/파트너/ville-de-montreal/",
        "x-default": "/fr/partenaires/ville-de-montreal/",
    }
    for location in entries:
        if "/partenaires/" in location or "/partners/" in location:
            assert client.get(urlsplit(location).path).status_code == 200, location


def test_unpublished_partner_leaves_the_sitemap(client, montreal):
    montreal.unpublish()
    assert not any("ville-de-montreal" in location for location in sitemap(client))


@pytest.fixture
def page_cache():
    cache.clear()
    with override_settings(PAGE_CACHE_SECONDS=300):
        yield
    cache.clear()


def test_publishing_a_partner_change_invalidates_the_cached_pages(client, montreal, page_cache):
    for url in ("/en/partners/ville-de-montreal/", "/en/partners/", "/en/"):
        assert client.get(url)["X-Page-Cache"] == "miss"
        assert client.get(url)["X-Page-Cache"] == "hit"
    montreal.name_en = "Montréal City Hall"
    montreal.description_en = "A brand new description."
    montreal.save_revision().publish()
    response = client.get("/en/partners/ville-de-montreal/")
    assert response["X-Page-Cache"] == "miss"
    assert "A brand new description." in response.content.decode()
    assert "Montréal City Hall" in client.get("/en/partners/").content.decode()
    assert "Montréal City Hall" in client.get("/en/").content.decode()


def test_unpublishing_a_partner_invalidates(client, montreal, page_cache):
    assert client.get("/fr/partenaires/ville-de-montreal/").status_code == 200
    assert "ville-de-montreal" in client.get("/fr/partenaires/").content.decode()
    montreal.unpublish()
    assert client.get("/fr/partenaires/ville-de-montreal/").status_code == 404
    assert "ville-de-montreal" not in client.get("/fr/partenaires/").content.decode()


def test_a_draft_change_is_never_served_even_after_the_cache_refreshes(client, montreal, page_cache):
    client.get("/en/partners/ville-de-montreal/")
    montreal.description_en = "Draft words."
    montreal.save_revision()
    assert "Draft words." not in client.get("/en/partners/ville-de-montreal/").content.decode()
