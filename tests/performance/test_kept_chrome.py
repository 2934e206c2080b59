"""The main menu, the footer's links and a page's address in each language are kept per content
generation (cities_portal/kept.py): built once, then read from memory, and never stale after
a rename, a move, a new page, an unpublish or a change of language or section."""

import re
from unittest import mock

import pytest
from django.template.loader import get_template
from django.utils import translation

from services.models import StandardPage
from tests.conftest import LANGS, add_page, four

pytestmark = pytest.mark.django_db

MENU_TITLES = {"fr": "À propos", "en": "About", "es": "Quiénes somos", "ko": "소개"}


def url(page, code):
    with translation.override(code):
        return page.get_url()


def menu(html):
    return re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)


def footer(html):
    return re.search(r"<footer.*?</footer>", html, re.S).group(0)


def switcher(html):
    return re.search(r'<nav class="lang-switcher".*?</nav>', html, re.S).group(0)


@pytest.fixture
def legal(home):
    return add_page(home, StandardPage(
        show_in_footer=True,
        **four("Mentions légales", "Legal notice", "Aviso legal", "법적 고지"),
        **four("mentions-legales", "legal-notice", "aviso-legal", "법적-고지", field="slug"),
    ))


def templates_rendered(client, path):
    """(HTML, names of the includes the menu and footer tags rendered) for one request."""
    names = []

    def counting(name, *args, **kwargs):
        names.append(name)
        return get_template(name, *args, **kwargs)

    with mock.patch("cities_portal.templatetags.cities_tags.get_template", side_effect=counting), \
            mock.patch("services.templatetags.services_tags.get_template", side_effect=counting):
        response = client.get(path)
    assert response.status_code == 200
    return response.content.decode(), names


def test_the_menu_and_the_footer_are_built_once_then_read_from_memory(client, pillars, about, legal):
    first, built = templates_rendered(client, "/en/")
    assert built == ["includes/main_menu.html", "includes/footer_links.html"]
    again, built = templates_rendered(client, "/en/")
    assert built == []
    assert menu(again) == menu(first) and footer(again) == footer(first)
    assert f'<a href="{url(about, "en")}">About</a>' in menu(again)
    assert f'<a href="{url(legal, "en")}">Legal notice</a>' in footer(again)


def test_a_rename_a_new_page_and_an_unpublish_show_on_the_next_request(client, pillars, about, legal):
    client.get("/en/")
    about.title_en, about.slug_en = "Who we are", "who-we-are"
    about.save_revision().publish()
    legal.title_en = "Legal information"
    legal.save_revision().publish()
    html = client.get("/en/").content.decode()
    assert '<a href="/en/who-we-are/">Who we are</a>' in menu(html)
    assert ">About<" not in menu(html)
    assert '>Legal information</a>' in footer(html) and "Legal notice" not in footer(html)

    access = add_page(legal.get_parent(), StandardPage(
        show_in_footer=True, **four("Accessibilité", "Accessibility"), **four("accessibilite", "accessibility",
                                                                             field="slug")))
    html = client.get("/en/").content.decode()
    assert f'<a href="{url(access, "en")}">Accessibility</a>' in footer(html)

    about.refresh_from_db()
    about.unpublish()
    legal.refresh_from_db()
    legal.unpublish()
    html = client.get("/en/").content.decode()
    assert "who-we-are" not in menu(html)
    assert "Legal information" not in footer(html) and "Accessibility" in footer(html)


def test_each_language_and_each_section_gets_its_own_menu(client, pillars, service, about):
    for _round in range(2):  # the second round reads every menu from memory
        for code in LANGS:
            html = client.get(url(service, code)).content.decode()
            nav = menu(html)
            transfer = url(pillars["transfer"], code)
            assert re.search(rf'<a href="{re.escape(transfer)}" aria-current="true">', nav)
            assert nav.count("aria-current") == 1
            assert f">{MENU_TITLES[code]}</a>" in nav
            html = client.get(url(pillars["transfer"], code)).content.decode()
            assert re.search(rf'<a href="{re.escape(transfer)}" aria-current="page">', menu(html))
            html = client.get(url(about, code)).content.decode()
            assert f'aria-current="page">{MENU_TITLES[code]}</a>' in menu(html)
            assert menu(html).count("aria-current") == 1


def test_the_language_switcher_follows_a_new_slug_and_keeps_the_query_string(client, pillars, service):
    html = client.get(url(service, "fr")).content.decode()
    assert f'href="{url(service, "es")}" hreflang="es"' in switcher(html)
    service.slug_es = "cursos"
    service.save_revision().publish()
    service.refresh_from_db()
    html = client.get(url(service, "fr") + "?page=2").content.decode()
    new = url(service, "es")
    assert new.endswith("/cursos/")
    assert f'href="{new}?page=2" hreflang="es"' in switcher(html)
    assert f'<link rel="alternate" hreflang="es" href="http://testserver{new}">' in html
    # Each page keeps its own addresses.
    html = client.get(url(pillars["transfer"], "fr")).content.decode()
    assert f'href="{url(pillars["transfer"], "es")}" hreflang="es"' in switcher(html)


def test_without_a_content_generation_everything_is_built_each_time(client, pillars, about, legal):
    with mock.patch("cities_portal.page_cache.generation", return_value=None):
        for _ in range(2):
            html, built = templates_rendered(client, "/ko/")
            assert built == ["includes/main_menu.html", "includes/footer_links.html"]
            assert f'<a href="{url(about, "ko")}">소개</a>' in menu(html)
            assert '>법적 고지</a>' in footer(html)
