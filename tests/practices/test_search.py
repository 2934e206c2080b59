"""Search across languages, on whichever database runs the tests (SQLite and PostgreSQL)."""

import pytest
from django.utils import translation

from partners.models import Partner
from practices.textsearch import index_text, normalise_query
from tests.practices.factories import practice
from tests.practices.helpers import slugs

pytestmark = pytest.mark.django_db


def search(client, library, query, language="fr", **params):
    with translation.override(language):
        url = library.url
    return slugs(client.get(url, {"q": query, **params}))


def test_normalisation_folds_accents_and_splits_korean():
    assert index_text("Mondragón", None, "", "  ") == "mondragon"
    assert normalise_query("MONDRAGÓN!") == "mondragon"
    assert index_text("협동조합은") == "협동조합은 협동 동조 조합 합은"
    assert normalise_query("협동조합") == "협동 동조 조합"
    assert "none" not in index_text(None, "", "Économie")


def test_finds_in_the_active_language(client, library, items):
    assert search(client, library, "cogouvernance") == ["seoul-co-governance"]
    assert search(client, library, "co-governance", "en") == ["seoul-co-governance"]
    assert search(client, library, "cogobernanza", "es") == ["seoul-co-governance"]
    assert search(client, library, "협치", "ko") == ["seoul-co-governance"]


def test_finds_in_other_languages_when_the_active_one_has_no_match(client, library, items):
    # An English word typed on the French site, a French word on the Korean site.
    assert search(client, library, "neighbourhoods") == ["cdec-montreal"]
    ko = search(client, library, "ruralité", "ko")
    assert ko == ["politique-nationale-ruralite"]


def test_french_only_case_found_from_korean_is_marked_as_french(client, library, items):
    with translation.override("ko"):
        url = library.url
    content = client.get(url, {"q": "pactes ruraux"}).content.decode()
    assert 'lang="fr">Politique nationale de la ruralité</a>' in content


def test_korean_query_matches_words_with_particles(client, library, items):
    # The Korean summary says "협동조합은" (with the topic particle).
    assert "seoul-ecosystem" in search(client, library, "협동조합", "ko")
    assert "mondragon" in search(client, library, "협동조합", "ko")  # "협동조합 그룹", "협동조합들"
    assert search(client, library, "몬드라곤", "ko") == ["mondragon"]
    assert search(client, library, "사회적경제", "ko") == ["seoul-ecosystem", "seoul-co-governance"] or \
        set(search(client, library, "사회적경제", "ko")) == {"seoul-ecosystem", "seoul-co-governance"}


@pytest.mark.parametrize("query", ["Mondragon", "mondragón", "MONDRAGÓN", "mondragon cooperatif"])
def test_accents_are_optional(client, library, items, query):
    assert "mondragon" in search(client, library, query)


def test_accented_query_finds_unaccented_text(client, library, items):
    practice("quartiers", "Économie des quartiers", summary="Une economie de proximite sans accents.")
    assert "quartiers" in search(client, library, "proximité")


def test_empty_translations_are_never_indexed_as_none(client, library, items):
    for language in ("fr", "en", "ko"):
        assert search(client, library, "None", language) == []
        assert search(client, library, "none", language) == []


def test_searching_a_partners_name_finds_its_practices(client, library, items):
    chantier = Partner.objects.create(name="Chantier de l'économie sociale", slug="chantier-de-l-economie-sociale",
                                      acronym="CÉS")
    practice("avec-partenaire", "Une pratique soutenue", partners=[chantier])
    assert search(client, library, "Chantier") == ["avec-partenaire"]
    assert search(client, library, "chantier economie sociale") == ["avec-partenaire"]


def test_drafts_never_appear_in_search(client, library, items):
    assert search(client, library, "brouillon") == []
    assert search(client, library, "secret") == []


def test_search_combines_with_filters_and_counts(client, library, items):
    assert search(client, library, "Séoul", kind="case") == ["seoul-co-governance"]
    assert set(search(client, library, "seoul")) == {"seoul-ecosystem", "seoul-co-governance"}
    assert search(client, library, "seoul", country="CA") == []


def test_relevance_puts_title_matches_first(client, library, items):
    practice("mention", "Une pratique inspirée", summary="Elle cite les CDEC en passant, une fois, les CDEC.",
             start_year=2024)
    found = search(client, library, "CDEC", sort="relevance")
    assert found[0] == "cdec-montreal"
    assert set(found) == {"cdec-montreal", "mention"}


