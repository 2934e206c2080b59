"""Partner profiles: translated addresses, texts in the visitor's language with the fallback
notice, logo with its alternative text, contact, the practices and cases the partner takes
part in, JSON-LD, language switcher and hreflang; drafts and unknown slugs are 404."""

import json
import re
from urllib.parse import unquote

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from tests.partners.factories import partner
from tests.practices.factories import case, practice

pytestmark = pytest.mark.django_db

PROFILES = {
    "fr": "/fr/partenaires/ville-de-montreal/",
    "en": "/en/partners/ville-de-montreal/",
    "es": "/es/socios/ville-de-montreal/",
    "ko": "/ko/파트너/ville-de-montreal/",
}
FALLBACK_NOTICE = 'class="notice notice-fallback"'


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.parametrize(("language", "name", "description", "fact"), [
    ("fr", "Ville de Montréal", "La ville a co-organisé le GSEF2016.", "Hôte du GSEF2016"),
    ("en", "City of Montréal", "The city co-hosted GSEF2016.", "Host of GSEF2016"),
    ("es", "Ciudad de Montreal", "La ciudad coorganizó el GSEF2016.", "Sede del GSEF2016"),
    ("ko", "몬트리올시", "시는 2016년 GSEF를 공동 개최했다.", "2016년 GSEF 개최"),
])
def test_profile_in_four_languages(client, montreal, language, name, description, fact):
    content = page(client, PROFILES[language])
    assert f'<html lang="{language}">' in content
    assert f"<h1>{name}" in content
    assert description in content
    assert f"<li>{fact}</li>" in content
    assert 'href="https://montreal.ca/"' in content
    assert 'href="mailto:ess@montreal.example"' in content
    assert FALLBACK_NOTICE not in content
    assert 'lang="fr"' not in content.split("<main", 1)[1]


@pytest.mark.parametrize(("language", "notice"), [
    ("en", "not yet translated into English"),
    ("es", "aún no están traducidas al español"),
    ("ko", "한국어로 번역되지 않아"),
])
def test_untranslated_profile_shows_french_with_a_notice(client, french_only_partner, language, notice):
    url = {"en": "/en/partners/risq/", "es": "/es/socios/risq/", "ko": "/ko/파트너/risq/"}[language]
    content = page(client, url)
    assert FALLBACK_NOTICE in content
    assert notice in content
    assert '<h1 lang="fr">Réseau d&#x27;investissement social du Québec' in content
    assert '<section class="partner-description" lang="fr">' in content
    assert "capital de risque" in content


def test_french_profile_has_no_notice(client, french_only_partner):
    assert FALLBACK_NOTICE not in page(client, "/fr/partenaires/risq/")


def test_partly_translated_profile_marks_only_the_french_parts(client, directory):
    partner("tiess", {"fr": "Territoires innovants en économie sociale et solidaire",
                      "en": "Territoires innovants en économie sociale et solidaire"},
            acronym="TIESS", description={"fr": "Un réseau de transfert.", "en": "A transfer network."},
            key_facts={"fr": "Fondé en 2013"})
    content = page(client, "/en/partners/tiess/")
    assert FALLBACK_NOTICE in content
    assert '<section class="partner-description">' in content and "A transfer network." in content
    assert '<section class="partner-facts" lang="fr">' in content


@pytest.mark.parametrize("language", ["fr", "en", "es", "ko"])
def test_drafts_and_unknown_slugs_are_404(client, montreal, draft_partner, language):
    base = unquote(PROFILES[language]).rsplit("ville-de-montreal/", 1)[0]
    assert client.get(f"{base}brouillon-secret/").status_code == 404
    assert client.get(f"{base}nobody/").status_code == 404
    assert client.get(f"{base}{'x' * 300}/").status_code == 404
    assert client.get(f"{base}%00/").status_code == 404
    assert client.get(f"{base}a%00b/").status_code == 404


def test_unpublished_partner_disappears_and_draft_changes_stay_hidden(client, montreal):
    montreal.description_en = "A draft sentence."
    montreal.save_revision()
    content = page(client, PROFILES["en"])
    assert "A draft sentence." not in content and "The city co-hosted GSEF2016." in content
    montreal.unpublish()
    assert client.get(PROFILES["en"]).status_code == 404
    assert "ville-de-montreal" not in page(client, "/en/partners/")


