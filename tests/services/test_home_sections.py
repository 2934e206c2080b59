"""Editors arrange the home page: its sections can be moved, hidden and retitled per language,
from the page editor, and the page reads only what the remaining sections show."""

import html
import re
from urllib.parse import unquote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.test.utils.form_data import nested_form_data, streamfield

from services.blocks import default_sections
from services.models import HomePage

pytestmark = pytest.mark.django_db


def headings(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return [html.unescape(text) for text in
            re.findall(r'<h2 id="home-[a-z]+-title">([^<]+)</h2>', response.content.decode())]


def republish(home, sections):
    home = HomePage.objects.get(pk=home.pk)
    home.sections = sections
    home.save_revision().publish()
    return home


def test_a_new_home_page_has_every_section_in_the_usual_order(home):
    assert [section.block_type for section in home.sections] == [
        "pillars", "body", "next_events", "latest_items", "partners"]


def test_the_sections_show_in_the_order_the_editors_chose(client, home, pillars, events):
    assert headings(client, "/fr/") == ["Nos services", "Prochains événements"]
    republish(home, [{"type": "next_events", "value": {"title": {}, "count": 3}},
                     {"type": "pillars", "value": {"title": {}}}])
    assert headings(client, "/fr/") == ["Prochains événements", "Nos services"]
    assert headings(client, "/ko/") == ["다음 행사", "센터의 서비스"]


def test_a_section_retitled_in_korean_only_keeps_its_usual_heading_elsewhere(client, home, pillars):
    republish(home, [{"type": "pillars", "value": {"title": {"ko": "세 가지 활동", "fr": ""}}}])
    assert headings(client, "/ko/") == ["세 가지 활동"]
    assert headings(client, "/fr/") == ["Nos services"]
    assert headings(client, "/es/") == ["Nuestros servicios"]


def test_a_hidden_section_is_not_shown_and_costs_no_query(client, home, pillars, events):
    client.get("/fr/")
    republish(home, [{"type": "pillars", "value": {"title": {}}}])
    client.get("/fr/")
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/fr/").content.decode()
    assert "Prochains événements" not in page and events["upcoming"].title_fr not in page
    assert not [q for q in queries.captured_queries if "services_eventpage" in q["sql"]]


def test_the_number_of_events_shown_is_the_editors_choice(client, home, events):
    republish(home, [{"type": "next_events", "value": {"title": {}, "count": 1}}])
    page = client.get("/en/").content.decode()
    assert page.count('class="event-item"') == 1
    assert events["upcoming"].title_en in page and events["later"].title_en not in page


def test_an_editor_reorders_and_retitles_the_sections_in_the_page_editor(admin_client, client, home, pillars, events):
    data = nested_form_data({
        "title_fr": "Accueil", "slug_fr": home.slug_fr or "accueil",
        "title_en": "Home", "title_es": "Inicio", "title_ko": "홈",
        "hero_title_fr": home.hero_title_fr,
        "body_fr": streamfield([]), "body_en": streamfield([]), "body_es": streamfield([]), "body_ko": streamfield([]),
        "sections": streamfield([
            ("next_events", {"title": {"fr": "À l'agenda", "en": "", "es": "", "ko": ""}, "count": "2"}),
            ("pillars", {"title": {"fr": "", "en": "What we do", "es": "", "ko": ""}}),
        ]),
        "action-publish": "publish",
    })
    response = admin_client.post(f"/admin/pages/{home.pk}/edit/", data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    assert headings(client, "/fr/") == ["À l'agenda", "Nos services"]
    assert headings(client, "/en/") == ["Next events", "What we do"]


def test_a_count_out_of_range_is_a_form_error_and_the_live_page_is_kept(admin_client, client, home, events):
    data = nested_form_data({
        "title_fr": "Accueil", "slug_fr": home.slug_fr or "accueil",
        "body_fr": streamfield([]), "body_en": streamfield([]), "body_es": streamfield([]), "body_ko": streamfield([]),
        "sections": streamfield([("next_events", {"title": {"fr": "", "en": "", "es": "", "ko": ""}, "count": "500"})]),
        "action-publish": "publish",
    })
    response = admin_client.post(f"/admin/pages/{home.pk}/edit/", data)
    assert response.status_code == 200  # the form again, with its errors
    assert [s["type"] for s in default_sections()] == [s.block_type for s in HomePage.objects.get(pk=home.pk).sections]
    assert "Prochains événements" in client.get("/fr/").content.decode()


def pillar_cards(client, url):
    page = client.get(url).content.decode()
    section = re.search(r'<section class="home-pillars".*?</section>', page, re.S).group(0)
    cards = re.findall(r'<h3><a href="([^"]+)"[^>]*>([^<]+)</a></h3>\s*(?:<p[^>]*>([^<]*)</p>)?', section)
    return [(unquote(url), title, intro) for url, title, intro in cards]


def test_the_pillars_come_from_the_pages_routing_read_and_follow_every_change(client, home, pillars):
    from wagtail.models import PageViewRestriction

    assert pillar_cards(client, "/ko/") == [
        ("/ko/모으기/", "모으기", "소개 모으기"), ("/ko/나누기/", "나누기", "소개 나누기"),
        ("/ko/전하기/", "전하기", "소개 전하기")]
    with CaptureQueriesContext(connection) as again:
        assert [title for _url, title, _intro in pillar_cards(client, "/fr/")] == [
            "Rassembler", "Partager", "Transférer"]
    # Routing read the home's children and keeps their specific rows: no query of their own.
    assert not [q for q in again.captured_queries if "servicepillarpage" in q["sql"]]

    share = pillars["share"]
    share.intro_fr = "Une bibliothèque ouverte."
    share.save_revision().publish()
    assert ("/fr/partager/", "Partager", "Une bibliothèque ouverte.") in pillar_cards(client, "/fr/")
    pillars["gather"].unpublish()
    assert [title for _url, title, _intro in pillar_cards(client, "/en/")] == ["Share", "Transfer"]
    PageViewRestriction.objects.create(page=pillars["transfer"], restriction_type="password", password="x")
    assert [title for _url, title, _intro in pillar_cards(client, "/es/")] == ["Compartir"]
    pillars["share"].move(home, pos="first-child")
    gather = type(pillars["gather"]).objects.get(pk=pillars["gather"].pk)  # its path moved along
    gather.save_revision().publish()
    assert [title for _url, title, _intro in pillar_cards(client, "/fr/")] == ["Partager", "Rassembler"]