def test_search_terms_are_kept_in_links(client, library, items):
    content = client.get(library.url, {"q": "Mondragón"}).content.decode()
    assert 'value="Mondragón"' in content
    assert "q=Mondrag%C3%B3n" in content



def _most_parameters(client, url, params):
    """The response, and the largest number of parameters one of its SQL statements had."""
    from django.db import connection

    counts = []

    def count(execute, sql, params, many, context):
        counts.append(len(params or ()))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = client.get(url, params)
    assert response.status_code == 200
    return response, max(counts)


def test_a_search_with_many_matches_counts_them_all_with_a_fixed_number_of_parameters(client, library, items):
    from django.db import connection

    def add(first, last):
        for number in range(first, last):
            practice(f"tisserands-{number}", f"Les tisserands du quartier {number}",
                     summary="Une coopérative de tisserands.")

    with translation.override("fr"):
        url = library.url
    add(0, 5)
    response, few = _most_parameters(client, url, {"q": "tisserands"})
    assert response.context["total"] == 5
    add(5, 60)
    response, many = _most_parameters(client, url, {"q": "tisserands"})
    assert response.context["total"] == 60
    assert dict((f["name"], {o.value: o.count for o in f["options"]}) for f in response.context["facets"])[
        "kind"] == {"practice": 60}
    if connection.vendor == "postgresql":
        # The matches travel as one array (pk = ANY(%s)), not as an IN list repeated in each
        # part of the facet query (~10,000 parameters at 500 matches, ~60 ms of psycopg's CPU).
        assert many == few


def test_a_relevance_sort_pages_through_every_match_once(client, library, items):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # Titles that name the word rank first; the others mention it once in their summary.
    for number in range(4):
        practice(f"vannerie-{number}", f"Vannerie solidaire {number}", summary="Vannerie, vannerie et paniers.")
    for number in range(8):
        practice(f"atelier-{number}", f"Atelier de quartier {number}", summary="On y parle de vannerie.")
    with translation.override("fr"):
        url = library.url
    client.get(url, {"q": "vannerie"})  # the first request of a process reads the site and content types
    pages, queries = [], []
    for number in (1, 2, 3):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, {"q": "vannerie", "page": number})
        pages.append(slugs(response))
        queries.append(len(captured.captured_queries))
    assert len(set(queries)) == 1  # the same queries for every page of results
    assert [len(page) for page in pages] == [5, 5, 2]
    found = [slug for page in pages for slug in page]
    assert len(set(found)) == 12
    assert set(found[:4]) == {f"vannerie-{number}" for number in range(4)}


def test_among_items_whose_title_does_not_name_the_word_the_better_match_comes_first(client, library, items):
    # On SQLite the backend's score is bm25 (lower is better), on PostgreSQL ts_rank (higher is
    # better): the library turns both into "higher is better" before sorting.
    practice("une-fois", "Atelier du lundi", summary="Un atelier de couture, de cuisine, de jardinage, de "
             "réparation de vélos et d'écriture, où l'on parle aussi, un peu, de vannerie.")
    practice("souvent", "Atelier du mardi", summary="Vannerie : vannerie d'osier, vannerie de paille, vannerie.")
    assert search(client, library, "vannerie", sort="relevance") == ["souvent", "une-fois"]


def test_the_search_match_has_an_index_of_its_own_on_postgresql(items):
    """The backend matches on the expression practices migration 0004 indexes (if an upgrade
    of modelsearch changed it, the index would silently stop serving searches)."""
    from django.db import connection
    from wagtail.search.backends import get_search_backend

    from practices.models import GoodPractice

    # The words as the library sends them (accents folded, as the index has them).
    results = get_search_backend().search(normalise_query("coopératives"), GoodPractice.objects.filter(live=True),
                                          operator="and")
    assert "mondragon" in {item.slug for item in results}
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            sql, _params = results.annotate_score("_score")[:50].get_queryset().query.sql_with_params()
            assert '("wagtailsearch_indexentry"."title" || "wagtailsearch_indexentry"."body") @@' in sql
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'practices_search_match_gin'")
            (definition,) = cursor.fetchone()
            assert "USING gin (((title || body)))" in definition, definition
        else:  # SQLite searches through its FTS5 table: the migration adds nothing there
            cursor.execute("SELECT name FROM sqlite_master WHERE name = 'practices_search_match_gin'")
            assert cursor.fetchall() == []
