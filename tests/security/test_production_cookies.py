"""Production's cookie and transport settings, seen on real responses.

test_deploy.py reads the values production.py computes from the documented environment; here
those same values are applied to real requests, so the Set-Cookie headers themselves are
checked, and tests/security/conftest.py's PRODUCTION_LIKE (under which test_headers.py scores
every page A+) is held to them. The deploy check is also shown to catch a weakened setting.
"""

import json

import pytest
from django.conf import settings
from django.test import RequestFactory, override_settings
from django.views.i18n import set_language

from tests.security.conftest import PRODUCTION_LIKE
from tests.security.test_deploy import documented_environment, run

COOKIE_SETTINGS = [f"{prefix}_COOKIE_{flag}" for prefix in ("SESSION", "CSRF", "LANGUAGE")
                   for flag in ("SECURE", "HTTPONLY", "SAMESITE")]
TRANSPORT_SETTINGS = ["SECURE_SSL_REDIRECT", "SECURE_PROXY_SSL_HEADER", "SECURE_HSTS_SECONDS",
                      "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD", "X_FRAME_OPTIONS"]


@pytest.fixture(scope="module")
def production():
    """The values production.py computes from the documented environment."""
    names = COOKIE_SETTINGS + TRANSPORT_SETTINGS + ["SILENCED_SYSTEM_CHECKS"]
    code = ("import json, django; django.setup(); from django.conf import settings as s; "
            f"print(json.dumps({{n: getattr(s, n) for n in {names!r}}}))")
    result = run(["-c", code], documented_environment())
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    return values


@pytest.mark.parametrize("variable, value, check_id", [
    ("SECURE_HSTS_SECONDS", "0", "security.W004"),
    ("SECURE_SSL_REDIRECT", "false", "security.W008"),
    ("SECURE_COOKIES", "false", "security.W012"),
])
def test_check_deploy_catches_a_weakened_setting(variable, value, check_id):
    # The deploy check of test_deploy.py is not vacuous: the same command fails on each of these.
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                 {**documented_environment(), variable: value})
    assert result.returncode != 0
    assert check_id in result.stdout + result.stderr


def test_nothing_is_silenced(production):
    assert production["SILENCED_SYSTEM_CHECKS"] == []


def test_the_header_tests_score_what_production_sets(production):
    for name, value in PRODUCTION_LIKE.items():
        assert value == production[name], name


def flags(morsel):
    return {"secure": bool(morsel["secure"]), "httponly": bool(morsel["httponly"]), "samesite": morsel["samesite"]}


@pytest.mark.django_db
def test_session_csrf_and_language_cookies_carry_the_production_flags(production, client, django_user_model):
    values = {name: production[name] for name in COOKIE_SETTINGS + TRANSPORT_SETTINGS}
    password = "a long enough passphrase"
    django_user_model.objects.create_user("editor", "editor@example.org", password, is_staff=True)
    https = {"HTTP_X_FORWARDED_PROTO": "https", "secure": True}
    with override_settings(**values):
        expected = {"secure": True, "httponly": True, "samesite": production["SESSION_COOKIE_SAMESITE"]}
        login_page = client.get("/admin/login/", **https)
        assert login_page.status_code == 200
        assert flags(login_page.cookies[settings.CSRF_COOKIE_NAME]) == expected
        assert "max-age=31536000" in login_page["Strict-Transport-Security"]
        logged_in = client.post("/admin/login/", {"username": "editor", "password": password}, **https)
        assert logged_in.status_code == 302
        assert flags(logged_in.cookies[settings.SESSION_COOKIE_NAME]) == expected
        # Public URLs carry their language, so the site sets no language cookie; Django's
        # set_language view is where one would come from, and it gets the same flags.
        request = RequestFactory().post("/i18n/setlang/", {"language": "ko"}, secure=True)
        request.session = {}
        assert flags(set_language(request).cookies[settings.LANGUAGE_COOKIE_NAME]) == expected
