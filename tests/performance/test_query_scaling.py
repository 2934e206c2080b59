"""The number of queries of a page does not grow with the number of items it shows.

Each page is counted with few items, then again after many more were added: the counts
must be equal, not merely under the budget. Steady state as in test_query_budgets.py (one
request first, page cache and library query cache off).
"""

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from partners.models import Partner
from practices.models import CollaborationCase, GoodPractice
from tests.partners.factories import partner
from tests.performance.test_query_budgets import BUDGET

pytestmark = pytest.mark.django_db


def counted(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries), response


def counts(client, urls):
    return {name: counted(client, url)[0] for name, url in urls.items()}


def synthetic(total):
    """Bring the synthetic practices and cases (bulk-created, indexed) up to `total`."""
    have = GoodPractice.objects.filter(slug__startswith="synthetic-").count() + \
        CollaborationCase.objects.filter(slug__startswith="synthetic-").count()
    call_command("generate_synthetic_practices", total - have, stdout=open("/dev/null", "w"))


def library_urls(home, library):
    """The home page, the library (plain, three filters, search, map), and item pages."""
    practice = GoodPractice.objects.filter(slug__startswith="synthetic-").order_by("pk").first()
    case = CollaborationCase.objects.filter(slug__startswith="synthetic-").order_by("pk").first()
    base = library.url
    theme = practice.themes.first()
    return {
        "home": home.url,
        "library": base,
        "library, page 2 by title": f"{base}?page=2&sort=title",
        "library, three filters": f"{base}?theme={theme.slug}&country={practice.territory.country_code}"
                                  "&kind=practice",
        "search": f"{base}?q=coop%C3%A9rative",
        "search, filtered, by relevance": f"{base}?q=%C3%A9conomie+solidaire&kind=case&sort=relevance",
        "map": f"{base}?view=map",
        "practice": library.item_url(practice.slug),
        "case from a search": f"{library.item_url(case.slug)}?q=%C3%A9conomie",
        "feed": f"{base}feed/rss/",
    }


def test_pages_of_the_library_make_as_many_queries_with_1000_items_as_with_10(client, home, library, items):
    synthetic(10)
    urls = library_urls(home, library)
    few = counts(client, urls)
    assert max(few.values()) <= BUDGET, few
    synthetic(1000)
    assert GoodPractice.objects.count() + CollaborationCase.objects.count() >= 1000
    assert counts(client, urls) == few
    # The larger library was really the one counted.
    assert counted(client, urls["library"])[1].context["total"] >= 1000


def test_korean_pages_of_the_library_stay_flat_too(client, home, library, items):
    synthetic(10)
    with translation.override("ko"):
        urls = {name: url for name, url in library_urls(home, library).items()
                if name in ("home", "library", "search", "practice")}
    assert all(url.startswith("/ko/") for url in urls.values()), urls
    few = counts(client, urls)
    assert max(few.values()) <= BUDGET, few
    synthetic(1000)
    assert counts(client, urls) == few


def add_partners(start, stop):
    """Partners `start`..`stop`-1, every other one with its own logo (an uploaded image)."""
    data = get_test_image_file().file.getvalue()
    for number in range(start, stop):
        logo = None
        if number % 2 == 0:
            logo = Image.objects.create(title=f"Logo {number}", file=ContentFile(data, name=f"logo{number}.png"))
        partner(f"partner-{number}", {"fr": f"Partenaire {number}", "ko": f"파트너 {number}"},
                kind=list(Partner.Kind.values)[number % 4], territory=list(Partner.Territory.values)[number % 6],
                logo=logo, logo_alt=f"Logo du partenaire {number}")


def test_home_directory_and_profile_make_as_many_queries_with_50_partners_as_with_5(client, home, directory):
    add_partners(0, 5)
    urls = {"home": home.url, "directory": directory.url, "directory, filtered": f"{directory.url}?kind=founder",
            "profile with a logo": directory.partner_url("partner-0"),
            "profile without": directory.partner_url("partner-1")}
    few = counts(client, urls)
    assert max(few.values()) <= BUDGET, few
    add_partners(5, 50)
    assert counts(client, urls) == few
    # Every logo of the strip and of the directory was rendered, from prefetched renditions.
    assert counted(client, home.url)[1].content.decode().count('class="partner-logo"') == 25
    assert counted(client, directory.url)[1].content.decode().count('class="partner-logo"') == 25


def test_partner_space_login_page_is_within_budget(client, home):
    with translation.override("ko"):
        url = reverse("partner_space:login")
    assert counted(client, url)[0] <= BUDGET
