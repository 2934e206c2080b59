"""The library's search, held in each worker's memory beside its index (library_index.py).

Why: the search backend ranked every match of a query in the database for every search.
At 10,000 items a broad query ("économie solidaire", ~6,100 matches) spent ~110 ms in
PostgreSQL's ts_rank, and SQLite's FTS5 bm25 ~50 ms of the worker's own CPU, while the
content they rank changes a few times a day.

What: the words of every live item, exactly as the search backend indexes them (the items'
search_title() and search_body(), textsearch.index_text: accents folded, Korean also in
two-syllable pieces). Each word gets a number, and each item keeps the sorted numbers of its
words with how often each counts (a title word TITLE_WEIGHT times, the backend's boost). A
word's list of items is made from those on the first search of the word (~5 ms at 10,000
items) and kept; a search is then the intersection of its words' lists and a BM25 score per
match: ~5 ms for the broadest query above, on either database, with the same matches and
order on both. Making every word's list up front would cost each worker ~1 s after every
publish (1.3 million pairs at 10,000 items, one by one in Python); the numbers per item are
counted in C.

Matching is the backend's operator="and" on SQLite: an item matches when it has every word
of the query, title or body. (PostgreSQL's backend also applied the database's default text
search configuration, English stemming, to French, Spanish and Korean text; the library no
longer depends on it.)

When it is built: on the first search of a content generation in each worker (pages without
a search never pay for it). Without a generation, LibraryQuery asks the search backend,
which gives the same matches. A site that moved its search to OpenSearch or Elasticsearch
(README, "Search") keeps asking it: it was chosen for what this does not do (fuzzy matching,
a library too large for each worker's memory).
"""

import bisect
import math
from array import array
from collections import Counter
from itertools import chain, compress, islice, repeat
from operator import add, mul

from django.conf import settings
from django.db.models import QuerySet

from cities_portal.i18n import LANGUAGE_CODES, translated_field_names
from practices.textsearch import TAG_RE, index_text

TITLE_WEIGHT = 3  # the boost of search_title in LibraryItem.search_fields
K1 = 1.2  # BM25's usual constants (SQLite's FTS5 uses the same)
B = 0.75
DENSE = 4  # a word in more than 1/DENSE of the items keeps its parts by position
SEPARATOR = " \x00 "  # between two values: no word, and TAG_RE stops at it


def answers_searches():
    """Whether the library's searches are answered here: with Wagtail's database backend only."""
    backend = settings.WAGTAILSEARCH_BACKENDS.get("default", {}).get("BACKEND", "")
    return backend in ("wagtail.search.backends.database", "modelsearch.backends.database")


class _Words:
    """The word numbers of index_text() of many values, remembered per whitespace-separated chunk.

    Folding (textsearch.fold) walks every character in Python; the library's texts repeat the
    same words, so each distinct chunk is folded once. Whitespace separates words before and
    after folding, so this gives the very words index_text() gives for the whole value."""

    def __init__(self):
        self.chunks = {}
        self.numbers = {}  # word -> its number

    def of(self, values):
        # One string per call: a Python loop over an item's ~40 values cost more than the rest.
        return self.of_text(" ".join(map(str, filter(None, values))))

    def of_rich_text(self, values):
        """As of(), each value's tags taken out first (textsearch.strip_tags): one regular
        expression over all of them, whose tags cannot reach across the separator."""
        return self.of_text(TAG_RE.sub(" ", SEPARATOR.join(map(str, filter(None, values)))))

    def of_text(self, text):
        parts = text.split()
        chunks = self.chunks
        numbers = self.numbers
        for chunk in set(parts).difference(chunks):  # in C: most chunks were seen before
            chunks[chunk] = tuple(numbers.setdefault(word, len(numbers)) for word in index_text(chunk).split())
        return list(chain.from_iterable(map(chunks.__getitem__, parts)))


def _names(model, fields, words):
    """{pk: word numbers} of a taxonomy term or a partner, read once for all the items."""
    return {pk: tuple(words.of(values)) for pk, *values in QuerySet(model=model).values_list("pk", *fields)}


