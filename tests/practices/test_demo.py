"""The library's demo content: at least 12 practices and 6 cases drawn from the centre's
documents, live, complete in four languages, listed by the library and safe to load twice."""

from urllib.parse import unquote

import pytest
from django.core.management import call_command
from django.utils import translation

from cities_portal.demo import DemoLoader
from cities_portal.models import DemoContentRecord
from partners.models import Partner
from practices import demo as practices_demo
from practices.models import CollaborationCase, GoodPractice, LibraryPage, Territory, Theme
from services import demo as services_demo
from services.models import ServicePillarPage
from tests.conftest import LANGS
from tests.practices.helpers import slugs

pytestmark = pytest.mark.django_db

LIBRARY_PATHS = {"fr": "/fr/partager/bibliotheque/", "en": "/en/share/library/",
                 "es": "/es/compartir/biblioteca/", "ko": "/ko/나누기/라이브러리/"}


def load():
    call_command("load_demo_content", "--skip-index", stdout=open("/dev/null", "w"))


@pytest.fixture
def demo(db):
    load()
    return LibraryPage.objects.get()


def test_the_demo_builds_enough_live_items_in_four_languages(demo):
    practices, cases = GoodPractice.objects.all(), CollaborationCase.objects.all()
    assert practices.count() >= 12
    assert cases.count() >= 6
    for item in list(practices) + list(cases):
        assert item.live, item
        assert not item.get_missing_languages(), item
        for code in LANGS:
            assert getattr(item, f"title_{code}"), (item.slug, code)
            assert getattr(item, f"summary_{code}"), (item.slug, code)
        assert item.territory is not None, item.slug
        assert item.themes.exists(), item.slug
        assert item.stakeholder_types.exists(), item.slug
    for case in cases:
        assert case.collaboration_form is not None, case.slug
        assert case.stages.exists(), case.slug
        for code in LANGS:
            assert getattr(case, f"public_actors_{code}"), (case.slug, code)
            assert getattr(case, f"civil_society_actors_{code}"), (case.slug, code)
    # The taxonomies and the library page under the Partager pillar.
    assert Theme.objects.count() >= 8
    montreal = Territory.objects.get(slug="montreal")
    assert (montreal.country_code, montreal.latitude is not None) == ("CA", True)
    assert {"KR", "ES", "FR", "BE", "IT", "BR"} <= set(Territory.objects.values_list("country_code", flat=True))
    share = ServicePillarPage.objects.get(pillar="share")
    assert demo.get_parent().pk == share.pk
    assert [getattr(demo, f"slug_{code}") for code in LANGS] == ["bibliotheque", "library", "biblioteca", "라이브러리"]
    # Partners of the partners' demo are linked by slug.
    seoul = GoodPractice.objects.get(slug="ecosysteme-ess-seoul")
    expected = set(Partner.objects.filter(
        slug__in=["seoul-metropolitan-government", "seoul-social-economy-center", "seoul-social-economy-network"],
    ).values_list("slug", flat=True))
    assert len(expected) == 3
    assert set(seoul.partners.values_list("slug", flat=True)) == expected


def test_the_library_and_every_item_page_answer_in_four_languages(client, demo):
    live = set(GoodPractice.objects.values_list("slug", flat=True)) | set(
        CollaborationCase.objects.values_list("slug", flat=True))
    for code, path in LIBRARY_PATHS.items():
        response = client.get(path, {"page": 1})
        assert response.status_code == 200, path
        listed = set(slugs(response))
        assert listed and listed <= live, path
        html = response.content.decode()
        assert f'lang="{code}"' in html[:300]
        assert "notice-fallback" not in html
    with translation.override("ko"):
        seoul = GoodPractice.objects.get(slug="ecosysteme-ess-seoul")
        assert seoul.title in client.get(LIBRARY_PATHS["ko"]).content.decode()
    # Every item's own page answers in every language, with its translated title.
    for item in list(GoodPractice.objects.all()) + list(CollaborationCase.objects.all()):
        for code in LANGS:
            url = demo.item_url(item.slug, code)
            assert unquote(url).startswith(LIBRARY_PATHS[code]), url
            response = client.get(url)
            assert response.status_code == 200, url
            with translation.override(code):
                title = GoodPractice.objects.get(pk=item.pk).title if item.kind == "practice" else \
                    CollaborationCase.objects.get(pk=item.pk).title
            assert title.replace("'", "&#x27;") in response.content.decode(), url


def test_without_partners_the_items_are_still_created(db):
    # Only the spine and the library: no partner exists, none is linked, nothing breaks.
    services_demo.load(DemoLoader())
    practices_demo.load(DemoLoader())
    assert GoodPractice.objects.count() >= 12
    assert not GoodPractice.objects.filter(partners__isnull=False).exists()


def test_running_twice_creates_nothing_new_and_keeps_an_edit(client, demo):
    counts = (GoodPractice.objects.count(), CollaborationCase.objects.count(), Theme.objects.count(),
              Territory.objects.count(), DemoContentRecord.objects.count())
    item = GoodPractice.objects.get(slug="banca-etica")
    item.title_en = "Banca Etica, edited by an editor"
    item.save_revision().publish()
    loader = DemoLoader()
    practices_demo.load(loader)
    load()
    assert loader.created == 0
    assert (GoodPractice.objects.count(), CollaborationCase.objects.count(), Theme.objects.count(),
            Territory.objects.count(), DemoContentRecord.objects.count()) == counts
    item.refresh_from_db()
    assert item.title_en == "Banca Etica, edited by an editor"
    assert "Banca Etica, edited by an editor" in client.get(demo.item_url("banca-etica", "en")).content.decode()


def test_a_deleted_item_is_not_recreated(demo):
    GoodPractice.objects.get(slug="coworking-france").delete()
    CollaborationCase.objects.get(slug="cdec-montreal").delete()
    load()
    assert not GoodPractice.objects.filter(slug="coworking-france").exists()
    assert not CollaborationCase.objects.filter(slug="cdec-montreal").exists()


def test_without_the_share_pillar_the_library_page_is_skipped(db):
    services_demo.load(DemoLoader())
    ServicePillarPage.objects.get(pillar="share").delete()
    practices_demo.load(DemoLoader())
    assert not LibraryPage.objects.exists()
    assert GoodPractice.objects.count() >= 12
