"""The library's query: filters from the URL, facet counts, search, sorting, pages.

Practices and cases are two models; the library lists them together. Everything a listing
needs is read in a fixed number of queries whatever the number of items:

1. the vocabularies (themes, stakeholder types, forms, stages, resource types) and the
   territories in one UNION query, only when a filter or a listing needs them;
2. with a search, its matches: from the words the in-memory index keeps (search_index.py), or
   without it the search backend's queries for each kind (at most MAX_SEARCH_RESULTS each);
3. every facet's counts in a single UNION ALL query;
4. the current page's rows in a single UNION query (the total comes from the facet counts).

Facets are "disjunctive": the counts of a facet ignore that facet's own selection, so
ticking a second theme shows how many more items it brings.

At 10,000 items the facet counts and the full ordering are the costly part (hundreds of ms
of database work), and they are shared by many addresses: every page and sort of one
filter state, every item page reached from it. With QUERY_CACHE_SECONDS > 0 they (and the
vocabulary, and the latest items) are kept in the cache under the page cache's content
generation (cities_portal/page_cache.py): any publish, unpublish, edit, move or delete of
content (a practice, a case, a taxonomy term) bumps it, so they are recomputed at once,
never stale. Keys carry the language wherever the value depends on it (labels, a title
sort); facet counts are keyed by slug and shared by the four languages.
QUERY_CACHE_SECONDS = 0 turns this off: every figure is then read from the database.
"""

import datetime
import hashlib
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import (
    CharField,
    Count,
    DecimalField,
    Exists,
    F,
    IntegerField,
    Lookup,
    OuterRef,
    Q,
    QuerySet,
    Value,
)
from django.db.models.functions import Cast, Coalesce, Lower, NullIf
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.search.backends import get_search_backend

from cities_portal.i18n import SOURCE_LANGUAGE
from practices import library_index, search_index
from practices.models import (
    CollaborationCase,
    CollaborationForm,
    CollaborationStage,
    GoodPractice,
    ResourceType,
    StakeholderType,
    Territory,
    Theme,
)
from practices.ranking import ranked, scored
from practices.textsearch import MAX_QUERY_LENGTH, index_text, normalise_query

MAX_SEARCH_RESULTS = 500
MAX_VALUES_PER_FACET = 20
MIN_YEAR = 1800
KINDS = {"practice": GoodPractice, "case": CollaborationCase}
SORTS = ("relevance", "newest", "title")

# URL parameter -> vocabulary model. Slugs are the stable identifiers used in URLs.
VOCABULARIES = {
    "theme": Theme,
    "stakeholder": StakeholderType,
    "form": CollaborationForm,
    "stage": CollaborationStage,
    "resource": ResourceType,
}
# Facets that only cases have: selecting one of them leaves practices out.
CASE_ONLY = {"form", "stage"}
FACET_ORDER = ["kind", "theme", "country", "territory", "stakeholder", "form", "stage", "resource"]


@IntegerField.register_lookup
class AnyOf(Lookup):
    """`pk__any_of=[...]`: `pk = ANY(%s)` with one array parameter on PostgreSQL, IN elsewhere.

    A search's matches (up to MAX_SEARCH_RESULTS per kind) filter each of the facet query's
    dozen parts: as IN lists they made one statement of ~10,000 parameters, and psycopg spent
    ~60 ms of CPU per search splitting a query string too long for its cache."""

    lookup_name = "any_of"
    prepare_rhs = False

    def get_prep_lookup(self):
        return [int(value) for value in self.rhs]

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        values = list(self.rhs)
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(%s)", (*lhs_params, values)
        if not values:
            raise EmptyResultSet
        return f"{lhs} IN ({', '.join(['%s'] * len(values))})", (*lhs_params, *values)


def query_cache_seconds():
    return getattr(settings, "QUERY_CACHE_SECONDS", 0)


_MISSING = object()


def remembered(name, parts, compute):
    """compute(), kept in the cache under the content generation (see the module docstring).

    `parts` must hold everything the value depends on (filters, sort, language). Without a
    cache (QUERY_CACHE_SECONDS = 0, or the cache unreachable) the value is computed each time.
    """
    seconds = query_cache_seconds()
    if not seconds:
        return compute()
    from cities_portal.page_cache import generation

    gen = generation()
    if gen is None:
        return compute()
    digest = hashlib.sha256(repr(parts).encode("utf-8", "surrogateescape")).hexdigest()
    key = f"library:{name}:{gen}:{digest}"
    try:
        value = cache.get(key, _MISSING)
    except Exception:  # a cache outage costs the queries, never the page
        value = _MISSING
    if value is _MISSING:
        value = compute()
        try:
            cache.set(key, value, seconds)
        except Exception:
            pass
    return value


