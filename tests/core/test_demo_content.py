"""The demo-content command: four languages, and safe to run again."""

import pytest
from django.core.management import call_command
from wagtail.models import Page

from services.models import HomePage, StandardPage


def load():
    call_command("load_demo_content", skip_index=False, stdout=open("/dev/null", "w"))


@pytest.mark.django_db
def test_demo_content_builds_the_site_in_four_languages(client):
    load()
    home = HomePage.objects.get()
    for code in ("fr", "en", "es", "ko"):
        assert getattr(home, f"title_{code}")
        assert getattr(home, f"intro_{code}")
        assert client.get(f"/{code}/").status_code == 200
    about = StandardPage.objects.get(slug_fr="a-propos")
    assert about.slug_en == "about"
    assert client.get("/en/about/").status_code == 200


@pytest.mark.django_db
def test_running_it_twice_creates_nothing_new_and_keeps_edits(client):
    load()
    count = Page.objects.count()
    about = StandardPage.objects.get(slug_fr="a-propos")
    about.intro_en = "Edited by an editor."
    about.save_revision().publish()
    load()
    assert Page.objects.count() == count
    about.refresh_from_db()
    assert about.intro_en == "Edited by an editor."
    assert "Edited by an editor." in client.get("/en/about/").content.decode()


@pytest.mark.django_db
def test_a_page_deleted_by_an_editor_is_not_recreated():
    load()
    StandardPage.objects.get(slug_fr="a-propos").delete()
    load()
    assert not StandardPage.objects.filter(slug_fr="a-propos").exists()


@pytest.mark.django_db
def test_every_page_url_is_right_in_every_language(client):
    load()
    for page in Page.objects.filter(depth__gte=2).specific():
        for code, url in page.get_alternate_urls().items():
            assert url.startswith(f"/{code}/"), (page, url)
            assert client.get(url).status_code == 200, url
