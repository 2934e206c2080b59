"""URL routing, the language switcher, fallbacks and their notice, in every language."""

import re
from urllib.parse import unquote

import pytest
from django.utils import translation

from tests.conftest import LANGS

ABOUT_PATHS = {"fr": "/fr/a-propos/", "en": "/en/about/", "es": "/es/quienes-somos/", "ko": "/ko/소개/"}


def html_lang(response):
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


def switcher_links(response):
    html = response.content.decode()
    nav = html.split('class="lang-switcher"', 1)[1].split("</nav>", 1)[0]
    pairs = re.findall(r'href="([^"]+)" hreflang="(\w+)"', nav)
    return {code: unquote(url).replace("&amp;", "&") for url, code in pairs}


@pytest.mark.parametrize(
    "accept, expected",
    [("ko-KR,ko;q=0.9,en;q=0.5", "/ko/"), ("es-ES,es;q=0.9", "/es/"), ("en-GB,en;q=0.8", "/en/"),
     ("de-DE,de;q=0.9", "/fr/"), ("", "/fr/")],
)
def test_root_redirects_to_the_visitors_best_language(client, home, accept, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302
    assert response["Location"] == expected


@pytest.mark.parametrize("code", LANGS)
def test_home_answers_in_every_language_with_the_right_html_lang(client, home, code):
    response = client.get(f"/{code}/")
    assert response.status_code == 200
    assert html_lang(response) == code


@pytest.mark.parametrize("code", LANGS)
def test_translated_slugs(client, about, code):
    response = client.get(ABOUT_PATHS[code])
    assert response.status_code == 200
    assert html_lang(response) == code
    assert about.title_fr if code == "fr" else getattr(about, f"title_{code}") in response.content.decode()


def test_a_slug_of_another_language_is_not_found(client, about):
    assert client.get("/en/a-propos/").status_code == 404
    assert client.get("/fr/about/").status_code == 404


@pytest.mark.parametrize("code", LANGS)
def test_switcher_keeps_the_page_in_every_language(client, about, code):
    links = switcher_links(client.get(ABOUT_PATHS[code]))
    assert links == ABOUT_PATHS
    for target in links.values():
        assert client.get(target).status_code == 200


def test_switcher_keeps_the_query_string(client, about):
    links = switcher_links(client.get("/fr/a-propos/?theme=habitat&page=2&q=coop%C3%A9rative"))
    assert links["ko"] == "/ko/소개/?theme=habitat&page=2&q=coopérative"


def test_switcher_marks_the_current_language(client, about):
    html = client.get("/es/quienes-somos/").content.decode()
    assert re.search(r'hreflang="es" lang="es" aria-current="true"', html)


def test_untranslated_page_falls_back_to_french_with_a_notice(client, french_only):
    response = client.get("/ko/mentions-legales/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html_lang(response) == "ko"
    # The French text is shown and marked as French...
    assert re.search(r'<h1 lang="fr">Mentions légales</h1>', html)
    assert re.search(r'<p class="lead" lang="fr">Éditeur du site', html)
    # ...and the visitor is told so, in Korean.
    assert '<p class="notice notice-fallback" role="note">이 페이지의 일부는 아직 한국어로 번역되지 않아' in html


def test_the_notice_names_the_language_in_spanish(client, french_only):
    html = client.get("/es/mentions-legales/").content.decode()
    assert "aún no están traducidas al español; se muestran en francés." in html


def test_translated_page_has_no_notice_and_no_french_marks(client, about):
    html = client.get("/ko/소개/").content.decode()
    assert "notice-fallback" not in html
    assert '<h1 lang="fr">' not in html


def test_french_page_never_shows_the_notice(client, french_only):
    assert "notice-fallback" not in client.get("/fr/mentions-legales/").content.decode()


@pytest.mark.parametrize("code", LANGS)
def test_unknown_page_is_a_404_in_the_visitors_language(client, home, code):
    response = client.get(f"/{code}/cette-page-n-existe-pas/")
    assert response.status_code == 404
    assert html_lang(response) == code
    with translation.override(code):
        assert translation.gettext("Page not found") in response.content.decode()


def test_menu_follows_the_language(client, about):
    for code, path in ABOUT_PATHS.items():
        html = client.get(f"/{code}/").content.decode()
        menu = html.split('class="main-nav"', 1)[1].split("</nav>", 1)[0]
        assert unquote(re.search(r'href="([^"]+)"', menu).group(1)) == path


def test_current_section_is_marked_in_the_menu(client, about):
    html = client.get("/en/about/").content.decode()
    menu = html.split('class="main-nav"', 1)[1].split("</nav>", 1)[0]
    assert 'href="/en/about/" aria-current="page"' in menu
