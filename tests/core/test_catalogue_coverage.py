"""Every interface string the code uses is translated in the catalogues Django reads.

tests/core/test_translations.py checks the catalogues themselves (nothing empty or fuzzy).
This test checks the other direction: a string added to the code or a template but never
extracted (makemessages not re-run) would be shown in English to every visitor, and nothing
else would notice. It reads the sources and the .po files in pure Python, with no GNU gettext.

Django merges the catalogues of LOCALE_PATHS (the root `locale/`) and of every installed
app, so a msgid counts as translated when one of the project's catalogues has it, translated
and not fuzzy. When one is missing, the message names the catalogue to refresh: the one of
the app (or sub-app) the file belongs to, or the root `locale/` for `cities_portal/` and
`templates/`.
"""

import ast
import re
from collections import defaultdict
from pathlib import Path

import polib
import pytest
from django.apps import apps
from django.conf import settings
from django.utils.translation.template import templatize

from cities_portal.i18n import LANGUAGE_CODES

BASE = Path(settings.BASE_DIR).resolve()
EXCLUDED_DIRS = {".venv", "venv", "node_modules", "migrations", "tests", "__pycache__", "static", "locale"}
TEMPLATE_SUFFIXES = {".html", ".txt", ".xml"}

# Function name -> positions of (context, singular, plural) among the call's arguments.
PYTHON_KEYWORDS = {
    "_": (None, 0, None),
    "gettext": (None, 0, None),
    "gettext_lazy": (None, 0, None),
    "gettext_noop": (None, 0, None),
    "ugettext": (None, 0, None),
    "ugettext_lazy": (None, 0, None),
    "pgettext": (0, 1, None),
    "pgettext_lazy": (0, 1, None),
    "ngettext": (None, 0, 1),
    "ngettext_lazy": (None, 0, 1),
    "npgettext": (0, 1, 2),
    "npgettext_lazy": (0, 1, 2),
}
# templatize() turns template tags into these calls, with Python string literals.
TEMPLATE_KEYWORDS = {
    "gettext": (None, 0, None),
    "pgettext": (0, 1, None),
    "ngettext": (None, 0, 1),
    "npgettext": (0, 1, 2),
}
_LITERAL = r"""u?(?:'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")"""
TEMPLATE_CALL = re.compile(
    rf"\b(npgettext|pgettext|ngettext|gettext)\(\s*({_LITERAL})(?:\s*,\s*({_LITERAL}))?(?:\s*,\s*({_LITERAL}))?"
)


class Message:
    """One translatable string: (context, msgid, plural), and where the code uses it."""

    def __init__(self, context, msgid, plural, path, line):
        self.key = (context or None, msgid)
        self.plural = plural
        self.path = path
        self.line = line

    def __repr__(self):
        context, msgid = self.key
        return f"{msgid!r}" + (f" (context {context!r})" if context else "")


def _pick(args, positions):
    context_at, singular_at, plural_at = positions
    if len(args) <= singular_at:
        return None
    values = []
    for position in (context_at, singular_at, plural_at):
        if position is None:
            values.append(None)
        elif position < len(args):
            values.append(args[position])
        else:
            return None
    if any(value is not None and not isinstance(value, str) for value in values):
        return None  # a variable, not a literal: nothing to extract
    return values


