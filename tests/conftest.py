"""Shared fixtures: the site tree in four languages, built once per test that needs it."""

import pytest
from django.utils import translation

from cities_portal.i18n import LANGUAGE_CODES
from cities_portal.tree import install_home
from services.models import HomePage, StandardPage

LANGS = LANGUAGE_CODES


def four(fr, en=None, es=None, ko=None, field="title"):
    """{"title_fr": fr, "title_en": en, ...}; a missing value stays empty (untranslated)."""
    values = {"fr": fr, "en": en, "es": es, "ko": ko}
    return {f"{field}_{code}": (value or "") for code, value in values.items()}


def add_page(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture(autouse=True)
def _fresh_generation_state():
    # The library's in-memory index and the sites kept per hostname belong to a content
    # generation, which a rolled-back test transaction does not bump, and the cache keeps
    # rows by primary key (Wagtail's renditions), which the next test's rows reuse: each
    # test starts without the previous test's.
    from django.core.cache import cache

    from cities_portal import kept, routing, sites
    from practices import library_index

    def forget():
        cache.clear()
        library_index.forget()
        sites.forget()
        routing.forget()
        kept.forget()

    forget()
    yield
    forget()


@pytest.fixture(autouse=True)
def _french_by_default():
    # Each test starts in French, the source language, whatever the previous one did.
    with translation.override("fr"):
        yield


@pytest.fixture
def home(db):
    page = HomePage(
        **four("Accueil", "Home", "Inicio", "홈"),
        **four("Des villes et des citoyens", "Cities and citizens", "Ciudades y ciudadanía",
               "도시와 시민", field="hero_title"),
    )
    return install_home(page)


@pytest.fixture
def about(home):
    page = StandardPage(
        show_in_menus=True,
        **four("À propos", "About", "Quiénes somos", "소개"),
        **four("a-propos", "about", "quienes-somos", "소개", field="slug"),
        **four("Le centre en bref.", "The centre in brief.", "El centro en breve.", "센터 소개.",
               field="intro"),
    )
    return add_page(home, page)


@pytest.fixture
def french_only(home):
    """A page written in French only: every other language falls back to it."""
    page = StandardPage(
        **four("Mentions légales", field="title"),
        **four("mentions-legales", field="slug"),
        **four("Éditeur du site : C.I.T.I.E.S., Montréal.", field="intro"),
    )
    return add_page(home, page)


def pytest_sessionfinish(session, exitstatus):
    """In CI nothing may be skipped, and a run that executed no test is a failure."""
    import os

    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is None:
        return
    skipped = len(reporter.stats.get("skipped", []))
    passed = len(reporter.stats.get("passed", []))
    if os.environ.get("CI") and skipped:
        reporter.write_line(f"CI: {skipped} test(s) skipped; nothing may be skipped in CI.", red=True)
        session.exitstatus = 1
    if os.environ.get("CI") and passed == 0 and session.exitstatus == 0:
        session.exitstatus = 1
