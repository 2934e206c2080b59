"""Feeds (RSS, Atom) and exports (CSV, JSON) of any filtered list."""

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from django.utils import translation
from django.utils.encoding import iri_to_uri

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def url(library, suffix, language="fr"):
    with translation.override(language):
        return library.url + suffix


def test_rss_feed_per_language(client, library, items):
    response = client.get(url(library, "feed/rss/", "en"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    channel = root.find("channel")
    assert channel.findtext("language") == "en"
    titles = [item.findtext("title") for item in channel.findall("item")]
    assert "Seoul's SSE ecosystem" in titles
    assert "Politique nationale de la ruralité" in titles  # French fallback
    assert not any("Brouillon" in title for title in titles)
    links = [item.findtext("link") for item in channel.findall("item")]
    assert "http://testserver/en/share/library/mondragon/" in links


def test_atom_feed_per_filter(client, library, items):
    response = client.get(url(library, "feed/atom/", "ko"), {"country": "KR", "kind": "case"})
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    entries = root.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == ["서울의 협치"]
    assert entries[0].find(f"{ATOM}link").get("href").endswith("/seoul-co-governance/")


def test_feed_with_search_and_bad_values(client, library, items):
    root = ET.fromstring(client.get(url(library, "feed/rss/"), {"q": "Mondragon"}).content)
    assert [item.findtext("title") for item in root.find("channel").findall("item")] == [
        "Le groupe coopératif de Mondragón"]
    for params in ({"theme": "<script>"}, {"q": "x" * 10_000}, {"year_from": "abc"}, {"q": "\x00"}):
        response = client.get(url(library, "feed/atom/"), params)
        assert response.status_code == 200
        ET.fromstring(response.content)
    assert client.get(url(library, "feed/json/")).status_code == 404


def test_csv_export_of_a_filtered_list(client, library, items):
    response = client.get(url(library, "export/csv/"), {"country": "KR"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert {row["id"] for row in rows} == {"practice:seoul-ecosystem", "case:seoul-co-governance"}
    case = next(row for row in rows if row["kind"] == "case")
    assert case["title"] == "La cogouvernance à Séoul"
    assert case["collaboration_form"] == "partnership"
    assert case["stages"] == "know-needs|build-solutions" or set(case["stages"].split("|")) == {
        "know-needs", "build-solutions"}
    assert case["url"] == "http://testserver/fr/partager/bibliotheque/seoul-co-governance/"
    assert float(case["longitude"]) == pytest.approx(126.978)


def test_csv_cells_cannot_become_formulas(client, library, items):
    from tests.practices.factories import practice

    practice("formule", "=HYPERLINK(\"http://evil\")")
    rows = list(csv.DictReader(io.StringIO(client.get(url(library, "export/csv/")).content.decode("utf-8-sig"))))
    title = next(row["title"] for row in rows if row["slug"] == "formule")
    assert title.startswith("'=")


def test_json_export_has_every_language_and_stable_ids(client, library, items):
    response = client.get(url(library, "export/json/", "es"), {"theme": "developpement-local"})
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["count"] == len(data["items"]) == 4
    by_id = {item["id"]: item for item in data["items"]}
    seoul = by_id["practice:seoul-ecosystem"]
    assert seoul["title"] == {"fr": "L'écosystème de l'ÉSS à Séoul", "en": "Seoul's SSE ecosystem",
                              "es": "El ecosistema de la ESS en Seúl", "ko": "서울의 사회적경제 생태계"}
    assert seoul["url"]["ko"].endswith("/seoul-ecosystem/")
    assert seoul["themes"][0]["name"]["ko"] == "지역 개발"
    assert seoul["territory"]["country_code"] == "KR"
    rural = by_id["case:politique-nationale-ruralite"]
    assert rural["title"]["en"] == ""  # untranslated stays empty, never "None"
    assert rural["stages"][0]["slug"] == "manage-jointly"
    assert "case:brouillon-secret" not in by_id
    # The same export twice gives the same identifiers.
    again = json.loads(client.get(url(library, "export/json/"), {"theme": "developpement-local"}).content)
    assert {item["id"] for item in again["items"]} == set(by_id)


@pytest.mark.parametrize("suffix", ["export/xml/", "export/csv/extra/", "export.csv", "feed/", "feed/rss/extra/"])
def test_unknown_formats_are_404(client, library, items, suffix):
    assert client.get(url(library, suffix)).status_code == 404


def test_listing_links_to_feeds_and_exports_with_its_filters(client, library, items):
    content = client.get(library.url, {"country": "KR"}).content.decode()
    assert "feed/rss/?country=KR" in content
    assert "export/csv/?country=KR" in content
    assert 'type="application/atom+xml"' in content


@pytest.mark.parametrize("language", ["fr", "ko"])
@pytest.mark.parametrize("params", ["", "kind=case", "theme=developpement-local", "q=coopératives"])
def test_exports_list_each_relation_as_the_orm_does(client, library, items, language, params):
    """The exports read each relation once for all the items (practices/exports.py): the same
    objects, in the same order, as item.<relation>.all(), live related practices only."""
    from django.http import QueryDict

    from partners.models import Partner
    from practices.exports import RELATIONS, item_querysets
    from practices.library import LibraryQuery
    from practices.models import CollaborationStage, StakeholderType, Theme
    from tests.practices.factories import case, practice

    draft = practice("brouillon-lie", "Une pratique en brouillon", publish=False)
    themes = list(Theme.objects.all())
    # Names in every language: the order of two partners without a Korean name is the
    # database's choice (a tie), on either side of the comparison.
    partners = [Partner.objects.create(name=name, name_fr=name, name_en=name, name_es=name, name_ko=korean,
                                       slug=slug, live=live)
                for name, korean, slug, live in (("Zèbre coop", "얼룩말 협동조합", "zebre", True),
                                                 ("Abeille", "꿀벌", "abeille", False))]
    case("cas-relie", "Des coopératives reliées", themes=themes, stakeholder_types=list(StakeholderType.objects.all()),
         partners=partners, stages=list(CollaborationStage.objects.all()),
         related_practices=[items["mondragon"], draft, items["cdec"]])
    with translation.override(language):
        found = {}
        for kind, _model, exported in item_querysets(LibraryQuery(QueryDict(params))):
            for item in exported:
                found[item.slug] = item
                for name in RELATIONS[kind]:
                    expected = list(getattr(item, name).all())
                    if name == "related_practices":
                        expected = [other for other in expected if other.live]
                    assert item.exported[name] == expected, (item.slug, name)
                    assert [type(obj) for obj in item.exported[name]] == [type(obj) for obj in expected]
    relie = found["cas-relie"]  # every filter above keeps it
    assert set(relie.exported["related_practices"]) == {items["mondragon"], items["cdec"]}
    assert len(relie.exported["themes"]) == len(themes) > 1
    assert set(relie.exported["partners"]) == set(partners)


@pytest.mark.parametrize("language", ["fr", "ko"])
def test_export_and_sitemap_addresses_are_each_items_own(client, library, items, language):
    """The exports and the sitemap append each slug to the library's address in each language,
    worked out once: the very address of the item's page, which opens."""
    from cities_portal.i18n import LANGUAGE_CODES

    data = json.loads(client.get(url(library, "export/json/", language)).content)
    rows = list(csv.DictReader(io.StringIO(client.get(url(library, "export/csv/", language)).content
                                           .decode("utf-8-sig"))))
    sitemap = client.get("/sitemap.xml").content.decode()
    assert data["items"] and len(rows) == len(data["items"])
    for item, row in zip(data["items"], rows, strict=True):
        for code in LANGUAGE_CODES:
            expected = "http://testserver" + library.item_url(item["slug"], code)
            assert item["url"][code] == iri_to_uri(expected)
            assert f"<loc>{iri_to_uri(expected)}</loc>" in sitemap
        assert row["url"] == item["url"][language]
    opened = data["items"][0]["url"]["ko"]
    assert client.get(opened.removeprefix("http://testserver")).status_code == 200
