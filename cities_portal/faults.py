"""When the database is unreachable: a static 503 page in the visitor's language.

The page is rendered from a template that needs no database and no context processor (the
site menu, settings and pages all live in the database), with `Retry-After` so that browsers,
crawlers and load balancers come back later. The traceback goes to the log, never to the
visitor.
"""

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils import translation

logger = logging.getLogger("cities_portal.faults")

RETRY_AFTER_SECONDS = 120
DATABASE_ERRORS = (OperationalError, InterfaceError)


def visitor_language(request):
    """The URL prefix first (/en/…), then Accept-Language / the language cookie, else French."""
    codes = {code for code, _name in settings.LANGUAGES}
    prefix = request.path.lstrip("/").split("/", 1)[0]
    if prefix in codes:
        return prefix
    try:
        return translation.get_language_from_request(request) or settings.LANGUAGE_CODE
    except Exception:  # a malformed header must not turn a 503 into a 500
        return settings.LANGUAGE_CODE


def is_database_error(exc):
    return isinstance(exc, DATABASE_ERRORS)


def database_unavailable_response(request):
    language = visitor_language(request)
    with translation.override(language):
        body = loader.get_template("503.html").render({"LANGUAGE_CODE": language})
    response = HttpResponse(body, status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    response["Content-Language"] = language
    return response


class DatabaseUnavailableMiddleware:
    """Turns a database connection error raised by a view into the static 503 page.

    Errors raised by other middleware end in handler500 (cities_portal.views.server_error),
    which makes the same decision.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_database_error(exception):
            return None
        logger.error("database unavailable: %s %s", request.method, request.path, exc_info=exception)
        return database_unavailable_response(request)
