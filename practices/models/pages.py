"""The library page: the public face of the practices and cases (the Partager pillar)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.search import index

from cities_portal.i18n import LANGUAGE_CODES
from cities_portal.models import BasePage
from practices.models.items import CollaborationCase, GoodPractice


class LibraryPage(RoutablePageMixin, BasePage):
    """The library of good practices and collaboration cases, with its filters, search, map,
    feeds and exports. Each item has its own address below this page: /<language>/<this
    page's translated path>/<item slug>/."""

    intro = models.TextField(
        _("introduction"), blank=True,
        help_text=_("Shown above the filters: what visitors will find in the library."),
    )
    per_page = models.PositiveSmallIntegerField(
        _("items per page"), default=20, validators=[MinValueValidator(5), MaxValueValidator(100)],
        help_text=_("How many items each page of results lists."),
    )

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("per_page")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    parent_page_types = ["services.ServicePillarPage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("library page")

    # --- Addresses ------------------------------------------------------------------------
    def item_url(self, slug, language=None, request=None):
        """The address of the item `slug` in `language` (the active one by default)."""
        language = language or translation.get_language()
        with translation.override(language):
            base = self.get_url(request=request)
        return f"{base}{slug}/" if base else None

    def item_full_url(self, slug, language=None, request=None):
        language = language or translation.get_language()
        with translation.override(language):
            base = self.get_full_url(request=request)
        return f"{base}{slug}/" if base else None

    def item_url_bases(self, request=None, full=False):
        """{language: the address an item's slug is appended to, or None}: for lists of many
        items (sitemap, exports), where an address per item and language (the page's URL
        worked out each time) cost ~0.1 ms each, 4 s for the sitemap of 10,000 items."""
        bases = {}
        for code in LANGUAGE_CODES:
            with translation.override(code):
                bases[code] = self.get_full_url(request=request) if full else self.get_url(request=request)
        return bases

    def item_alternate_urls(self, slug, request=None):
        return {code: self.item_url(slug, code, request) for code in LANGUAGE_CODES}

    def get_sitemap_urls(self, request=None):
        entries = super().get_sitemap_urls(request)
        bases = self.item_url_bases(request, full=True)
        for model in (GoodPractice, CollaborationCase):
            for slug, lastmod in model.objects.filter(live=True).order_by("pk").values_list(
                "slug", "last_published_at",
            ):
                for code in LANGUAGE_CODES:
                    location = f"{bases[code]}{slug}/" if bases[code] else None
                    if location:
                        entries.append({"location": location, "lastmod": lastmod, "language": code,
                                        "item": f"{model._meta.model_name}:{slug}"})
        return entries

    # --- Routes ---------------------------------------------------------------------------
    @path("")
    def index_route(self, request, *args, **kwargs):
        from practices import views

        return views.library(self, request)

    @path("feed/<str:fmt>/")
    def feed_route(self, request, fmt):
        from practices import feeds

        if fmt not in ("rss", "atom"):
            raise Http404
        return feeds.library_feed(self, request, fmt)

    @path("export/<str:fmt>/")
    def export_route(self, request, fmt):
        from practices import exports

        if fmt not in ("csv", "json"):
            raise Http404
        return exports.library_export(self, request, fmt)

    @path("<slug:slug>/")
    def item_route(self, request, slug):
        from practices import views

        return views.item_detail(self, request, slug)