def test_logo_is_shown_with_its_alternative_text(client, directory):
    logo = Image.objects.create(title="Logo", file=ContentFile(get_test_image_file().file.getvalue(), name="l.png"))
    partner("chantier-economie-sociale", {"fr": "Chantier de l'économie sociale"}, logo=logo,
            logo_alt_fr="Logo du Chantier", logo_alt_en="Chantier's logo", logo_alt_es="Logotipo del Chantier",
            logo_alt_ko="샹티에 로고")
    for url, alt in (("/fr/partenaires/chantier-economie-sociale/", "Logo du Chantier"),
                     ("/en/partners/chantier-economie-sociale/", "Chantier&#x27;s logo"),
                     ("/ko/파트너/chantier-economie-sociale/", "샹티에 로고")):
        content = page(client, url)
        assert re.search(rf'<img[^>]+alt="{alt}"[^>]*class="partner-logo"', content), url


def test_without_logo_the_initials_stand_in(client, french_only_partner):
    content = page(client, "/fr/partenaires/risq/")
    assert '<span class="partner-initials" aria-hidden="true">RISQ</span>' in content
    assert "<img" not in content


def test_lists_the_live_practices_and_cases_it_takes_part_in(client, library, montreal, seoul):
    practice("cdec-montreal", {"fr": "Les CDEC de Montréal", "en": "Montréal's CDECs"}, partners=[montreal])
    case("montreal-social-economy-plan", {"fr": "Le plan d'action en économie sociale",
                                          "en": "The social economy action plan"}, partners=[montreal, seoul])
    practice("brouillon-pratique", "Pratique en brouillon", publish=False, partners=[montreal])
    practice("seoul-only", "Seulement Séoul", partners=[seoul])
    content = page(client, PROFILES["en"])
    section = content.split('class="partner-involvements"', 1)[1].split("</section>", 1)[0]
    assert 'href="/en/share/library/cdec-montreal/"' in section
    assert "Montréal&#x27;s CDECs" in section
    assert 'href="/en/share/library/montreal-social-economy-plan/"' in section
    assert "Good practice" in section and "Collaboration case" in section
    assert "brouillon" not in section and "seoul-only" not in section
    ko = page(client, PROFILES["ko"])
    assert "/ko/%EB%82%98%EB%88%84%EA%B8%B0/" in ko or "/ko/나누기/라이브러리/cdec-montreal/" in ko


def test_profile_queries_do_not_grow_with_its_practices(client, library, montreal):
    def count():
        # The first view after a change fills what is kept per content generation (the site,
        # the page tree, view restrictions); the second is the one measured.
        page(client, PROFILES["fr"])
        with CaptureQueriesContext(connection) as context:
            page(client, PROFILES["fr"])
        return len(context.captured_queries)

    practice("p-0", "Pratique 0", partners=[montreal])
    few = count()
    for number in range(1, 15):
        practice(f"p-{number}", f"Pratique {number}", partners=[montreal])
    assert count() == few


def test_language_switcher_and_hreflang_stay_on_the_profile(client, montreal):
    content = page(client, PROFILES["fr"])
    assert 'href="/en/partners/ville-de-montreal/" hreflang="en"' in content
    assert 'href="/es/socios/ville-de-montreal/" hreflang="es"' in content
    links = dict(re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">', content))
    assert set(links) == {"fr", "en", "es", "ko", "x-default"}
    assert links["x-default"] == links["fr"] == "http://testserver/fr/partenaires/ville-de-montreal/"
    assert unquote(links["ko"]) == "http://testserver/ko/파트너/ville-de-montreal/"
    for url in links.values():
        assert client.get(url.replace("http://testserver", "")).status_code == 200


def test_json_ld_organization(client, montreal):
    content = page(client, PROFILES["en"])
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', content, re.S).group(1)
    data = json.loads(raw)
    assert data["@type"] == "Organization"
    assert data["name"] == "City of Montréal"
    assert "Ville de Montréal" in data["alternateName"]
    assert data["url"] == "https://montreal.ca/"
    assert data["email"] == "ess@montreal.example"
    assert data["address"] == {"@type": "PostalAddress", "addressLocality": "Montréal", "addressCountry": "CA"}
    assert data["@id"] == "http://testserver/en/partners/ville-de-montreal/"


def test_json_ld_cannot_be_broken_out_of(client, directory):
    partner("evil", {"fr": "</script><script>alert(1)</script>"})
    content = page(client, "/fr/partenaires/evil/")
    assert "<script>alert(1)</script>" not in content
