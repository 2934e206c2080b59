"""Production settings, as documented in .env.example, pass Django's deployment checks."""

import json
import secrets
import subprocess
import sys

from django.conf import settings

ENV_EXAMPLE = settings.BASE_DIR / ".env.example"


def documented_environment():
    """The variables of .env.example, with the one secret it leaves blank filled in."""
    env = {}
    for line in ENV_EXAMPLE.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            env[name] = value
    env["SECRET_KEY"] = secrets.token_urlsafe(64)
    return {"PATH": "/usr/bin:/bin", **env}


def run(args, env):
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, env=env,
                          cwd=settings.BASE_DIR, timeout=120)


def test_check_deploy_gives_no_warning_with_the_documented_environment():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], documented_environment())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_cookies_are_secure_httponly_and_samesite():
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; print(json.dumps({"
        "n: getattr(s, n) for n in ('SESSION_COOKIE_SECURE', 'SESSION_COOKIE_HTTPONLY', 'SESSION_COOKIE_SAMESITE',"
        " 'CSRF_COOKIE_SECURE', 'CSRF_COOKIE_HTTPONLY', 'CSRF_COOKIE_SAMESITE', 'LANGUAGE_COOKIE_SECURE',"
        " 'LANGUAGE_COOKIE_HTTPONLY', 'LANGUAGE_COOKIE_SAMESITE', 'SECURE_HSTS_SECONDS',"
        " 'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SECURE_SSL_REDIRECT', 'DEBUG')}))"
    )
    result = run(["-c", code], documented_environment())
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    for cookie in ("SESSION", "CSRF", "LANGUAGE"):
        assert values[f"{cookie}_COOKIE_SECURE"] is True, cookie
        assert values[f"{cookie}_COOKIE_SAMESITE"] in ("Lax", "Strict"), cookie
    assert values["SESSION_COOKIE_HTTPONLY"] is True
    assert values["LANGUAGE_COOKIE_HTTPONLY"] is True
    # The CSRF cookie is HttpOnly too: the admin and our forms read the token from the page.
    assert values["CSRF_COOKIE_HTTPONLY"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 365 * 24 * 3600
    assert values["SECURE_SSL_REDIRECT"] is True and values["DEBUG"] is False
