"""Site-wide views: sitemap, robots.txt and the error pages."""

import sys

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseServerError
from django.template import loader
from django.template.response import TemplateResponse
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from cities_portal.faults import database_unavailable_response, is_database_error
from cities_portal.sitemaps import sitemap_entries


@require_GET
@cache_control(max_age=3600, public=True)
def sitemap(request):
    """Every live page in every language, each with its alternates (hreflang)."""
    body = loader.render_to_string(
        "sitemap.xml", {"entries": sitemap_entries(request)}, request=None
    )
    return HttpResponse(body, content_type="application/xml; charset=utf-8")


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    sitemap_url = request.build_absolute_uri("/sitemap.xml")
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Sitemap: {sitemap_url}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def _language_from_path(request):
    """The language of the URL prefix, even when no view ran (e.g. an unknown path)."""
    codes = {code for code, _name in settings.LANGUAGES}
    prefix = request.path.lstrip("/").split("/", 1)[0]
    if prefix in codes:
        return prefix
    return translation.get_language_from_request(request) or settings.LANGUAGE_CODE


def page_not_found(request, exception=None):
    with translation.override(_language_from_path(request)):
        response = TemplateResponse(request, "404.html", {}, status=404)
        response.render()
    return response


def bad_request(request, exception=None):
    # Django's own 400 page is a bare English "Bad Request (400)". It answers a POST over
    # DATA_UPLOAD_MAX_MEMORY_SIZE or with too many fields or files, and a forged Host header,
    # often before any view ran: render it without context processors, the database or
    # request.get_host() (which would raise again), in the language of the address.
    with translation.override(_language_from_path(request)):
        body = loader.get_template("400.html").render({"LANGUAGE_CODE": translation.get_language()})
    return HttpResponseBadRequest(body)


def server_error(request):
    # Raised by a middleware rather than a view: the database may be unreachable.
    if is_database_error(sys.exc_info()[1]):
        return database_unavailable_response(request)
    # No context processors and no database: the error may be the database itself.
    with translation.override(_language_from_path(request)):
        body = loader.get_template("500.html").render({"LANGUAGE_CODE": translation.get_language()})
    return HttpResponseServerError(body)
