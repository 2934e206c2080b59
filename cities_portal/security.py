"""Security headers on every response: Content-Security-Policy with a nonce, and the rest.

Django 5.2 has no built-in CSP (6.0 has), so this small middleware writes it. Three policies:

- public pages: nothing from other origins (only the map tiles in img-src, when a deployment
  configures its own tile server; by default there are none), no inline script
  except those carrying this response's nonce, no inline style, no framing at all;
- the Wagtail admin (and its live preview, which it shows in a same-origin iframe): the looser
  policy its scripts and styles need, frameable by the site itself only;
- documents served by Wagtail's serve view: nothing may run or load (`sandbox`).

Django's SecurityMiddleware writes HSTS, nosniff, Referrer-Policy and
Cross-Origin-Opener-Policy; this one adds Cross-Origin-Resource-Policy and
Permissions-Policy, which Django does not know about.

A page served from the anonymous page cache gets this request's nonce in its body too
(cities_portal/page_cache.py writes it there), so header and HTML always agree.
"""

import secrets
from urllib.parse import urlsplit

from django.conf import settings


def _origin(url):
    """scheme://host[:port] of a URL template such as https://tile.example.org/{z}/{x}/{y}.png."""
    if not url:
        return ""
    parts = urlsplit(url.replace("{s}", "a"))
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return ""
    host = parts.netloc
    if "{s}" in url:  # Leaflet sub-domain placeholder: allow every sub-domain of the host.
        host = "*." + host.split(".", 1)[1]
    return f"{parts.scheme}://{host}"


def public_policy(nonce):
    tiles = _origin(getattr(settings, "PRACTICES_MAP_TILES_URL", ""))
    img = " ".join(filter(None, ["'self'", "data:", tiles]))
    directives = [
        "default-src 'none'",
        f"script-src 'self' 'nonce-{nonce}'",
        "style-src 'self'",
        f"img-src {img}",
        "font-src 'self'",
        "connect-src 'self'",
        "manifest-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
    ]
    if getattr(settings, "SECURE_SSL_REDIRECT", False):
        directives.append("upgrade-insecure-requests")
    return "; ".join(directives)


# Wagtail's admin still relies on inline scripts, inline styles, embeds of remote videos in
# previews and avatars from Gravatar; it is only reached by logged-in editors.
ADMIN_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "frame-src 'self' https:",
    "media-src 'self' https:",
    "form-action 'self'",
    "frame-ancestors 'self'",
    "base-uri 'self'",
    "object-src 'none'",
])
DOCUMENT_POLICY = "default-src 'none'; sandbox; frame-ancestors 'none'"
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"


def _is_admin(path):
    return path.startswith("/admin/")


def _is_document(path):
    return path.startswith("/documents/")


class SecurityHeadersMiddleware:
    """Sets the policy headers; gives every request a fresh `request.csp_nonce`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        nonce = secrets.token_urlsafe(18)
        request.csp_nonce = nonce
        response = self.get_response(request)
        path = request.path
        if _is_document(path):
            response["Content-Security-Policy"] = DOCUMENT_POLICY
            response["Cross-Origin-Resource-Policy"] = "same-origin"
            response["X-Frame-Options"] = "DENY"
        elif _is_admin(path):
            response["Content-Security-Policy"] = ADMIN_POLICY
            # The admin shows live previews of pages in a same-origin iframe.
            response["X-Frame-Options"] = "SAMEORIGIN"
        elif "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = public_policy(nonce)
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


def csp_nonce(request):
    """Template context processor: `{{ csp_nonce }}` for the few inline scripts we keep."""
    return {"csp_nonce": getattr(request, "csp_nonce", "")}
