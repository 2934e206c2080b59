"""Log-in protection for the admin: lock-out after repeated failures, and a second factor.

The partner space's lock-out is in tests/partners/space/test_lockout.py.
"""

import datetime

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.partners.space.conftest import PASSWORD as SPACE_PASSWORD
from tests.partners.space.conftest import partner_a, rep_a  # noqa: F401

PASSWORD = "correct horse battery staple 42"
LOGIN = "/admin/login/"


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("editor", "editor@example.org", PASSWORD)


def fail(client, settings, username="editor", **headers):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": username, "password": "wrong"}, **headers)


@pytest.mark.parametrize("accept,language,text", [
    ("fr", "fr", "Trop de connexions échouées"),
    ("en", "en", "Too many failed log-ins"),
    ("ko", "ko", "로그인 실패 횟수 초과"),
])
def test_repeated_failures_lock_the_admin_login_with_a_message_in_the_visitors_language(
        editor, settings, accept, language, text):
    client = Client(HTTP_ACCEPT_LANGUAGE=accept)
    fail(client, settings)
    response = client.post(LOGIN, {"username": "editor", "password": PASSWORD})
    assert response.status_code == 429
    assert int(response["Retry-After"]) == int(settings.AXES_COOLOFF_TIME.total_seconds())
    body = response.content.decode()
    assert f'<html lang="{language}">' in body and text in body
    assert "_auth_user_id" not in client.session  # even the right password does not get in


def test_the_lock_is_per_account_and_address(editor, settings):
    get_user_model().objects.create_superuser("other", "other@example.org", PASSWORD)
    fail(Client(REMOTE_ADDR="10.0.0.1"), settings)
    # Another account from the same address, and the same account from elsewhere, still log in.
    other = Client(REMOTE_ADDR="10.0.0.1")
    assert other.post(LOGIN, {"username": "other", "password": PASSWORD}).status_code == 302
    elsewhere = Client(REMOTE_ADDR="10.0.0.2")
    assert elsewhere.post(LOGIN, {"username": "editor", "password": PASSWORD}).status_code == 302


def test_after_the_cool_off_the_right_password_works_again(editor, settings):
    client = Client()
    fail(client, settings)
    assert client.post(LOGIN, {"username": "editor", "password": PASSWORD}).status_code == 429
    # The cool-off has passed: the attempts are older than AXES_COOLOFF_TIME.
    AccessAttempt.objects.update(
        attempt_time=datetime.datetime.now(datetime.UTC) - settings.AXES_COOLOFF_TIME - datetime.timedelta(minutes=1)
    )
    response = client.post(LOGIN, {"username": "editor", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)


# --- Second factor (TOTP) ------------------------------------------------------------------
@pytest.fixture
def two_factor(settings):
    settings.STAFF_REQUIRE_2FA = True


def current_code(device):
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):0{device.digits}d}"


def test_staff_without_a_device_registers_one_before_the_admin_opens(editor, two_factor):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    assert client.post(LOGIN, {"username": "editor", "password": PASSWORD}).status_code == 302
    response = client.get("/admin/pages/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/2fa/setup/")
    page = client.get(response["Location"])
    assert page.status_code == 200 and "otpauth://" in page.content.decode()
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    # A wrong code is refused with a message; the device stays unconfirmed.
    wrong = client.post("/admin/2fa/setup/", {"token": "000000" if current_code(device) != "000000" else "111111",
                                               "next": "/admin/pages/"})
    assert wrong.status_code == 200 and "not valid" in wrong.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    # django-otp throttles a device for a second after a failure: the person types again later.
    device.throttle_reset()
    right = client.post("/admin/2fa/setup/", {"token": current_code(device), "next": "/admin/pages/"})
    assert right.status_code == 302 and right["Location"] == "/admin/pages/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/pages/").status_code == 200


def test_staff_with_a_device_confirm_a_code_at_each_log_in(editor, two_factor):
    device = TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    client = Client(HTTP_ACCEPT_LANGUAGE="ko")
    client.post(LOGIN, {"username": "editor", "password": PASSWORD})
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/2fa/?next=")
    letters = client.post("/admin/2fa/", {"token": "abcdef", "next": "/admin/"})
    assert letters.status_code == 200
    assert "_otp_device_id" not in client.session
    off_site = client.post("/admin/2fa/", {"token": current_code(device), "next": "https://evil.example/"})
    assert off_site.status_code == 302 and off_site["Location"] == "/admin/"  # never off-site
    assert client.get("/admin/").status_code == 200


def test_without_the_setting_no_second_factor_is_asked(editor):
    client = Client()
    client.post(LOGIN, {"username": "editor", "password": PASSWORD})
    assert client.get("/admin/").status_code == 200


