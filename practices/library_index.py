"""The library's facets and listing orders, held in each worker's memory per content generation.

Why: at 10,000 items the facet counts were one UNION of ~14 grouped queries, each a scan of
the live items (on SQLite ~110 ms of the worker's CPU for the unfiltered library, on
PostgreSQL ~40 ms of planning and execution plus the ORM's compiling), and the listing's
order was a sort of every match. Both are recomputed for every filter combination, while
the content they come from changes a few times a day.

What: every live practice and case gets a position; each facet value (a theme, a country, a
form...) is the set of positions that have it, as a Python int used as a bit set. A filter
state is then a few ANDs and ORs of those ints, and a facet count is `(state & value)
.bit_count()`: about 0.3 ms for every count of a page, for any combination of filters, with
no cache entry per combination. Each listing order (newest first, by title in each language)
is read from the database once, so that it is exactly the database's own order (its
collation, its ties), and a page of results keeps the positions that match and reads only its
own rows.

When it is rebuilt: the index belongs to one content generation (cities_portal/page_cache.py),
which any publish, unpublish, edit, move or delete of content bumps; the next request of
each worker then reads the database again (~0.1-0.3 s at 10,000 items, orders included, read
when a language first asks for them). Without a generation (the cache unreachable) or with
LIBRARY_INDEX off, LibraryQuery keeps its SQL path, which gives the same answers (tested).
A search is answered from the words of the same items, read on the first search of the
generation (practices/search_index.py); its matches are then intersected with the filters
like any facet.
"""

import threading
from itertools import compress
from operator import not_

from django.conf import settings
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils import translation

PUBLISHED = "published"  # the order of LibraryQuery.latest(), kept beside the listing's sorts

_lock = threading.Lock()
_current = None  # (generation, LibraryIndex)


def current():
    """This generation's index, built on first use; None when it cannot be trusted."""
    global _current
    if not getattr(settings, "LIBRARY_INDEX", True):
        return None
    from cities_portal.page_cache import generation

    gen = generation()
    if gen is None:
        return None
    held = _current
    if held is not None and held[0] == gen:
        return held[1]
    with _lock:
        held = _current
        if held is None or held[0] != gen:
            held = (gen, LibraryIndex.build())
            _current = held
    return held[1]


def forget():
    """Drop the index (tests: a rolled-back transaction does not bump the generation)."""
    global _current
    _current = None


