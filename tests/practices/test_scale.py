"""The library's query count does not grow with the number of items."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from practices.models import CollaborationCase, GoodPractice

pytestmark = pytest.mark.django_db

# The library's own queries (vocabularies, search, facets, rows) on any listing; the rest is
# Wagtail's routing, menu and breadcrumbs, shared by every page of the site.
OWN_BUDGET = 6
REQUESTS = [
    {},
    {"theme": "developpement-local", "country": ["KR", "CA"], "stakeholder": "local-governments"},
    {"q": "coopérative", "kind": "practice"},
    {"q": "협동조합", "sort": "title", "year_from": "1990", "year_to": "2020"},
    {"view": "map", "resource": "case-study"},
    {"page": "3", "sort": "title"},
]


def count_queries(client, url, params):
    client.get(url, params)  # warm the site and page caches
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params)
    assert response.status_code == 200
    own = [query["sql"] for query in context.captured_queries
           if ("practices_" in query["sql"] or "wagtailsearch" in query["sql"])
           and "wagtailcore_page" not in query["sql"]]
    return len(context.captured_queries), len(own)


def test_synthetic_command_creates_items_in_four_languages(items):
    call_command("generate_synthetic_practices", 20, "--cases-ratio", "0.5")
    practice = GoodPractice.objects.filter(slug__startswith="synthetic-").first()
    assert all(getattr(practice, f"title_{code}") for code in ("fr", "en", "es", "ko"))
    assert GoodPractice.objects.filter(slug__startswith="synthetic-", live=True).count() == 10
    assert CollaborationCase.objects.filter(slug__startswith="synthetic-").count() == 10
    call_command("generate_synthetic_practices", 0, "--delete")
    assert not GoodPractice.objects.filter(slug__startswith="synthetic-").exists()


def test_query_count_is_the_same_with_10_and_200_items(client, library, items):
    call_command("generate_synthetic_practices", 10)
    few = {}
    for number, params in enumerate(REQUESTS):
        few[number] = count_queries(client, library.url, params)
        assert few[number][1] <= OWN_BUDGET, (params, few[number])
    detail_few = count_queries(client, library.url + "mondragon/", {"country": "ES"})
    feed_few = count_queries(client, library.url + "feed/rss/", {"theme": "developpement-local"})
    export_few = count_queries(client, library.url + "export/json/", {})
    csv_few = count_queries(client, library.url + "export/csv/", {"kind": "case"})

    call_command("generate_synthetic_practices", 190)
    assert GoodPractice.objects.count() + CollaborationCase.objects.count() > 200
    for number, params in enumerate(REQUESTS):
        assert count_queries(client, library.url, params) == few[number], params
    assert count_queries(client, library.url + "mondragon/", {"country": "ES"}) == detail_few
    assert count_queries(client, library.url + "feed/rss/", {"theme": "developpement-local"}) == feed_few
    assert count_queries(client, library.url + "export/json/", {}) == export_few
    assert count_queries(client, library.url + "export/csv/", {"kind": "case"}) == csv_few
    assert detail_few[1] <= 10 and feed_few[1] <= 4
