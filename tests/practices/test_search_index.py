"""The library's search in memory (practices/search_index.py): the very words the search
backend indexes, every word of a query required, the better match first, rebuilt with the
content, and read only when someone searches."""

import math
from collections import Counter

import pytest
from django.db import connection
from django.http import QueryDict
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from partners.models import Partner
from practices import library_index
from practices.library import KINDS, LibraryQuery
from practices.models import CollaborationCase, GoodPractice
from practices.search_index import TITLE_WEIGHT
from practices.textsearch import normalise_query
from tests.practices.factories import case, practice
from tests.practices.helpers import slugs

pytestmark = pytest.mark.django_db

QUERIES = ["Séoul", "coopératives", "Mondragon", "finance solidaire", "지역경제개발공사", "협동조합", "montreal cdec",
           "quartiers", "introuvablezzz", "local development", "2015"]


def search(client, library, query, language="fr"):
    with translation.override(language):
        url = library.url
    return slugs(client.get(url, {"q": query}))


def backend_words(item):
    """What the search backend indexes for `item`: its title words TITLE_WEIGHT times, its body once."""
    words = Counter()
    for word in item.search_title().split():
        words[word] += TITLE_WEIGHT
    words.update(item.search_body().split())
    return words


def live_items():
    return [(kind, item) for kind, model in KINDS.items() for item in model.objects.filter(live=True)]


def test_the_index_holds_the_words_the_search_backend_indexes(items):
    index = library_index.current()
    search = index.search()
    for kind, item in live_items():
        position = index.position[(kind, item.pk)]
        expected = backend_words(item)
        assert expected, item.slug
        assert {word: search.weight(word, position) for word in expected} == dict(expected), item.slug
        # Nothing more: as many words, counted as often.
        assert len(search.words[position]) == len(expected)
        assert sum(search.counts[position]) == sum(expected.values())
        for word in expected:
            assert position in search.items_with(search.numbers[word])[0]


@pytest.mark.parametrize("query", QUERIES)
def test_an_item_matches_when_it_has_every_word_of_the_query(items, query):
    words = normalise_query(query).split()
    expected = {(kind, item.pk) for kind, item in live_items() if set(words) <= set(backend_words(item))}
    assert set(library_index.current().search().scores(words, 500)) == expected


@pytest.mark.parametrize("query", ["Séoul", "coopératives", "Mondragon", "finance solidaire", "지역경제개발공사",
                                   "협동조합", "introuvablezzz"])
def test_it_finds_what_the_search_backend_finds(items, query):
    """The same matches as SQLite's backend; PostgreSQL's backend also applies the database's
    default text search configuration (English stemming), so it may find more, never less."""
    with override_settings(LIBRARY_INDEX=False):
        backend = set(LibraryQuery(QueryDict(f"q={query}")).search_scores())
    found = set(LibraryQuery(QueryDict(f"q={query}")).search_scores())
    if connection.vendor == "sqlite":
        assert found == backend
    else:
        assert found <= backend
    assert bool(found) == (query != "introuvablezzz")


def test_the_better_match_comes_first_and_the_limit_keeps_the_best(library, items):
    for number in range(3):
        practice(f"rare-{number}", f"Atelier {number}", summary="On y parle de vannerie, une fois.")
    practice("souvent", "Atelier du mardi", summary="Vannerie : vannerie d'osier, vannerie de paille.")
    practice("titre", "Vannerie du quartier", summary="Un atelier.")
    scores = library_index.current().search().scores(["vannerie"], 2)
    souvent, titre = (GoodPractice.objects.get(slug=slug).pk for slug in ("souvent", "titre"))
    # A title word counts three times: the two best of five are kept.
    assert set(scores) == {("practice", souvent), ("practice", titre)}
    assert scores[("practice", titre)] > scores[("practice", souvent)]
    everything = library_index.current().search().scores(["vannerie"], 500)
    assert len(everything) == 5
    assert max(score for key, score in everything.items() if key not in scores) < scores[("practice", souvent)]


def reference_scores(search, words, limit):
    """scores() written plainly: every item with every word, its words' BM25 terms summed
    (the rarest word first, as scores() adds them), then each kind's `limit` best by a stable
    sort."""
    lists = sorted((search.items_with(search.numbers[word]) for word in dict.fromkeys(words)),
                   key=lambda found: len(found[0]))
    parts = [dict(zip(positions, values, strict=True)) for positions, values, _dense in lists]
    matched = sorted(set.intersection(*(set(part) for part in parts)))
    totals = {}
    for position in matched:
        total = None
        for part in parts:
            total = part[position] if total is None else total + part[position]
        totals[position] = total
    chosen = {}
    for kind in KINDS:
        mine = [position for position in matched if search.keys[position][0] == kind]
        for position in sorted(mine, key=totals.__getitem__, reverse=True)[:limit]:
            chosen[search.keys[position][:2]] = totals[position]
    return chosen


