"""Media storage that leaves no partial file behind when a write fails (e.g. disk full).

Kept apart from cities_portal/uploads.py because Django loads storage classes while the
models are still being imported, before Wagtail's forms can be.
"""

import logging
import os

from django.core.files.storage import FileSystemStorage

logger = logging.getLogger("cities_portal.uploads")


class SafeFileSystemStorage(FileSystemStorage):
    """FileSystemStorage that deletes a partly written file when the write fails."""

    def _save(self, name, content):
        full_path = self.path(name)
        existed = os.path.exists(full_path)
        try:
            return super()._save(name, content)
        except FileExistsError:
            raise
        except OSError:
            if not existed and os.path.exists(full_path):
                try:
                    os.remove(full_path)
                except OSError:
                    logger.exception("could not remove the partial upload %s", full_path)
            raise
