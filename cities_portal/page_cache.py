"""Whole-page cache for anonymous visitors, invalidated by anything being published.

Why a generation counter rather than per-URL purges: a practice or a partner is shown on
many pages (home, library, profiles, feeds, sitemap), and listing every URL a change can
affect is where caches go stale. Instead every cache key carries a site-wide "generation"
number, and any publish, unpublish, move, delete or save of content bumps it: the next
request for every page is a miss and is rendered fresh. Content changes are rare next to
page views, so the hit rate stays high.

Keys: host, full path (query string included), method and the request's language, so each
language has its own entries even on the few addresses without a language prefix.

What is never cached: anything but GET/HEAD, requests that carry a session cookie
(logged-in editors, partner representatives) or pending messages, the admin, responses that
set cookies or used a CSRF token (forms), responses marked private/no-store/no-cache,
responses that vary on anything but the language or the cookies, encoded responses, and
non-200 answers. A hit is served with the stored headers (never a Set-Cookie), and the CSP
nonce its HTML carries is replaced by the request's own (cities_portal/security.py writes the
same one into the header).
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import cc_delim_re
from django.utils.translation import get_language_from_request

logger = logging.getLogger(__name__)

GENERATION_KEY = "page-cache:generation"
# Models whose changes can never alter what anonymous visitors see.
_IGNORED_MODELS = {
    "wagtailcore.revision", "wagtailcore.workflowstate", "wagtailcore.taskstate",
    "wagtailcore.pagelogentry", "wagtailcore.modellogentry", "wagtailcore.pagesubscription",
    "wagtailcore.comment", "wagtailcore.commentreply", "wagtailcore.pageviewrestriction",
    "wagtailforms.formsubmission", "core.democontentrecord", "sessions.session",
    "auth.user", "admin.logentry", "wagtailsearch.indexentry", "wagtailsearch.sqliteftsindexentry",
    "wagtailusers.userprofile", "wagtailadmin.editingsession", "wagtailimages.rendition",
    "contenttypes.contenttype", "auth.permission", "taggit.taggeditem",
}
_WATCHED_APPS = {"core", "services", "practices", "partners", "wagtailcore", "wagtailimages",
                 "wagtaildocs", "wagtailredirects", "wagtailforms", "taggit"}
# Request cookies that mean the page may be personal: a session (editors, partner
# representatives, password-protected pages) or messages waiting to be shown.
_PERSONAL_COOKIES = ("messages",)
# Vary headers the key already accounts for.
_KEYED_VARY = {"cookie", "accept-language"}
_CACHEABLE_TYPES = ("text/html", "application/xml", "application/rss+xml", "application/atom+xml",
                    "text/calendar", "application/json", "text/csv", "text/plain")


def seconds():
    return getattr(settings, "PAGE_CACHE_SECONDS", 0)


def generation():
    try:
        value = cache.get(GENERATION_KEY)
        if value is None:
            cache.add(GENERATION_KEY, 1, None)
            value = cache.get(GENERATION_KEY, 1)
        return value
    except Exception:  # a cache outage must never take pages down
        logger.warning("page cache unavailable", exc_info=True)
        return None


def bump_generation(**_kwargs):
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, None)
    except Exception:
        logger.warning("page cache unavailable: could not invalidate", exc_info=True)


def _content_changed(sender, **kwargs):
    label = sender._meta.label_lower
    if sender._meta.app_label in _WATCHED_APPS and label not in _IGNORED_MODELS:
        bump_generation()


def connect_signals():
    from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

    for signal in (post_save, post_delete):
        signal.connect(_content_changed, dispatch_uid=f"page-cache-{id(signal)}")
    m2m_changed.connect(lambda sender, **kw: _content_changed(kw["instance"].__class__),
                        dispatch_uid="page-cache-m2m", weak=False)
    for signal in (page_published, page_unpublished, post_page_move, published, unpublished):
        signal.connect(bump_generation, dispatch_uid=f"page-cache-{id(signal)}")


def _nonce_attribute(nonce):
    return b'nonce="' + nonce.encode("ascii") + b'"'


class AnonymousPageCacheMiddleware:
    """Serve anonymous GET pages from the cache; see the module docstring for the rules."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self._request_is_cacheable(request):
            return self.get_response(request)
        gen = generation()
        if gen is None:
            return self.get_response(request)
        key = self._key(request, gen)
        try:
            hit = cache.get(key)
        except Exception:
            hit = None
        if hit is not None:
            status, headers, content, nonce = hit if len(hit) == 4 else (*hit, None)
            current = getattr(request, "csp_nonce", None)
            if nonce and current:
                # The stored HTML carries the CSP nonce of the request that rendered it: give it
                # this request's, the one the security middleware puts in the header.
                content = content.replace(_nonce_attribute(nonce), _nonce_attribute(current))
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if self._response_is_cacheable(request, response):
            headers = [(k, v) for k, v in response.items() if k.lower() not in ("set-cookie", "x-page-cache")]
            content = response.content
            # Found once here, so that a hit never scans the page for it.
            nonce = getattr(request, "csp_nonce", None)
            if not nonce or _nonce_attribute(nonce) not in content:
                nonce = None
            try:
                cache.set(key, (response.status_code, headers, content, nonce), seconds())
            except Exception:
                logger.warning("page cache unavailable: not stored", exc_info=True)
            response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def _request_is_cacheable(request):
        if not seconds() or request.method not in ("GET", "HEAD"):
            return False
        # Wagtail's previews and moderation views render drafts through a dummy request.
        if getattr(request, "is_dummy", False):
            return False
        cookies = request.COOKIES
        if settings.SESSION_COOKIE_NAME in cookies or any(name in cookies for name in _PERSONAL_COOKIES):
            return False
        path = request.path
        return not path.startswith(("/admin/", "/documents/", "/healthz", "/readyz"))

    @staticmethod
    def _key(request, gen):
        language = get_language_from_request(request, check_path=True)
        raw = f"{request.get_host()}|{request.get_full_path()}|{request.method}|{language}"
        digest = hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()
        return f"page-cache:{gen}:{digest}"

    @staticmethod
    def _response_is_cacheable(request, response):
        if response.status_code != 200 or response.streaming:
            return False
        # A page that rendered a CSRF token (a form) is specific to its visitor.
        if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
            return False
        if getattr(request, "session", None) is not None and request.session.accessed and request.session.modified:
            return False
        control = response.get("Cache-Control", "").lower()
        if "private" in control or "no-store" in control or "no-cache" in control:
            return False
        if response.has_header("Content-Encoding"):
            return False
        vary = {header.strip().lower() for header in cc_delim_re.split(response.get("Vary", "")) if header.strip()}
        if vary - _KEYED_VARY:
            return False
        content_type = response.get("Content-Type", "").split(";")[0].strip()
        return content_type in _CACHEABLE_TYPES
