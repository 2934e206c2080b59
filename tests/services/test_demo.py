"""The demo content: complete in four languages, rendered everywhere, safe to load twice."""

import pytest
from django.core.management import call_command
from django.utils import timezone, translation
from wagtail.models import Page

from cities_portal.demo import DemoLoader
from services import demo
from services.models import (
    EventPage,
    ServicePage,
    ServicePillarPage,
    StandardPage,
    TransferRequestFormPage,
)
from tests.conftest import LANGS

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_site(db):
    demo.load(DemoLoader())
    return Page.objects.get(depth=2, url_path_fr="/home/")


def test_loading_twice_creates_nothing_more(demo_site):
    before = Page.objects.count()
    loader = DemoLoader()
    demo.load(loader)
    assert loader.created == 0
    assert Page.objects.count() == before
    slugs = list(Page.objects.filter(depth__gte=3).values_list("path", "slug_fr"))
    assert len(slugs) == len(set(slugs))


def test_the_command_runs_twice(db):
    call_command("load_demo_content", "--skip-index", stdout=open("/dev/null", "w"))
    count = Page.objects.count()
    call_command("load_demo_content", "--skip-index", stdout=open("/dev/null", "w"))
    assert Page.objects.count() == count


def test_an_edit_is_kept_when_loading_again(demo_site):
    page = ServicePage.objects.get(slug_fr="formations")
    page.title_fr = "Formations sur mesure"
    page.save_revision().publish()
    demo.load(DemoLoader())
    assert ServicePage.objects.get(pk=page.pk).title_fr == "Formations sur mesure"
    assert ServicePage.objects.filter(slug_fr="formations").count() == 1


def test_three_pillars_with_at_least_three_services_each(demo_site):
    pillars = ServicePillarPage.objects.all()
    assert sorted(p.pillar for p in pillars) == ["gather", "share", "transfer"]
    for pillar in pillars:
        assert ServicePage.objects.child_of(pillar).count() >= 3, pillar.pillar


def test_events_past_and_upcoming(demo_site):
    assert EventPage.objects.count() >= 3
    assert EventPage.objects.upcoming().count() >= 2
    assert EventPage.objects.past().count() >= 1
    seoul = EventPage.objects.get(time_zone="Asia/Seoul")
    assert seoul.local_start.hour == 9 and seoul.local_start.minute == 30
    assert seoul.start > timezone.now()


def test_institutional_pages_and_footer(demo_site):
    slugs = set(StandardPage.objects.values_list("slug_fr", flat=True))
    assert {"a-propos", "economie-sociale-et-solidaire", "collaborations", "mentions-legales",
            "accessibilite"} <= slugs
    footer = set(StandardPage.objects.filter(show_in_footer=True).values_list("slug_fr", flat=True))
    assert footer == {"mentions-legales", "accessibilite"}


def test_collaboration_page_names_the_five_stages(client, demo_site):
    page = StandardPage.objects.get(slug_fr="collaborations")
    with translation.override("en"):
        html = client.get(page.get_url()).content.decode()
    for stage in ("getting to know the territory", "designing solutions together", "truly involving residents",
                  "managing projects jointly", "evaluating together"):
        assert stage in html


def test_every_page_is_translated_with_its_own_slug(demo_site):
    for page in Page.objects.filter(depth__gte=3).specific():
        for code in LANGS:
            assert getattr(page, f"title_{code}"), (page, code)
            assert getattr(page, f"slug_{code}"), (page, code)
            if hasattr(page, "intro_fr"):
                assert getattr(page, f"intro_{code}"), (page, code)
        pillar = isinstance(page, ServicePillarPage)
        if pillar:
            assert len({getattr(page, f"slug_{code}") for code in LANGS}) == 4


def test_transfer_form_fields_in_four_languages(demo_site):
    form = TransferRequestFormPage.objects.get()
    fields = list(form.form_fields.all())
    assert [f.field_type for f in fields] == ["singleline", "singleline", "multiline", "language", "email"]
    for field in fields:
        for code in LANGS:
            assert getattr(field, f"label_{code}"), (field, code)
    services_pointing_to_form = ServicePage.objects.filter(cta_page=form).count()
    assert services_pointing_to_form >= 5


def test_every_demo_page_renders_in_four_languages(client, demo_site):
    pages = Page.objects.filter(depth__gte=2, url_path_fr__startswith="/home/").live().specific()
    assert pages.count() >= 25
    for page in pages:
        for code in LANGS:
            with translation.override(code):
                url = page.get_url()
                title = page.title
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            html = response.content.decode()
            assert f'<html lang="{code}">' in html
            assert title.replace("'", "&#x27;") in html, (url, title)
            # Nothing is shown in French by fallback: the demo is complete.
            assert "notice-fallback" not in html, url
