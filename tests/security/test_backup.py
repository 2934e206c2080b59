"""`make backup` / `make restore` round-trip the demo site, on SQLite and on PostgreSQL.

The round trip runs the real commands in fresh interpreters, as an operator would: a source
site (its own SQLite file, or its own PostgreSQL database) is migrated and given the demo
content, backed up, and restored into another, empty database with its own media directory.
tests/security/backup_probe.py reads both sites; they must hold the same rows in every
table, the same columns (every language's), the same media files, and answer 200 for every
page in every language. Under PostgreSQL (DATABASE_URL=postgres://…/NAME) the test creates
and drops NAME_backup_src and NAME_backup_restore itself.

The refusals (corrupt, tampered, foreign or too-new archives) run in-process against the
test database and check that nothing at all was changed.
"""

import contextlib
import hashlib
import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path

import dj_database_url
import psycopg
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from cities_portal.backup import MANIFEST, database_state
from cities_portal.i18n import LANGUAGE_CODES

BASE_DIR = Path(settings.BASE_DIR)
# The refusals use the test database; pytest-django runs database tests first, so without this
# mark the round-trip tests would be split from them and the module fixture built twice.
pytestmark = pytest.mark.django_db
TRANSLATED_PAGE_COLUMNS = ("title", "slug", "url_path", "seo_title", "search_description")


def _pytest_database_url():
    # The suite's own URL (not the test database pytest-django derives from it).
    return os.environ.get("DATABASE_URL", "")


class Site:
    """One site of the round trip: a database and a media directory, driven by manage.py."""

    def __init__(self, work, label):
        self.label = label
        self.media = work / f"media-{label}"
        url = _pytest_database_url()
        if url.startswith("postgres"):
            self.params = dj_database_url.parse(url)
            self.name = f"{self.params['NAME']}_backup_{label}"
            self.url = url.rsplit("/", 1)[0] + "/" + self.name
        else:
            self.params = None
            self.name = str(work / f"{label}.sqlite3")
            self.url = f"sqlite:///{self.name}"

    @property
    def vendor(self):
        return "postgresql" if self.params else "sqlite"

    def _admin(self, sql):
        params = self.params
        with psycopg.connect(dbname="postgres", user=params["USER"] or None, password=params["PASSWORD"] or None,
                             host=params["HOST"] or None, port=params["PORT"] or None, autocommit=True) as admin:
            admin.execute(sql)

    def create(self):
        if self.params:
            self.drop()
            self._admin(f'CREATE DATABASE "{self.name}"')

    def drop(self):
        if self.params:
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    def env(self):
        # Exactly the documented variables: nothing from the test run leaks in.
        return {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": os.environ.get("HOME", "/root"),
            "LANG": "C.UTF-8",
            "DJANGO_SETTINGS_MODULE": "cities_portal.settings.dev",
            "DATABASE_URL": self.url,
            "MEDIA_ROOT": str(self.media),
            "ALLOWED_HOSTS": "testserver",
        }

    def run(self, *args, check=True):
        result = subprocess.run([sys.executable, *args], cwd=BASE_DIR, env=self.env(), capture_output=True,
                                text=True, timeout=600, stdin=subprocess.DEVNULL)
        if check:
            assert result.returncode == 0, f"{' '.join(args)} on {self.label}:\n{result.stdout}\n{result.stderr}"
        return result

    def manage(self, *args, check=True):
        return self.run("manage.py", *args, check=check)

    def probe(self, out, pages=False):
        self.run("-m", "tests.security.backup_probe", str(out), *(["--pages"] if pages else []))
        return json.loads(Path(out).read_text())

    def _connect(self):
        if self.params:
            params = self.params
            return psycopg.connect(dbname=self.name, user=params["USER"] or None, password=params["PASSWORD"] or None,
                                   host=params["HOST"] or None, port=params["PORT"] or None, autocommit=True)
        return contextlib.closing(sqlite3.connect(self.name, isolation_level=None))

    def sql(self, statement):
        with self._connect() as connection:
            connection.execute(statement)

    def rows(self):
        """{table: rows}, read directly (no Django), to follow up on the probe's numbers."""
        if self.params:
            listing = "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
        else:
            listing = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        with self._connect() as connection:
            tables = [row[0] for row in connection.execute(listing).fetchall()]
            return {table: connection.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] for table in tables}


