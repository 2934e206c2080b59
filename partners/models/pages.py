"""The partner directory page: the public face of the partners, with one profile per partner."""

from django.db import models
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.search import index

from cities_portal.i18n import LANGUAGE_CODES
from cities_portal.models import BasePage


class PartnerDirectoryPage(RoutablePageMixin, BasePage):
    """The directory of the centre's partners, grouped by kind and territory, with a filter.

    Each live partner has its profile below this page: /<language>/<this page's translated
    path>/<partner slug>/, e.g. /fr/partenaires/tiess/ and /en/partners/tiess/."""

    intro = models.TextField(
        _("introduction"), blank=True,
        help_text=_("Shown above the filter: who the centre's partners are and how they work together."),
    )

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    parent_page_types = ["services.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("partner directory page")

    # --- Addresses ------------------------------------------------------------------------
    def partner_url(self, partner, language=None, request=None):
        """The address of `partner` (a Partner or its slug) in `language` (the active one)."""
        slug = getattr(partner, "slug", partner)
        language = language or translation.get_language()
        with translation.override(language):
            base = self.get_url(request=request)
        return f"{base}{slug}/" if base else None

    def partner_full_url(self, partner, language=None, request=None):
        slug = getattr(partner, "slug", partner)
        language = language or translation.get_language()
        with translation.override(language):
            base = self.get_full_url(request=request)
        return f"{base}{slug}/" if base else None

    def partner_alternate_urls(self, partner, request=None):
        return {code: self.partner_url(partner, code, request) for code in LANGUAGE_CODES}

    def get_sitemap_urls(self, request=None):
        from partners.models.partner import Partner

        entries = super().get_sitemap_urls(request)
        bases = {}
        for code in LANGUAGE_CODES:
            with translation.override(code):
                bases[code] = self.get_full_url(request=request)
        for slug, lastmod in Partner.objects.filter(live=True).order_by("pk").values_list(
            "slug", "last_published_at",
        ):
            for code in LANGUAGE_CODES:
                if bases[code]:
                    entries.append({"location": f"{bases[code]}{slug}/", "lastmod": lastmod, "language": code,
                                    "item": f"partner:{slug}"})
        return entries

    # --- Routes ---------------------------------------------------------------------------
    @path("")
    def index_route(self, request, *args, **kwargs):
        from partners import views

        return views.directory(self, request)

    # `str`, not `slug`: partner slugs may hold non-ASCII letters (allow_unicode).
    @path("<str:slug>/")
    def profile_route(self, request, slug):
        from partners import views

        # A NUL byte would make PostgreSQL refuse the query (a 500): no partner has one.
        if len(slug) > 255 or "\x00" in slug:
            raise Http404
        return views.profile(self, request, slug)
