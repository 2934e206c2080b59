"""Each page type renders in the four languages, with the right <html lang> and its content."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from tests.conftest import LANGS

pytestmark = pytest.mark.django_db


def url_in(page, code):
    with translation.override(code):
        return page.get_url()


def get(client, page, code, suffix="", max_queries=12):
    """GET the page in `code` as a visitor; the second request (site-wide caches warm, as in
    production) must stay within `max_queries`."""
    url = url_in(page, code) + suffix
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (code, url, response.status_code)
    assert len(queries) <= max_queries, [q["sql"][:200] for q in queries.captured_queries]
    html = response.content.decode()
    assert f'<html lang="{code}">' in html
    return html


@pytest.mark.parametrize("code", LANGS)
def test_home_shows_pillars_and_next_events(client, home, pillars, events, code):
    html = get(client, home, code)
    titles = {"fr": "Rassembler", "en": "Gather", "es": "Reunir", "ko": "모으기"}
    assert titles[code] in html
    assert f"{url_in(pillars['gather'], code)}" in html
    assert "forum" in html.lower() or "포럼" in html or "행사 forum" in html
    # Next events list only upcoming ones.
    with translation.override(code):
        assert events["upcoming"].title in html
        assert events["past"].title not in html
    assert 'id="home-events-title"' in html


@pytest.mark.parametrize("code", LANGS)
def test_pillar_lists_its_services_and_sections(client, pillars, service, form_page, code):
    html = get(client, pillars["transfer"], code)
    with translation.override(code):
        assert service.title in html
        assert service.get_url() in html
        assert form_page.title in html
        assert pillars["transfer"].intro in html


@pytest.mark.parametrize("code", LANGS)
def test_service_page_shows_the_offering(client, service, code):
    html = get(client, service, code)
    with translation.override(code):
        assert service.audience in html
        assert service.service_format in html
        for item in service.outcome_list:
            assert f"<li>{item}</li>" in html
        assert service.cta_label in html
    assert 'href="https://example.org/contact"' in html


def test_service_call_to_action_prefers_a_live_page(client, service, form_page):
    service.cta_page = form_page
    service.save_revision().publish()
    html = get(client, service, "es")
    assert f'href="{url_in(form_page, "es")}"' in html


@pytest.mark.parametrize("code", LANGS)
def test_standard_page_lists_its_subpages(client, about, code):
    from services.models import StandardPage
    from tests.conftest import add_page, four

    child = add_page(about, StandardPage(**four("L'ÉSS", "The SSE", "La ESS", "사회연대경제"),
                                         **four("ess", "sse", "ess", "사회연대경제", field="slug")))
    html = get(client, about, code)
    with translation.override(code):
        assert child.title in html.replace("&#x27;", "'")
        assert child.get_url() in html


@pytest.mark.parametrize("code", LANGS)
def test_event_index_and_event_pages_render(client, event_index, events, code):
    html = get(client, event_index, code)
    with translation.override(code):
        assert events["upcoming"].title in html
        assert events["later"].title in html
        assert events["past"].title not in html
    html = get(client, events["upcoming"], code)
    assert 'href="https://example.org/register"' in html
    assert "calendar/" in html


@pytest.mark.parametrize("code", LANGS)
def test_form_page_renders(client, form_page, code):
    html = get(client, form_page, code)
    labels = {"fr": "Organisation", "en": "Organisation", "es": "Organización", "ko": "기관"}
    assert labels[code] in html
    assert re.search(r'<select name="[a-z_]+"', html)


def test_translated_slugs_give_different_urls(pillars):
    urls = [url_in(pillars["gather"], code) for code in LANGS]
    assert urls == ["/fr/rassembler/", "/en/gather/", "/es/reunir/", "/ko/%EB%AA%A8%EC%9C%BC%EA%B8%B0/"] or \
        urls == ["/fr/rassembler/", "/en/gather/", "/es/reunir/", "/ko/모으기/"]


def test_untranslated_text_is_marked_as_french(client, pillars, service):
    service.intro_ko = ""
    service.save_revision().publish()
    html = get(client, service, "ko")
    assert 'class="lead" lang="fr"' in html