def bits_of(positions, size):
    buffer = bytearray(size // 8 + 1)
    for position in positions:
        buffer[position >> 3] |= 1 << (position & 7)
    return int.from_bytes(buffer, "little")


class LibraryIndex:
    def __init__(self):
        self.keys = []  # position -> (kind, pk, slug)
        self.position = {}  # (kind, pk) -> position
        self.slugs = {}  # slug -> [(kind, pk)]
        self.kind_bits = {}  # kind -> bits
        self.bits = {}  # facet -> {pk, or ISO code for "country": bits}
        self.start_year = []
        self.end_year = []
        self._years = {}
        self._orders = {}
        self._vocabularies = {}
        self._title_words = {}
        self._order_lock = threading.Lock()
        self._search = None

    @classmethod
    def build(cls):
        from practices.library import KINDS
        from practices.models import GoodPractice

        index = cls()
        links = {}  # facet -> {value: [positions]}

        def add(facet, value, position):
            if value is not None:
                links.setdefault(facet, {}).setdefault(value, []).append(position)

        for kind, model in KINDS.items():
            columns = ["pk", "slug", "territory_id", "territory__country_code", "resource_type_id",
                       "start_year", "end_year"]
            if model is not GoodPractice:
                columns.append("collaboration_form_id")
            rows = QuerySet(model=model).filter(live=True).order_by("pk").values_list(*columns)
            positions = []
            for row in rows:
                position = len(index.keys)
                pk, slug, territory, country, resource, start, end = row[:7]
                index.keys.append((kind, pk, slug))
                index.position[(kind, pk)] = position
                index.slugs.setdefault(slug, []).append((kind, pk))
                index.start_year.append(start)
                index.end_year.append(end)
                positions.append(position)
                add("territory", territory, position)
                add("country", country, position)
                add("resource", resource, position)
                if len(row) > 7:
                    add("form", row[7], position)
            links.setdefault("kind", {})[kind] = positions
            owner = "goodpractice_id" if model is GoodPractice else "collaborationcase_id"
            relations = [("theme", model.themes.through, "theme_id"),
                         ("stakeholder", model.stakeholder_types.through, "stakeholdertype_id")]
            if model is not GoodPractice:
                relations.append(("stage", model.stages.through, "collaborationstage_id"))
            for facet, through, column in relations:
                pairs = QuerySet(model=through).filter(**{f"{owner[:-3]}__live": True}).values_list(owner, column)
                for item, value in pairs:
                    position = index.position.get((kind, item))
                    if position is not None:
                        add(facet, value, position)
        size = len(index.keys)
        for facet, values in links.items():
            index.bits[facet] = {value: bits_of(positions, size) for value, positions in values.items()}
        index.kind_bits = index.bits.pop("kind")
        return index

    # --- Answers for a LibraryQuery -----------------------------------------------------------
    def search(self):
        """The words of these items (practices/search_index.py), read on the first search."""
        if self._search is None:
            with self._order_lock:
                if self._search is None:
                    from practices.search_index import SearchIndex

                    self._search = SearchIndex.build(self)
        return self._search

    def vocabulary(self, language, load):
        vocab = self._vocabularies.get(language)
        if vocab is None:
            vocab = self._vocabularies[language] = load()
        return vocab

    def _titles(self, language):
        """position -> the item's title in `language` (French when it has none there)."""
        titles = self._orders.get(("titles", language))
        if titles is None:
            from practices.library import KINDS

            titles = [""] * len(self.keys)
            for kind, model in KINDS.items():
                rows = QuerySet(model=model).filter(live=True).values_list("pk", f"title_{language}", "title_fr")
                for pk, title, source in rows:
                    position = self.position.get((kind, pk))
                    if position is not None:
                        titles[position] = title or source or ""
            self._orders[("titles", language)] = titles
        return titles

    def title_words(self, language, positions):
        """{position: the words of its title as the search index has them (accents folded,
        Korean in two-syllable pieces)} in `language`, with at least `positions` in it: each
        is made once per language (~40 µs each) and kept."""
        words = self._title_words.setdefault(language, {})
        missing = [position for position in positions if position not in words]
        if missing:
            from practices.textsearch import index_text

            titles = self._titles(language)
            for position in missing:
                words[position] = frozenset(index_text(titles[position]).split())
        return words

    def by_relevance(self, query, scores, terms):
        """[(kind, pk, slug)] of the search's matches that pass the filters, as
        LibraryQuery._sorted_rows() orders them: a title naming every word searched first,
        then the backend's score, then the title order (the database's collation)."""
        from practices.library import lang

        language = lang()
        positions = getattr(scores, "positions", None)  # search_index.Scores: no key to look up
        if positions is None:
            found = ((self.position.get(key), score) for key, score in scores.items())
            pairs = [(position, score) for position, score in found if position is not None]
            positions, values = [p for p, _ in pairs], [score for _, score in pairs]
        else:
            values = scores.values
        bits = self._unfaceted(query)
        if bits != self._search_bits(query, scores):  # other filters than the search
            flags = format(bits, "b")[::-1]
            size = len(flags)
            kept = [position < size and flags[position] == "1" for position in positions]
            positions, values = list(compress(positions, kept)), list(compress(values, kept))
        # Three stable sorts in C, the last key first, order as sorting (names every word?,
        # -score, title rank) tuples did: building a tuple per match cost ~1 ms at 1,000.
        score_of = dict(zip(positions, values, strict=True))
        chosen = sorted(positions, key=self._rank("title", language).__getitem__)
        chosen.sort(key=score_of.__getitem__, reverse=True)  # reverse keeps equal ones in order
        named = list(map(terms.__le__, map(self.title_words(language, chosen).__getitem__, chosen)))
        chosen = list(compress(chosen, named)) + list(compress(chosen, map(not_, named)))
        return list(map(self.keys.__getitem__, chosen))

    def year_bits(self, bound, year):
        """Items still running in or after `year` ("from"), or started by `year` ("to"), as
        LibraryQuery.queryset() filters them."""
        key = (bound, year)
        bits = self._years.get(key)
        if bits is None:
            if bound == "from":
                chosen = [p for p, (start, end) in enumerate(zip(self.start_year, self.end_year, strict=True))
                          if (end is not None and end >= year) or (end is None and start is not None)]
            else:
                chosen = [p for p, start in enumerate(self.start_year) if start is not None and start <= year]
            bits = self._years[key] = bits_of(chosen, len(self.keys))
        return bits

    def mask(self, query, exclude=None):
        """The positions matching every filter of `query` except facet `exclude`."""
        bits = 0
        for kind in query.kinds(exclude=exclude):
            bits |= self.kind_bits.get(kind, 0)
        for facet, values in query.selected.items():
            if facet in (exclude, "kind"):
                continue
            table = self.bits.get(facet, {})
            chosen = 0
            for value in values:
                key = value if facet == "country" else query.vocab.terms[facet][value].pk
                chosen |= table.get(key, 0)
            bits &= chosen
        if query.year_from:
            bits &= self.year_bits("from", query.year_from)
        if query.year_to:
            bits &= self.year_bits("to", query.year_to)
        scores = query.search_scores()
        if scores is not None:
            bits &= self._search_bits(query, scores)
        return bits

    def _search_bits(self, query, scores):
        # Once per query: every facet's mask intersects the same matches.
        if getattr(query, "_index_search_bits", None) is None:
            if hasattr(scores, "bits"):  # search_index.Scores
                query._index_search_bits = scores.bits
                return scores.bits
            found = (self.position.get(key) for key in scores)
            query._index_search_bits = bits_of([p for p in found if p is not None], len(self.keys))
        return query._index_search_bits

    def facet_counts(self, query):
        """As LibraryQuery._compute_facet_counts() reads them from the database."""
        from practices.library import FACET_ORDER

        counts = {}
        state = self.mask(query, exclude="kind")
        for kind in query.kinds(exclude="kind"):
            n = (state & self.kind_bits.get(kind, 0)).bit_count()
            if n:
                counts.setdefault("kind", {})[kind] = n
        by_pk = query.vocab.by_pk
        for facet in FACET_ORDER:
            table = self.bits.get(facet)
            if facet == "kind" or not table:
                continue
            state = self.mask(query, exclude=facet) if facet in query.selected else self._unfaceted(query)
            if not state:
                continue
            found = {}
            options = by_pk.get(facet, {})
            for value, bits in table.items():
                n = (state & bits).bit_count()
                if not n:
                    continue
                if facet == "country":
                    found[value] = n
                else:
                    option = options.get(value)
                    if option is not None:
                        found[option.value] = n
            if found:
                counts[facet] = found
        return counts

    def _unfaceted(self, query):
        # A facet without a selection of its own sees the whole filter state (one mask for all).
        if getattr(query, "_index_mask", None) is None:
            query._index_mask = self.mask(query)
        return query._index_mask

    def order(self, sort, language):
        """Every position in the listing order of `sort` in `language`, as the database sorts."""
        key = (sort, language)
        positions = self._orders.get(key)
        if positions is None:
            with self._order_lock:
                positions = self._orders.get(key)
                if positions is None:
                    positions = self._orders[key] = self._read_order(sort, language)
        return positions

    def _read_order(self, sort, language):
        from practices.library import LibraryQuery

        with translation.override(language):
            # PUBLISHED is not a listing's sort but the order of the latest items (home page, feeds).
            listing = LibraryQuery(QueryDict() if sort == PUBLISHED else QueryDict(f"sort={sort}"))
            # The columns the order is made of: a UNION can only be ordered by what it selects.
            rows = listing.rows_queryset(columns=("kind", "pk", "sort_title", "sort_year", "first_published_at"),
                                         order="published" if sort == PUBLISHED else None)
            positions = [self.position.get((row["kind"], row["pk"])) for row in rows]
        positions = [p for p in positions if p is not None]
        if len(positions) < len(self.keys):
            # Published between the index and this read: listed last until the next rebuild.
            seen = set(positions)
            positions += [p for p in range(len(self.keys)) if p not in seen]
        return positions

    def _rank(self, sort, language):
        key = ("rank", sort, language)
        rank = self._orders.get(key)
        if rank is None:
            rank = [0] * len(self.keys)
            for place, position in enumerate(self.order(sort, language)):
                rank[position] = place
            self._orders[key] = rank
        return rank

    def neighbours(self, query, slug):
        """{kind: (previous slug, next slug)} of the items called `slug`, as
        LibraryQuery.neighbours() answers from the whole ordering, without building it."""
        from practices.library import lang

        positions = [self.position[key] for key in self.slugs.get(slug, ())]
        if not positions:
            return {}
        language = lang()
        order, rank = self.order(query.sort, language), self._rank(query.sort, language)
        bits = self._unfaceted(query)
        if bits.bit_count() == len(self.keys):
            def member(position):
                return True
        else:
            flags = format(bits, "b")[::-1]
            size = len(flags)

            def member(position):
                return position < size and flags[position] == "1"

        def slug_at(place, step):
            while 0 <= place < len(order):
                if member(order[place]):
                    return self.keys[order[place]][2]
                place += step
            return None

        result = {}
        for position in sorted(positions, key=rank.__getitem__):
            if member(position):
                place = rank[position]
                result[self.keys[position][0]] = (slug_at(place - 1, -1), slug_at(place + 1, 1))
        return result

    def latest(self, query, count):
        """The (kind, pk) of the `count` most recently published items matching `query`, as
        LibraryQuery.latest() orders them (newest publication, then kind, then newest id)."""
        bits = self._unfaceted(query)
        keys = self.keys
        chosen = []
        # The order does not depend on the language: one reading serves the four.
        for position in self.order(PUBLISHED, settings.LANGUAGE_CODE):
            if bits >> position & 1:
                chosen.append(keys[position][:2])
                if len(chosen) == count:
                    break
        return chosen

    def _matching_order(self, query):
        from practices.library import lang

        bits = self._unfaceted(query)
        order = self.order(query.sort, lang())
        if bits.bit_count() == len(self.keys):
            return order
        # One character per position ("1" where the item matches), read from the lowest bit.
        flags = format(bits, "b")[::-1]
        size = len(flags)
        return [p for p in order if p < size and flags[p] == "1"]

    def ordered(self, query):
        """[(kind, pk, slug)] of the items matching `query`, in its listing order."""
        keys = self.keys
        return [keys[p] for p in self._matching_order(query)]

    def ordered_keys(self, query):
        """The (kind, pk) of the items matching `query` in listing order, as a sequence that
        makes only the keys of the slice asked for (a page of results needs twenty)."""
        return KeyView(self._matching_order(query), self.keys)


class KeyView:
    def __init__(self, positions, keys):
        self.positions = positions
        self.keys = keys

    def __len__(self):
        return len(self.positions)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self.keys[p][:2] for p in self.positions[index]]
        return self.keys[self.positions[index]][:2]
