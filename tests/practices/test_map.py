"""Map view: same filtered set, data as JSON read by a static script, a list alternative, and
a background of our own (country outlines served as a static file) unless a tile server is
configured."""

import gzip
import json
import re
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path
from urllib.parse import urlsplit

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
    assert "Natural Earth" in (vendor / "world-atlas" / "LICENSE").read_text()
    assert "scripts/build_world_basemap.py" in (vendor / "README.md").read_text()
    script = (Path(settings.BASE_DIR) / "practices" / "static" / "practices" / "library-map.js").read_text()
    assert "tileerror" in script and "markerClusterGroup" in script


def test_empty_map(client, library):
    response = client.get(library.url, {"view": "map"})
    assert response.status_code == 200
    assert "library-map-data" not in response.content.decode()


# --- The default background: nothing from another host ------------------------------------
class LoadedResources(HTMLParser):
    """URLs the browser would fetch by itself: scripts, stylesheets, icons, images, frames..."""

    LOADING = {"script": ["src"], "link": ["href"], "img": ["src", "srcset"], "source": ["src", "srcset"],
               "iframe": ["src"], "video": ["src", "poster"], "audio": ["src"], "embed": ["src"],
               "object": ["data"], "track": ["src"]}

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and not set((attrs.get("rel") or "").split()) - {"alternate", "canonical"}:
            return  # links to other pages (hreflang, feeds, canonical), not loaded
        for name in self.LOADING.get(tag, []):
            for candidate in (attrs.get(name) or "").split(","):
                if candidate.strip():
                    self.urls.append(candidate.strip().split()[0])


def elsewhere(url):
    """True for a URL on another host (absolute or protocol-relative)."""
    return bool(urlsplit(url).netloc) or urlsplit(url).scheme not in ("", "data")


def test_default_map_view_loads_nothing_from_another_host(client, library, items):
    assert settings.PRACTICES_MAP_TILES_URL == "", "by default no tile server is configured"
    response = client.get(library.url, {"view": "map"})
    content = response.content.decode()
    data = map_data(content)
    assert data["tiles"] == ""
    assert data["basemap"] == f"{settings.STATIC_URL}{settings.PRACTICES_MAP_BASEMAP}"
    parser = LoadedResources()
    parser.feed(content)
    assert "/static/practices/vendor/leaflet/leaflet.js" in parser.urls
    assert [url for url in parser.urls if elsewhere(url)] == []
    policy = dict(
        (directive.split()[0], directive.split()[1:])
        for directive in response["Content-Security-Policy"].split(";") if directive.strip()
    )
    sources = {source for values in policy.values() for source in values}
    assert sources <= {"'self'", "'none'", "data:"} | {s for s in sources if s.startswith("'nonce-")}, sources
    assert policy["img-src"] == ["'self'", "data:"] and policy["connect-src"] == ["'self'"]


def point_in_ring(lng, lat, ring):
    inside = False
    for (x1, y1), (x2, y2) in pairwise(ring):
        if (y1 > lat) != (y2 > lat) and lng < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def on_land(world, lng, lat):
    for feature in world["features"]:
        geometry = feature["geometry"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        for rings in polygons:
            if point_in_ring(lng, lat, rings[0]) and not any(point_in_ring(lng, lat, hole) for hole in rings[1:]):
                return True
    return False


def test_basemap_is_served_from_our_static_files_and_is_valid_geojson(client, library, items):
    data = map_data(client.get(library.url, {"view": "map"}).content.decode())
    response = client.get(data["basemap"])  # WhiteNoise, through its finders in the tests
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    world = json.loads(body)
    assert world["type"] == "FeatureCollection"
    assert len(world["features"]) > 150
    for feature in world["features"]:
        assert feature["type"] == "Feature"
        geometry = feature["geometry"]
        assert geometry["type"] in ("Polygon", "MultiPolygon")
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        for rings in polygons:
            for ring in rings:
                assert len(ring) >= 4 and ring[0] == ring[-1], "a linear ring is closed"
                assert all(-360 <= lng <= 360 and -90 <= lat <= 90 for lng, lat in ring)
                # No line across the whole map where a country crosses the antimeridian
                # (Antarctica's ring around the pole closes along the map's bottom edge).
                assert all(abs(a[0] - b[0]) <= 180 or abs(a[1]) > 80 for a, b in pairwise(ring))
    # The places of the fixtures stand on land, and the open sea does not.
    assert {place["name"] for place in data["places"]} == {"Montréal", "Séoul", "Mondragón"}
    for place in data["places"]:
        assert on_land(world, place["lng"], place["lat"]), place["name"]
    assert not on_land(world, -30.0, 40.0), "the middle of the Atlantic"
    # Fetched by the map view only, but kept small all the same.
    assert len(gzip.compress(body, compresslevel=6)) < 64 * 1024
