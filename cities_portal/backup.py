"""Back up and restore the whole site: the database and the media files, in one archive.

An archive (`backups/cities-<vendor>-<UTC time>.tar.gz` by default) holds:

- `database.dump`: PostgreSQL's own format, from `pg_dump --format=custom`; or
  `database.sqlite3`: a consistent copy made with SQLite's online backup API (never a file
  copy of a database that may be half-way through a write);
- `media/…`: every file under MEDIA_ROOT (uploaded images, renditions, documents, logos);
- `manifest.json`, written last: when, from which vendor and server, the applied migrations,
  the row count of every table, and the size and SHA-256 of every other member.

The counts and the migrations are read from the same snapshot as the dump (a REPEATABLE READ
transaction whose snapshot pg_dump shares; the SQLite copy itself), so they describe exactly
what the archive holds even while the site keeps writing.

Restoring checks everything it can before it touches anything: the archive must be readable,
of this vendor, with every member present and intact (checksums), migrations this code knows,
and a database file its tool accepts. Then the database is replaced in one step (pg_restore
in a single transaction; SQLite's backup API), its row counts are compared with the manifest,
and only then the media directory is swapped for the archive's one. Whatever fails, the error
says what was and was not changed.
"""

import contextlib
import datetime
import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import django
import wagtail
from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.loader import MigrationLoader

from cities_portal.dbstats import refresh_statistics

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA_PREFIX = "media"
DUMP_NAMES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
VENDOR_NAMES = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}
# Working directories that a restore creates inside MEDIA_ROOT (same file system, so the swap
# is a series of renames, which also works when MEDIA_ROOT is a mount point). A backup skips
# them should a failed restore have left one behind.
WORK_PREFIX = ".backup-restore-"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or a restore that cannot go on; the message tells the operator why."""


def media_storage():
    """(media files live under MEDIA_ROOT, the storage's class path). A bucket (django-storages)
    is not in the archive: it is backed up by its own means (versioning, replication)."""
    storage = storages["default"]
    return isinstance(storage, FileSystemStorage), f"{type(storage).__module__}.{type(storage).__qualname__}"


def default_directory():
    return Path(getattr(settings, "BACKUP_DIR", Path(settings.BASE_DIR) / "backups"))


# --- Reading a database ----------------------------------------------------------------


def _vendor(connection):
    if connection.vendor not in DUMP_NAMES:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {connection.vendor}.")
    return connection.vendor


def _quote(name):
    return '"' + name.replace('"', '""') + '"'


def _sqlite_tables(cursor):
    cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    return [row[0] for row in cursor.fetchall()]


def _postgresql_tables(cursor):
    cursor.execute(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE c.relkind IN ('r', 'p') AND n.nspname = current_schema() ORDER BY c.relname"
    )
    return [row[0] for row in cursor.fetchall()]


def _counts(cursor, tables):
    counts = {}
    for table in tables:
        cursor.execute(f"SELECT COUNT(*) FROM {_quote(table)}")
        counts[table] = cursor.fetchone()[0]
    return counts


def _migrations(cursor, tables):
    if "django_migrations" not in tables:
        return []
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    return [f"{app}.{name}" for app, name in cursor.fetchall()]


def database_state(connection=None):
    """(row count of every table, applied migrations) of a database, as a backup records them."""
    connection = connection or connections[DEFAULT_DB_ALIAS]
    vendor = _vendor(connection)
    with connection.cursor() as cursor:
        tables = _sqlite_tables(cursor) if vendor == "sqlite" else _postgresql_tables(cursor)
        return _counts(cursor, tables), _migrations(cursor, tables)


def _sqlite_file_state(path):
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        cursor = source.cursor()
        tables = _sqlite_tables(cursor)
        return _counts(cursor, tables), _migrations(cursor, tables)
    finally:
        source.close()


# --- PostgreSQL tools ------------------------------------------------------------------


def _pg_environment(connection):
    """libpq's variables for pg_dump/pg_restore: no password on a command line."""
    params = connection.settings_dict
    if not params.get("NAME"):
        raise BackupError("DATABASES['default'] has no NAME: nothing to back up or restore.")
    env = {**os.environ, "PGDATABASE": params["NAME"]}
    for key, variable in (("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD"), ("HOST", "PGHOST"), ("PORT", "PGPORT")):
        if params.get(key):
            env[variable] = str(params[key])
    options = params.get("OPTIONS") or {}
    for key, variable in (("sslmode", "PGSSLMODE"), ("sslrootcert", "PGSSLROOTCERT"), ("options", "PGOPTIONS")):
        if options.get(key):
            env[variable] = str(options[key])
    return env


def _pg_tool(name, server_major):
    """The tool's path and version line; refuses an older tool than the server."""
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} is not installed (Debian: apt-get install postgresql-client-{server_major}).")
    version = subprocess.run([path, "--version"], capture_output=True, text=True, check=False).stdout.strip()
    match = re.search(r"(\d+)(?:\.\d+)?", version)
    if match and int(match.group(1)) < server_major:
        raise BackupError(
            f"{version} is older than the PostgreSQL {server_major} server and cannot handle its data: "
            f"install postgresql-client-{server_major} (or newer)."
        )
    return path, version