@pytest.fixture(scope="module")
def round_trip(tmp_path_factory):
    work = tmp_path_factory.mktemp("backup")
    source, restored = Site(work, "src"), Site(work, "restore")
    source.create()
    restored.create()
    try:
        source.manage("migrate", "--noinput")
        source.manage("load_demo_content")
        # Rendering every page first makes the image renditions, which then belong to the backup.
        source_pages = source.probe(work / "source-pages.json", pages=True)
        backup = source.manage("backup_site", "--output-dir", str(work / "backups"))
        (archive,) = (work / "backups").glob("cities-*.tar.gz")
        source_state = source.probe(work / "source.json")
        restore = restored.manage("restore_site", str(archive), "--noinput")
        restored_state = restored.probe(work / "restored.json")
        migrate_check = restored.manage("migrate", "--check", "--noinput", check=False)
        restored_pages = restored.probe(work / "restored-pages.json", pages=True)
        yield {
            "work": work, "archive": archive, "source": source, "restored": restored,
            "backup_output": backup.stdout, "restore_output": restore.stdout,
            "source_state": source_state, "restored_state": restored_state,
            "source_pages": source_pages["pages"], "restored_pages": restored_pages["pages"],
            "migrate_check": migrate_check,
        }
    finally:
        source.drop()
        restored.drop()


def manifest_of(archive):
    with tarfile.open(archive) as tar:
        return json.loads(tar.extractfile(MANIFEST).read())


# --- The round trip ----------------------------------------------------------------------


def test_the_backup_is_one_archive_with_a_manifest(round_trip):
    archive = round_trip["archive"]
    source = round_trip["source_state"]
    assert archive.name.startswith(f"cities-{source['vendor']}-")
    assert oct(archive.stat().st_mode & 0o777) == "0o600"  # password hashes inside
    manifest = manifest_of(archive)
    assert manifest["vendor"] == source["vendor"]
    assert manifest["created"].endswith("+00:00")
    assert manifest["media"]["in_archive"] is True
    assert manifest["migrations"] == source["migrations"]
    assert manifest["tables"] == {name: table["rows"] for name, table in source["tables"].items()}
    media = {name.removeprefix("media/"): entry["sha256"] for name, entry in manifest["files"].items()
             if name.startswith("media/")}
    assert media == source["media"]
    assert any(name.startswith("original_images/") for name in media)  # the partners' logos
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert names[0] == ("database.dump" if source["vendor"] == "postgresql" else "database.sqlite3")
    assert names[-1] == MANIFEST
    assert "Backup written" in round_trip["backup_output"]


def test_every_table_has_the_same_rows_after_the_restore(round_trip):
    source, restored = round_trip["source_state"], round_trip["restored_state"]
    assert restored["vendor"] == source["vendor"]
    assert sum(table["rows"] for table in source["tables"].values()) > 1000  # the demo site, not an empty one
    assert source["tables"]["wagtailcore_page"]["rows"] > 20
    assert {name: t["rows"] for name, t in restored["tables"].items()} == \
        {name: t["rows"] for name, t in source["tables"].items()}
    assert restored["migrations"] == source["migrations"]


def test_every_language_column_is_back(round_trip):
    source, restored = round_trip["source_state"], round_trip["restored_state"]
    for name, table in source["tables"].items():
        assert restored["tables"][name]["columns"] == table["columns"], name
    page_columns = set(restored["tables"]["wagtailcore_page"]["columns"])
    for field in TRANSLATED_PAGE_COLUMNS:
        for code in LANGUAGE_CODES:
            assert f"{field}_{code}" in page_columns
    # Every translated column of every table (pages, snippets, taxonomies) has its four languages.
    translated = 0
    for name, table in restored["tables"].items():
        columns = set(table["columns"])
        for column in columns:
            if column.endswith("_fr"):
                translated += 1
                stem = column.removesuffix("_fr")
                assert {f"{stem}_{code}" for code in LANGUAGE_CODES} <= columns, (name, stem)
    assert translated > 30