def python_messages(path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
        if name not in PYTHON_KEYWORDS:
            continue
        args = [arg.value if isinstance(arg, ast.Constant) else object() for arg in node.args]
        picked = _pick(args, PYTHON_KEYWORDS[name])
        if picked and picked[1]:
            yield Message(*picked, path, node.lineno)


def template_messages(path):
    code = templatize(path.read_text(encoding="utf-8"), origin=str(path))
    for number, text in enumerate(code.splitlines(), start=1):
        for match in TEMPLATE_CALL.finditer(text):
            args = [ast.literal_eval(group) for group in match.groups()[1:] if group is not None]
            picked = _pick(args, TEMPLATE_KEYWORDS[match.group(1)])
            if picked and picked[1]:
                yield Message(*picked, path, number)


def source_files(roots):
    seen = set()
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path in seen or not path.is_file():
                continue
            if EXCLUDED_DIRS & set(path.relative_to(root).parts[:-1]):
                continue
            if path.suffix == ".py" or (path.suffix in TEMPLATE_SUFFIXES and "templates" in path.parts):
                seen.add(path)
                yield path


def collect_messages(roots):
    messages = []
    for path in source_files(roots):
        extract = python_messages if path.suffix == ".py" else template_messages
        messages.extend(extract(path))
    return messages


def owning_locale(path, base):
    """The locale/ folder makemessages fills for `path`: its (sub-)app's, else the root one."""
    for folder in path.parents:
        if folder == base or base not in folder.parents:
            break
        if (folder / "locale").is_dir():
            return folder / "locale"
    return base / "locale"


def translated_keys(locale_dirs, language):
    """(context, msgid) of every translated, non-fuzzy entry in these catalogues."""
    keys = set()
    for locale_dir in locale_dirs:
        po_path = locale_dir / language / "LC_MESSAGES" / "django.po"
        if not po_path.is_file():
            continue
        for entry in polib.pofile(str(po_path)).translated_entries():
            keys.add((entry.msgctxt or None, entry.msgid))
    return keys


def missing_translations(messages, locale_dirs, language, base):
    """{catalogue to fix: sorted msgids} of the messages no catalogue translates."""
    known = translated_keys(locale_dirs, language)
    missing = defaultdict(set)
    for message in messages:
        if message.key not in known:
            catalogue = owning_locale(message.path, base) / language / "LC_MESSAGES" / "django.po"
            missing[str(catalogue.relative_to(base))].add(repr(message))
    return {catalogue: sorted(msgids) for catalogue, msgids in missing.items()}


def project_roots():
    """The project's own apps (sub-apps included) and the root templates folder."""
    roots = {BASE / "templates"}
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if BASE in path.parents and ".venv" not in path.parts:
            roots.add(path)
    # A sub-app is walked with its parent app already.
    return sorted(root for root in roots if root.is_dir() and not any(other in root.parents for other in roots))


def project_locales():
    """The root locale/ and every app's locale/ folder (path/<language>/LC_MESSAGES/django.po)."""
    found = {path.parents[2] for path in BASE.glob("**/locale/*/LC_MESSAGES/django.po")
             if not {".venv", "node_modules"} & set(path.parts)}
    return sorted(found | {BASE / "locale"})


def _format(missing):
    lines = []
    for catalogue, msgids in sorted(missing.items()):
        lines.append(f"{catalogue} (run makemessages for that app and translate): {len(msgids)} missing")
        lines.extend(f"    {msgid}" for msgid in msgids)
    return "\n".join(lines)


def test_the_extraction_covers_every_app_and_the_templates():
    roots = project_roots()
    for name in ("cities_portal", "services", "practices", "partners", "templates"):
        assert BASE / name in roots, name
    messages = collect_messages(roots)
    found = {message.key[1] for message in messages}
    # One string from Python, one from a {% translate %} and one from a {% blocktranslate count %}.
    assert "Good practices" in found
    assert "Library feed (RSS)" in found
    assert "%(counter)s item found" in found


@pytest.mark.parametrize("language", LANGUAGE_CODES)
def test_every_string_of_the_code_is_translated(language):
    messages = collect_messages(project_roots())
    assert len(messages) > 100
    missing = missing_translations(messages, project_locales(), language, BASE)
    assert not missing, f"untranslated in {language}:\n{_format(missing)}"


def test_a_string_left_untranslated_is_reported_with_its_catalogue(tmp_path):
    """The check itself: a small app with one string translated and two forgotten."""
    app = tmp_path / "demoapp"
    (app / "templates" / "demoapp").mkdir(parents=True)
    (app / "models.py").write_text(
        "from django.utils.translation import gettext_lazy as _, pgettext_lazy\n"
        "LABEL = _('Translated label')\n"
        "OTHER = _('Forgotten label')\n"
        "MONTH = pgettext_lazy('month name', 'May')\n",
        encoding="utf-8",
    )
    (app / "templates" / "demoapp" / "page.html").write_text(
        "{% load i18n %}<p>{% translate 'Translated label' %}</p>"
        "{% blocktranslate trimmed count counter=n %}\n  one thing\n{% plural %}\n  {{ counter }} things\n"
        "{% endblocktranslate %}",
        encoding="utf-8",
    )
    po_dir = app / "locale" / "ko" / "LC_MESSAGES"
    po_dir.mkdir(parents=True)
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Plural-Forms": "nplurals=1; plural=0;"}
    po.append(polib.POEntry(msgid="Translated label", msgstr="번역된 이름"))
    po.append(polib.POEntry(msgid="Forgotten label", msgstr=""))
    po.append(polib.POEntry(msgid="one thing", msgid_plural="%(counter)s things", msgstr_plural={0: "%(counter)s개"}))
    po.append(polib.POEntry(msgid="May", msgctxt="month name", msgstr="5월", flags=["fuzzy"]))
    po.save(str(po_dir / "django.po"))

    messages = collect_messages([app])
    assert {m.key for m in messages} == {(None, "Translated label"), (None, "Forgotten label"),
                                         ("month name", "May"), (None, "one thing")}
    missing = missing_translations(messages, [app / "locale"], "ko", tmp_path)
    assert missing == {"demoapp/locale/ko/LC_MESSAGES/django.po": ["'Forgotten label'",
                                                                    "'May' (context 'month name')"]}
    assert "Forgotten label" in _format(missing)
