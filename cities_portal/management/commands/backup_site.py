"""`manage.py backup_site` (`make backup`): one archive of the database and the media.

See cities_portal/backup.py for what the archive holds and how it stays consistent.
"""

from django.core.management.base import BaseCommand, CommandError

from cities_portal.backup import BackupError, create_backup, default_directory


class Command(BaseCommand):
    help = "Back up the database (pg_dump, or SQLite's online backup) and MEDIA_ROOT into one archive."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir", default=None,
            help=f"Directory of the archive (default: {default_directory()}, ignored by git).",
        )

    def handle(self, *args, **options):
        try:
            result = create_backup(options["output_dir"])
        except BackupError as error:
            raise CommandError(str(error)) from None
        manifest = result.manifest
        self.stdout.write(
            f"{manifest['server']}: {len(manifest['tables'])} tables, {result.rows} rows, "
            f"{len(manifest['migrations'])} migrations applied; {result.media_files} media files."
        )
        if not result.media_in_archive:
            self.stdout.write(self.style.WARNING(
                f"The media are kept by {manifest['media']['storage']}, not in MEDIA_ROOT: they are NOT in "
                "this archive. Back the bucket up with its own means (versioning, replication)."
            ))
        size = result.path.stat().st_size
        self.stdout.write(self.style.SUCCESS(f"Backup written: {result.path} ({size / 1024 / 1024:.1f} MiB)"))
