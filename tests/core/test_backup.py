"""backup_site / restore_site round-trip the demo site into a fresh database.

The demo site is built in the test database, backed up in-process, and restored in a fresh
interpreter into a database that has never been migrated (SQLite: a new file; PostgreSQL: a
scratch database created and dropped here), with its own MEDIA_ROOT, as an operator would do
after losing a server. A second interpreter then reads the restored site: its rows, its
columns, its media files, every live page in every language, and `migrate --check`.

One round trip (module fixture) serves every assertion, so the module stays well under 90 s.
"""

import io
import json
import os
import subprocess
import sys
import tarfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import dj_database_url
import psycopg
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from cities_portal.backup import MANIFEST, database_state
from cities_portal.i18n import LANGUAGE_CODES

BASE_DIR = Path(settings.BASE_DIR)
# Every test reads the database the module fixture filled (and the refusals check it is unchanged).
pytestmark = pytest.mark.django_db

TRANSLATED_PAGE_COLUMNS = ("title", "slug", "url_path", "seo_title", "search_description")

# Run in the restored site: what it holds, before any page is rendered (rendering creates
# image renditions, which would change the row counts), then every live page in every language.
CHECK = r"""
import hashlib, json
from pathlib import Path
from django.conf import settings
from django.db import connection
from django.test import Client
from wagtail.models import Page
from cities_portal.backup import database_state

counts, migrations = database_state()
with connection.cursor() as cursor:
    page_columns = [c.name for c in connection.introspection.get_table_description(cursor, "wagtailcore_page")]
root = Path(settings.MEDIA_ROOT)
media = {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
         for p in sorted(root.rglob("*")) if p.is_file()}
client = Client()
statuses = {}
for page in Page.objects.live().filter(depth__gte=2).specific():
    for code, url in page.get_alternate_urls().items():
        statuses[f"{code} {url}"] = client.get(url).status_code
Path(OUT).write_text(json.dumps({"counts": counts, "migrations": migrations, "media": media,
                                          "page_columns": page_columns, "statuses": statuses}))
"""


