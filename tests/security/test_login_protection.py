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
