"""Building blocks of the demo-content command.

Each app keeps its demo texts as TOML files in `<app>/demo_content/` (in four languages,
French first) and exposes a `demo.load(loader)` function. The loader below creates each
item once, under a stable key, and never touches it again: re-running the command keeps
every edit made in between.
"""

import json
import tomllib
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.utils import translation

from cities_portal.i18n import LANGUAGE_CODES, SOURCE_LANGUAGE
from cities_portal.models import DemoContentRecord


def read_toml(path):
    with Path(path).open("rb") as handle:
        return tomllib.load(handle)


def translations(data, field, *, target=None, convert=None):
    """{"title_fr": ..., "title_en": ...} from a TOML table {"fr": ..., "en": ...}.

    Raises when the French source is missing, since French is the fallback of every field.
    """
    target = target or field
    values = data[field]
    if SOURCE_LANGUAGE not in values:
        raise ValueError(f"{field!r} has no French text: {values!r}")
    result = {}
    for code in LANGUAGE_CODES:
        value = values.get(code, "")
        result[f"{target}_{code}"] = convert(value) if convert and value else value
    return result


def stream(blocks):
    """StreamField raw data (JSON) from a list of {"type": ..., "value": ...} tables."""
    return json.dumps([{"type": b["type"], "value": b["value"]} for b in blocks])


def stream_translations(data, field, *, target=None):
    return translations(data, field, target=target, convert=stream)


class DemoLoader:
    """Creates demo objects once each, keyed by a stable name, and reports what it did."""

    def __init__(self, stdout=None):
        self.stdout = stdout
        self.created = 0
        self.kept = 0

    def log(self, message):
        if self.stdout is not None:
            self.stdout.write(message)

    def existing(self, key):
        record = DemoContentRecord.objects.filter(key=key).select_related("content_type").first()
        if record is None:
            return None, False
        model = record.content_type.model_class()
        obj = model._default_manager.filter(pk=record.object_id).first()
        if hasattr(obj, "specific"):
            obj = obj.specific
        return obj, True

    def once(self, key, create):
        """Return the object recorded under `key`, or call `create()` and record it.

        Returns (obj, created). obj is None when an editor deleted the item: the deletion is
        an edit too, and the command respects it.
        """
        obj, known = self.existing(key)
        if known:
            self.kept += 1
            return obj, False
        with translation.override(SOURCE_LANGUAGE):
            obj = create()
        DemoContentRecord.objects.create(
            key=key,
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=True),
            object_id=str(obj.pk),
        )
        self.created += 1
        return obj, True

    def add_page(self, key, parent, page):
        """Add `page` under `parent` (once), published, and return it."""

        def create():
            parent.add_child(instance=page)
            page.save_revision().publish()
            return page

        obj, _created = self.once(key, create)
        return obj
