"""The file cache of a machine without Redis (CACHE_DIR): Django's, with plain pickles.

It holds the page cache's generation and whole pages, shared by every worker of `make serve`.
"""

import pickle
import re
import time
import zlib

import pytest
from django.core.cache.backends.filebased import FileBasedCache
from django.test import override_settings

from cities_portal.cache import PlainFileCache


@pytest.fixture
def file_cache(tmp_path):
    return PlainFileCache(str(tmp_path / "cache"), {"OPTIONS": {"MAX_ENTRIES": 50}})


def test_values_come_back_as_they_were_stored(file_cache):
    page = (200, [("Content-Type", "text/html; charset=utf-8")], "Économie solidaire, 사회연대경제".encode(), None)
    file_cache.set("page", page, 60)
    assert file_cache.get("page") == page
    assert file_cache.get("missing") is None
    assert file_cache.get("missing", "default") == "default"
    assert file_cache.get_many(["page", "missing"]) == {"page": page}


def test_the_file_is_a_plain_pickle_under_its_own_suffix(file_cache, tmp_path):
    file_cache.set("page", b"<html>" * 1000, 60)
    [path] = (tmp_path / "cache").iterdir()
    assert path.suffix == ".pcache"
    with path.open("rb") as f:
        pickle.load(f)  # the expiry
        assert pickle.load(f) == b"<html>" * 1000  # no zlib in between


def test_a_directory_left_by_djangos_file_cache_is_not_misread(tmp_path):
    """Switching backends on a deployed CACHE_DIR: the old zlib files are not ours to read."""
    directory = str(tmp_path / "cache")
    FileBasedCache(directory, {}).set("page", "old format", 60)
    plain = PlainFileCache(directory, {})
    assert plain.get("page") is None
    plain.set("page", "new format", 60)
    assert plain.get("page") == "new format"
    assert FileBasedCache(directory, {}).get("page") == "old format"


def test_expiry_add_incr_touch_delete_and_clear(file_cache):
    file_cache.set("short", "value", 1)
    assert file_cache.touch("short", 60)  # extended before it ran out
    file_cache.set("gone", "value", 1)
    time.sleep(1.1)
    assert file_cache.get("short") == "value"
    assert file_cache.get("gone") is None
    assert not file_cache.touch("gone", 60)
    assert file_cache.add("generation", 1, None)
    assert not file_cache.add("generation", 5, None)  # add never overwrites
    assert file_cache.incr("generation") == 2
    with pytest.raises(ValueError):
        file_cache.incr("no-such-key")  # what page_cache.bump_generation relies on
    file_cache.delete("generation")
    assert file_cache.get("generation") is None
    file_cache.clear()
    assert file_cache.get("short") is None


def test_the_number_of_files_stays_bounded(file_cache, tmp_path):
    for number in range(120):
        file_cache.set(f"page-{number}", zlib.compress(b"x"), 60)
    assert len(list((tmp_path / "cache").iterdir())) <= 50


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="tests.performance.nonce_urls", PAGE_CACHE_SECONDS=300)
def test_pages_are_cached_and_invalidated_through_it(client, home, tmp_path):
    """The whole page cache on this backend: a hit with this request's nonce in its HTML, then
    a publish that makes the next view a miss."""
    backend = {"BACKEND": "cities_portal.cache.PlainFileCache", "LOCATION": str(tmp_path / "pages")}
    with override_settings(CACHES={"default": backend}):  # Django's test signals reset the handler
        first, second = client.get("/fr/nonce/"), client.get("/fr/nonce/")
        assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
        assert first.content != second.content  # each with its own nonce
        header = re.search(r"'nonce-([^']+)'", second["Content-Security-Policy"]).group(1)
        assert re.findall(r'nonce="([^"]+)"', second.content.decode()) == [header]
        assert any(path.suffix == ".pcache" for path in (tmp_path / "pages").iterdir())
        home.save_revision().publish()
        assert client.get("/fr/nonce/")["X-Page-Cache"] == "miss"
