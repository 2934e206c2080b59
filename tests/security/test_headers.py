"""Security headers of every public page type, scored by the Mozilla HTTP Observatory rules."""

import re

import pytest
from django.test import override_settings
from django.utils import translation

from cities_portal.i18n import LANGUAGE_CODES
from tests.security.observatory import parse_csp, score

pytestmark = pytest.mark.django_db


def public_urls(site, language="fr"):
    with translation.override(language):
        urls = {name: site[name].url for name in ("home", "standard", "pillar", "service", "event_index", "event",
                                                  "form", "library", "directory")}
        urls["item"] = site["library"].item_url(site["practice"].slug)
        urls["case"] = site["library"].item_url(site["case"].slug)
        urls["partner"] = site["directory"].partner_url(site["partner"])
    urls["404"] = f"/{language}/nothing-is-here/"
    return urls


def test_every_public_page_type_scores_a_plus(site, production_like, https_client, client):
    for name, url in public_urls(site).items():
        response = https_client.get(url)
        assert response.status_code == (404 if name == "404" else 200), (name, url)
        plain = client.get(url, HTTP_X_FORWARDED_PROTO="http")
        report = score(response, plain_response=plain)
        assert report.grade == "A+", f"{name} {url}: {report}"
        assert report.score >= 100


def test_every_language_gets_the_same_headers(site, production_like, https_client):
    for code in LANGUAGE_CODES:
        for name, url in public_urls(site, code).items():
            response = https_client.get(url)
            assert score(response).grade == "A+", (code, name, url)
            assert response["Cross-Origin-Opener-Policy"] == "same-origin"
            assert response["X-Content-Type-Options"] == "nosniff"
            assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
            assert response["X-Frame-Options"] == "DENY"
            hsts = response["Strict-Transport-Security"]
            assert int(re.search(r"max-age=(\d+)", hsts).group(1)) >= 31_536_000


def test_public_policy_forbids_inline_scripts_and_allows_the_map_tiles(site, https_client, settings):
    settings.PRACTICES_MAP_TILES_URL = "https://tiles.example.net/{z}/{x}/{y}.png"
    with translation.override("fr"):
        response = https_client.get(site["library"].url + "?view=map")
    policy = parse_csp(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'none'"]
    assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
    assert policy["style-src"] == ["'self'"]
    assert "https://tiles.example.net" in policy["img-src"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"] and policy["object-src"] == ["'none'"]


def test_the_only_inline_script_carries_the_response_nonce(site, https_client):
    with translation.override("en"):
        response = https_client.get(site["library"].item_url(site["practice"].slug))
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    html = response.content.decode()
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
    assert inline, "the item page has its JSON-LD block"
    for attributes in inline:
        assert f'nonce="{nonce}"' in attributes
    assert " style=" not in html  # no inline style attribute anywhere (style-src 'self')


@override_settings(PAGE_CACHE_SECONDS=600)
def test_a_page_served_from_the_cache_gets_a_fresh_nonce(site, client):
    url = site["library"].item_url(site["practice"].slug)
    seen = set()
    for expected_cache in ("miss", "hit", "hit"):
        response = client.get(url)
        assert response["X-Page-Cache"] == expected_cache
        nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
        assert f'nonce="{nonce}"' in response.content.decode()
        assert int(response["Content-Length"]) == len(response.content)
        seen.add(nonce)
    assert len(seen) == 3


def test_documents_are_sandboxed_attachments(admin_client, client, tmp_path):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    document = Document(title="Rapport")
    document.file.save("rapport.pdf", ContentFile(b"%PDF-1.4\n% test\n"), save=True)
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox; frame-ancestors 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_admin_has_its_own_policy_and_live_preview_can_be_framed(about, admin_client):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    response = admin_client.get("/admin/")
    policy = parse_csp(response["Content-Security-Policy"])
    assert policy["frame-ancestors"] == ["'self'"]
    assert "'self'" in policy["script-src"]
    values = {"comments": inline_formset([])}
    for code in LANGUAGE_CODES:
        for name in ("title", "slug", "intro"):
            values[f"{name}_{code}"] = getattr(about, f"{name}_{code}") or ""
        values[f"body_{code}"] = streamfield([])
    values["intro_fr"] = "Aperçu en direct."
    preview_url = f"/admin/pages/{about.pk}/edit/preview/"
    posted = admin_client.post(preview_url, nested_form_data(values))
    assert posted.json()["is_valid"] is True
    preview = admin_client.get(preview_url)
    assert preview.status_code == 200
    assert "Aperçu en direct." in preview.content.decode()
    assert preview["X-Frame-Options"] == "SAMEORIGIN"
    assert parse_csp(preview["Content-Security-Policy"])["frame-ancestors"] == ["'self'"]