class ScratchSite:
    """A never-migrated database and an empty media directory, for the restore."""

    def __init__(self, work):
        self.media = work / "media-restored"
        self.media.mkdir()
        if connection.vendor == "postgresql":
            self.params = dj_database_url.parse(os.environ["DATABASE_URL"])
            self.name = f"{self.params['NAME']}_restore_{os.getpid()}"
            self.url = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/" + self.name
        else:
            self.params = None
            self.url = f"sqlite:///{work / 'restored.sqlite3'}"

    def _admin(self, sql):
        p = self.params
        with psycopg.connect(dbname="postgres", user=p["USER"] or None, password=p["PASSWORD"] or None,
                             host=p["HOST"] or None, port=p["PORT"] or None, autocommit=True) as admin:
            admin.execute(sql)

    def create(self):
        if self.params:
            self.drop()
            self._admin(f'CREATE DATABASE "{self.name}"')

    def drop(self):
        if self.params:
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    def run(self, *args):
        # Only the documented variables: nothing of the test run (its settings, its database) leaks in.
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": os.environ.get("HOME", "/root"),
               "LANG": "C.UTF-8", "DJANGO_SETTINGS_MODULE": "cities_portal.settings.dev",
               "DATABASE_URL": self.url, "MEDIA_ROOT": str(self.media), "ALLOWED_HOSTS": "testserver"}
        return subprocess.run([sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, capture_output=True,
                              text=True, timeout=300, stdin=subprocess.DEVNULL)


@pytest.fixture(scope="module")
def round_trip(django_db_setup, django_db_blocker, tmp_path_factory):
    work = tmp_path_factory.mktemp("backup")
    site = ScratchSite(work)
    with django_db_blocker.unblock():
        # Committed, not inside a test transaction: pg_dump reads the database from outside.
        call_command("load_demo_content", skip_index=True, stdout=io.StringIO())
        try:
            source_counts, source_migrations = database_state()
            source_media = {p.relative_to(settings.MEDIA_ROOT).as_posix()
                            for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()}
            out = io.StringIO()
            call_command("backup_site", "--output-dir", str(work / "backups"), stdout=out)
            (archive,) = (work / "backups").glob("cities-*.tar.gz")
            site.create()
            try:
                restore = site.run("restore_site", str(archive), "--noinput")
                assert restore.returncode == 0, restore.stdout + restore.stderr
                # Both only read the restored site: side by side, to keep the module short.
                with ThreadPoolExecutor(2) as pool:
                    checking = pool.submit(site.run, "shell", "-c", f"OUT = {str(work / 'restored.json')!r}\n" + CHECK)
                    migrate_check = pool.submit(site.run, "migrate", "--check", "--noinput").result()
                    check = checking.result()
                assert check.returncode == 0, check.stdout + check.stderr
            finally:
                site.drop()
            yield {
                "archive": archive, "backup_output": out.getvalue(), "restore": restore,
                "source_counts": source_counts, "source_migrations": source_migrations,
                "source_media": source_media, "restored": json.loads((work / "restored.json").read_text()),
                "migrate_check": migrate_check,
            }
        finally:
            # The demo content was committed: leave the test database empty for the next tests.
            call_command("flush", "--noinput", verbosity=0)


def manifest_of(archive):
    with tarfile.open(archive) as tar:
        return json.loads(tar.extractfile(MANIFEST).read())


def test_the_archive_holds_the_database_the_media_and_a_manifest(round_trip):
    manifest = manifest_of(round_trip["archive"])
    assert manifest["vendor"] == connection.vendor
    assert manifest["created"].endswith("+00:00")
    assert manifest["tables"] == round_trip["source_counts"]
    assert manifest["migrations"] == round_trip["source_migrations"]
    media = {name.removeprefix("media/") for name in manifest["files"] if name.startswith("media/")}
    assert media == round_trip["source_media"]
    assert any(name.startswith("original_images/") for name in media)  # the partners' logos
    assert "Backup written" in round_trip["backup_output"]


def test_every_table_has_the_same_rows_after_the_restore(round_trip):
    restored = round_trip["restored"]
    assert round_trip["source_counts"]["wagtailcore_page"] > 20  # the demo site, not an empty one
    assert restored["counts"] == round_trip["source_counts"]
    assert restored["migrations"] == round_trip["source_migrations"]


def test_every_language_column_of_the_page_table_is_back(round_trip):
    # Added by wagtail-modeltranslation with raw SQL, not by a migration: only the dump brings them.
    columns = set(round_trip["restored"]["page_columns"])
    for field in TRANSLATED_PAGE_COLUMNS:
        for code in LANGUAGE_CODES:
            assert f"{field}_{code}" in columns


def test_every_live_page_answers_in_every_language(round_trip):
    statuses = round_trip["restored"]["statuses"]
    assert {key.split(" ")[0] for key in statuses} == set(LANGUAGE_CODES)
    assert len(statuses) > 80
    assert {key: status for key, status in statuses.items() if status != 200} == {}


def test_migrate_check_is_clean_and_the_media_are_back(round_trip):
    result = round_trip["migrate_check"]
    assert result.returncode == 0, result.stdout + result.stderr
    assert set(round_trip["restored"]["media"]) == round_trip["source_media"]
    assert "Restored" in round_trip["restore"].stdout


# Refusals: a clear message, a non-zero exit code, nothing changed.


def refuse(archive):
    """The CommandError of a refused restore (manage.py exits with its returncode, 1), after
    checking that the database did not change."""
    before = database_state()
    with pytest.raises(CommandError) as error:
        call_command("restore_site", str(archive), "--noinput", stdout=io.StringIO())
    assert database_state() == before
    assert error.value.returncode == 1
    return str(error.value)


def test_a_missing_or_corrupt_archive_is_refused(round_trip, tmp_path):
    assert "does not exist" in refuse(tmp_path / "missing.tar.gz")
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"\x00not a backup" * 100)
    assert "is not a readable backup archive" in refuse(junk)
    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(round_trip["archive"].read_bytes()[:50_000])
    assert "corrupt or truncated" in refuse(truncated)


def test_an_archive_of_another_vendor_is_refused(round_trip, tmp_path):
    other = "sqlite" if connection.vendor == "postgresql" else "postgresql"
    foreign = tmp_path / "foreign.tar.gz"
    with tarfile.open(round_trip["archive"]) as source, tarfile.open(foreign, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name == MANIFEST:
                data = json.dumps({**json.loads(data), "vendor": other}).encode()
                member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    message = refuse(foreign)
    assert "database; this site uses" in message and "nothing was changed" in message
