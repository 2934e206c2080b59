"""The home page shows the library's latest practices and cases, in the visitor's language."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from tests.practices.factories import practice

pytestmark = pytest.mark.django_db


def test_home_lists_the_latest_published_items_with_links_into_the_library(client, items, library):
    content = client.get("/ko/").content.decode()
    assert "Latest practices and cases" not in content
    assert "서울의 협치" in content
    assert library.item_url("seoul-co-governance", "ko") in content
    # A case written in French only is listed in French, marked as such.
    assert 'lang="fr">Politique nationale de la ruralité</a>' in content
    with translation.override("ko"):
        assert f'href="{library.get_url()}"' in content


def test_drafts_never_reach_the_home_page(client, items):
    content = client.get("/fr/").content.decode()
    for item in items.values():
        if not item.live:
            assert item.title_fr not in content


def test_home_query_count_does_not_grow_with_the_library(client, items):
    def count():
        # The first view after a change fills what is kept per content generation (the site,
        # the page tree); the second is the one measured.
        assert client.get("/en/").status_code == 200
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/en/").status_code == 200
        return len(ctx.captured_queries)

    before = count()
    for n in range(30):
        practice(f"extra-{n}", {"fr": f"Pratique {n}", "en": f"Practice {n}"})
    assert count() == before
    assert before <= 12
