"""Menus, breadcrumbs and footer follow the active language and mark the current section."""

import re

import pytest
from django.utils import translation

from services.models import StandardPage
from tests.conftest import LANGS, add_page, four

pytestmark = pytest.mark.django_db

MENU = {
    "fr": ["Rassembler", "Partager", "Transférer", "À propos"],
    "en": ["Gather", "Share", "Transfer", "About"],
    "es": ["Reunir", "Compartir", "Transferir", "Quiénes somos"],
    "ko": ["모으기", "나누기", "전하기", "소개"],
}


def menu_of(html):
    nav = re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)
    return re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', nav), nav


def url(page, code):
    with translation.override(code):
        return page.get_url()


@pytest.fixture
def legal(home):
    return add_page(home, StandardPage(
        show_in_footer=True,
        **four("Mentions légales", "Legal notice", "Aviso legal", "법적 고지"),
        **four("mentions-legales", "legal-notice", "aviso-legal", "법적-고지", field="slug"),
    ))


@pytest.mark.parametrize("code", LANGS)
def test_main_menu_follows_the_language(client, pillars, about, code):
    html = client.get(f"/{code}/").content.decode()
    links, _nav = menu_of(html)
    assert [title for _href, title in links] == MENU[code]
    assert [href for href, _title in links] == [url(p, code) for p in (*pillars.values(), about)]


def test_current_section_is_marked(client, pillars, service, about):
    html = client.get(url(service, "en")).content.decode()
    _links, nav = menu_of(html)
    assert f'<a href="{url(pillars["transfer"], "en")}" aria-current="true">Transfer</a>' in nav
    assert nav.count("aria-current") == 1
    html = client.get(url(pillars["transfer"], "en")).content.decode()
    _links, nav = menu_of(html)
    assert f'<a href="{url(pillars["transfer"], "en")}" aria-current="page">Transfer</a>' in nav


@pytest.mark.parametrize("code", LANGS)
def test_breadcrumbs_follow_the_language(client, pillars, service, code):
    html = client.get(url(service, code)).content.decode()
    crumbs = re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.S).group(0)
    with translation.override(code):
        assert f'<a href="{url(pillars["transfer"], code)}">{pillars["transfer"].title}</a>' in crumbs
        assert f'<span aria-current="page">{service.title}</span>' in crumbs


@pytest.mark.parametrize("code, title", [("fr", "Mentions légales"), ("en", "Legal notice"),
                                         ("es", "Aviso legal"), ("ko", "법적 고지")])
def test_footer_lists_the_legal_pages_in_the_language(client, home, legal, about, code, title):
    html = client.get(f"/{code}/").content.decode()
    footer = re.search(r'<footer.*?</footer>', html, re.S).group(0)
    assert f'<a href="{url(legal, code)}">{title}</a>' in footer
    assert url(about, code) not in footer


def test_language_switcher_keeps_the_visitor_on_the_same_page(client, pillars, service):
    html = client.get(url(service, "fr")).content.decode()
    switcher = re.search(r'<nav class="lang-switcher".*?</nav>', html, re.S).group(0)
    for code in LANGS:
        assert f'href="{url(service, code)}" hreflang="{code}"' in switcher