@pytest.mark.parametrize("dense", [1, 10**9], ids=["words-by-list", "words-by-position"])
def test_the_limit_keeps_the_best_and_the_older_of_equal_matches(library, items, monkeypatch, dense):
    from practices import search_index

    monkeypatch.setattr(search_index, "DENSE", dense)  # each way a word's items are kept
    for number in range(6):  # the same words: the same scores
        practice(f"pareil-{number}", f"Atelier {number}", summary="Vannerie et osier au marché.")
    practice("mieux", "Vannerie et osier", summary="Vannerie et osier.")
    case("cas-vannerie", "Un cas de vannerie", summary="Osier, vannerie.")
    search = library_index.current().search()
    lists = map(search.items_with, range(50))
    assert all((found[2] is not None) == (dense > 1 and len(found[0]) > 0) for found in lists)
    equal = [GoodPractice.objects.get(slug=f"pareil-{number}").pk for number in range(6)]
    for word in ("vannerie", "osier", "marche"):  # each part is the word's BM25 term for the item
        positions, parts, _dense = search.items_with(search.numbers[word])
        n = len(positions)
        idf = math.log(1 + (search.count - n + 0.5) / (n + 0.5))
        for position, part in zip(positions, parts, strict=True):
            count = search.weight(word, position)
            assert part == pytest.approx(idf * count / (count + search.norm[position]), rel=1e-6)
    for words in (["vannerie"], ["vannerie", "osier"], ["osier", "marche", "vannerie"]):
        for limit in (1, 2, 3, 4, 6, 7, 500):
            scores = search.scores(words, limit)
            assert scores == reference_scores(search, words, limit), (words, limit)
            # The positions and bits handed to the library index are the same matches.
            assert [search.keys[position][:2] for position in scores.positions] == list(scores)
            assert scores.bits == sum(1 << position for position in scores.positions)
    kept = search.scores(["marche"], 3)
    assert set(kept) == {("practice", pk) for pk in equal[:3]}
    assert search.scores(["vannerie", "introuvablezzz"], 5) == {}


def test_a_partners_name_in_any_language_finds_its_items(client, library, items):
    partner = Partner.objects.create(name="Chantier de l'économie sociale", name_fr="Chantier de l'économie sociale",
                                     name_ko="사회적경제 샹티에", slug="chantier", live=True)
    practice("avec-partenaire", "Une pratique accompagnée", partners=[partner])
    for language, query in [("fr", "샹티에"), ("ko", "Chantier"), ("en", "샹티에")]:
        with translation.override(language):
            assert "avec-partenaire" in search(client, library, query), (language, query)


def test_drafts_and_unpublished_items_are_not_found(client, library, items):
    practice("brouillon-tisserands", "Les tisserands", publish=False)
    published = case("cas-tisserands", "Les tisserands du cas")
    assert search(client, library, "tisserands") == ["cas-tisserands"]
    published.unpublish()
    assert search(client, library, "tisserands") == []


def test_a_new_item_is_found_on_the_next_search(client, library, items):
    assert search(client, library, "bouilloire") == []
    practice("bouilloire", "La bouilloire collective")
    assert search(client, library, "bouilloire") == ["bouilloire"]
    item = GoodPractice.objects.get(slug="bouilloire")
    item.title = item.title_fr = "La théière collective"
    item.save()
    item.save_revision().publish()
    assert search(client, library, "bouilloire") == []
    assert search(client, library, "théière") == ["bouilloire"]


def test_pages_without_a_search_never_read_the_words(client, library, items):
    with translation.override("fr"):
        url = library.url
    assert client.get(url, {"theme": "finance-solidaire"}).status_code == 200
    index = library_index.current()
    assert index._search is None
    client.get(url, {"q": "Séoul"})
    built = index._search
    assert built is not None
    # Read once per generation: the next searches make no query for it.
    with CaptureQueriesContext(connection) as first:
        client.get(url, {"q": "Mondragon"})
    assert index._search is built
    with CaptureQueriesContext(connection) as second:
        client.get(url, {"q": "coopératives finance"})
    assert len(first.captured_queries) == len(second.captured_queries) <= 4


def test_a_korean_search_lists_its_matches_in_korean(client, library, items):
    with translation.override("ko"):
        url = library.url
    response = client.get(url, {"q": "서울"})
    words = normalise_query("서울").split()
    expected = {item.slug for _kind, item in live_items() if set(words) <= set(backend_words(item))}
    assert "seoul-ecosystem" in expected
    assert set(slugs(response)) == expected
    assert response.context["total"] == len(expected)


def test_both_kinds_are_indexed_in_one_run_each(items):
    index = library_index.current()
    search = index.search()
    for kind, (first, last) in search.kinds.items():
        assert {index.keys[position][0] for position in range(first, last)} == {kind}
    assert sum(last - first for first, last in search.kinds.values()) == len(index.keys)
    assert set(search.kinds) == {kind for kind, model in KINDS.items() if model.objects.filter(live=True).exists()}
    assert CollaborationCase.objects.filter(live=True).exists()


def test_a_site_with_an_opensearch_backend_keeps_asking_it(items):
    from unittest import mock

    from practices import search_index

    assert search_index.answers_searches()
    elsewhere = {"default": {"BACKEND": "wagtail.search.backends.opensearch3", "URLS": ["https://search:9200"]}}
    with override_settings(WAGTAILSEARCH_BACKENDS=elsewhere):
        assert not search_index.answers_searches()
        backend = mock.Mock()
        backend.search.return_value.annotate_score.return_value = []
        with mock.patch("practices.library.get_search_backend", return_value=backend), \
                mock.patch("practices.library.ranked", return_value=None), \
                mock.patch("practices.library.scored", return_value=[(7, 1.0)]):
            scores = LibraryQuery(QueryDict("q=Séoul")).search_scores()
    assert backend.search.call_count == len(KINDS)
    assert scores == {(kind, 7): 1.0 for kind in KINDS}
    assert library_index.current()._search is None
