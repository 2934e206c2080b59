"""`manage.py restore_site ARCHIVE` (`make restore BACKUP=…`): put a backup back in place.

Everything is checked before anything changes (see cities_portal/backup.py); then the
database is replaced in one step and the media directory swapped. Stop the site first.
"""

import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from cities_portal.backup import VENDOR_NAMES, BackupError, media_storage, open_backup, restore_backup


class Command(BaseCommand):
    help = "Restore the database and MEDIA_ROOT from an archive made by backup_site (replaces both)."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="Path of the .tar.gz archive made by backup_site.")
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive",
                            help="Do not ask for confirmation.")

    def handle(self, *args, **options):
        connection = connections[DEFAULT_DB_ALIAS]
        try:
            staged = open_backup(options["archive"])
        except BackupError as error:
            raise CommandError(str(error)) from None
        try:
            manifest = staged.manifest
            target = f"{VENDOR_NAMES[connection.vendor]} database {connection.settings_dict['NAME']}"
            self.stdout.write(
                f"Backup of {manifest['created']} ({manifest['server']}, {manifest['database']}): "
                f"{len(manifest['tables'])} tables, {staged.rows} rows, {staged.media_files} media files. "
                "Archive checked: intact."
            )
            if options["interactive"]:
                self._confirm(f"This replaces the {target} and the media files in {settings.MEDIA_ROOT}.")
            try:
                restore_backup(staged)
            except BackupError as error:
                raise CommandError(str(error)) from None
        finally:
            staged.cleanup()
        local_media, storage = media_storage()
        media = f" and {settings.MEDIA_ROOT}" if staged.media_in_archive and local_media else ""
        self.stdout.write(self.style.SUCCESS(f"Restored {options['archive']} into the {target}{media}."))
        if not staged.media_in_archive:
            self.stdout.write(self.style.WARNING(
                f"The archive holds no media (they were kept by {manifest['media']['storage']}): "
                f"{settings.MEDIA_ROOT} was left as it was."
            ))
        elif not local_media:
            self.stdout.write(self.style.WARNING(
                f"This site keeps its media in {storage}: the archive's media files were NOT copied there; "
                "upload its media/ folder to the bucket."
            ))
        if staged.pending_migrations:
            self.stdout.write(self.style.WARNING(
                f"The backup predates {len(staged.pending_migrations)} migration(s) of this code: "
                "run `manage.py migrate --noinput` now."
            ))

    def _confirm(self, question):
        if not sys.stdin.isatty():
            raise CommandError(f"{question} Confirm by running it in a terminal, or pass --noinput.")
        answer = input(f"{question}\nType 'yes' to go on: ")
        if answer.strip().lower() != "yes":
            raise CommandError("Restore cancelled; nothing was changed.")
