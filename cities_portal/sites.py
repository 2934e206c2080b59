"""Which Wagtail site answers a request, without a query per request.

Wagtail finds the site of every request with a query (hostname, port, default site, and
the root page joined): ~2 ms of CPU per page, compiling and reading the same row each time.
The root page is kept in its specific form too (routing starts from it: one more query).
The answer depends only on the Site rows and the root pages, whose changes bump the content
generation (cities_portal/page_cache.py, which watches wagtailcore), so each worker keeps
the answer per hostname and port for one generation. Each request gets its own copies of
the Site and its root page: nothing a request sets on them reaches another request.
Without a generation (the cache unreachable) Wagtail's own lookup runs, as before.
"""

import copy

from django.http.request import split_domain_port
from wagtail.models import Site

_known = {}  # (hostname, port) -> (generation, Site or None)
_KNOWN_MAX = 64  # hostnames a worker remembers (a site has a handful; junk Host headers are not kept long)


def site_for(request):
    from cities_portal.page_cache import generation

    gen = generation()
    if gen is None:
        return Site.find_for_request(request)
    key = (split_domain_port(request._get_raw_host())[0], request.get_port())
    held = _known.get(key)
    if held is None or held[0] != gen:
        site = Site._find_for_request(request)
        if site is not None:
            # The root in its specific form (the home page), which routing starts from.
            site.root_page = site.root_page.specific
        if len(_known) >= _KNOWN_MAX:
            _known.clear()
        held = _known[key] = (gen, site)
    site = held[1]
    if site is None:
        return None
    own = copy.copy(site)
    own.root_page = copy.copy(site.root_page)
    return own


def forget():
    _known.clear()


class SiteMiddleware:
    """Sets the site of a request Wagtail serves (request._wagtail_site, where
    Site.find_for_request looks). Only for Wagtail's page view: the health checks and the
    other views do not pay for a site they do not use (/healthz reads no database)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        from wagtail.views import serve

        if view_func is serve and not hasattr(request, "_wagtail_site"):
            try:
                request._wagtail_site = site_for(request)
            except Exception:  # an unreadable Host header or the database: Wagtail decides later
                pass
        return None
