"""Every interface string is translated into English, Spanish and Korean."""

from pathlib import Path

import polib
import pytest
from django.conf import settings

from cities_portal.management.commands.compile_translations import po_files

BASE = Path(settings.BASE_DIR)
CATALOGUES = sorted(po_files())


def test_every_language_has_a_catalogue_for_the_core():
    # msgids are English; French, the source language of the content, has its catalogue too.
    for code in ("fr", "en", "es", "ko"):
        assert (BASE / "locale" / code / "LC_MESSAGES" / "django.po").is_file()


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: str(p.relative_to(BASE)))
def test_catalogue_is_complete(po_path):
    catalog = polib.pofile(str(po_path))
    untranslated = [e.msgid for e in catalog.untranslated_entries()]
    fuzzy = [e.msgid for e in catalog.fuzzy_entries()]
    assert not untranslated, f"untranslated in {po_path}: {untranslated[:10]}"
    assert not fuzzy, f"fuzzy in {po_path}: {fuzzy[:10]}"


@pytest.mark.parametrize("po_path", [p for p in CATALOGUES if "/es/" in str(p) or "/ko/" in str(p)],
                         ids=lambda p: str(p.relative_to(BASE)))
def test_spanish_and_korean_are_not_copies_of_english(po_path):
    catalog = polib.pofile(str(po_path))
    entries = [e for e in catalog.translated_entries() if len(e.msgid) > 12]
    copies = [e.msgid for e in entries if e.msgstr == e.msgid]
    assert len(copies) <= max(2, len(entries) // 20), f"copied from English: {copies[:10]}"


@pytest.mark.parametrize("po_path", [p for p in CATALOGUES if "/ko/" in str(p)],
                         ids=lambda p: str(p.relative_to(BASE)))
def test_korean_catalogues_are_written_in_hangul(po_path):
    catalog = polib.pofile(str(po_path))
    with_letters = [e for e in catalog.translated_entries() if any(c.isalpha() for c in e.msgid)]
    hangul = [e for e in with_letters if any("\uac00" <= c <= "\ud7a3" for c in e.msgstr or
                                             "".join(e.msgstr_plural.values()))]
    assert len(hangul) >= 0.9 * len(with_letters)


def test_no_catalogue_entry_is_obsolete_or_missing_from_the_code():
    """makemessages keeps the catalogues in step with the code: nothing is left only in `#~`."""
    for po_path in CATALOGUES:
        catalog = polib.pofile(str(po_path))
        assert not catalog.obsolete_entries(), f"obsolete entries in {po_path}"
