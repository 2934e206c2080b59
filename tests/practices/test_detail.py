"""Item pages: translated addresses, content, partners, documents, citation, JSON-LD,
previous/next within the filters, drafts never shown."""

import json
import re

import pytest
from django.core.files.base import ContentFile
from django.test import RequestFactory
from django.utils import translation
from wagtail.documents.models import Document

from partners.models import Partner
from practices.models import GoodPracticeDocument
from tests.practices.factories import practice

pytestmark = pytest.mark.django_db


def item_url(library, slug, language="fr"):
    with translation.override(language):
        return library.url + f"{slug}/"


@pytest.mark.parametrize(("language", "path", "title"), [
    ("fr", "/fr/partager/bibliotheque/seoul-ecosystem/", "L'écosystème de l'ÉSS à Séoul"),
    ("en", "/en/share/library/seoul-ecosystem/", "Seoul's SSE ecosystem"),
    ("es", "/es/compartir/biblioteca/seoul-ecosystem/", "El ecosistema de la ESS en Seúl"),
    ("ko", "/ko/나누기/라이브러리/seoul-ecosystem/", "서울의 사회적경제 생태계"),
])
def test_item_pages_at_translated_addresses(client, library, items, language, path, title):
    response = client.get(path)
    assert response.status_code == 200
    content = response.content.decode()
    assert f'<html lang="{language}">' in content
    assert title.replace("'", "&#x27;") in content


def test_language_switcher_and_hreflang_stay_on_the_item(client, library, items):
    content = client.get(item_url(library, "mondragon")).content.decode()
    assert 'href="/en/share/library/mondragon/" hreflang="en"' in content
    assert 'hreflang="es" href="http://testserver/es/compartir/biblioteca/mondragon/"' in content
    assert 'hreflang="x-default" href="http://testserver/fr/partager/bibliotheque/mondragon/"' in content


@pytest.mark.parametrize("language", ["fr", "en", "es", "ko"])
def test_drafts_and_unknown_slugs_are_404(client, library, items, language):
    assert client.get(item_url(library, "brouillon-secret", language)).status_code == 404
    assert client.get(item_url(library, "no-such-item", language)).status_code == 404


def test_unpublished_item_disappears(client, library, items):
    item = items["mondragon"]
    assert client.get(item_url(library, "mondragon")).status_code == 200
    item.unpublish()
    assert client.get(item_url(library, "mondragon")).status_code == 404
    assert "mondragon/" not in client.get(library.url).content.decode()


def test_draft_changes_of_a_live_item_are_not_shown(client, library, items):
    item = items["mondragon"]
    item.title_fr = "Titre en cours de rédaction"
    item.save_revision()  # a new draft, not published
    content = client.get(item_url(library, "mondragon")).content.decode()
    assert "Titre en cours de rédaction" not in content
    assert "Le groupe coopératif de Mondragón" in content


def test_case_page_shows_its_collaboration(client, library, items):
    case = items["seoul_case"]
    case.related_practices.set([items["seoul"]])
    case.public_actors_fr = "Ville de Séoul"
    case.civil_society_actors_fr = "Réseau de l'économie sociale de Séoul"
    case.save()
    case.save_revision().publish()
    content = client.get(item_url(library, "seoul-co-governance")).content.decode()
    for text in ("Ville de Séoul", "Réseau de l&#x27;économie sociale de Séoul", "Connaître les besoins du territoire",
                 "Partenariat", "seoul-ecosystem/"):
        assert text in content
    # The practice links back to the case.
    assert "seoul-co-governance/" in client.get(item_url(library, "seoul-ecosystem")).content.decode()


