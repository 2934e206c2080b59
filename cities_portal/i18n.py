"""Language helpers shared by pages, snippets and views.

Content is translated with django-modeltranslation: each translated field `body` has
columns `body_fr`, `body_en`, `body_es`, `body_ko`, and reading `obj.body` gives the active
language with a fallback to French. These helpers answer the two questions templates ask:
"which of this object's fields are shown in French because the translation is empty?" and
"where is this same page in the other languages?".
"""

import html
import re
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.urls import Resolver404, resolve, translate_url
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.http import url_has_allowed_host_and_scheme
from modeltranslation.translator import NotRegistered, translator

SOURCE_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]

# Page fields that never hold visible text (or are derived from the title).
_TECHNICAL_FIELDS = {"slug", "url_path", "seo_title", "search_description"}


def translated_field_names(model):
    """Names of the translated fields of `model` that hold visible text."""
    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        return []
    return [name for name in options.all_fields if name not in _TECHNICAL_FIELDS]


def _is_empty(value):
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    # StreamValue and other sequences
    try:
        return len(value) == 0
    except TypeError:
        return False


def fallback_fields(obj, language=None, fields=None):
    """Fields of `obj` whose `language` translation is empty while the French one is not."""
    language = (language or translation.get_language() or SOURCE_LANGUAGE)[:2]
    if language == SOURCE_LANGUAGE:
        return set()
    names = fields if fields is not None else translated_field_names(type(obj))
    missing = set()
    for name in names:
        own = getattr(obj, f"{name}_{language}", None)
        source = getattr(obj, f"{name}_{SOURCE_LANGUAGE}", None)
        if _is_empty(own) and not _is_empty(source):
            missing.add(name)
    return missing


def missing_languages(obj, fields=None):
    """Languages in which `obj` has at least one empty translation (for editors)."""
    names = fields if fields is not None else translated_field_names(type(obj))
    result = []
    for code in LANGUAGE_CODES:
        if code == SOURCE_LANGUAGE:
            continue
        if fallback_fields(obj, code, names):
            result.append(code)
    return result


def page_url_in(page, language, request=None):
    """The URL of `page` in `language` (translated slugs and language prefix)."""
    with translation.override(language):
        return page.get_url(request=request)


def next_in(value, language, request):
    """The `next` address `value` (where a login leads) in `language`, or None.

    None when it is not an address on this site, or when it cannot be translated: only
    Django's own views under the language prefix can be (translated URL patterns, e.g. the
    partner space); a Wagtail page's translated slugs are not known from its French address.
    """
    if not value or request is None or not url_has_allowed_host_and_scheme(
            value, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return None
    path = urlsplit(value).path
    # translate_url reads the address in the active language: read it in its own.
    with translation.override(translation.get_language_from_path(path) or translation.get_language()):
        try:
            match = resolve(path)
        except Resolver404:
            return None
        if match.url_name == "wagtail_serve":
            return None
        translated = translate_url(value, language)
    return translated if translation.get_language_from_path(urlsplit(translated).path) == language else None


def with_query(url, request, language=None):
    """Keep a listing's query string (filters, search, page) when changing language.

    A `next` (the login page's) is translated to `language`, or dropped when it cannot be:
    after logging in, the visitor stays in the language they chose, and never leaves the site.
    """
    if not (url and request is not None and request.GET):
        return url
    query = []
    for key, values in request.GET.lists():
        if key == "next" and language:
            values = [v for v in (next_in(value, language, request) for value in values) if v]
        if values:
            query.append((key, values))
    return f"{url}?{urlencode(query, doseq=True)}" if query else url


def alternate_urls(request, page=None, urls=None):
    """{language: url} of the current resource in every language.

    `urls` (given by a view that knows its object, e.g. a practice detail page) wins; then a
    Wagtail page; then Django's own translate_url for plain views under i18n_patterns.
    """
    if urls:
        return dict(urls)
    if page is not None and getattr(page, "pk", None):
        return {code: page_url_in(page, code, request) for code in LANGUAGE_CODES}
    if request is None:
        return {}
    return {code: translate_url(request.path, code) for code in LANGUAGE_CODES}


# --- Empty rich text ---------------------------------------------------------------------
# The admin's rich text editor saves an untouched field as `<p data-block-key="..."></p>`,
# not as "". modeltranslation would take that for a translation and show visitors an empty
# paragraph instead of the French text (and no notice). Such values are stored as "".
_MEDIA_TAGS = re.compile(r"<(img|embed|iframe|video|audio|object)\b", re.IGNORECASE)


def is_blank_html(value):
    if not isinstance(value, str) or not value:
        return False
    if _MEDIA_TAGS.search(value):
        return False
    return not html.unescape(strip_tags(value)).replace("\xa0", " ").strip()


def _rich_text_columns(model):
    from wagtail.fields import RichTextField

    columns = []
    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        return columns
    for name, translations in options.all_fields.items():
        if isinstance(model._meta.get_field(name), RichTextField):
            columns += [name] + [field.name for field in translations]
    return columns


def blank_empty_rich_text(sender, instance, **kwargs):
    for column in _rich_text_columns(sender):
        if is_blank_html(getattr(instance, column, None)):
            setattr(instance, column, "")


def connect_signals():
    from django.db.models.signals import pre_save

    pre_save.connect(blank_empty_rich_text, dispatch_uid="cities-blank-empty-rich-text")
