"""Shared page pieces. Concrete page types live in services/, practices/ and partners/."""

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, PageViewRestriction, Site

from cities_portal.i18n import LANGUAGE_CODES, fallback_fields, page_url_in
from cities_portal.queries import restricted_paths


class BasePage(Page):
    """Abstract base of every public page type.

    It knows which of its texts are shown in French because a translation is missing (the
    templates use this for the visitor's notice and for `lang` attributes) and it lists
    itself in the sitemap once per language, with its alternates.
    """

    class Meta:
        abstract = True

    def get_fallback_fields(self, language=None):
        return fallback_fields(self, language)

    def get_full_url(self, request=None):
        """With a request, the page's address on the scheme and host the visitor used.

        Wagtail builds full URLs from the Site record's hostname and port, which say little
        about the address the site is really reached at (a proxy, a second domain, a port
        left at the "localhost:80" of a fresh install): the sitemap, hreflang links and
        calendar files would then point elsewhere. A page of another Site keeps that
        Site's own address.
        """
        if request is None:
            return super().get_full_url()
        url_parts = self.get_url_parts(request=request)
        if url_parts is None or url_parts[1] is None and url_parts[2] is None:
            return None
        site_id, root_url, page_path = url_parts
        site = Site.find_for_request(request)
        if site is not None and site.id == site_id:
            return request.build_absolute_uri(page_path)
        return root_url + page_path

    def get_sitemap_urls(self, request=None):
        entries = []
        for code in LANGUAGE_CODES:
            with translation.override(code):
                url = self.get_full_url(request)
            if url:
                entries.append({"location": url, "lastmod": self.last_published_at, "language": code})
        return entries

    def get_view_restrictions(self):
        # Most sites have no private page at all: then skip Wagtail's two queries per page.
        if not restricted_paths():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def get_alternate_urls(self, request=None):
        return {code: page_url_in(self, code, request) for code in LANGUAGE_CODES}


class DemoContentRecord(models.Model):
    """Remembers which object the demo-content command created for each content key.

    This is what makes `load_demo_content` safe to re-run: an item it created once is never
    created again nor overwritten, even after an editor renamed, edited or deleted it.
    """

    key = models.CharField(max_length=200, unique=True)
    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("demo content record")

    def __str__(self):
        return self.key