def _run(command, env, what):
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()[-5:]
        raise BackupError(f"{what} failed (exit {result.returncode}): " + " / ".join(detail))
    return result


def _dump_postgresql(connection, target):
    """pg_dump of one snapshot, and the counts and migrations of that same snapshot."""
    server_major = connection.pg_version // 10000
    pg_dump, tool = _pg_tool("pg_dump", server_major)
    # A connection of our own, so that the snapshot's transaction is never nested in a caller's.
    own = connection.copy()
    try:
        own.ensure_connection()
        own.set_autocommit(False)
        with own.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            tables = _postgresql_tables(cursor)
            counts, migrations = _counts(cursor, tables), _migrations(cursor, tables)
            # The exporting transaction stays open while pg_dump reads its snapshot.
            _run([pg_dump, "--format=custom", f"--snapshot={snapshot}", f"--file={target}"],
                 _pg_environment(own), "pg_dump")
        own.rollback()
    finally:
        own.close()
    server = f"PostgreSQL {connection.pg_version // 10000}.{connection.pg_version % 10000}"
    return counts, migrations, server, tool


def _dump_sqlite(connection, target):
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        # The online backup API copies a consistent image, even while others write.
        connection.connection.backup(copy)
    finally:
        copy.close()
    counts, migrations = _sqlite_file_state(target)
    return counts, migrations, f"SQLite {sqlite3.sqlite_version}", "sqlite3 backup API"


# --- Creating an archive ---------------------------------------------------------------


def _sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


class _HashingReader:
    """Hashes what tarfile reads, so that a media file is read once and its checksum matches
    the bytes stored, even if the file changes while the backup runs."""

    def __init__(self, handle):
        self.handle = handle
        self.digest = hashlib.sha256()

    def read(self, size=-1):
        data = self.handle.read(size)
        self.digest.update(data)
        return data


def _media_files(media_root):
    if not media_root.is_dir():
        return
    for directory, subdirectories, files in os.walk(media_root):
        subdirectories[:] = sorted(d for d in subdirectories if not d.startswith(WORK_PREFIX))
        for name in sorted(files):
            path = Path(directory) / name
            if path.is_file() and not path.is_symlink():
                yield path, path.relative_to(media_root).as_posix()


def _unique_path(directory, stem):
    path = directory / f"{stem}.tar.gz"
    number = 1
    while path.exists():
        number += 1
        path = directory / f"{stem}-{number}.tar.gz"
    return path


@dataclass
class BackupResult:
    path: Path
    manifest: dict

    @property
    def rows(self):
        return sum(self.manifest["tables"].values())

    @property
    def media_files(self):
        return sum(1 for name in self.manifest["files"] if name.startswith(MEDIA_PREFIX + "/"))

    @property
    def media_in_archive(self):
        return self.manifest["media"]["in_archive"]


