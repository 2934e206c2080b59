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
