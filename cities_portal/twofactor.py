"""Second factor for staff: a TOTP code (authenticator app) after the password.

With STAFF_REQUIRE_2FA on, anyone who can open the Wagtail admin must, once per session,
confirm a code from a TOTP device (django-otp) before any admin page answers. A member of
staff without a device is first asked to register one: the page shows the secret key and
the otpauth:// address to type or paste into an authenticator app, and the device only
counts once a first code has been confirmed. Partner representatives, who never reach the
admin, are not concerned. Off by default in development and tests (see README, Security).
"""

import base64

from django import forms
from django.conf import settings
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

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


def _require_staff(request):
    if not is_staff(request.user):
        return redirect(f"{reverse('wagtailadmin_login')}?next={request.path}")
    return None


@never_cache
def verify(request):
    denied = _require_staff(request)
    if denied:
        return denied
    next_url = _safe_next(request, request.POST.get("next") or request.GET.get("next"))
    if not user_has_device(request.user):
        return redirect(f"{reverse('two_factor_setup')}?next={next_url}")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        for device in devices_for_user(request.user, for_verify=True):
            if device.verify_token(form.cleaned_data["token"]):
                otp_login(request, device)
                return redirect(next_url)
        form.add_error("token", _("This code is not valid, or has expired. Try the current one."))
    return TemplateResponse(request, "security/twofactor_verify.html", {"form": form, "next": next_url})


@never_cache
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
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            return redirect(next_url)
        form.add_error("token", _("This code is not valid, or has expired. Try the current one."))
    secret = base64.b32encode(device.bin_key).decode("ascii")
    context = {
        "form": form,
        "next": next_url,
        "secret": " ".join(secret[i:i + 4] for i in range(0, len(secret), 4)),
        "config_url": device.config_url,
    }
    return TemplateResponse(request, "security/twofactor_setup.html", context)
