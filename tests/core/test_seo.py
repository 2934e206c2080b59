"""hreflang alternates, the sitemap and robots.txt."""

import re
import xml.etree.ElementTree as ET
from urllib.parse import unquote, urlsplit

import pytest

from tests.conftest import LANGS

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def hreflangs(html):
    return dict(re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">', html))


@pytest.mark.parametrize("code", LANGS)
def test_every_page_has_four_alternates_and_x_default_that_answer(client, about, code):
    path = about.get_alternate_urls()[code]
    links = hreflangs(client.get(path).content.decode())
    assert set(links) == {"fr", "en", "es", "ko", "x-default"}
    assert links["x-default"] == links["fr"]
    for url in links.values():
        assert client.get(urlsplit(url).path).status_code == 200


def test_sitemap_lists_every_live_page_in_every_language_with_alternates(client, about, french_only):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    tree = ET.fromstring(response.content)
    urls = tree.findall("s:url", NS)
    locations = [u.find("s:loc", NS).text for u in urls]
    # home, about and the legal notice, four languages each
    assert len(locations) == 3 * 4
    assert len(set(locations)) == len(locations)
    for url in urls:
        alternates = {a.get("hreflang"): a.get("href") for a in url.findall("x:link", NS)}
        assert set(alternates) == {"fr", "en", "es", "ko", "x-default"}
        assert url.find("s:loc", NS).text in alternates.values()
    for location in locations:
        assert client.get(urlsplit(location).path).status_code == 200


def test_sitemap_leaves_out_drafts(client, about):
    about.unpublish()
    locations = ET.fromstring(client.get("/sitemap.xml").content).findall("s:url/s:loc", NS)
    assert all("about" not in loc.text and "a-propos" not in loc.text for loc in locations)


def test_robots_points_to_the_sitemap(client, home):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()


# The Site record says localhost:80 (a fresh install's default); the site is reached at
# another address, behind HTTPS.
VISITED_HOST = "127.0.0.1:8443"


def test_sitemap_addresses_use_the_scheme_and_host_of_the_request(client, about):
    response = client.get("/sitemap.xml", HTTP_HOST=VISITED_HOST, secure=True)
    tree = ET.fromstring(response.content)
    addresses = [loc.text for loc in tree.findall("s:url/s:loc", NS)]
    addresses += [link.get("href") for link in tree.findall("s:url/x:link", NS)]
    assert addresses
    for address in addresses:
        parts = urlsplit(address)
        assert (parts.scheme, parts.netloc) == ("https", VISITED_HOST), address
    paths = {unquote(urlsplit(loc.text).path) for loc in tree.findall("s:url/s:loc", NS)}
    assert {"/fr/a-propos/", "/ko/소개/"} <= paths


@pytest.mark.parametrize("code, path", [("fr", "/fr/a-propos/"), ("ko", "/ko/소개/")])
def test_hreflang_links_use_the_host_of_the_request(client, about, code, path):
    html = client.get(path, HTTP_HOST=VISITED_HOST, secure=True).content.decode()
    links = hreflangs(html)
    assert unquote(links["ko"]) == f"https://{VISITED_HOST}/ko/소개/"
    assert unquote(links["x-default"]) == f"https://{VISITED_HOST}/fr/a-propos/"


def test_robots_points_to_the_sitemap_on_the_host_of_the_request(client, home):
    response = client.get("/robots.txt", HTTP_HOST=VISITED_HOST, secure=True)
    assert f"Sitemap: https://{VISITED_HOST}/sitemap.xml" in response.content.decode()