def test_partners_documents_and_citation(client, library, items):
    partner = Partner.objects.create(name="Ville de Montréal", slug="ville-de-montreal",
                                     website="https://montreal.ca")
    document = Document.objects.create(title="Bilan des CDEC")
    document.file.save("bilan.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    item = items["cdec"]
    item.partners.set([partner])
    item.documents.add(GoodPracticeDocument(document=document, link_text_fr="Le bilan complet"))
    item.save()
    item.save_revision().publish()
    content = client.get(item_url(library, "cdec-montreal")).content.decode()
    assert '<a href="https://montreal.ca" rel="external">Ville de Montréal</a>' in content
    assert "Le bilan complet" in content and document.url in content
    assert "http://testserver/fr/partager/bibliotheque/cdec-montreal/" in content  # citation
    assert "C.I.T.I.E.S." in content


def test_json_ld_is_valid_and_the_only_inline_script(client, library, items):
    content = client.get(item_url(library, "seoul-ecosystem", "ko")).content.decode()
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", content, re.S)
    inline = [(attrs, body) for attrs, body in scripts if "src=" not in attrs]
    assert len(inline) == 1 and 'type="application/ld+json"' in inline[0][0]
    data = json.loads(inline[0][1])
    assert data["@context"] == "https://schema.org"
    assert data["name"] == "서울의 사회적경제 생태계"
    assert data["inLanguage"] == "ko"
    assert data["url"].endswith("/seoul-ecosystem/")
    assert data["spatialCoverage"]["geo"]["latitude"] == pytest.approx(37.5665)
    assert data["temporalCoverage"] == "2012/.."


def test_json_ld_cannot_be_broken_out_of(client, library, items):
    practice("piege", "Titre </script><script>alert(1)</script>")
    content = client.get(item_url(library, "piege")).content.decode()
    assert "<script>alert(1)" not in content
    ld = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', content, re.S).group(1)
    assert json.loads(ld)["name"] == "Titre </script><script>alert(1)</script>"


def test_previous_and_next_follow_the_filters(client, library, items):
    # Newest first within Korea: the two Seoul items (2012), in a stable order.
    listing = client.get(library.url, {"country": "KR"}).content.decode()
    first_url = re.search(r'<h3><a href="([^"]+)"', listing).group(1).replace("&amp;", "&")
    assert "country=KR" in first_url
    first = client.get(first_url).content.decode()
    assert 'rel="prev"' not in first
    next_url = re.search(r'href="([^"]+)" rel="next"', first).group(1).replace("&amp;", "&")
    assert "country=KR" in next_url
    second = client.get(next_url).content.decode()
    assert 'rel="next"' not in second
    assert re.search(r'href="([^"]+)" rel="prev"', second).group(1).replace("&amp;", "&") == first_url
    # Without filters, the same item has neighbours from the whole library.
    assert 'rel="next"' in client.get(item_url(library, "seoul-ecosystem")).content.decode() or \
        'rel="prev"' in client.get(item_url(library, "seoul-ecosystem")).content.decode()
    # Bad filter values on an item page are ignored, never an error.
    assert client.get(item_url(library, "mondragon") + "?theme=<x>&page=abc&year_from=99999").status_code == 200


@pytest.mark.parametrize("query", ["?q=zzzqqqxxx", "?q=zzzqqqxxx&sort=title", "?q=zzzqqqxxx&sort=newest"])
def test_an_item_reached_from_a_search_without_matches_shows_without_neighbours(client, library, items, query):
    """The filters leave nothing: the item still shows (it was a 500), with no previous/next."""
    for language in ("fr", "ko"):
        response = client.get(item_url(library, "mondragon", language) + query)
        assert response.status_code == 200
        html = response.content.decode()
        assert 'rel="next"' not in html and 'rel="prev"' not in html


def test_untranslated_item_shows_the_fallback_notice(client, library, items):
    content = client.get(item_url(library, "politique-nationale-ruralite", "en")).content.decode()
    assert 'class="notice notice-fallback"' in content
    assert '<h1 lang="fr">Politique nationale de la ruralité</h1>' in content
    complete = client.get(item_url(library, "mondragon", "fr")).content.decode()
    assert 'class="notice notice-fallback"' not in complete


def test_preview_renders_a_draft_for_editors(library, items):
    request = RequestFactory().get("/")
    response = items["draft"].serve_preview(request, "")
    assert response.status_code == 200
    assert "Brouillon secret" in response.rendered_content


def test_sitemap_lists_items_in_four_languages(client, library, items):
    content = client.get("/sitemap.xml").content.decode()
    for path in ("/fr/partager/bibliotheque/mondragon/", "/en/share/library/mondragon/",
                 "/es/compartir/biblioteca/mondragon/"):
        assert f"{path}</loc>" in content
    assert "brouillon-secret" not in content
