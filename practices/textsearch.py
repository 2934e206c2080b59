"""Text normalisation shared by the search index and the search box.

Wagtail's database search backend indexes every language of an object in one entry, splits
Korean on spaces only, and treats accents differently on SQLite and PostgreSQL. Rather than
rely on any of that, the library indexes a text of its own, built here, and normalises the
visitor's query the same way:

- accents are folded ("Mondragón" -> "mondragon"), so they are optional on every backend;
- Hangul words are indexed as themselves and as overlapping two-syllable pieces
  ("협동조합은" -> "협동조합은 협동 동조 조합 합은"), and a Korean query is searched as its
  pieces, so "협동조합" finds a text that says "협동조합은" whatever particle follows;
- empty translations are skipped, so no "None" ever reaches the index.

Nothing here depends on the search backend: the same text works with Elasticsearch or
OpenSearch.
"""

import re
import unicodedata

# Words are runs of letters and digits; everything else separates them.
WORD_RE = re.compile(r"\w+", re.UNICODE)
MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 12


def _is_hangul(char):
    code = ord(char)
    return 0xAC00 <= code <= 0xD7A3 or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F


def has_hangul(word):
    return any(_is_hangul(char) for char in word)


def fold(text):
    """Lower-case `text` and remove accents, keeping Hangul syllables whole."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(char for char in decomposed if unicodedata.category(char) != "Mn")
    return unicodedata.normalize("NFC", stripped).casefold()


def hangul_bigrams(word):
    if len(word) < 2:
        return [word]
    return [word[index:index + 2] for index in range(len(word) - 1)]


def words(text):
    return WORD_RE.findall(fold(text or "").replace("_", " "))


def index_text(*values):
    """The text to index for `values` (strings; None and blanks are skipped)."""
    tokens = []
    for value in values:
        if value is None:
            continue
        value = str(value)
        if not value.strip():
            continue
        for word in words(value):
            tokens.append(word)
            if has_hangul(word) and len(word) > 2:
                tokens.extend(hangul_bigrams(word))
    return " ".join(tokens)


def query_terms(query):
    """The terms to look for, from a visitor's query (may be empty)."""
    query = (query or "").replace("\x00", " ")[:MAX_QUERY_LENGTH]
    terms = []
    for word in words(query):
        pieces = hangul_bigrams(word) if has_hangul(word) else [word]
        for piece in pieces:
            if piece not in terms:
                terms.append(piece)
    return terms[:MAX_QUERY_WORDS]


def normalise_query(query):
    return " ".join(query_terms(query))


def strip_tags(html):
    """Plain text of a rich-text value, for the index."""
    return re.sub(r"<[^>]+>", " ", html or "")
