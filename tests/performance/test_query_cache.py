"""The library's query cache (practices/library.py, `remembered`): with QUERY_CACHE_SECONDS on,
the vocabulary, the facet counts, the ordering and the latest items are read from the cache,
and any publish, unpublish, edit or delete of a practice, a case or a taxonomy term makes
them fresh at once. Each language has its own labels and title orderings.

Every other test runs with the cache off (test settings); here it is on.
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.http import QueryDict
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from practices.library import LibraryQuery
from practices.models import Theme
from tests.practices.factories import practice

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def query_cache():
    cache.clear()
    with override_settings(QUERY_CACHE_SECONDS=600, PAGE_CACHE_SECONDS=0):
        yield
    cache.clear()


def query(string=""):
    return LibraryQuery(QueryDict(string))


def figures(string=""):
    """What the listing shows for a filter state: total, facet counts, order, latest items."""
    library = query(string)
    return {
        "total": library.total(),
        "themes": library.facet_counts().get("theme", {}),
        "order": library.ordered_keys(),
        "latest": [row.slug for row in library.latest(3)],
    }


def reads_no_query(function):
    with CaptureQueriesContext(connection) as context:
        result = function()
    return not context.captured_queries, result


def test_the_figures_come_from_the_cache_once_computed(items):
    first = figures("theme=developpement-local")
    cached, again = reads_no_query(lambda: figures("theme=developpement-local"))
    # Not one query the second time: the invalidation tests below test the cache itself.
    assert cached
    assert again == first


def test_the_cache_is_off_when_query_cache_seconds_is_0(items):
    figures()
    with override_settings(QUERY_CACHE_SECONDS=0):
        cached, _result = reads_no_query(figures)
    assert not cached


def test_publishing_a_practice_updates_counts_ordering_and_latest_at_once(items):
    before = figures("theme=developpement-local")
    local = Theme.objects.get(slug="developpement-local")
    practice("nouvelle-pratique", "Une nouvelle pratique", themes=[local], start_year=2030)
    after = figures("theme=developpement-local")
    assert after["total"] == before["total"] + 1
    assert after["themes"]["developpement-local"] == before["themes"]["developpement-local"] + 1
    assert after["order"][0] == ("practice", "nouvelle-pratique")
    assert after["latest"][0] == "nouvelle-pratique"


def test_a_draft_changes_nothing_and_unpublishing_removes_at_once(items):
    draft = practice("pas-encore", "Pas encore publiée", publish=False, start_year=2030)
    before = figures()
    assert ("practice", "pas-encore") not in before["order"]
    draft.save_revision().publish()
    assert ("practice", "pas-encore") in figures()["order"]
    items["cdec"].unpublish()
    after = figures()
    assert ("practice", "cdec-montreal") not in after["order"]
    assert after["total"] == before["total"]  # one in, one out
    assert "cdec-montreal" not in after["latest"]


def test_editing_a_title_reorders_the_title_sort_at_once(items):
    figures("sort=title")
    mondragon = items["mondragon"]
    mondragon.title_fr = "AAA Mondragón en tête"
    mondragon.save_revision().publish()
    assert figures("sort=title")["order"][0] == ("practice", "mondragon")


def test_adding_a_theme_to_a_published_practice_updates_the_facet_at_once(items):
    finance = figures()["themes"]["finance-solidaire"]
    seoul = items["seoul"]
    seoul.themes.add(Theme.objects.get(slug="finance-solidaire"))
    seoul.save_revision().publish()
    assert figures()["themes"]["finance-solidaire"] == finance + 1


def test_deleting_a_practice_removes_it_at_once(items):
    total = figures()["total"]
    items["mondragon"].delete()
    after = figures()
    assert after["total"] == total - 1
    assert ("practice", "mondragon") not in after["order"]


def test_renaming_and_deleting_a_taxonomy_term_shows_at_once(items):
    with translation.override("en"):
        assert query().vocab.terms["theme"]["finance-solidaire"].label == "Solidarity finance"
        theme = Theme.objects.get(slug="finance-solidaire")
        theme.name_en = "Ethical finance"
        theme.save()
        assert query().vocab.terms["theme"]["finance-solidaire"].label == "Ethical finance"
        theme.delete()
        assert "finance-solidaire" not in query().vocab.terms["theme"]
        assert "finance-solidaire" not in figures()["themes"]


def test_labels_and_title_orderings_are_kept_per_language(items):
    with translation.override("fr"):
        french = query("sort=title").ordered_keys()
        assert query().vocab.terms["theme"]["finance-solidaire"].label == "Finance solidaire"
    with translation.override("ko"):
        korean = query("sort=title").ordered_keys()
        assert query().vocab.terms["theme"]["finance-solidaire"].label == "연대 금융"
        assert "서울의 협치" in [row.title for row in query().latest(5)]
    with translation.override("fr"):
        assert query("sort=title").ordered_keys() == french
        assert query().vocab.terms["theme"]["finance-solidaire"].label == "Finance solidaire"
        assert "La cogouvernance à Séoul" in [row.title for row in query().latest(5)]
    # The French and Korean titles sort differently: the ordering is not shared between them.
    assert french != korean


def test_library_and_item_pages_show_the_change_with_the_cache_on(client, library, items):
    url = library.url
    client.get(url)
    with CaptureQueriesContext(connection) as warm:
        assert client.get(url).status_code == 200
    # The steady state reads none of the vocabulary, facet or ordering queries.
    assert not [q for q in warm.captured_queries if "GROUP BY" in q["sql"] or "practices_territory" in q["sql"]]
    practice("toute-nouvelle", "Toute nouvelle pratique", start_year=2031)
    content = client.get(url).content.decode()
    assert "Toute nouvelle pratique" in content
    # The first item's "next" link points to what is now second in the listing.
    detail = client.get(library.item_url("toute-nouvelle")).content.decode()
    assert 'rel="next"' in detail and 'rel="prev"' not in detail
