"""Browser tests: Playwright drives Debian's Chromium against a live server holding the demo site.

The demo content is loaded once for the whole folder (about ten seconds), committed to the
test database, and served by one live server thread; every test opens its own browser
context (fresh cookies). When the folder is done, the database is put back exactly as the
migrations left it, so the rest of the suite (which runs inside rolled-back transactions)
never sees the demo content. Tests here must therefore not request `db`/`transactional_db`.

Chromium comes from the system (`apt-get install chromium fonts-nanum`); nothing downloads a
browser (never run `playwright install`). Without it the tests are skipped on a developer's
machine and fail in CI (CI=true).
"""

import os
import shutil
from contextlib import contextmanager
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the main thread; Django refuses ORM calls from
# a thread with a running loop unless told that this is on purpose.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from tests.browser import helpers  # noqa: E402

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
INSTALL_HINT = "apt-get install chromium fonts-nanum"
PASSWORD = "browser-tests-pw-1"


def find_chromium():
    """CHROMIUM_PATH if set, else Debian's chromium on the PATH or in /usr/bin."""
    candidate = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    return candidate if Path(candidate).is_file() and os.access(candidate, os.X_OK) else None


@pytest.fixture(scope="session")
def browser_type_launch_args():
    """Overrides pytest-playwright's launch arguments: the system Chromium, headless."""
    chromium = find_chromium()
    if chromium is None:
        message = f"Chromium not found: install it with `{INSTALL_HINT}` (or set CHROMIUM_PATH)."
        if os.environ.get("CI"):
            pytest.fail(f"CI needs the browser tests: {message}", pytrace=False)
        pytest.skip(message)
    return {"executable_path": chromium, "headless": True, "args": CHROMIUM_ARGS}


@dataclass
class DemoSite:
    """The live demo site: its address, the URL of each page type in each language, accounts."""

    url: str
    urls: dict = field(default_factory=dict)  # {kind: {language: path}}
    accounts: dict = field(default_factory=dict)  # {role: username}
    password: str = PASSWORD

    def __call__(self, path):
        return f"{self.url}{path}"


def _restore_database(snapshot):
    """Empty every table and put back what the migrations had created (groups, workflow,
    Wagtail's root page...), as Django's serialized rollback does."""
    from django.core.management import call_command
    from django.db import connection

    call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM sqlite_master WHERE name = 'wagtailsearch_indexentry_fts'")
            if cursor.fetchone():
                cursor.execute("DELETE FROM wagtailsearch_indexentry_fts")
    connection.creation.deserialize_db_from_string(snapshot)
    # Cached pieces (menus, page cache) described the demo site, which is gone now.
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


@contextmanager
def _test_database():
    """pytest-django creates the test database only when some selected test asks for `db`;
    these tests don't (they must not run inside a transaction), so when they run alone the
    test database is created here. Never the developer's own database."""
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases

    if connection.settings_dict["NAME"] == connection.creation._get_test_db_name():
        yield
        return
    config = setup_databases(verbosity=0, interactive=False, aliases={"default"})
    try:
        yield
    finally:
        teardown_databases(config, verbosity=0)


@pytest.fixture(scope="package")
def site(django_db_setup, django_db_blocker):
    """The demo site served by a live server thread, for every test of this folder."""
    from django.core.management import call_command
    from django.db import connection
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock(), _test_database():
        snapshot = connection.creation.serialize_db_to_string()
        try:
            call_command("load_demo_content", stdout=StringIO())
            accounts = helpers.create_accounts(PASSWORD)
            urls = helpers.discover_urls()
            # The default settings, as deployed: the map's background is our own static file.
            server = LiveServer("127.0.0.1")
            try:
                yield DemoSite(url=server.url, urls=urls, accounts=accounts)
            finally:
                server.stop()
        finally:
            _restore_database(snapshot)


@pytest.fixture
def open_page(browser, site):
    """open_page(language, width=1280) -> a new page in a fresh context whose browser asks
    for `language` first (Accept-Language and navigator.language)."""
    contexts = []

    def _open(language="fr", width=1280, height=900, **options):
        context = browser.new_context(
            base_url=site.url,
            viewport={"width": width, "height": height},
            locale=helpers.LOCALES[language],
            extra_http_headers={"Accept-Language": f"{language},en;q=0.5"},
            **options,
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield _open
    for context in contexts:
        context.close()