def test_migrate_check_is_clean_on_the_restored_site(round_trip):
    result = round_trip["migrate_check"]
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_page_answers_in_every_language_on_the_restored_site(round_trip):
    source, restored = round_trip["source_pages"], round_trip["restored_pages"]
    assert restored["languages"] == source["languages"]
    assert len(restored["languages"]) > 20
    for page, urls in restored["languages"].items():
        assert sorted(urls) == sorted(LANGUAGE_CODES), page
        for code, url in urls.items():
            assert url.startswith(f"/{code}/"), (page, url)
    assert set(restored["statuses"]) == set(source["statuses"])
    assert len(restored["statuses"]) > 200  # pages, library items and partner profiles
    failing = {url: status for url, status in restored["statuses"].items() if status != 200}
    assert failing == {}


def test_the_media_files_are_back(round_trip):
    source, restored = round_trip["source_state"], round_trip["restored_state"]
    assert restored["media"] == source["media"]
    assert len(source["media"]) > 10
    assert "Restored" in round_trip["restore_output"]


def source_rows(round_trip):
    return {name: table["rows"] for name, table in round_trip["source_state"]["tables"].items()}


def test_restoring_over_a_live_site_replaces_what_changed_since(round_trip):
    restored = round_trip["restored"]
    restored.sql("INSERT INTO taggit_tag (name, slug) VALUES ('after the backup', 'after-the-backup')")
    (restored.media / "original_images" / "late.png").write_bytes(b"uploaded after the backup")
    assert restored.rows()["taggit_tag"] == source_rows(round_trip)["taggit_tag"] + 1
    restored.manage("restore_site", str(round_trip["archive"]), "--noinput")
    assert restored.rows() == source_rows(round_trip)
    assert not (restored.media / "original_images" / "late.png").exists()
    assert not list(restored.media.glob(".backup-restore-*"))  # no work directory left behind


def test_a_table_the_backup_does_not_know(round_trip):
    """A table from a newer migration: PostgreSQL's restore (which only replaces what the dump
    holds) refuses it and changes nothing; SQLite's replaces the whole file, table included."""
    restored = round_trip["restored"]
    restored.sql("CREATE TABLE newer_feature (id integer)")
    restored.sql("INSERT INTO taggit_tag (name, slug) VALUES ('after the backup', 'after-the-backup')")
    result = restored.manage("restore_site", str(round_trip["archive"]), "--noinput", check=False)
    after = restored.rows()
    expected = source_rows(round_trip)
    if restored.vendor == "postgresql":
        assert result.returncode == 1
        assert "holds tables that the backup does not have (newer_feature)" in result.stderr
        assert "nothing was changed" in result.stderr
        assert after.pop("newer_feature") == 0
        assert after == {**expected, "taggit_tag": expected["taggit_tag"] + 1}
        restored.sql("DROP TABLE newer_feature")
    else:
        assert result.returncode == 0, result.stderr
        assert after == expected


# --- Refusals: nothing changes ------------------------------------------------------------


def rewrite(archive, out, *, manifest=None, replace=None, truncate=None):
    """A copy of `archive` with some members or the manifest changed."""
    replace = replace or {}
    with tarfile.open(archive) as source, tarfile.open(out, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name == MANIFEST and manifest is not None:
                data = json.dumps(manifest).encode()
            data = replace.get(member.name, data)
            member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    if truncate:
        out.write_bytes(out.read_bytes()[:truncate])
    return out


@pytest.fixture
def snapshot(db, settings, tmp_path):
    """The test database's rows and the media directory, to prove a refusal changed nothing."""
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "original_images").mkdir(parents=True)
    (settings.MEDIA_ROOT / "original_images" / "kept.png").write_bytes(b"kept")

    def state():
        files = sorted(p.relative_to(settings.MEDIA_ROOT).as_posix() for p in settings.MEDIA_ROOT.rglob("*"))
        return database_state(), files

    before = state()
    yield lambda: state() == before


def refused(path, snapshot):
    with pytest.raises(CommandError) as error:
        call_command("restore_site", str(path), "--noinput", stdout=io.StringIO())
    assert snapshot(), "a refused restore changed the database or the media"
    return str(error.value)