def test_a_success_before_the_limit_starts_the_count_again(editor, settings):
    client = Client()
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post(LOGIN, {"username": "editor", "password": "wrong"})
    assert client.post(LOGIN, {"username": "editor", "password": PASSWORD}).status_code == 302
    client.logout()
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post(LOGIN, {"username": "editor", "password": "wrong"})
    assert client.post(LOGIN, {"username": "editor", "password": PASSWORD}).status_code == 302


# --- Lock-out of the partner space ---------------------------------------------------------
@pytest.mark.parametrize("language,text", [
    ("fr", "Trop de connexions échouées"),
    ("en", "Too many failed log-ins"),
    ("ko", "로그인 실패 횟수 초과"),
])
def test_the_partner_space_lock_out_speaks_the_language_of_the_address(rep_a, settings, language, text):  # noqa: F811
    from django.urls import reverse
    from django.utils import translation

    with translation.override(language):  # the space's addresses are translated
        url = reverse("partner_space:login")
    client = Client(HTTP_ACCEPT_LANGUAGE="es")  # the address decides, not the browser
    statuses = [client.post(url, {"username": "rep-a@example.org", "password": "wrong"}).status_code
                for _attempt in range(settings.AXES_FAILURE_LIMIT)]
    # The form again with its error, until the failure that reaches the limit.
    assert statuses == [200] * (settings.AXES_FAILURE_LIMIT - 1) + [429]
    response = client.post(url, {"username": "rep-a@example.org", "password": SPACE_PASSWORD})
    assert response.status_code == 429
    assert int(response["Retry-After"]) == int(settings.AXES_COOLOFF_TIME.total_seconds())
    assert f'<html lang="{language}">' in response.content.decode() and text in response.content.decode()
    assert "_auth_user_id" not in client.session
    AccessAttempt.objects.update(
        attempt_time=datetime.datetime.now(datetime.UTC) - settings.AXES_COOLOFF_TIME - datetime.timedelta(minutes=1)
    )
    assert client.post(url, {"username": "rep-a@example.org", "password": SPACE_PASSWORD}).status_code == 302
    assert client.session["_auth_user_id"] == str(rep_a.pk)


# --- The second factor: wrong codes, waiting, language, leaving ---------------------------------
def admin_language(user, language):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


def wrong_code(device):
    return "000000" if current_code(device) != "000000" else "111111"


def test_a_wrong_code_is_refused_in_the_admin_language_the_person_chose(editor, two_factor):
    """The browser says English; the editor chose Korean in the admin's account settings."""
    device = TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    admin_language(editor, "ko")
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.post(LOGIN, {"username": "editor", "password": PASSWORD})
    page = client.get("/admin/2fa/?next=/admin/")
    assert '<html lang="ko"' in page.content.decode()
    response = client.post("/admin/2fa/", {"token": wrong_code(device), "next": "/admin/"})
    assert response.status_code == 200
    assert "코드가 올바르지 않거나 만료되었습니다" in response.content.decode()
    assert "_otp_device_id" not in client.session
    assert client.get("/admin/pages/").status_code == 302  # still not in


def test_after_a_wrong_code_the_right_one_waits_and_the_page_says_how_long(editor, two_factor):
    """django-otp doubles the wait after each wrong code; the right code during the wait is
    refused with that reason, not called wrong, and accepted once the wait is over."""
    device = TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.post(LOGIN, {"username": "editor", "password": PASSWORD})
    client.post("/admin/2fa/", {"token": wrong_code(device), "next": "/admin/"})
    waiting = client.post("/admin/2fa/", {"token": current_code(device), "next": "/admin/"})
    assert waiting.status_code == 200
    assert "Too many wrong codes in a row. Wait 1 second" in waiting.content.decode()
    assert "_otp_device_id" not in client.session
    device.refresh_from_db()
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=device.throttling_failure_timestamp - datetime.timedelta(seconds=2)
    )
    device.refresh_from_db()
    right = client.post("/admin/2fa/", {"token": current_code(device), "next": "/admin/"})
    assert right.status_code == 302 and right["Location"] == "/admin/"


@pytest.mark.parametrize("page", ["/admin/2fa/", "/admin/2fa/setup/"])
def test_the_log_out_button_of_the_second_factor_pages_logs_out(editor, two_factor, page):
    if page == "/admin/2fa/":
        TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.post(LOGIN, {"username": "editor", "password": PASSWORD})
    html = client.get(page).content.decode()
    assert '<form method="post" action="/admin/logout/">' in html  # a GET would be a 405
    response = client.post("/admin/logout/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    assert "_auth_user_id" not in client.session
