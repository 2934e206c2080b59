"""The sitemap: one <url> per page and language, each listing all its alternates."""

from django.conf import settings
from wagtail.models import Site

from cities_portal.queries import public


def sitemap_entries(request):
    site = Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()
    if site is None:
        return []
    x_default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    # Specific classes without their own rows (defer=True): the sitemap needs only the page
    # fields and each type's get_sitemap_urls, not one query per page type.
    pages = public(site.root_page.get_descendants(inclusive=True).live(), request).order_by("path").specific(
        defer=True)
    entries = []
    for page in pages:
        urls = page.get_sitemap_urls(request) if hasattr(page, "get_sitemap_urls") else []
        # Pages (and routable pages' sub-items) give one entry per language, in the same
        # order for every item; group them back into alternates.
        by_item = {}
        for url in urls:
            key = url.get("item", page.pk)
            by_item.setdefault(key, []).append(url)
        for group in by_item.values():
            alternates = [(u["language"], u["location"]) for u in group if u.get("language")]
            default = next((loc for code, loc in alternates if code == x_default), None)
            for url in group:
                entries.append(
                    {
                        "location": url["location"],
                        "lastmod": url.get("lastmod"),
                        "alternates": alternates,
                        "x_default": default,
                    }
                )
    return entries
