"""hreflang alternates, the sitemap and robots.txt."""

import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

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