def max_year():
    return datetime.date.today().year + 5


def lang():
    return (translation.get_language() or SOURCE_LANGUAGE)[:2]


def translated(obj_or_row, name, language=None, getter=None):
    """(text, is_fallback) of a translated value, from a model or a values() row."""
    language = language or lang()
    get = getter or (lambda key: getattr(obj_or_row, key, None) if not isinstance(obj_or_row, dict)
                     else obj_or_row.get(key))
    own = get(f"{name}_{language}")
    if own:
        return own, False
    source = get(f"{name}_{SOURCE_LANGUAGE}") or ""
    return source, language != SOURCE_LANGUAGE and bool(source)


@dataclass
class Option:
    value: str
    label: str
    label_is_fallback: bool = False
    count: int = 0
    selected: bool = False
    order: int = 0
    pk: int | None = None


@dataclass
class Vocabulary:
    """Every term of the library's vocabularies and every territory, read in one query."""

    terms: dict = field(default_factory=dict)  # facet -> {slug: Option}
    by_pk: dict = field(default_factory=dict)  # facet -> {pk: Option}
    territories: dict = field(default_factory=dict)  # slug -> Territory (the fields used here)
    territories_by_pk: dict = field(default_factory=dict)
    countries: dict = field(default_factory=dict)  # ISO code -> Option

    @classmethod
    def load(cls):
        vocab = cls()
        language = lang()
        codes = list(dict.fromkeys((SOURCE_LANGUAGE, language)))
        names = [f"name_{code}" for code in codes]
        place_columns = ["country_code", *(f"country_{code}" for code in codes), "latitude", "longitude"]
        # One shape for every query of the UNION: the territories' own columns are NULL for the
        # other vocabularies, and come first (a UNION takes its columns' types from there).
        queries = []
        for facet, model in [("territory", Territory), *VOCABULARIES.items()]:
            if model is Territory:
                place = {f"place_{column}": F(column) for column in place_columns}
            else:
                place = {f"place_{column}": Value(None, output_field=DecimalField(max_digits=9, decimal_places=6)
                                                  if column in ("latitude", "longitude") else CharField())
                         for column in place_columns}
            order = F("order") if model is CollaborationStage else Value(0, output_field=IntegerField())
            queries.append(QuerySet(model=model).order_by().annotate(
                facet=Value(facet, output_field=CharField()), sort_order=order, **place,
            ).values("facet", "pk", "slug", *names, "sort_order", *place))
        for row in queries[0].union(*queries[1:], all=True).order_by("facet", "pk"):
            if row["facet"] == "territory":
                # The fields the library uses (names, country, position), in this language.
                territory = Territory(pk=row["pk"], slug=row["slug"], **{name: row[name] for name in names},
                                      **{column: row[f"place_{column}"] for column in place_columns})
                vocab.territories[territory.slug] = territory
                vocab.territories_by_pk[territory.pk] = territory
                code = territory.country_code
                if code and code not in vocab.countries:
                    label, fallback = translated(territory, "country", language)
                    vocab.countries[code] = Option(value=code, label=label, label_is_fallback=fallback)
                continue
            label, fallback = translated(row, "name", language)
            option = Option(value=row["slug"], label=label, label_is_fallback=fallback,
                            order=row["sort_order"], pk=row["pk"])
            vocab.terms.setdefault(row["facet"], {})[row["slug"]] = option
            vocab.by_pk.setdefault(row["facet"], {})[row["pk"]] = option
        territory_options = {}
        for slug, territory in vocab.territories.items():
            label, fallback = translated(territory, "name", language)
            territory_options[slug] = Option(value=slug, label=label, label_is_fallback=fallback, pk=territory.pk)
        vocab.terms["territory"] = territory_options
        vocab.by_pk["territory"] = {option.pk: option for option in territory_options.values()}
        vocab.terms["country"] = vocab.countries
        vocab.terms["kind"] = {
            "practice": Option(value="practice", label=_("Good practices")),
            "case": Option(value="case", label=_("Collaboration cases")),
        }
        return vocab


def _label_columns(language):
    """The territory's and resource type's slug and names (source and active language), as
    columns of a row query, so that rows can be shown without loading the vocabulary."""
    joined = {}
    for name, relation in (("place", "territory"), ("resource", "resource_type")):
        joined[f"{name}_slug"] = F(f"{relation}__slug")
        for code in dict.fromkeys((SOURCE_LANGUAGE, language)):
            joined[f"{name}_{code}"] = F(f"{relation}__name_{code}")
    return joined