def test_a_truncated_archive_is_refused(round_trip, snapshot, tmp_path):
    size = round_trip["archive"].stat().st_size
    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(round_trip["archive"].read_bytes()[: size // 2])
    assert "is not a readable backup archive (corrupt or truncated)" in refused(truncated, snapshot)


def test_a_file_that_is_not_an_archive_is_refused(snapshot, tmp_path):
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"\x00not a backup" * 100)
    assert "is not a readable backup archive" in refused(junk, snapshot)
    assert "does not exist" in refused(tmp_path / "missing.tar.gz", snapshot)


def test_a_tampered_member_is_refused(round_trip, snapshot, tmp_path):
    manifest = manifest_of(round_trip["archive"])
    logo = next(name for name in manifest["files"] if name.startswith("media/original_images/"))
    tampered = rewrite(round_trip["archive"], tmp_path / "tampered.tar.gz", replace={logo: b"not the logo"})
    assert f"{logo} in {tampered} does not match its checksum" in refused(tampered, snapshot)


def test_an_archive_from_another_vendor_is_refused(round_trip, snapshot, tmp_path):
    manifest = manifest_of(round_trip["archive"])
    other = "sqlite" if manifest["vendor"] == "postgresql" else "postgresql"
    foreign = rewrite(round_trip["archive"], tmp_path / "foreign.tar.gz", manifest={**manifest, "vendor": other})
    message = refused(foreign, snapshot)
    names = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
    assert f"holds a {names[other]} database; this site uses {names[manifest['vendor']]}" in message
    assert "nothing was changed" in message


def test_an_archive_without_a_manifest_is_refused(snapshot, tmp_path):
    plain = tmp_path / "plain.tar.gz"
    with tarfile.open(plain, "w:gz") as tar:
        info = tarfile.TarInfo("database.sqlite3")
        info.size = 4
        tar.addfile(info, io.BytesIO(b"data"))
    assert "has no manifest.json" in refused(plain, snapshot)


def test_an_archive_from_newer_code_is_refused(round_trip, snapshot, tmp_path):
    manifest = manifest_of(round_trip["archive"])
    newer = {**manifest, "migrations": manifest["migrations"] + ["practices.9999_from_the_future"]}
    path = rewrite(round_trip["archive"], tmp_path / "newer.tar.gz", manifest=newer)
    assert "newer version of the code" in refused(path, snapshot)


def test_a_database_file_its_tool_rejects_is_refused(round_trip, snapshot, tmp_path):
    """Intact by its checksums, but not a database: refused before anything is replaced."""
    manifest = manifest_of(round_trip["archive"])
    name = "database.dump" if manifest["vendor"] == "postgresql" else "database.sqlite3"
    garbage = b"this is not a database, though its checksum is right\n" * 50
    files = {**manifest["files"], name: {"size": len(garbage), "sha256": hashlib.sha256(garbage).hexdigest()}}
    path = rewrite(round_trip["archive"], tmp_path / "garbage.tar.gz", manifest={**manifest, "files": files},
                   replace={name: garbage})
    message = refused(path, snapshot)
    if manifest["vendor"] == "postgresql":
        assert "Reading the database dump" in message and "failed" in message
    else:
        assert "is not a usable SQLite file" in message


def test_media_kept_in_a_bucket_are_named_not_silently_missing(db, settings, tmp_path):
    """With django-storages (production's AWS_STORAGE_BUCKET_NAME), the media are not under
    MEDIA_ROOT: the archive records it and the command says so, instead of an archive that
    looks complete."""
    settings.STORAGES = {**settings.STORAGES,
                         "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"}}
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "original_images").mkdir(parents=True)
    (settings.MEDIA_ROOT / "original_images" / "stale-local-copy.png").write_bytes(b"not the bucket")
    out = io.StringIO()
    call_command("backup_site", "--output-dir", str(tmp_path / "backups"), stdout=out)
    assert "they are NOT in this archive" in out.getvalue()
    assert "django.core.files.storage.memory.InMemoryStorage" in out.getvalue()
    (archive,) = (tmp_path / "backups").glob("cities-*.tar.gz")
    manifest = manifest_of(archive)
    assert manifest["media"] == {"in_archive": False, "storage": "django.core.files.storage.memory.InMemoryStorage"}
    assert not [name for name in manifest["files"] if name.startswith("media/")]