def _localised(names):
    return [f"{name}_{code}" for name in names for code in LANGUAGE_CODES]


class Scores(dict):
    """{(kind, pk): score} of a search's matches, with `positions` (ascending), their `values`
    and `bits`: the same matches by their place in the library index."""

    def __init__(self, pairs=(), positions=(), values=()):
        super().__init__(zip(map(pairs.__getitem__, positions), values, strict=True))
        self.positions = positions
        self.values = values
        self._bits = None

    @property
    def bits(self):
        if self._bits is None:
            from practices.library_index import bits_of

            self._bits = bits_of(self.positions, self.positions[-1] + 1 if self.positions else 0)
        return self._bits


class SearchIndex:
    def __init__(self, keys):
        self.keys = keys  # the library index's: position -> (kind, pk, slug)
        self.pairs = [key[:2] for key in keys]  # position -> (kind, pk)
        self.numbers = {}  # word -> number
        self.words = [None] * len(keys)  # position -> array of its word numbers, ascending
        self.counts = [None] * len(keys)  # position -> array of how often each counts
        self.norm = array("d", bytes(8 * len(keys)))  # position -> BM25's length normalisation
        self.count = 0
        self._lists = {}  # word number -> items_with()
        # kind -> (first, last + 1) position: the library index numbers each kind's items in
        # one run (LibraryIndex.build).
        self.kinds = {}
        for position, (kind, _pk, _slug) in enumerate(keys):
            first, _last = self.kinds.get(kind, (position, position))
            self.kinds[kind] = (first, position + 1)

    @classmethod
    def build(cls, library_index):
        from partners.models import Partner
        from practices.library import KINDS
        from practices.models import (
            CollaborationForm,
            CollaborationStage,
            GoodPractice,
            StakeholderType,
            Territory,
            Theme,
        )

        index = cls(library_index.keys)
        words = _Words()
        terms = {model: _names(model, _localised(model.searchable_names), words)
                 for model in (Theme, StakeholderType, Territory, CollaborationStage, CollaborationForm)}
        partners = _names(Partner, _localised(["name"]) + ["acronym"], words)
        lengths = array("d", bytes(8 * len(index.keys)))
        for kind, model in KINDS.items():
            owner = "goodpractice_id" if model is GoodPractice else "collaborationcase_id"
            related = {}  # pk -> [word numbers of its terms and partners]
            relations = [(model.themes.through, "theme_id", terms[Theme]),
                         (model.stakeholder_types.through, "stakeholdertype_id", terms[StakeholderType]),
                         (model.partners.through, "partner_id", partners)]
            if model is not GoodPractice:
                relations.append((model.stages.through, "collaborationstage_id", terms[CollaborationStage]))
            for through, column, names in relations:
                pairs = QuerySet(model=through).filter(**{f"{owner[:-3]}__live": True}).values_list(owner, column)
                for item, value in pairs:
                    related.setdefault(item, []).append(names.get(value, ()))
            texts = _localised(name for name in translated_field_names(model) if name != "title")
            columns = ["pk", "territory_id"] + (["collaboration_form_id"] if model is not GoodPractice else [])
            rows = QuerySet(model=model).filter(live=True).values_list(*columns, *_localised(["title"]), *texts)
            start, size = len(columns), len(LANGUAGE_CODES)
            for row in rows:
                position = library_index.position.get((kind, row[0]))
                if position is None:  # published after the library index was read
                    continue
                links = related.get(row[0], [])
                links.append(terms[Territory].get(row[1], ()))
                if model is not GoodPractice:
                    links.append(terms[CollaborationForm].get(row[2], ()))
                # One count in C of every number: the body's, the title's TITLE_WEIGHT times,
                # the terms' and partners'.
                counted = Counter(chain(words.of_rich_text(row[start + size:]),
                                        words.of(row[start:start + size]) * TITLE_WEIGHT, *links))
                numbers = sorted(counted)
                index.words[position] = array("I", numbers)
                index.counts[position] = array("I", map(counted.__getitem__, numbers))
                lengths[position] = sum(index.counts[position])
                index.count += 1
        average = (sum(lengths) / index.count) if index.count else 1.0
        index.norm = array("d", (K1 * (1 - B + B * length / average) for length in lengths))
        index.numbers = words.numbers
        return index

    def weight(self, word, position):
        """How often `word` counts for the item at `position` (title words TITLE_WEIGHT times)."""
        number = self.numbers.get(word)
        held = self.words[position]
        if number is None or held is None:
            return 0
        place = bisect.bisect_left(held, number)
        return self.counts[position][place] if place < len(held) and held[place] == number else 0

    def items_with(self, number):
        """(positions, parts, parts by position or None) of the items that have word `number`,
        made on the first search of the word, then kept. An item's part is the word's BM25
        term, idf × count / (count + norm): a score is the sum of its words' parts. The parts
        by position (0 where the item lacks the word) are kept only for words most items have:
        they answer "has it?" and "what part?" with one lookup, in less memory than the
        positions for such words (4 bytes an item, at most ~1/DENSE of the index's words)."""
        found = self._lists.get(number)
        if found is None:
            positions, parts = array("i"), array("f")
            norm, counts = self.norm, self.counts
            for position, held in enumerate(self.words):
                if held is None:
                    continue
                place = bisect.bisect_left(held, number)
                if place < len(held) and held[place] == number:
                    count = counts[position][place]
                    positions.append(position)
                    parts.append(count / (count + norm[position]))
            n = len(positions)
            idf = math.log(1 + (self.count - n + 0.5) / (n + 0.5))
            parts = array("f", map(mul, repeat(idf), parts))
            dense = None
            if n * DENSE > len(self.words):
                dense = array("f", bytes(4 * len(self.words)))
                for position, part in zip(positions, parts, strict=True):
                    dense[position] = part
            found = self._lists[number] = (positions, parts, dense)
        return found

    def scores(self, words, limit):
        """{(kind, pk): score} of the items that have every word, higher is better: at most
        `limit` of each kind, the best ones (as the backend's queries were limited). Also
        holds the chosen positions, ascending, their scores and their bit set (Scores), which
        the library index uses instead of looking each key up again."""
        numbers = [self.numbers.get(word) for word in dict.fromkeys(words)]
        if not numbers or None in numbers:
            return Scores()
        lists = sorted((self.items_with(number) for number in numbers), key=lambda found: len(found[0]))
        # Everything below runs in C over the ~8,000 matches of a broad query: a Python loop
        # per match and word, or a dict per word to look its parts up, cost several ms.
        ordered = lists[0][0]
        for positions, _parts, dense in lists[1:]:
            if dense is not None:  # a part is never 0 where the item has the word
                ordered = list(compress(ordered, map(dense.__getitem__, ordered)))
            else:
                ordered = list(filter(set(positions).__contains__, ordered))
            if not ordered:
                return Scores()
        matched = None
        columns = []
        for positions, parts, dense in lists:
            if dense is not None:
                columns.append(map(dense.__getitem__, ordered))
            elif positions is ordered:
                columns.append(parts)
            else:
                # A list is ascending, so the parts of its matches come in the order of `ordered`.
                matched = matched if matched is not None else set(ordered)
                columns.append(compress(parts, map(matched.__contains__, positions)))
        total = list(columns[0]) if len(columns) == 1 else list(map(add, columns[0], columns[1]))
        for column in columns[2:]:
            total = list(map(add, total, column))
        chosen, kept = [], []
        for first, last in self.kinds.values():
            low, high = bisect.bisect_left(ordered, first), bisect.bisect_left(ordered, last)
            places = range(low, high)
            if len(places) > limit:
                # The `limit` best, as a stable sort by score keeps them: every score above the
                # limit-th best, then those equal to it, lower position (older item) first.
                mine = total[low:high]
                bar = sorted(mine, reverse=True)[limit - 1]
                above = list(compress(places, map(bar.__lt__, mine)))
                level = islice(compress(places, map(bar.__eq__, mine)), limit - len(above))
                places = sorted(chain(above, level))
            chosen.extend(map(ordered.__getitem__, places))
            kept.extend(map(total.__getitem__, places))
        return Scores(self.pairs, chosen, kept)
