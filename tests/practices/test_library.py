"""The library page: filters, counts, sorting, pagination, bad values, drafts."""

import pytest
from django.utils import translation

from tests.practices.factories import practice
from tests.practices.helpers import option_count, rows, slugs, titles

pytestmark = pytest.mark.django_db

ALL_LIVE = {"cdec-montreal", "seoul-ecosystem", "mondragon", "seoul-co-governance", "politique-nationale-ruralite"}


def get(client, library, **params):
    return client.get(library.url, params)


def test_lists_every_live_item_and_no_draft(client, library, items):
    response = get(client, library)
    assert set(slugs(response)) == ALL_LIVE
    content = response.content.decode()
    assert "Brouillon secret" not in content
    assert "5 éléments trouvés" in content or "5 items found" in content


def test_library_is_served_in_every_language(client, library, items):
    for code, path in [("fr", "/fr/partager/bibliotheque/"), ("en", "/en/share/library/"),
                       ("es", "/es/compartir/biblioteca/"), ("ko", "/ko/나누기/라이브러리/")]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert set(slugs(response)) == ALL_LIVE
        assert f'lang="{code}"' in response.content.decode()[:300]
    response = client.get("/en/share/library/")
    assert "Seoul's SSE ecosystem" in titles(response)
    ko = client.get("/ko/나누기/라이브러리/")
    # The French-only case keeps its French title, marked as French.
    assert "Politique nationale de la ruralité" in titles(ko)
    assert 'lang="fr">Politique nationale de la ruralité' in ko.content.decode()


@pytest.mark.parametrize(("params", "expected"), [
    ({"kind": "practice"}, {"cdec-montreal", "seoul-ecosystem", "mondragon"}),
    ({"kind": "case"}, {"seoul-co-governance", "politique-nationale-ruralite"}),
    ({"kind": ["case", "practice"]}, ALL_LIVE),
    ({"theme": "finance-solidaire"}, {"mondragon"}),
    ({"theme": ["finance-solidaire", "developpement-local"]}, ALL_LIVE),
    ({"country": "KR"}, {"seoul-ecosystem", "seoul-co-governance"}),
    ({"country": "ca"}, {"cdec-montreal", "politique-nationale-ruralite"}),
    ({"territory": "mondragon"}, {"mondragon"}),
    ({"stakeholder": "universities-researchers"}, {"mondragon"}),
    ({"stakeholder": "local-governments"}, {"cdec-montreal", "seoul-ecosystem", "seoul-co-governance"}),
    ({"form": "partnership"}, {"seoul-co-governance"}),
    ({"form": ["partnership", "network"]}, {"seoul-co-governance", "politique-nationale-ruralite"}),
    ({"stage": "manage-jointly"}, {"politique-nationale-ruralite"}),
    ({"resource": "publication"}, {"seoul-ecosystem"}),
    ({"resource": "case-study"}, {"cdec-montreal", "mondragon", "seoul-co-governance"}),
    ({"year_from": "2016"}, {"seoul-ecosystem", "seoul-co-governance", "mondragon"}),
    ({"year_to": "1990"}, {"cdec-montreal", "mondragon"}),
    ({"year_from": "2000", "year_to": "2010"}, {"cdec-montreal", "politique-nationale-ruralite", "mondragon"}),
    ({"year_from": "2010", "year_to": "2000"}, {"cdec-montreal", "politique-nationale-ruralite", "mondragon"}),
])
def test_each_filter(client, library, items, params, expected):
    assert set(slugs(get(client, library, **params))) == expected


@pytest.mark.parametrize(("params", "expected"), [
    ({"country": "KR", "kind": "case"}, {"seoul-co-governance"}),
    ({"theme": "developpement-local", "stakeholder": "local-governments", "year_from": "2010"},
     {"seoul-ecosystem", "seoul-co-governance", "cdec-montreal"}),
    ({"theme": "developpement-local", "stakeholder": "local-governments", "year_from": "2016"},
     {"seoul-ecosystem", "seoul-co-governance"}),
    ({"country": "CA", "form": "network", "stage": "manage-jointly"}, {"politique-nationale-ruralite"}),
    ({"country": "ES", "kind": "case"}, set()),
    ({"resource": "case-study", "country": ["KR", "ES"]}, {"mondragon", "seoul-co-governance"}),
])
def test_filter_combinations(client, library, items, params, expected):
    assert set(slugs(get(client, library, **params))) == expected


def test_options_show_counts_that_ignore_their_own_selection(client, library, items):
    response = get(client, library)
    assert option_count(response, "kind", "practice") == 3
    assert option_count(response, "kind", "case") == 2
    assert option_count(response, "theme", "developpement-local") == 4
    assert option_count(response, "country", "KR") == 2
    assert option_count(response, "stage", "know-needs") == 1
    assert option_count(response, "form", "federation") is None  # only the draft uses it
    filtered = get(client, library, country="KR")
    # Other countries still show what they would add; other facets count within Korea.
    assert option_count(filtered, "country", "CA") == 2
    assert option_count(filtered, "theme", "developpement-local") == 2
    assert option_count(filtered, "kind", "case") == 1
    assert 'value="KR" id="f-country-' in filtered.content.decode()
    assert 'value="KR" id="f-country-2" checked' in filtered.content.decode() or \
        "checked" in filtered.content.decode().split('value="KR"')[1][:40]


