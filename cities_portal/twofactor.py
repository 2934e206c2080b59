"""Second factor for staff: a TOTP code (authenticator app) after the password.

With STAFF_REQUIRE_2FA on, anyone who can open the Wagtail admin must, once per session,
confirm a code from a TOTP device (django-otp) before any admin page answers. A member of
staff without a device is first asked to register one: the page shows the secret key and
the otpauth:// address to type or paste into an authenticator app, and the device only
counts once a first code has been confirmed. Partner representatives, who never reach the
admin, are not concerned. Off by default in development and tests (see README, Security).
"""

import base64
import math
from functools import wraps

from django import forms
from django.conf import settings
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.admin.localization import get_localized_response

# Admin URLs a member of staff may reach before the second factor.
_EXEMPT_PREFIXES = ("/admin/login/", "/admin/logout/", "/admin/password_reset/", "/admin/2fa/",
                    "/admin/jsi18n/")


def is_staff(user):
    return user.is_authenticated and user.is_active and (
        user.is_superuser or user.is_staff or user.has_perm("wagtailadmin.access_admin")
    )


def _safe_next(request, value):
    if value and url_has_allowed_host_and_scheme(value, {request.get_host()}, request.is_secure()):
        return value
    return reverse("wagtailadmin_home")


class StaffTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            getattr(settings, "STAFF_REQUIRE_2FA", False)
            and request.path.startswith("/admin/")
            and not request.path.startswith(_EXEMPT_PREFIXES)
            and is_staff(request.user)
            and not request.user.is_verified()
        ):
            target = "two_factor_verify" if user_has_device(request.user) else "two_factor_setup"
            return redirect(f"{reverse(target)}?next={request.get_full_path()}")
        return self.get_response(request)


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Six-digit code from your authenticator app"),
        min_length=6, max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def clean_token(self):
        token = self.cleaned_data["token"].replace(" ", "")
        if not token.isdigit():
            raise forms.ValidationError(_("The code is made of digits only."))
        return token


def in_admin_language(view):
    """These pages belong to the admin: they speak the language the person chose for it
    (Wagtail's account settings), like every other admin page, not the browser's."""
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        return get_localized_response(view, request, *args, **kwargs)
    return wrapped


INVALID_CODE = _("This code is not valid, or has expired. Try the current one.")


def _wait_error(locked_until):
    seconds = max(1, math.ceil((locked_until - timezone.now()).total_seconds()))
    return ngettext(
        "Too many wrong codes in a row. Wait %(seconds)s second, then enter the code your app shows.",
        "Too many wrong codes in a row. Wait %(seconds)s seconds, then enter the code your app shows.",
        seconds,
    ) % {"seconds": seconds}


def check_code(devices, token):
    """(the device the code belongs to, None) or (None, the error to show).

    django-otp makes each device wait 1, 2, 4, 8... seconds after successive wrong codes
    (so a million codes cannot be tried); say so rather than call the right code wrong."""
    locked_until = None
    for device in devices:
        allowed, info = device.verify_is_allowed()
        if not allowed:
            until = (info or {}).get("locked_until")
            if until is not None:
                locked_until = max(locked_until, until) if locked_until else until
            continue
        if device.verify_token(token):
            return device, None
    if locked_until is not None:
        return None, _wait_error(locked_until)
    return None, INVALID_CODE


def _require_staff(request):
    if not is_staff(request.user):
        return redirect(f"{reverse('wagtailadmin_login')}?next={request.path}")
    return None


@never_cache
@in_admin_language
def verify(request):
    denied = _require_staff(request)
    if denied:
        return denied
    next_url = _safe_next(request, request.POST.get("next") or request.GET.get("next"))
    if not user_has_device(request.user):
        return redirect(f"{reverse('two_factor_setup')}?next={next_url}")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device, error = check_code(devices_for_user(request.user, for_verify=True), form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            return redirect(next_url)
        form.add_error("token", error)
    return TemplateResponse(request, "security/twofactor_verify.html", {"form": form, "next": next_url})


@never_cache
@in_admin_language
def setup(request):
    denied = _require_staff(request)
    if denied:
        return denied
    next_url = _safe_next(request, request.POST.get("next") or request.GET.get("next"))
    if user_has_device(request.user):
        return redirect(f"{reverse('two_factor_verify')}?next={next_url}")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name=str(_("Authenticator app")), confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        confirmed, error = check_code([device], form.cleaned_data["token"])
        if confirmed is not None:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            return redirect(next_url)
        form.add_error("token", error)
    secret = base64.b32encode(device.bin_key).decode("ascii")
    context = {
        "form": form,
        "next": next_url,
        "secret": " ".join(secret[i:i + 4] for i in range(0, len(secret), 4)),
        "config_url": device.config_url,
    }
    return TemplateResponse(request, "security/twofactor_setup.html", context)
