"""Log-in protection (django-axes) and the log-in audit trail.

Axes counts failures per username + address pair; once AXES_FAILURE_LIMIT is reached the
pair is locked out for AXES_COOLOFF_TIME, and AxesMiddleware answers with
`lockout_response`: a translated page, status 429, with Retry-After. Log-ins, failed
log-ins and lock-outs also go into Wagtail's audit log (Reports › Site history), on the
account concerned, with the address and the time, where administrators read them.
"""

import logging
import math

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger("cities_portal.security")

LOGIN = "core.login"
LOGIN_FAILED = "core.login_failed"
LOCKED_OUT = "core.locked_out"

LOG_ACTIONS = [
    (LOGIN, _("Log in"), _("Logged in")),
    (LOGIN_FAILED, _("Failed log-in"), _("Failed log-in (wrong password or locked out)")),
    (LOCKED_OUT, _("Locked out"), _("Locked out after too many failed log-ins")),
]


def client_ip(request):
    """The client's address: REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT proxies the address
    those proxies appended to X-Forwarded-For (never a value the client could choose)."""
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies and request is not None:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR") if request is not None else None


def lockout_response(request, original_response=None, credentials=None):
    cooloff = settings.AXES_COOLOFF_TIME
    minutes = max(1, math.ceil(cooloff.total_seconds() / 60)) if cooloff else None
    response = TemplateResponse(
        request, "security/lockout.html", {"minutes": minutes}, status=settings.AXES_HTTP_RESPONSE_CODE
    )
    if cooloff:
        response["Retry-After"] = str(int(cooloff.total_seconds()))
    response["Cache-Control"] = "no-store"
    # Returned from AxesMiddleware, after the view layer: render it here, or the middleware
    # above it would read unrendered content (ContentNotRenderedError, a 500).
    return response.render()


def _log(user, action, request, acting_user=None):
    from wagtail.log_actions import log

    data = {"ip": client_ip(request) if request is not None else None}
    try:
        log(instance=user, action=action, user=acting_user, data=data)
    except Exception:  # the audit trail must never break a log-in
        logger.exception("could not record %s for user %s", action, user.pk)


def _on_logged_in(sender, request, user, **kwargs):
    _log(user, LOGIN, request, acting_user=user)


def _on_login_failed(sender, credentials, request=None, **kwargs):
    username = (credentials or {}).get(get_user_model().USERNAME_FIELD) or (credentials or {}).get("username")
    if not username or not isinstance(username, str):
        return
    user = get_user_model()._default_manager.filter(**{get_user_model().USERNAME_FIELD: username[:150]}).first()
    if user is not None:
        _log(user, LOGIN_FAILED, request)


def _on_locked_out(sender, request, username=None, ip_address=None, **kwargs):
    logger.warning("log-in locked out: username=%r ip=%s", username, ip_address)
    if not username:
        return
    user = get_user_model()._default_manager.filter(**{get_user_model().USERNAME_FIELD: username[:150]}).first()
    if user is not None:
        _log(user, LOCKED_OUT, request)


def connect_signals():
    from axes.signals import user_locked_out

    user_logged_in.connect(_on_logged_in, dispatch_uid="core-audit-login")
    user_login_failed.connect(_on_login_failed, dispatch_uid="core-audit-login-failed")
    user_locked_out.connect(_on_locked_out, dispatch_uid="core-audit-locked-out")
