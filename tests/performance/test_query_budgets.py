"""Every public page stays within its SQL query budget, on the demo site, in every language.

The issue's budget is 12 queries on any public page. Counts are of the steady state: each
address is requested once first (a first view may create image renditions, fill the
restricted-paths cache and the content types), then counted. The page cache is off, as in
every test, and so is the library's query cache (QUERY_CACHE_SECONDS = 0 in test settings):
every count here is what a page costs when nothing it shows is cached. That these counts do
not grow with the number of practices and partners is tested in test_query_scaling.py.
"""

import pytest
from django.apps import apps
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page

from partners.models import Partner, PartnerDirectoryPage
from practices.models import CollaborationCase, GoodPractice, LibraryPage, Theme
from tests.conftest import LANGS

BUDGET = 12


@pytest.fixture
def demo_site(db):
    # Wagtail keeps renditions in the cache too: entries left by earlier tests (whose rows
    # were rolled back) would stand in for the ones the demo loader must create.
    cache.clear()
    call_command("load_demo_content", skip_index=True, stdout=open("/dev/null", "w"))


def count_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def over_budget(client, urls):
    counts = {url: count_queries(client, url) for url in urls}
    return {url: count for url, count in counts.items() if count > BUDGET}


def test_every_demo_page_in_every_language_is_within_budget(client, demo_site):
    urls, types = [], set()
    for page in Page.objects.live().filter(depth__gte=2).specific():
        types.add(type(page))
        for code in LANGS:
            with translation.override(code):
                urls.append(page.get_url())
    # Every page type of the site is in the demo, so every one is measured here.
    page_types = {model for model in apps.get_models() if issubclass(model, Page) and model is not Page}
    assert types == page_types
    over = over_budget(client, urls)
    assert not over, f"pages over {BUDGET} queries: {over}"


def test_library_items_partners_and_site_files_in_every_language_are_within_budget(client, demo_site):
    library = LibraryPage.objects.live().get()
    directory = PartnerDirectoryPage.objects.live().get()
    practice = GoodPractice.objects.filter(live=True).order_by("pk").first()
    case = CollaborationCase.objects.filter(live=True).order_by("pk").first()
    partner = Partner.objects.filter(live=True, logo__isnull=False).order_by("pk").first()
    theme = Theme.objects.order_by("pk").first()
    urls = ["/sitemap.xml", "/robots.txt"]
    for code in LANGS:
        with translation.override(code):
            base = library.get_url()
            urls += [
                f"{base}?q=coop%C3%A9rative",
                f"{base}?theme={theme.slug}&country=CA&kind=case&year_from=1990",
                f"{base}?q=%C3%A9conomie&theme={theme.slug}&sort=title",
                f"{base}?view=map",
                f"{base}?page=2",
                f"{base}feed/rss/?theme={theme.slug}",
                library.item_url(practice.slug),
                library.item_url(case.slug),
                # Reached from a filtered listing: the filters travel with the address.
                f"{library.item_url(case.slug)}?kind=case&theme={theme.slug}",
                f"{library.item_url(practice.slug)}?kind=case",
                f"{directory.get_url()}?kind=founder",
                directory.partner_url(partner),
                reverse("partner_space:login"),
            ]
    over = over_budget(client, urls)
    assert not over, f"pages over {BUDGET} queries: {over}"


def test_first_views_of_the_demo_read_logo_renditions_and_never_write_them(client, demo_site):
    """The demo loader renders every logo once (partners/demo.py), so the first visitor of
    the home page, the directory or a profile finds the renditions instead of making them."""
    directory = PartnerDirectoryPage.objects.live().get()
    partner = Partner.objects.filter(live=True, logo__isnull=False).order_by("pk").first()
    for code in LANGS:
        with translation.override(code):
            urls = [Page.objects.get(depth=2).get_url(), directory.get_url(), directory.partner_url(partner)]
        for url in urls:
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(url).status_code == 200
            writes = [q["sql"] for q in ctx.captured_queries if q["sql"].lstrip().upper().startswith("INSERT")]
            assert not writes, (url, writes)
