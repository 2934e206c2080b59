"""The language switcher of the partner-space login page: its links carry the `next` page
in the language they lead to, so that a visitor who changes language stays in it after
logging in; an off-site `next` never travels."""

import html as html_lib
import re
from urllib.parse import parse_qs, unquote, urlencode, urlsplit

import pytest
from django.urls import reverse
from django.utils import translation

from tests.partners.space.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def in_language(code, name, **kwargs):
    with translation.override(code):
        return reverse(f"partner_space:{name}", **kwargs)


def switcher(html):
    """{language: (path, query)} of the language switcher's links."""
    nav = re.search(r'<nav class="lang-switcher".*?</nav>', html, re.S).group(0)
    links = {}
    for href, code in re.findall(r'<a href="([^"]+)" hreflang="([\w-]+)"', nav):
        parts = urlsplit(html_lib.unescape(href))
        links[code] = (unquote(parts.path), {k: [unquote(v) for v in vs] for k, vs in parse_qs(parts.query).items()})
    return links


@pytest.mark.parametrize("code", ["ko", "es"])
def test_switcher_links_carry_next_in_their_own_language(client, rep_a, partner_a, code):
    """The visitor was sent to the login page from the French space, then reads it in `code`."""
    target = {lang: in_language(lang, "partner_edit", kwargs={"slug": partner_a.slug})
              for lang in ("fr", "en", "es", "ko")}
    login = in_language(code, "login")
    response = client.get(f"{login}?{urlencode({'next': target['fr']})}")
    assert response.status_code == 200
    links = switcher(response.content.decode())
    assert set(links) == {"fr", "en", "es", "ko"}
    for lang, (path, query) in links.items():
        assert path == unquote(in_language(lang, "login"))
        assert query["next"] == [unquote(target[lang])], lang
    # Following the Korean link and logging in lands on the Korean page.
    ko_path, ko_query = links["ko"]
    response = client.post(f"{ko_path}?{urlencode({'next': ko_query['next'][0]})}",
                           {"username": "rep-a", "password": PASSWORD, "next": ko_query["next"][0]})
    assert response.status_code == 302
    assert unquote(response["Location"]) == unquote(target["ko"])


def test_a_french_next_posted_to_the_korean_login_page_lands_in_korean(client, rep_a, partner_a):
    french = in_language("fr", "partner_edit", kwargs={"slug": partner_a.slug})
    login = in_language("ko", "login")
    page = client.get(f"{login}?{urlencode({'next': french})}").content.decode()
    korean = in_language("ko", "partner_edit", kwargs={"slug": partner_a.slug})
    # The form itself already sends the Korean address.
    hidden = re.search(r'<input type="hidden" name="next" value="([^"]+)">', page).group(1)
    assert unquote(html_lib.unescape(hidden)) == unquote(korean)
    response = client.post(f"{login}?{urlencode({'next': french})}",
                           {"username": "rep-a", "password": PASSWORD, "next": french})
    assert response.status_code == 302
    assert unquote(response["Location"]) == unquote(korean)
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize("code", ["fr", "ko"])
@pytest.mark.parametrize("target", ["https://evil.example.com/", "//evil.example.com/fr/", "javascript:alert(1)",
                                    "/fr/une-page-wagtail/"])
def test_switcher_drops_a_next_it_cannot_translate_or_that_leaves_the_site(client, db, code, target):
    response = client.get(f"{in_language(code, 'login')}?{urlencode({'next': target, 'x': '1'})}")
    assert response.status_code == 200
    for lang, (_path, query) in switcher(response.content.decode()).items():
        assert "next" not in query, (lang, query)
        assert query["x"] == ["1"]  # the rest of the query string still travels
    assert "evil.example" not in "".join(re.findall(r'href="([^"]+)"', response.content.decode()))
