"""A page with an inline script carrying the CSP nonce, for the page cache's nonce test."""

from django.template import engines
from django.template.response import TemplateResponse
from django.urls import path

from cities_portal.urls import urlpatterns as site_urlpatterns

TEMPLATE = engines["django"].from_string(
    '<!DOCTYPE html><html lang="fr"><body><p>Bonjour</p>'
    '<script nonce="{{ csp_nonce }}">document.body.dataset.ready = "1";</script></body></html>'
)


def page_with_inline_script(request):
    return TemplateResponse(request, TEMPLATE, {})


urlpatterns = [path("fr/nonce/", page_with_inline_script), *site_urlpatterns]