def _joined_option(row, name, pk, language):
    if pk is None:
        return None
    label, fallback = translated(row, name, language)
    return Option(value=row[f"{name}_slug"], label=label, label_is_fallback=fallback, pk=pk)


@dataclass
class Row:
    """One item of a listing page, read from the union query (no model instance needed)."""

    kind: str
    pk: int
    slug: str
    title: str
    title_is_fallback: bool
    summary: str
    summary_is_fallback: bool
    start_year: int | None
    end_year: int | None
    territory: object = None
    place: object = None
    resource_type: object = None
    url: str = ""
    published_at: object = None
    updated_at: object = None

    @property
    def kind_label(self):
        return _("Good practice") if self.kind == "practice" else _("Collaboration case")


class LazyRows:
    """A sliceable list of rows whose length is already known (no COUNT query)."""

    def __init__(self, queryset, total, make_row):
        self.queryset = queryset
        self.total = total
        self.make_row = make_row

    def count(self):
        return self.total

    def __len__(self):
        return self.total

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self.make_row(row) for row in self.queryset[index]]
        return self.make_row(self.queryset[index])


class KeyedRows:
    """A sliceable list of rows over known keys: a page reads only its own rows."""

    def __init__(self, keys, fetch):
        self.keys = keys
        self.fetch = fetch

    def count(self):
        return len(self.keys)

    def __len__(self):
        return len(self.keys)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return self.fetch(self.keys[index])
        return self.fetch([self.keys[index]])[0]


