"""The library's in-memory index (practices/library_index.py): the same answers as the
database for every filter state, rebuilt when content changes, and not used when the
content generation cannot be read."""

import itertools
from unittest import mock

import pytest
from django.http import QueryDict
from django.test import override_settings
from django.utils import translation
from wagtail.models import Page

from practices import library_index
from practices.library import LibraryQuery
from practices.models import CollaborationStage, GoodPractice, StakeholderType
from tests.practices.factories import case, practice, theme
from tests.practices.helpers import slugs

pytestmark = pytest.mark.django_db

# One value of each facet of the `items` fixture, and states made of one, two or three of them.
VALUES = [
    "kind=practice", "kind=case", "theme=finance-solidaire", "theme=developpement-local", "country=KR",
    "country=CA", "territory=mondragon", "stakeholder=local-governments", "stakeholder=sse-enterprises",
    "form=partnership", "stage=manage-jointly", "resource=case-study", "year_from=2010", "year_to=2000",
    "year_from=2015", "year_to=2012",  # an end year and a start year exactly at the bound
]
STATES = (
    ["", "sort=title", "sort=newest", "theme=developpement-local&theme=finance-solidaire"]
    + VALUES
    + ["&".join(pair) for pair in itertools.combinations(VALUES, 2)]
    + ["theme=developpement-local&stakeholder=local-governments&country=KR",
       "theme=developpement-local&stakeholder=sse-enterprises&country=CA&sort=title",
       "form=partnership&stage=manage-jointly&kind=practice", "year_from=1950&year_to=2013&sort=title"]
)


def answers(query_string):
    query = LibraryQuery(QueryDict(query_string))
    listed = query.ordered()
    every_slug = sorted({slug for _kind, _pk, slug in listed} | {"mondragon", "no-such-item"})
    return {
        "counts": query.facet_counts(),
        "total": query.total(),
        "ordered": listed,
        "first page": [row.slug for row in query.rows()[:2]],
        # The home page's and the feeds' latest items (publication order, ties by kind and id).
        "latest": [(row.kind, row.slug, row.title, row.url, row.place and row.place.label)
                   for row in query.latest(3, url_for=lambda slug: f"/{slug}/")],
        "neighbours": {slug: query.neighbours(slug) for slug in every_slug},
        "facets": [(facet["name"], [(o.value, o.count, o.selected) for o in facet["options"]])
                   for facet in query.facets()],
    }


@pytest.mark.parametrize("language", ["fr", "ko"])
def test_every_filter_state_answers_as_the_database(items, language):
    with translation.override(language):
        for state in STATES:
            with override_settings(LIBRARY_INDEX=False):
                assert library_index.current() is None
                expected = answers(state)
            assert library_index.current() is not None
            assert answers(state) == expected, state


def test_a_search_is_intersected_with_the_filters(items):
    for state in ["q=Séoul", "q=Séoul&kind=case", "q=coopératives&theme=finance-solidaire", "q=introuvablezzz",
                  "q=Séoul&sort=title"]:
        with override_settings(LIBRARY_INDEX=False):
            expected = answers(state)
        assert answers(state) == expected, state


def test_publishing_unpublishing_and_retagging_rebuild_the_index(client, library, items):
    def listed(**params):
        return set(slugs(client.get(library.url, params)))

    assert "cuisine-collective" not in listed()
    before = library_index.current()
    # Started this year: listed first (newest first), on the first page of five.
    new = practice("cuisine-collective", {"fr": "Une cuisine collective de quartier"}, start_year=2026,
                   themes=[theme("alimentation", "Alimentation")],
                   stakeholder_types=list(StakeholderType.objects.filter(slug="local-governments")))
    assert library_index.current() is not before
    assert "cuisine-collective" in listed()
    assert "cuisine-collective" in listed(theme="alimentation")
    assert "cuisine-collective" in listed(stakeholder="local-governments")

    # A stakeholder type taken off the item and published takes it out of that filter.
    new.stakeholder_types.set([])
    new.save_revision().publish()
    assert "cuisine-collective" not in listed(stakeholder="local-governments")
    assert "cuisine-collective" in listed(theme="alimentation")

    new.unpublish()
    assert "cuisine-collective" not in listed()
    assert listed(theme="alimentation") == set()

    # A case's stage, and a whole page tree change (the library moved) keep it right too.
    stage = CollaborationStage.objects.order_by("order").first()
    case("atelier-commun", {"fr": "Un atelier commun"}, stages=[stage], start_year=2026)
    assert "atelier-commun" in listed(stage=stage.slug)
    GoodPractice.objects.get(slug="mondragon").delete()
    assert "mondragon" not in listed()
    assert Page.objects.filter(pk=library.pk).exists()


def test_without_a_content_generation_the_database_answers(client, library, items):
    expected = answers("theme=developpement-local")
    with mock.patch("cities_portal.page_cache.generation", return_value=None):
        assert library_index.current() is None
        assert answers("theme=developpement-local") == expected
        response = client.get(library.url, {"theme": "developpement-local"})
    assert response.status_code == 200
    assert set(slugs(response)) == {slug for _kind, _pk, slug in expected["ordered"]}


def test_the_index_is_built_once_per_generation(items):
    first = library_index.current()
    assert library_index.current() is first
    answers("theme=developpement-local&sort=title")
    assert library_index.current() is first


@pytest.mark.parametrize("language", ["fr", "ko"])
@pytest.mark.parametrize("tied", [False, True], ids=["scores", "all-tied"])
def test_the_relevance_order_is_titles_naming_every_word_then_score_then_title(items, language, tied):
    """by_relevance sorts in C; the reference is the sort of (names every word?, -score,
    title rank) tuples it replaced, with every score equal too (ties by title order)."""
    for number, title in enumerate(["Vannerie solidaire", "Atelier de vannerie", "Marché", "Vannerie et jardins",
                                    "Zinc", "Boutique"]):
        summary = "La vannerie " * (number % 3 + 1) + "au quartier."
        make = practice if number % 2 else case
        # Two with a Korean title of their own, which names "vannerie" only in French.
        make(f"vannerie-{number}", {"fr": title, "ko": f"바구니 {title}"} if number < 2 else title, summary=summary,
             themes=[theme("finance-solidaire", "Finance solidaire")] if number % 3 == 0 else [])
    sizes = []
    with translation.override(language):
        for words, state in [("vannerie", ""), ("vannerie", "kind=case"), ("vannerie quartier", ""),
                             ("vannerie", "theme=finance-solidaire"), ("Séoul", "")]:
            query = LibraryQuery(QueryDict(f"q={words}&{state}"))
            index = library_index.current()
            scores = query.search_scores()
            if tied:
                scores = {key: 1.0 for key in scores}  # a plain dict: the keys are looked up
            terms = set(query.search_terms.split())
            allowed = format(index.mask(query), "b")[::-1]
            rank = index._rank("title", language)
            title_words = index.title_words(language, range(len(index.keys)))
            reference = sorted(
                (not terms <= title_words[position], -score, rank[position], position)
                for position, score in ((index.position[key], score) for key, score in scores.items())
                if position < len(allowed) and allowed[position] == "1")
            expected = [index.keys[entry[3]] for entry in reference]
            assert expected, words
            assert index.by_relevance(query, scores, terms) == expected, (words, state)
            sizes.append(len(expected))
    assert max(sizes) >= 6  # enough matches for the order to mean something
