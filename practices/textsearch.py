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


HANGUL_RE = re.compile("[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")  # syllables and jamo


def has_hangul(word):
    return HANGUL_RE.search(word) is not None


def fold(text):
    """Lower-case `text` and remove accents, keeping Hangul syllables whole."""
    if text.isascii():  # nothing to decompose: the same answer without a loop over characters
        return text.casefold()
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


# A tag of a rich-text value; NUL never appears in one, so that search_index.py can strip the
# tags of many values joined by it at once.
TAG_RE = re.compile(r"<[^>\x00]+>")


def strip_tags(html):
    """Plain text of a rich-text value, for the index."""
    return TAG_RE.sub(" ", html or "")
