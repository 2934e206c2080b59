"""Fixtures of the security tests: one page of every type, in four languages, and the
production-like settings the header scores are read under."""

import pytest
from django.test import override_settings

from practices.models import CollaborationForm, LibraryPage
from tests.conftest import add_page, four
from tests.partners.conftest import directory, montreal  # noqa: F401
from tests.practices.factories import case, practice, territory, theme
from tests.services.conftest import event_index, events, form_page, pillars, service  # noqa: F401

# What production.py sets, as far as a test client can see it (HTTPS through the proxy).
PRODUCTION_LIKE = dict(
    SECURE_SSL_REDIRECT=True,
    SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"),
    SECURE_HSTS_SECONDS=31_536_000,
    SECURE_HSTS_INCLUDE_SUBDOMAINS=True,
    SECURE_HSTS_PRELOAD=True,
    SESSION_COOKIE_SECURE=True,
    CSRF_COOKIE_SECURE=True,
    LANGUAGE_COOKIE_SECURE=True,
    X_FRAME_OPTIONS="DENY",
)


@pytest.fixture
def production_like():
    with override_settings(**PRODUCTION_LIKE):
        yield


@pytest.fixture
def https_client(client):
    """A client whose requests arrive over HTTPS, as they do behind the TLS proxy."""
    client.defaults["HTTP_X_FORWARDED_PROTO"] = "https"
    client.defaults["wsgi.url_scheme"] = "https"
    return client


@pytest.fixture
def library_page(pillars):  # noqa: F811
    page = LibraryPage(
        per_page=5,
        **four("Bibliothèque", "Library", "Biblioteca", "라이브러리"),
        **four("bibliotheque", "library", "biblioteca", "라이브러리", field="slug"),
        **four("Les pratiques et les cas.", "Practices and cases.", "Prácticas y casos.", "실천 사례와 협력 사례.",
               field="intro"),
    )
    return add_page(pillars["share"], page)


@pytest.fixture
def library_items(library_page):
    montreal_area = territory("montreal", "Montréal", "CA", "Canada", 45.5017, -73.5673, ko="몬트리올")
    local = theme("developpement-local", "Développement local", "Local development", "Desarrollo local", "지역 개발")
    return {
        "practice": practice(
            "cdec-montreal", {"fr": "Les CDEC de Montréal", "en": "Montréal's CDECs", "es": "Las CDEC de Montreal",
                              "ko": "몬트리올의 지역경제개발공사"},
            summary={"fr": "Des corporations de développement économique communautaire.",
                     "en": "Community economic development corporations.",
                     "es": "Corporaciones de desarrollo económico comunitario.",
                     "ko": "지역경제개발공사."},
            territory=montreal_area, start_year=1984, themes=[local],
        ),
        "case": case(
            "cogouvernance", {"fr": "La cogouvernance", "en": "Co-governance", "es": "La cogobernanza",
                              "ko": "협치"},
            summary="La ville et les réseaux bâtissent un plan.", territory=montreal_area, start_year=2012,
            collaboration_form=CollaborationForm.objects.get(slug="partnership"), themes=[local],
        ),
    }


@pytest.fixture
def site(home, about, service, events, event_index, form_page, library_items, library_page, directory,  # noqa: F811
         montreal):  # noqa: F811
    """Every public page type, published, in four languages."""
    return {
        "home": home, "standard": about, "pillar": service.get_parent().specific, "service": service,
        "event_index": event_index, "event": events["upcoming"], "form": form_page,
        "library": library_page, "practice": library_items["practice"], "case": library_items["case"],
        "directory": directory, "partner": montreal,
    }
