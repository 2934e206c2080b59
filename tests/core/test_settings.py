import importlib
import json
import subprocess
import sys

import pytest
from django.conf import settings


def run_settings(module, env):
    """Import a settings module in a fresh interpreter with exactly `env`."""
    code = f"import {module} as s; print('DEBUG', s.DEBUG)"
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True, text=True, env={"PATH": "/usr/bin:/bin", **env},
        cwd=settings.BASE_DIR,
    )


def test_base_settings_are_safe_by_default():
    base = importlib.import_module("cities_portal.settings.base")
    assert base.DEBUG is False
    assert base.LANGUAGE_CODE == "fr"
    assert [code for code, _ in base.LANGUAGES] == ["fr", "en", "es", "ko"]
    assert base.MODELTRANSLATION_FALLBACK_LANGUAGES == ("fr",)


def test_only_dev_turns_debug_on():
    result = run_settings("cities_portal.settings.dev", {})
    assert "DEBUG True" in result.stdout
    result = run_settings("cities_portal.settings.test", {})
    assert "DEBUG False" in result.stdout


@pytest.mark.parametrize(
    "env, missing",
    [
        ({"ALLOWED_HOSTS": "cities.example"}, "SECRET_KEY"),
        ({"SECRET_KEY": "x" * 20 + "abcdefghijklmnopqrstuvwxyz0123456789"}, "ALLOWED_HOSTS"),
    ],
)
def test_production_refuses_to_start_without_its_secrets(env, missing):
    result = run_settings("cities_portal.settings.production", env)
    assert result.returncode != 0
    assert missing in result.stderr
    assert "is required" in result.stderr


def test_production_rejects_a_weak_secret_key():
    result = run_settings("cities_portal.settings.production",
                          {"SECRET_KEY": "short", "ALLOWED_HOSTS": "cities.example"})
    assert result.returncode != 0
    assert "too short" in result.stderr


def test_production_starts_with_the_documented_environment():
    result = run_settings(
        "cities_portal.settings.production",
        {"SECRET_KEY": "k3y-Zq9!" * 8, "ALLOWED_HOSTS": "cities.example,www.cities.example"},
    )
    assert result.returncode == 0, result.stderr
    assert "DEBUG False" in result.stdout


def test_database_url_switches_to_postgresql():
    code = ("import cities_portal.settings.base as s; "
            "print(s.DATABASES['default']['ENGINE'], s.DATABASES['default']['NAME'])")
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=settings.BASE_DIR,
        env={"PATH": "/usr/bin:/bin", "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/cities"},
    )
    assert result.stdout.split() == ["django.db.backends.postgresql", "cities"]


def test_sqlite_is_the_embedded_default():
    code = "import cities_portal.settings.base as s; print(s.DATABASES['default']['ENGINE'])"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=settings.BASE_DIR, env={"PATH": "/usr/bin:/bin"})
    assert result.stdout.strip() == "django.db.backends.sqlite3"


def _search_settings(env):
    code = "import json, cities_portal.settings.base as s; print(json.dumps(s.WAGTAILSEARCH_BACKENDS['default']))"
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=settings.BASE_DIR,
                          env={"PATH": "/usr/bin:/bin", **env})


def test_search_uses_the_database_unless_told_otherwise():
    result = _search_settings({})
    assert json.loads(result.stdout) == {"BACKEND": "wagtail.search.backends.database"}


def test_search_backend_switches_to_opensearch_from_the_environment():
    result = _search_settings({"SEARCH_BACKEND": "opensearch3",
                               "SEARCH_URLS": "https://search-1.internal:9200, https://search-2.internal:9200"})
    config = json.loads(result.stdout)
    assert config["BACKEND"] == "wagtail.search.backends.opensearch3"
    assert config["URLS"] == ["https://search-1.internal:9200", "https://search-2.internal:9200"]
    assert config["ATOMIC_REBUILD"] is True and config["INDEX"] == "cities"


@pytest.mark.parametrize("env,message", [
    ({"SEARCH_BACKEND": "solr"}, "SEARCH_BACKEND must be one of"),
    ({"SEARCH_BACKEND": "elasticsearch8"}, "SEARCH_URLS is required"),
])
def test_a_wrong_search_setting_stops_start_up_with_a_message_naming_it(env, message):
    result = _search_settings(env)
    assert result.returncode != 0
    assert message in result.stderr
