"""The accessible skeleton every public page shares."""

import re

import pytest
from django.test import RequestFactory, override_settings

from cities_portal import views


def test_skeleton_has_skip_link_landmarks_and_one_h1(client, about):
    html = client.get("/fr/a-propos/").content.decode()
    assert re.search(r'<a class="skip-link" href="#main">', html)
    assert '<main id="main"' in html
    for landmark in ("<header", "<nav", "<footer"):
        assert landmark in html
    assert html.count("<h1") == 1


def test_no_resource_from_another_host(client, about):
    html = client.get("/ko/소개/").content.decode()
    for url in re.findall(r'(?:src|href)="([^"]+)"', html):
        assert not url.startswith(("http://", "https://", "//")) or url.startswith("http://testserver/")


@pytest.mark.parametrize("code, text", [("fr", "Un problème est survenu"), ("ko", "문제가 발생"),
                                        ("es", "Algo ha fallado"), ("en", "Something went wrong")])
def test_server_error_page_is_in_the_visitors_language_without_the_database(code, text):
    request = RequestFactory().get(f"/{code}/quelque-part/")
    response = views.server_error(request)
    assert response.status_code == 500
    html = response.content.decode()
    assert f'<html lang="{code}">' in html
    assert text in html


@override_settings(DEBUG=False)
def test_an_exception_in_a_view_gives_the_translated_500_page(client, home, monkeypatch):
    from services.models import HomePage

    def boom(self, request, *args, **kwargs):
        raise RuntimeError("database exploded")

    monkeypatch.setattr(HomePage, "serve", boom)
    client.raise_request_exception = False
    response = client.get("/es/")
    assert response.status_code == 500
    assert "Algo ha fallado" in response.content.decode()
    assert "database exploded" not in response.content.decode()