class LibraryQuery:
    """Reads the library's state from a query string and answers the listing's questions."""

    def __init__(self, params, vocab=None):
        self.params = params
        self._vocab = vocab
        self.messages = []
        self.selected = {}
        self.year_from = None
        self.year_to = None
        self.query = ""
        self.sort = "newest"
        self.view = "list"
        self._search_scores = None
        self._facet_counts = None
        self._index = _MISSING
        self._index_mask = None
        self._index_search_bits = None
        self.clean()

    @property
    def index(self):
        """This content generation's in-memory index (practices/library_index.py), or None."""
        if self._index is _MISSING:
            self._index = library_index.current()
        return self._index

    @property
    def vocab(self):
        # Loaded on first use: an item page without filters never needs it.
        if self._vocab is None:
            index = self.index
            if index is not None:
                self._vocab = index.vocabulary(lang(), Vocabulary.load)
            else:
                self._vocab = remembered("vocabulary", lang(), Vocabulary.load)
        return self._vocab

    def _relevance(self):
        return self.sort == "relevance" and bool(self.search_terms)

    # --- Reading the URL -----------------------------------------------------------------
    def _values(self, name):
        values = []
        for raw in self.params.getlist(name)[:MAX_VALUES_PER_FACET]:
            value = (raw or "").replace("\x00", "").strip()
            if value and value not in values:
                values.append(value)
        return values

    def _year(self, name):
        raw = (self.params.get(name) or "").replace("\x00", "").strip()
        if not raw:
            return None
        try:
            year = int(raw)
        except ValueError:
            year = None
        if year is None or not MIN_YEAR <= year <= max_year():
            self.messages.append(_("The year “%(value)s” was ignored: give a year between %(min)s and %(max)s.")
                                 % {"value": raw[:10], "min": MIN_YEAR, "max": max_year()})
            return None
        return year

    def clean(self):
        for name in FACET_ORDER:
            raw_values = self._values(name)
            if not raw_values:
                continue
            known = self.vocab.terms.get(name, {})
            values = []
            for value in raw_values:
                key = value.upper() if name == "country" else value
                if key in known:
                    values.append(key)
                else:
                    self.messages.append(_("The filter value “%(value)s” is unknown and was ignored.")
                                         % {"value": value[:60]})
            if values:
                self.selected[name] = values
        self.year_from = self._year("year_from")
        self.year_to = self._year("year_to")
        if self.year_from and self.year_to and self.year_from > self.year_to:
            self.year_from, self.year_to = self.year_to, self.year_from
        raw_query = (self.params.get("q") or "").replace("\x00", " ").strip()
        if len(raw_query) > MAX_QUERY_LENGTH:
            self.messages.append(_("Your search was shortened to its first %(count)s characters.")
                                 % {"count": MAX_QUERY_LENGTH})
            raw_query = raw_query[:MAX_QUERY_LENGTH]
        self.query = raw_query
        self.search_terms = normalise_query(raw_query)
        if raw_query and not self.search_terms:
            self.messages.append(_("Your search contains no word to look for; all items are shown."))
        sort = self.params.get("sort") or ""
        default_sort = "relevance" if self.search_terms else "newest"
        if sort not in SORTS or (sort == "relevance" and not self.search_terms):
            sort = default_sort
        self.sort = sort
        self.view = "map" if self.params.get("view") == "map" else "list"

    @property
    def is_filtered(self):
        return bool(self.selected or self.year_from or self.year_to or self.search_terms)

    def state(self, **changes):
        """The query string's items (as a list of pairs) for the current state, with changes."""
        pairs = []
        values = {name: list(values) for name, values in self.selected.items()}
        values["q"] = [self.query] if self.query else []
        values["year_from"] = [str(self.year_from)] if self.year_from else []
        values["year_to"] = [str(self.year_to)] if self.year_to else []
        values["sort"] = [self.sort] if self.sort != ("relevance" if self.search_terms else "newest") else []
        values["view"] = ["map"] if self.view == "map" else []
        for key, value in changes.items():
            values[key] = [] if value is None else ([value] if isinstance(value, str) else list(value))
        for key in ["q", *FACET_ORDER, "year_from", "year_to", "sort", "view", "page"]:
            for value in values.get(key, []):
                pairs.append((key, value))
        return pairs

    # --- Querysets --------------------------------------------------------------------------
    def kinds(self, exclude=None):
        kinds = set(self.selected.get("kind", KINDS)) if exclude != "kind" else set(KINDS)
        if any(name in self.selected for name in CASE_ONLY if name != exclude):
            kinds.discard("practice")
        return [kind for kind in KINDS if kind in kinds]

    def search_scores(self):
        """{(kind, pk): score} of the items matching the search (None without a search)."""
        if not self.search_terms:
            return None
        if self._search_scores is None and self.index is not None and search_index.answers_searches():
            self._search_scores = self.index.search().scores(self.search_terms.split(), MAX_SEARCH_RESULTS)
        if self._search_scores is None:
            backend = get_search_backend()
            scores = {}
            for kind, model in KINDS.items():
                live = model.objects.filter(live=True).only("pk")
                results = backend.search(self.search_terms, live, operator="and")
                fast = ranked(results)
                if fast is not None:  # SQLite: one query instead of one MATCH per row
                    # bm25 is lower for a better match; scores here are higher for better ones
                    # (as PostgreSQL's ts_rank), which the relevance sort relies on.
                    scores.update({(kind, pk): -float(score) for pk, score in fast[:MAX_SEARCH_RESULTS]})
                    continue
                pairs = scored(results, MAX_SEARCH_RESULTS)
                if pairs is None:  # a backend without a queryset (Elasticsearch, OpenSearch)
                    pairs = [(item.pk, getattr(item, "_score", None))
                             for item in results.annotate_score("_score")[:MAX_SEARCH_RESULTS]]
                for position, (pk, score) in enumerate(pairs):
                    scores[(kind, pk)] = float(score) if score is not None else -position
            self._search_scores = scores
        return self._search_scores

    def queryset(self, kind, exclude=None):
        """Live items of `kind` matching every filter except facet `exclude`.

        A plain QuerySet, each item once, in one level: a many-to-many filter is an EXISTS
        (a join would repeat an item and need a de-duplicating `pk IN` around it), and the
        facet query's parts use it as it is (modeltranslation's queryset reorders SELECT
        columns, which a UNION cannot afford). At three filters this took a third off
        PostgreSQL's planning and execution of the facet query."""
        model = KINDS[kind]
        owner = "goodpractice_id" if model is GoodPractice else "collaborationcase_id"
        qs = QuerySet(model=model).filter(live=True).order_by()
        sel = {name: values for name, values in self.selected.items() if name != exclude}
        # The vocabulary only when a filter needs it: a page without filters (an item page's
        # previous/next links, the home page's latest items) never reads it.
        vocab = self.vocab if sel else None

        def linked(through, column, facet):
            pks = [vocab.terms[facet][slug].pk for slug in sel[facet]]
            return Exists(through.objects.filter(**{owner: OuterRef("pk"), f"{column}__in": pks}))

        if "theme" in sel:
            qs = qs.filter(linked(model.themes.through, "theme_id", "theme"))
        if "stakeholder" in sel:
            qs = qs.filter(linked(model.stakeholder_types.through, "stakeholdertype_id", "stakeholder"))
        if "resource" in sel:
            qs = qs.filter(resource_type__in=[vocab.terms["resource"][s].pk for s in sel["resource"]])
        if "territory" in sel:
            qs = qs.filter(territory__in=[vocab.terms["territory"][s].pk for s in sel["territory"]])
        if "country" in sel:
            qs = qs.filter(territory__country_code__in=sel["country"])
        if kind == "case":
            if "form" in sel:
                qs = qs.filter(collaboration_form__in=[vocab.terms["form"][s].pk for s in sel["form"]])
            if "stage" in sel:
                qs = qs.filter(linked(model.stages.through, "collaborationstage_id", "stage"))
        if self.year_from:
            qs = qs.filter(Q(end_year__gte=self.year_from) | Q(end_year__isnull=True, start_year__isnull=False))
        if self.year_to:
            qs = qs.filter(start_year__lte=self.year_to)
        scores = self.search_scores()
        if scores is not None:
            qs = qs.filter(pk__any_of=[pk for (item_kind, pk) in scores if item_kind == kind])
        return qs

    # --- Facets -------------------------------------------------------------------------------
    def _facet_queries(self):
        def grouped(qs, facet, key):
            if type(qs) is not QuerySet:
                # modeltranslation's queryset reorders the SELECT columns, which a UNION cannot
                # afford (queryset() and the many-to-many tables give plain ones already).
                qs = QuerySet(model=qs.model).filter(pk__in=qs.values("pk"))
            return (qs.order_by().annotate(facet=Value(facet, output_field=CharField()),
                                           key=Cast(key, output_field=CharField()))
                    .values("facet", "key").annotate(n=Count("pk")).values_list("facet", "key", "n"))

        queries = []
        for kind in self.kinds(exclude="kind"):
            # Grouped by a real column (always true) so that every SELECT has the same shape.
            queries.append(grouped(self.queryset(kind, exclude="kind"), f"kind:{kind}", "live"))
        for kind, model in KINDS.items():
            def base(exclude, kind=kind):
                return self.queryset(kind, exclude=exclude) if kind in self.kinds(exclude=exclude) else None

            relations = [("theme", model.themes.through, "theme_id"),
                         ("stakeholder", model.stakeholder_types.through, "stakeholdertype_id")]
            if model is CollaborationCase:
                relations.append(("stage", model.stages.through, "collaborationstage_id"))
            owner = "goodpractice_id" if model is GoodPractice else "collaborationcase_id"
            for facet, through, column in relations:
                items = base(facet)
                if items is not None:
                    queries.append(grouped(through.objects.filter(**{f"{owner}__in": items.values("pk")}),
                                           facet, column))
            for facet, column in [("territory", "territory_id"), ("country", "territory__country_code"),
                                  ("resource", "resource_type_id")]:
                items = base(facet)
                if items is not None:
                    queries.append(grouped(items.filter(**{f"{column}__isnull": False}), facet, column))
            if model is CollaborationCase:
                items = base("form")
                if items is not None:
                    queries.append(grouped(items.filter(collaboration_form__isnull=False), "form",
                                           "collaboration_form_id"))
        return queries

    def facet_counts(self):
        """{facet: {key: count}} (keys are slugs, ISO codes or kinds)."""
        if self._facet_counts is None and self.index is not None:
            self._facet_counts = self.index.facet_counts(self)
        if self._facet_counts is None:
            self._facet_counts = remembered("facets", self.state(page=None, sort=None, view=None),
                                            self._compute_facet_counts)
        return self._facet_counts

    def _compute_facet_counts(self):
        counts = {}
        queries = self._facet_queries()
        rows = queries[0].union(*queries[1:], all=True) if queries else []
        for facet, key, n in rows:
            if facet.startswith("kind:"):
                facet, key = facet.split(":", 1)
            counts.setdefault(facet, {})
            if facet in ("kind", "country"):
                slug = key
            else:
                option = self.vocab.by_pk.get(facet, {}).get(int(key))
                slug = option.value if option else None
            if slug is not None:
                counts[facet][slug] = counts[facet].get(slug, 0) + n
        return counts

    def facets(self):
        """[(name, label, [Option])] for the filter form: options with items, and selected ones."""
        counts = self.facet_counts()
        labels = {
            "kind": _("Kind"), "theme": _("Theme"), "country": _("Country"), "territory": _("Territory"),
            "stakeholder": _("Stakeholder type"), "form": _("Collaboration form"),
            "stage": _("Co-construction stage"), "resource": _("Resource type"),
        }
        result = []
        for name in FACET_ORDER:
            selected = set(self.selected.get(name, []))
            options = []
            for value, option in self.vocab.terms.get(name, {}).items():
                count = counts.get(name, {}).get(value, 0)
                if count or value in selected:
                    options.append(Option(value=value, label=option.label, label_is_fallback=option.label_is_fallback,
                                          count=count, selected=value in selected, order=option.order))
            if name == "stage":
                options.sort(key=lambda opt: (opt.order, opt.label))
            elif name != "kind":
                options.sort(key=lambda opt: (-opt.count, opt.label.casefold()))
            if options:
                result.append({"name": name, "label": labels[name], "options": options,
                               "open": bool(selected)})
        return result

    def total(self):
        counts = self.facet_counts().get("kind", {})
        return sum(counts.get(kind, 0) for kind in self.kinds())

    # --- Rows --------------------------------------------------------------------------------
    def _rows_of(self, kind, language, joined, columns=None, extra=()):
        """The values() rows of one kind, as rows_queryset() unites them."""
        # queryset() gives each item once already (it de-duplicates many-to-many joins itself);
        # filtering on "pk IN (that)" again would hide the publication-date index from SQLite.
        qs = self.queryset(kind).order_by().annotate(
            kind=Value(kind, output_field=CharField()),
            sort_title=Lower(Coalesce(NullIf(F(f"title_{language}"), Value("")), F("title_fr"),
                                      output_field=CharField())),
            sort_year=Coalesce(F("start_year"), Value(0)),
            **joined,
        )
        names = columns or (
            "kind", "pk", "slug", "title_fr", f"title_{language}", "summary_fr", f"summary_{language}",
            "start_year", "end_year", "territory_id", "resource_type_id", "sort_title", "sort_year",
            "first_published_at", "last_published_at", *joined, *extra,
        )
        return qs.values(*names)

    def rows_queryset(self, extra=(), order=None, labels=False, columns=None):
        """The matching rows as one UNION query (only `columns`, if given). With `labels`, each row also carries its
        territory's and resource type's names (place_*, resource_*), joined, so that it can
        be shown without loading the vocabulary."""
        language = lang()
        joined = _label_columns(language) if labels else {}
        queries = [self._rows_of(kind, language, joined, columns, extra) for kind in self.kinds()]
        if not queries:
            return GoodPractice.objects.none().values("pk")
        union = queries[0].union(*queries[1:], all=True) if len(queries) > 1 else queries[0]
        if order == "published":
            return union.order_by("-first_published_at", "kind", "-pk")
        if self.sort == "title":
            return union.order_by("sort_title", "kind", "pk")
        return union.order_by("-sort_year", "-first_published_at", "sort_title", "kind", "pk")

    def make_row(self, row, url_for=None):
        language = lang()
        title, title_fb = translated(row, "title", language)
        summary, summary_fb = translated(row, "summary", language)
        if "place_slug" in row:
            # Labels joined by the row query (rows_queryset(labels=True)).
            territory = None
            place = _joined_option(row, "place", row["territory_id"], language)
            resource_type = _joined_option(row, "resource", row["resource_type_id"], language)
        else:
            territory = self.vocab.territories_by_pk.get(row["territory_id"])
            place = self.vocab.by_pk.get("territory", {}).get(row["territory_id"])
            resource_type = self.vocab.by_pk.get("resource", {}).get(row["resource_type_id"])
        result = Row(
            kind=row["kind"], pk=row["pk"], slug=row["slug"], title=title, title_is_fallback=title_fb,
            summary=summary, summary_is_fallback=summary_fb, start_year=row["start_year"],
            end_year=row["end_year"], published_at=row["first_published_at"],
            updated_at=row["last_published_at"],
            territory=territory, place=place, resource_type=resource_type,
        )
        if url_for is not None:
            result.url = url_for(row["slug"])
        return result

    def rows(self, url_for=None):
        """All rows in listing order, as a sliceable sequence that reads only the slice asked.

        With the query cache on, the ordering is remembered (see ordered()) and a page of
        results reads its own rows by key. Without it, the database sorts and slices (one
        query per page of results), except for a relevance sort, done here over the search's
        matches (at most MAX_SEARCH_RESULTS of each kind)."""
        def make(row):
            return self.make_row(row, url_for)

        if query_cache_seconds() or self._relevance() or self.index is not None:
            # A relevance sort orders the matches' keys here; only the page's rows are read in full
            # (reading every match's texts and dates cost ~45 ms of CPU at 1,000 matches).
            if self.index is not None and not self._relevance():
                keys = self.index.ordered_keys(self)
            else:  # (kind, pk) of the slice asked for only: a relevance sort orders ~1,000 matches
                ordered = self.ordered()
                keys = library_index.KeyView(range(len(ordered)), ordered)
            return KeyedRows(keys, lambda chosen: [make(row) for row in self.rows_for(chosen)])
        return LazyRows(self.rows_queryset(), self.total(), make)

    def latest(self, count, url_for=None):
        """The `count` most recently published matching rows (for feeds)."""
        def compute():
            if self.index is not None:
                # The index has the publication order: only the rows shown are read (one query).
                return self.rows_for(self.index.latest(self, count), labels=True)
            return self._latest_rows(count)

        rows = remembered("latest", (lang(), count, self.state(page=None, sort=None, view=None)), compute)
        return [self.make_row(row, url_for) for row in rows]

    def _latest_rows(self, count):
        """The newest `count` rows: each kind's newest `count` through its publication-date
        index, merged here. Sorting the whole union instead read every live item (31 ms at
        10,000 items on SQLite, which cannot slice the parts of a UNION)."""
        language = lang()
        joined = _label_columns(language)
        rows = []
        for kind in self.kinds():
            rows += self._rows_of(kind, language, joined).order_by("-first_published_at", "-pk")[:count]
        # As rows_queryset(order="published") orders them: newest, then kind, then newest id.
        rows.sort(key=lambda row: (row["kind"], -row["pk"]))
        rows.sort(key=lambda row: row["first_published_at"] or datetime.datetime.min.replace(tzinfo=datetime.UTC),
                  reverse=True)
        return rows[:count]

    def _sorted_rows(self):
        # Only the keys and what orders them: the texts are read for one page of results.
        queryset = self.rows_queryset(columns=("kind", "pk", "slug", "sort_title", "sort_year", "first_published_at"))
        if self.sort == "relevance" and self.search_terms:
            scores = self.search_scores()
            terms = set(self.search_terms.split())


            def names_every_term(row):
                # The title as the index has it (accents folded, Korean in two-syllable pieces).
                return terms <= set(index_text(row["sort_title"]).split())

            # An item whose title (in the visitor's language) names every word searched comes
            # first, then the backend's score: bm25 alone ranks a short summary that repeats a
            # word above a title that names it, which is not what a visitor means.
            return sorted(queryset, key=lambda row: (not names_every_term(row),
                                                     -scores.get((row["kind"], row["pk"]), 0), row["sort_title"]))
        return list(queryset)

    def _ordered(self):
        if self.index is not None and self._relevance():
            # The index has the titles and the title order: no row to read (1,000 matches' rows,
            # with their dates, cost ~20 ms of CPU on PostgreSQL).
            return self.index.by_relevance(self, self.search_scores(), set(self.search_terms.split()))
        return [(row["kind"], row["pk"], row["slug"]) for row in self._sorted_rows()]

    def ordered(self):
        """[(kind, pk, slug)] of every matching item in listing order: from the index, or
        remembered per filter state, sort and language (a title sort depends on the language)."""
        if self.index is not None and not self._relevance():
            return self.index.ordered(self)
        return remembered("ordered", (lang(), self.state(page=None, view=None)), self._ordered)

    def neighbours(self, slug):
        """{kind: (previous slug, next slug)} of the items called `slug` in the listing order of
        these filters (None at either end; no entry when the filters leave the item out).

        One query whatever the library's size: the database numbers the matching rows with
        window functions and returns only the item's own row, where reading the whole
        ordering into Python (ordered()) cost ~400 ms of CPU at 10,000 items. A relevance
        sort is computed here from the search's scores, so it keeps ordered()."""
        if self.index is not None and not self._relevance():
            return self.index.neighbours(self, slug)
        if self._relevance():
            keys = self.ordered()
            result = {}
            for position, (kind, _pk, other) in enumerate(keys):
                if other == slug:
                    result[kind] = (keys[position - 1][2] if position > 0 else None,
                                    keys[position + 1][2] if position + 1 < len(keys) else None)
            return result
        return remembered("neighbours", (lang(), self.state(page=None, view=None), slug),
                          lambda: self._neighbours(slug))

    def _neighbours(self, slug):
        from django.db import connection

        if not self.kinds():
            return {}
        # Only the sort keys: the database sorts narrow rows (the texts would ride along).
        listing = self.rows_queryset(columns=("kind", "pk", "slug", "sort_title", "sort_year",
                                              "first_published_at")).order_by()
        try:
            inner, params = listing.query.sql_with_params()
        except EmptyResultSet:  # every kind filtered to nothing (a search without matches)
            return {}
        if self.sort == "title":
            order = "sort_title, kind, pk"
        else:  # as rows_queryset() orders them
            order = "sort_year DESC, first_published_at DESC, sort_title, kind, pk"
        sql = (
            "SELECT kind, previous_slug, next_slug FROM ("
            f" SELECT kind, slug, LAG(slug) OVER (ORDER BY {order}) AS previous_slug,"
            f" LEAD(slug) OVER (ORDER BY {order}) AS next_slug FROM ({inner}) listing"
            ") numbered WHERE slug = %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, (*params, slug))
            return {kind: (previous, following) for kind, previous, following in cursor.fetchall()}

    def ordered_keys(self):
        """[(kind, slug)] of every matching item in listing order (for previous/next links)."""
        return [(kind, slug) for kind, _pk, slug in self.ordered()]

    def rows_for(self, keys, labels=False, live_only=False):
        """The values() rows of `keys` [(kind, pk)], in that order, in one query. With
        `labels`, the territory's and resource type's names are joined as in rows_queryset();
        with `live_only`, unpublished items are left out."""
        wanted = {}
        for kind, pk in keys:
            if kind in KINDS:
                wanted.setdefault(kind, []).append(pk)
        if not wanted:
            return []
        found = {(row["kind"], row["pk"]): row for row in CompiledRows.get(wanted, labels, live_only).rows(wanted)}
        return [found[key] for key in keys if key in found]


def rows_queryset_for(wanted, labels=False, live_only=False):
    """The union queryset LibraryQuery.rows_for() runs: {kind: [pk]} -> values() rows."""
    language = lang()
    joined = _label_columns(language) if labels else {}
    queries = []
    for kind, pks in wanted.items():
        items = QuerySet(model=KINDS[kind]).filter(pk__in=pks)
        if live_only:
            items = items.filter(live=True)
        queries.append(items.order_by().annotate(
            kind=Value(kind, output_field=CharField()), **joined).values(
            "kind", "pk", "slug", "title_fr", f"title_{language}", "summary_fr", f"summary_{language}",
            "start_year", "end_year", "territory_id", "resource_type_id",
            "first_published_at", "last_published_at", *joined))
    return queries[0].union(*queries[1:], all=True) if len(queries) > 1 else queries[0]


class CompiledRows:
    """rows_queryset_for() compiled once per shape, then run with any primary keys.

    Building the union of two values() querysets and compiling it took ~1 ms of every
    library page and search (more than the database took to answer). The shape is what the
    SQL depends on: the language, the kinds and how many keys each has (a page of 20 rows
    has at most 21 shapes), the options and the connection; the keys are only parameters.
    The rows are built from the database's as Django's ValuesIterable builds them (same
    names, same converters: dates on SQLite)."""

    _compiled = {}
    _MAX = 128
    _SENTINEL = -(10**15)  # stands for the keys while compiling: no primary key is negative

    @classmethod
    def get(cls, wanted, labels, live_only):
        db = QuerySet(model=GoodPractice).db
        shape = (lang(), tuple((kind, len(pks)) for kind, pks in wanted.items()), labels, live_only, db,
                 connections[db])
        compiled = cls._compiled.get(shape)
        if compiled is None:
            if len(cls._compiled) >= cls._MAX:
                cls._compiled.clear()
            compiled = cls._compiled[shape] = cls(wanted, labels, live_only, db)
        return compiled

    def __init__(self, wanted, labels, live_only, db):
        sentinels, number = {}, self._SENTINEL
        for kind, pks in wanted.items():
            sentinels[kind] = list(range(number, number + len(pks)))
            number += len(pks)
        queryset = rows_queryset_for(sentinels, labels, live_only)
        query = queryset.query
        self.db = db
        self.compiler = query.get_compiler(using=db)
        self.sql, params = self.compiler.as_sql()
        self.params = list(params)
        self.places = [(kind, index, self.params.index(value))
                       for kind, values in sentinels.items() for index, value in enumerate(values)]
        self.names = (list(query.selected) if getattr(query, "selected", None)
                      else [*query.extra_select, *query.values_select, *query.annotation_select])

    def rows(self, wanted):
        params = list(self.params)
        for kind, index, place in self.places:
            params[place] = wanted[kind][index]
        with connections[self.db].cursor() as cursor:
            cursor.execute(self.sql, params)
            fetched = cursor.fetchall()
        names = self.names
        return [dict(zip(names, row, strict=True)) for row in self.compiler.results_iter([fetched])]