def create_backup(directory=None, *, connection=None, media_root=None, now=None):
    """Write one archive of the database and the media into `directory`; return it."""
    connection = connection or connections[DEFAULT_DB_ALIAS]
    vendor = _vendor(connection)
    directory = Path(directory or default_directory())
    media_root = Path(media_root or settings.MEDIA_ROOT)
    now = now or datetime.datetime.now(datetime.UTC)
    if not directory.exists():
        # The archives hold password hashes and personal data: readable by their owner only.
        directory.mkdir(parents=True, mode=0o700)
    work = Path(tempfile.mkdtemp(prefix=".backup-", dir=directory))
    try:
        dump_name = DUMP_NAMES[vendor]
        dump = work / dump_name
        if vendor == "postgresql":
            counts, migrations, server, tool = _dump_postgresql(connection, dump)
        else:
            counts, migrations, server, tool = _dump_sqlite(connection, dump)
        files = {dump_name: {"size": dump.stat().st_size, "sha256": _sha256(dump)}}
        partial = work / "archive.tar.gz"
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(dump, arcname=dump_name, recursive=False)
            local_media, storage = media_storage()
            for path, relative in _media_files(media_root) if local_media else ():
                name = f"{MEDIA_PREFIX}/{relative}"
                info = archive.gettarinfo(path, arcname=name)
                with open(path, "rb") as handle:
                    reader = _HashingReader(handle)
                    archive.addfile(info, reader)
                files[name] = {"size": info.size, "sha256": reader.digest.hexdigest()}
            manifest = {
                "format": FORMAT,
                "created": now.isoformat(timespec="seconds"),
                "vendor": vendor,
                "server": server,
                "tool": tool,
                "database": str(connection.settings_dict.get("NAME")),
                "django": django.get_version(),
                "wagtail": wagtail.__version__,
                "migrations": migrations,
                "media": {"in_archive": local_media, "storage": storage},
                "tables": counts,
                "files": files,
            }
            data = json.dumps(manifest, indent=2, ensure_ascii=False, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime, info.mode = len(data), int(now.timestamp()), 0o600
            archive.addfile(info, _BytesReader(data))
        os.chmod(partial, 0o600)
        # Renamed into place only once complete: a backup that died half-way leaves no archive
        # that looks usable.
        final = _unique_path(directory, f"cities-{vendor}-{now:%Y%m%d-%H%M%S}Z")
        partial.rename(final)
        return BackupResult(final, manifest)
    finally:
        shutil.rmtree(work, ignore_errors=True)


class _BytesReader:
    def __init__(self, data):
        self.data, self.offset = data, 0

    def read(self, size=-1):
        end = len(self.data) if size is None or size < 0 else self.offset + size
        chunk = self.data[self.offset:end]
        self.offset += len(chunk)
        return chunk


# --- Reading and checking an archive ---------------------------------------------------


def _safe_name(name):
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and name == path.as_posix()


def _known_migrations():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return {f"{app}.{name}" for app, name in loader.disk_migrations}


def _compare(expected, actual):
    """Human-readable differences between two {table: rows} maps."""
    differences = []
    for table in sorted(set(expected) | set(actual)):
        if expected.get(table) != actual.get(table):
            differences.append(f"{table}: {expected.get(table, 'missing')} in the archive, "
                               f"{actual.get(table, 'missing')} restored")
    return differences


@dataclass
class StagedBackup:
    """An archive whose members were extracted and checked; nothing is changed yet."""

    path: Path
    manifest: dict
    dump: Path
    media: Path
    work: list = field(default_factory=list)
    pending_migrations: list = field(default_factory=list)

    @property
    def media_files(self):
        return sum(1 for name in self.manifest["files"] if name.startswith(MEDIA_PREFIX + "/"))

    @property
    def rows(self):
        return sum(self.manifest["tables"].values())

    @property
    def media_in_archive(self):
        # Archives of format 1 made before this key existed always held MEDIA_ROOT.
        return self.manifest.get("media", {"in_archive": True})["in_archive"]

    def cleanup(self):
        for path in self.work:
            shutil.rmtree(path, ignore_errors=True)


def _read_manifest(archive, path):
    try:
        member = archive.getmember(MANIFEST)
        manifest = json.loads(archive.extractfile(member).read().decode())
    except KeyError:
        raise BackupError(f"{path} has no {MANIFEST}: it is not a backup made by `manage.py backup_site`.") from None
    except (ValueError, UnicodeDecodeError) as error:
        raise BackupError(f"The manifest of {path} is not valid JSON ({error}): the archive is corrupt.") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{path} is in an unknown backup format ({manifest.get('format')!r}, expected {FORMAT}).")
    for key in ("vendor", "tables", "migrations", "files"):
        if key not in manifest:
            raise BackupError(f"The manifest of {path} lacks {key!r}: the archive is corrupt.")
    return manifest


def open_backup(path, *, connection=None, media_root=None):
    """Extract and check an archive (readable, same vendor, intact, known migrations, a
    database file its tool accepts) without changing anything; raise BackupError if not."""
    connection = connection or connections[DEFAULT_DB_ALIAS]
    vendor = _vendor(connection)
    path = Path(path)
    media_root = Path(media_root or settings.MEDIA_ROOT)
    if not path.is_file():
        raise BackupError(f"{path} does not exist or is not a file.")
    work_db = Path(tempfile.mkdtemp(prefix=WORK_PREFIX + "db-"))
    staged = None
    try:
        try:
            with tarfile.open(path, "r:*") as archive:
                manifest = _read_manifest(archive, path)
                if manifest["vendor"] != vendor:
                    raise BackupError(
                        f"{path} holds a {VENDOR_NAMES.get(manifest['vendor'], manifest['vendor'])} database; "
                        f"this site uses {VENDOR_NAMES[vendor]}. Restore it on a site configured for the same "
                        "database (DATABASE_URL); nothing was changed."
                    )
                dump_name = DUMP_NAMES[vendor]
                if dump_name not in manifest["files"]:
                    raise BackupError(f"{path} has no {dump_name}: the archive is corrupt.")
                media_root.mkdir(parents=True, exist_ok=True)
                staged_media = Path(tempfile.mkdtemp(prefix=WORK_PREFIX + "new-", dir=media_root))
                staged = StagedBackup(path, manifest, work_db / dump_name, staged_media, [work_db, staged_media])
                _extract(archive, manifest, path, work_db, staged_media)
        except (tarfile.TarError, EOFError, zlib.error, OSError) as error:
            raise BackupError(f"{path} is not a readable backup archive (corrupt or truncated): {error}") from None
        _check_migrations(staged)
        _check_dump(staged, vendor, connection)
        return staged
    except BaseException:
        if staged is not None:
            staged.cleanup()
        shutil.rmtree(work_db, ignore_errors=True)
        raise


def _extract(archive, manifest, path, work_db, staged_media):
    expected = dict(manifest["files"])
    for member in archive:
        name = member.name
        if name == MANIFEST:
            continue
        if name not in expected or not _safe_name(name) or not member.isfile():
            raise BackupError(f"{path} holds {name!r}, which its manifest does not list: the archive is corrupt.")
        if name.startswith(MEDIA_PREFIX + "/"):
            target = staged_media / name[len(MEDIA_PREFIX) + 1:]
        else:
            target = work_db / name
        target.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        size = 0
        with archive.extractfile(member) as source, open(target, "wb") as sink:
            while chunk := source.read(CHUNK):
                digest.update(chunk)
                size += len(chunk)
                sink.write(chunk)
        record = expected.pop(name)
        if size != record["size"] or digest.hexdigest() != record["sha256"]:
            raise BackupError(f"{name} in {path} does not match its checksum: the archive is corrupt.")
    if expected:
        missing = ", ".join(sorted(expected)[:5])
        raise BackupError(f"{path} lacks {len(expected)} file(s) its manifest lists ({missing}): "
                          "the archive is corrupt.")


def _check_migrations(staged):
    known = _known_migrations()
    recorded = set(staged.manifest["migrations"])
    unknown = sorted(recorded - known)
    if unknown:
        raise BackupError(
            "The backup comes from a newer version of the code: it has migrations this code does not know ("
            + ", ".join(unknown[:5]) + "). Deploy that version first; nothing was changed."
        )
    staged.pending_migrations = sorted(known - recorded)


def _check_dump(staged, vendor, connection):
    if vendor == "sqlite":
        try:
            check = sqlite3.connect(f"file:{staged.dump}?mode=ro", uri=True)
            try:
                result = check.execute("PRAGMA integrity_check").fetchone()[0]
            finally:
                check.close()
            counts, _migrations = _sqlite_file_state(staged.dump)
        except sqlite3.DatabaseError as error:
            raise BackupError(f"The database in {staged.path} is not a usable SQLite file: {error}") from None
        if result != "ok":
            raise BackupError(f"The database in {staged.path} fails SQLite's integrity check: {result}")
        differences = _compare(staged.manifest["tables"], counts)
        if differences:
            raise BackupError(f"The database in {staged.path} does not hold what its manifest says: "
                              + "; ".join(differences[:5]))
        return
    connection.ensure_connection()
    pg_restore, _tool = _pg_tool("pg_restore", connection.pg_version // 10000)
    _run([pg_restore, "--list", str(staged.dump)], os.environ, f"Reading the database dump in {staged.path}")
    # pg_restore --clean drops and recreates what the dump holds; a table it does not hold
    # (a newer migration's) would stay behind, beside a migration history that ignores it.
    with connection.cursor() as cursor:
        extra = sorted(set(_postgresql_tables(cursor)) - set(staged.manifest["tables"]))
    if extra:
        raise BackupError(
            f"Database {connection.settings_dict['NAME']} holds tables that the backup does not have ("
            + ", ".join(extra[:5]) + "). Restore into an empty database (createdb) or drop them first; "
            "nothing was changed."
        )


# --- Restoring -------------------------------------------------------------------------


def restore_backup(staged, *, connection=None, media_root=None):
    """Replace the database, check it, then swap the media directory. Raises BackupError
    saying what state things are in when a step fails."""
    connection = connection or connections[DEFAULT_DB_ALIAS]
    vendor = _vendor(connection)
    media_root = Path(media_root or settings.MEDIA_ROOT)
    if vendor == "postgresql":
        env = _pg_environment(connection)
        pg_restore, _tool = _pg_tool("pg_restore", connection.pg_version // 10000)
        # Our own open connection would hold locks that DROP TABLE waits for.
        connection.close()
        _run([pg_restore, "--clean", "--if-exists", "--no-owner", "--no-acl", "--single-transaction",
              "--exit-on-error", f"--dbname={env['PGDATABASE']}", str(staged.dump)], env,
             "pg_restore (one transaction: the database was left as it was; the media too)")
    else:
        connection.ensure_connection()
        source = sqlite3.connect(f"file:{staged.dump}?mode=ro", uri=True)
        try:
            # One step: SQLite commits the whole copy at once or rolls it back.
            source.backup(connection.connection)
        except sqlite3.Error as error:
            raise BackupError(f"SQLite could not restore the database ({error}); it was left as it was, "
                              "and the media too.") from None
        finally:
            source.close()
    connection.close()
    refresh_statistics(connection.alias)
    counts, _migrations = database_state(connection)
    differences = _compare(staged.manifest["tables"], counts)
    if differences:
        raise BackupError("The database was restored but does not hold what the manifest says ("
                          + "; ".join(differences[:5]) + "). The media were NOT restored.")
    if staged.media_in_archive and media_storage()[0]:
        _swap_media(staged.media, media_root)
    _invalidate_caches()


def _swap_media(staged, media_root):
    """Move the current media aside, the archive's into place, and drop the old ones. Every
    move is a rename inside MEDIA_ROOT; a failure puts the previous files back."""
    previous = Path(tempfile.mkdtemp(prefix=WORK_PREFIX + "old-", dir=media_root))
    moved_out, moved_in = [], []
    try:
        for entry in sorted(media_root.iterdir()):
            if entry.name.startswith(WORK_PREFIX):
                continue
            entry.rename(previous / entry.name)
            moved_out.append(entry.name)
        for entry in sorted(staged.iterdir()):
            entry.rename(media_root / entry.name)
            moved_in.append(entry.name)
    except OSError as error:
        with contextlib.suppress(OSError):
            for name in moved_in:
                (media_root / name).rename(staged / name)
            for name in moved_out:
                (previous / name).rename(media_root / name)
        raise BackupError(f"The database was restored, but the media could not be put in place ({error}); "
                          f"the previous media files are back in {media_root}.") from None
    shutil.rmtree(previous, ignore_errors=True)
    shutil.rmtree(staged, ignore_errors=True)


def _invalidate_caches():
    # Pages and library counts cached before the restore describe other content.
    from cities_portal.page_cache import bump_generation

    bump_generation()