def test_case_only_filters_leave_practices_out_and_their_counts_follow(client, library, items):
    response = get(client, library, stage="know-needs")
    assert option_count(response, "kind", "practice") is None
    assert set(slugs(response)) == {"seoul-co-governance"}


def test_sorting(client, library, items):
    newest = slugs(get(client, library))
    assert newest[:2] in (["seoul-ecosystem", "seoul-co-governance"], ["seoul-co-governance", "seoul-ecosystem"])
    assert newest[-1] == "mondragon"
    by_title = titles(get(client, library, sort="title"))
    assert by_title == sorted(by_title, key=str.casefold)
    # An unknown sort falls back to the default without an error.
    assert slugs(get(client, library, sort="DROP TABLE")) == newest


def test_titles_sort_in_the_visitors_language(client, library, items):
    with translation.override("en"):
        url = library.url
    by_title = titles(client.get(url, {"sort": "title"}))
    assert by_title == sorted(by_title, key=str.casefold)
    assert "Co-governance in Seoul" in by_title


def test_pagination_keeps_the_filters_and_uses_an_elided_range(client, library, items):
    for number in range(30):
        practice(f"extra-{number:02}", f"Pratique supplémentaire {number:02}", start_year=1990,
                 themes=[items["cdec"].themes.first()])
    first = get(client, library, theme="developpement-local", sort="title")
    content = first.content.decode()
    assert len(rows(first)) == 5
    assert 'rel="next"' in content
    assert "page=2" in content and "theme=developpement-local" in content
    assert "…" in content  # 7 pages: the range is elided
    second = get(client, library, theme="developpement-local", sort="title", page="2")
    assert set(titles(second)).isdisjoint(titles(first))
    last = get(client, library, theme="developpement-local", sort="title", page="7")
    assert len(rows(last)) == 4  # 34 items
    assert 'rel="prev"' in last.content.decode()


@pytest.mark.parametrize("params", [
    {"theme": "no-such-theme"},
    {"country": "ZZ"},
    {"kind": "unicorn"},
    {"page": "abc"},
    {"page": "-1"},
    {"page": "99999999999999999999"},
    {"year_from": "9999"},
    {"year_to": "abc"},
    {"year_from": "1e5"},
    {"q": "x" * 10_000},
    {"q": "coop\x00érative"},
    {"theme": "\x00"},
    {"q": "<script>alert(1)</script>"},
    {"theme": "<script>alert(1)</script>"},
    {"sort": "<script>"},
    {"view": "<script>"},
    {"q": "' OR 1=1 --"},
    {"q": "%00"},
    {"q": "AND OR NOT ( ) \" * :"},
])
def test_bad_values_never_break_the_page(client, library, items, params):
    response = get(client, library, **params)
    assert response.status_code == 200
    content = response.content.decode()
    assert "<script>alert(1)</script>" not in content
    assert "\x00" not in content


def test_bad_values_are_explained(client, library, items):
    content = get(client, library, theme="no-such-theme").content.decode()
    assert "no-such-theme" in content and "ignoré" in content
    content = get(client, library, year_from="9999").content.decode()
    assert "9999" in content and "ignorée" in content
    content = get(client, library, q="x" * 10_000).content.decode()
    assert "200" in content and "raccourcie" in content
    with translation.override("ko"):
        url = library.url
    content = client.get(url, {"theme": "no-such-theme"}).content.decode()
    assert "no-such-theme" in content and "무시" in content
    # The script tag is shown as text.
    content = get(client, library, theme="<script>x</script>").content.decode()
    assert "&lt;script&gt;x&lt;/script&gt;" in content


def test_page_out_of_range_shows_the_last_page_with_a_message(client, library, items):
    response = get(client, library, page="40")
    assert response.status_code == 200
    assert set(slugs(response)) == ALL_LIVE
    assert "n’existe pas" in response.content.decode() or "n'existe pas" in response.content.decode()


def test_empty_state_helps(client, library, items):
    response = get(client, library, country="ES", kind="case")
    content = response.content.decode()
    assert rows(response) == []
    assert "Aucun élément" in content
    assert f'href="{library.url}"' in content  # a way back to the whole library


def test_language_switcher_keeps_the_filters(client, library, items):
    content = get(client, library, country="KR", sort="title").content.decode()
    assert 'href="/en/share/library/?country=KR&amp;sort=title"' in content
    assert 'hreflang="en"' in content


def test_empty_library(client, library):
    response = get(client, library)
    assert response.status_code == 200
    assert "Aucun élément" in response.content.decode()
