"""Compile every locale/*.po into .mo with polib, so a fresh machine needs no GNU gettext.

The .mo files are build products (ignored by git): compiling them at each build means they
can never be stale.
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


def po_files():
    roots = [Path(p) for p in settings.LOCALE_PATHS]
    apps = ("cities_portal", "services", "partners", "partners/space", "practices")
    roots += [Path(settings.BASE_DIR) / app / "locale" for app in apps]
    for root in roots:
        if root.is_dir():
            yield from sorted(root.glob("*/LC_MESSAGES/*.po"))


class Command(BaseCommand):
    help = "Compile the project's .po files into .mo files."

    def handle(self, *args, **options):
        count = 0
        for po_path in po_files():
            try:
                catalog = polib.pofile(str(po_path))
            except (OSError, ValueError) as exc:
                raise CommandError(f"{po_path}: {exc}") from exc
            mo_path = po_path.with_suffix(".mo")
            if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                continue
            catalog.save_as_mofile(str(mo_path))
            count += 1
        self.stdout.write(f"{count} catalogue(s) compiled.")
