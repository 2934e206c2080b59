"""Map view: same filtered set, data as JSON read by a static script, a list alternative."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db


def map_data(content):
    match = re.search(r'<script id="library-map-data" type="application/json">(.*?)</script>', content, re.S)
    return json.loads(match.group(1))


def test_map_view_of_the_filtered_set(client, library, items):
    response = client.get(library.url, {"view": "map", "country": "KR"})
    assert response.status_code == 200
    content = response.content.decode()
    data = map_data(content)
    assert len(data["places"]) == 1
    seoul = data["places"][0]
    assert seoul["lat"] == pytest.approx(37.5665) and seoul["lng"] == pytest.approx(126.978)
    assert {item["url"].split("?")[0] for item in seoul["items"]} == {
        library.url + "seoul-ecosystem/", library.url + "seoul-co-governance/"}
    assert all("country=KR" in item["url"] and "view=map" not in item["url"] for item in seoul["items"])
    # The list alternative holds the same items, with real links.
    assert f'href="{library.url}seoul-ecosystem/?country=KR"' in content
    # The filter form keeps the map view.
    assert '<input type="hidden" name="view" value="map">' in content


def test_map_data_uses_the_configured_tiles(client, library, items, settings):
    settings.PRACTICES_MAP_TILES_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    data = map_data(client.get(library.url, {"view": "map"}).content.decode())
    assert data["tiles"] == "https://tiles.example.org/{z}/{x}/{y}.png"
    assert {place["name"] for place in data["places"]} == {"Montréal", "Séoul", "Mondragón"}
    settings.PRACTICES_MAP_TILES_URL = ""
    assert map_data(client.get(library.url, {"view": "map"}).content.decode())["tiles"] == ""


def test_map_page_has_no_inline_executable_script(client, library, items):
    content = client.get(library.url, {"view": "map"}).content.decode()
    for attrs, _body in re.findall(r"<script([^>]*)>(.*?)</script>", content, re.S):
        assert "src=" in attrs or 'type="application/json"' in attrs, attrs
    for name in ("practices/vendor/leaflet/leaflet.js", "practices/library-map.js",
                 "practices/vendor/leaflet.markercluster/leaflet.markercluster.js"):
        assert f"/static/{name}" in content
        assert finders.find(name)


def test_map_titles_cannot_inject_markup(client, library, items):
    from tests.practices.factories import practice

    practice("injection", "</script><script>alert(1)</script>", territory=items["cdec"].territory)
    content = client.get(library.url, {"view": "map"}).content.decode()
    assert "<script>alert(1)" not in content
    titles = [item["title"] for place in map_data(content)["places"] for item in place["items"]]
    assert "</script><script>alert(1)</script>" in titles


def test_vendored_libraries_ship_with_their_licences():
    vendor = Path(settings.BASE_DIR) / "practices" / "static" / "practices" / "vendor"
    assert "Redistribution and use" in (vendor / "leaflet" / "LICENSE").read_text()
    assert "Permission is hereby granted" in (vendor / "leaflet.markercluster" / "LICENSE").read_text()
    script = (Path(settings.BASE_DIR) / "practices" / "static" / "practices" / "library-map.js").read_text()
    assert "tileerror" in script and "markerClusterGroup" in script


def test_empty_map(client, library):
    response = client.get(library.url, {"view": "map"})
    assert response.status_code == 200
    assert "library-map-data" not in response.content.decode()
