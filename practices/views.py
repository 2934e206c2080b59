"""Views behind the library page's routes: the listing (list or map) and the item pages."""

import json
from urllib.parse import urlencode

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Paginator
from django.db import connections
from django.http import Http404
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model

from cities_portal.i18n import fallback_fields
from practices.library import KINDS, LibraryQuery, lang, translated
from practices.models import (
    CollaborationCase,
    CollaborationStage,
)

MAP_LIMIT = 2000
JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_for_script(data):
    """JSON safe to place inside a <script> element (no closing tag can be injected)."""
    return mark_safe(json.dumps(data, ensure_ascii=False, default=str).translate(JSON_ESCAPES))


def _query_string(pairs):
    return urlencode(pairs) if pairs else ""


# --- Listing ------------------------------------------------------------------------------
def library(page, request):
    query = LibraryQuery(request.GET)
    context = page.get_context(request)
    context.update(library_context(page, request, query))
    return TemplateResponse(request, "practices/library_page.html", context)


def library_context(page, request, query):
    base_url = page.get_url(request=request)
    state = _query_string(query.state())
    item_state = _query_string(query.state(view=None))
    suffix = f"?{item_state}" if item_state else ""

    def url_for(slug):
        return f"{base_url}{slug}/{suffix}"

    facets = query.facets()
    total = query.total()
    context = {
        "library": page,
        "query": query,
        "facets": facets,
        "total": total,
        "messages_library": query.messages,
        "state": state,
        "list_url": f"{base_url}?{_query_string(query.state(view=None))}".rstrip("?"),
        "map_url": f"{base_url}?{_query_string(query.state(view='map'))}",
        "feed_rss_url": f"{base_url}feed/rss/?{_query_string(query.state(view=None, sort=None))}".rstrip("?"),
        "feed_atom_url": f"{base_url}feed/atom/?{_query_string(query.state(view=None, sort=None))}".rstrip("?"),
        "csv_url": f"{base_url}export/csv/?{_query_string(query.state(view=None))}".rstrip("?"),
        "json_url": f"{base_url}export/json/?{_query_string(query.state(view=None))}".rstrip("?"),
        "reset_url": base_url,
        "sorts": [("relevance", _("Relevance")), ("newest", _("Newest")), ("title", _("Title"))]
        if query.search_terms else [("newest", _("Newest")), ("title", _("Title"))],
        "year_bounds": {"min": 1800, "max": timezone.now().year + 5},
    }
    if query.view == "map":
        rows = query.rows(url_for=url_for)
        rows = rows[:MAP_LIMIT] if not isinstance(rows, list) else rows[:MAP_LIMIT]
        context["map_rows"] = sorted(rows, key=lambda row: (row.place.label.casefold() if row.place else "", row.title))
        context["map_data"] = map_payload(rows, request)
        context["map_without_position"] = [row for row in rows if not _has_position(row)]
        return context
    paginator = Paginator(query.rows(url_for=url_for), page.per_page)
    page_obj = paginator.get_page(request.GET.get("page"))
    raw_page = request.GET.get("page")
    if raw_page and str(page_obj.number) != raw_page.strip():
        context["messages_library"] = [*query.messages, _("That page does not exist; here is page %(number)s.")
                                       % {"number": page_obj.number}]
    context.update({
        "page_obj": page_obj,
        "rows": list(page_obj.object_list),
        "page_links": [
            {"number": number, "url": f"{base_url}?{_query_string(query.state(page=str(number)))}"
             if isinstance(number, int) else None}
            for number in paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)
        ],
        "previous_page_url": f"{base_url}?{_query_string(query.state(page=str(page_obj.previous_page_number())))}"
        if page_obj.has_previous() else None,
        "next_page_url": f"{base_url}?{_query_string(query.state(page=str(page_obj.next_page_number())))}"
        if page_obj.has_next() else None,
    })
    return context


def _has_position(row):
    return row.territory is not None and row.territory.has_position


def map_payload(rows, request):
    """Markers grouped by territory: {"tiles": ..., "basemap": ..., "places": [{lat, lng, name, items: [...]}]}.

    `basemap` is the URL of our own country outlines (a static file, so its hashed name in
    production); the script draws them when `tiles` is empty or when the tiles fail."""
    places = {}
    for row in rows:
        if not _has_position(row):
            continue
        territory = row.territory
        place = places.setdefault(territory.pk, {
            "lat": float(territory.latitude), "lng": float(territory.longitude),
            "name": translated(territory, "name")[0], "items": [],
        })
        place["items"].append({"title": row.title, "url": row.url, "kind": row.kind_label})
    return {
        "tiles": getattr(settings, "PRACTICES_MAP_TILES_URL", ""),
        "attribution": getattr(settings, "PRACTICES_MAP_TILES_ATTRIBUTION", ""),
        "basemap": static(settings.PRACTICES_MAP_BASEMAP),
        "places": list(places.values()),
    }


# --- Item pages -----------------------------------------------------------------------------
def _item_queryset(model):
    qs = model.objects.filter(live=True).select_related("territory", "resource_type", "image")
    if model is CollaborationCase:
        qs = qs.select_related("collaboration_form")
    return qs


# What prefetch_relations() reads, per relation: the translated field shown (the label), the
# sort of the related model's own ordering, and one more plain column (a partner's website,
# a document link's document).
TERM_RELATIONS = ("themes", "stakeholder_types", "stages")
ITEM_RELATIONS = ("cases", "related_practices")  # a practice's cases, a case's practices
RELATIONS = (*TERM_RELATIONS, "partners", *ITEM_RELATIONS, "documents")
UNDATED = 10**6  # items without a start year come after the dated ones


def _relation_select(item, relation, language, quote):
    """(SQL, params) of the objects in `relation` of `item`, in the columns every relation
    shares: relation, pk, slug, the label in each language, extra, two sort keys."""
    field = item._meta.get_field(relation)
    model = field.related_model
    pk = quote(model._meta.pk.column)
    codes = settings.MODELTRANSLATION_LANGUAGES
    if relation == "documents":  # the item's own rows (a parental key), in the editor's order
        labels = ", ".join(f"t.{quote(f'link_text_{code}')}" for code in codes)
        return (
            f"SELECT %s, t.{pk}, '', {labels}, CAST(t.{quote('document_id')} AS VARCHAR(20)), "
            f"t.{quote('sort_order')}, '' FROM {quote(model._meta.db_table)} t "
            f"WHERE t.{quote(field.field.column)} = %s"
        ), [relation, item.pk]
    if field.auto_created and not field.concrete:  # a reverse many-to-many (a practice's cases)
        through = field.field.remote_field.through
        own, other = field.field.m2m_reverse_name(), field.field.m2m_column_name()
    else:
        through = field.remote_field.through
        own, other = field.m2m_column_name(), field.m2m_reverse_name()
    where = ""
    extra = "''"
    if relation in ITEM_RELATIONS:
        label, where = "title", " AND t.live"
        # The items' Meta.ordering: newest start year first, then the title.
        sort_order, sort_name = f"COALESCE(-t.start_year, {UNDATED})", f"title_{language}"
    elif model is CollaborationStage:
        label, sort_order, sort_name = "name", "t.{}".format(quote("order")), "slug"
    else:  # by name in the active language (their Meta.ordering)
        label, sort_order, sort_name = "name", "0", f"name_{language}"
        if relation == "partners":
            extra = "t.website"
    labels = ", ".join(f"t.{quote(f'{label}_{code}')}" for code in codes)
    return (
        f"SELECT %s, t.{pk}, t.slug, {labels}, {extra}, {sort_order}, t.{quote(sort_name)} "
        f"FROM {quote(model._meta.db_table)} t "
        f"INNER JOIN {quote(through._meta.db_table)} m ON m.{quote(other)} = t.{pk} WHERE m.{quote(own)} = %s{where}"
    ), [relation, item.pk]


def _deferred(model, db, values):
    """An instance of `model` with only `values` ({attname: value}) read, the other fields
    deferred (read on access, never a wrong default)."""
    names = [field.attname for field in model._meta.concrete_fields if field.attname in values]
    return model.from_db(db, names, [values[name] for name in names])


def prefetch_relations(item):
    """Read the item's themes, stakeholder types, (a case's) stages, partners, related items
    and document links in one query rather than one prefetch each, and store them where
    prefetch_related() would, so that item.themes.all() & co. (templates, JSON-LD) read them
    in their usual order. The documents the links point to are one more query, only for an
    item that has some.

    Written as SQL: Django's compiler took longer to build these queries (a UNION of
    seven values() querysets, or one prefetch each) than the database took to run them."""
    language = lang()
    codes = settings.MODELTRANSLATION_LANGUAGES
    relations = [name for name in RELATIONS if _has_relation(item, name)]
    connection = connections[item._state.db or "default"]
    parts = [_relation_select(item, relation, language, connection.ops.quote_name) for relation in relations]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(sql for sql, _params in parts) + f" ORDER BY 1, {len(codes) + 5}, "
                       f"{len(codes) + 6}", [param for _sql, params in parts for param in params])
        rows = cursor.fetchall()
    models = {relation: item._meta.get_field(relation).related_model for relation in relations}
    found = {relation: [] for relation in relations}
    db = item._state.db
    document_ids = {int(row[-3]) for row in rows if row[0] == "documents"}
    documents = get_document_model().objects.in_bulk(document_ids) if document_ids else {}
    for relation, key, key_slug, *labels, extra, sort_order, _sort_name in rows:
        model = models[relation]
        if relation == "documents":
            document = documents.get(int(extra))
            if document is None:  # deleted between the two queries
                continue
            link = _deferred(model, db, {
                "id": key, "sort_order": sort_order, "document_id": document.pk,
                item._meta.get_field(relation).field.attname: item.pk,
                **{f"link_text_{code}": value for code, value in zip(codes, labels, strict=True)},
            })
            link._state.fields_cache["document"] = document
            found[relation].append(link)
        elif relation in ITEM_RELATIONS or relation == "partners":
            label = "title" if relation in ITEM_RELATIONS else "name"
            values = {model._meta.pk.attname: key, "slug": key_slug,
                      **{f"{label}_{code}": value for code, value in zip(codes, labels, strict=True)}}
            values.update({"website": extra} if relation == "partners" else {"live": True})
            found[relation].append(_deferred(model, db, values))
        else:
            fields = {f"name_{code}": value for code, value in zip(codes, labels, strict=True)}
            if model is CollaborationStage:
                fields["order"] = sort_order
            found[relation].append(model(pk=key, slug=key_slug, **fields))
    cache = item.__dict__.setdefault("_prefetched_objects_cache", {})
    for relation, related in found.items():
        queryset = getattr(item, relation).get_queryset()
        queryset._result_cache = related
        queryset._prefetch_done = True
        cache[relation] = queryset
    return item


def _has_relation(item, name):
    try:
        item._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


def find_item(slug, kinds=("practice", "case")):
    """The live item with this slug, looked for in `kinds` in that order (practices first)."""
    for kind in kinds:
        item = _live_item(KINDS[kind], slug)
        if item is not None:
            return item
    return None


# The item query compiled once: {(model, language, connection): CompiledItemQuery}.
_compiled_items = {}
_SLUG = "\x00slug"  # stands for the slug while the query is compiled (no slug can contain NUL)


class CompiledItemQuery:
    """`_item_queryset(model).filter(slug=...)` compiled once, then run with any slug.

    Django's compiler spent ~3 ms of an item page's CPU turning that query (every language's
    column of the item and of its territory, resource type, image and form) into SQL, for a
    query the database answers in a fraction of that. The SQL and the way Django builds the
    objects from a row (ModelIterable's from_db and related populators) are kept per process,
    language and connection; only the slug changes."""

    def __init__(self, model, connection_alias):
        from django.db.models.query import get_related_populators

        queryset = _item_queryset(model).filter(slug=_SLUG).order_by()[:1]
        self.db = queryset.db if connection_alias is None else connection_alias
        self.compiler = queryset.query.get_compiler(using=self.db)
        self.sql, params = self.compiler.as_sql()
        self.params = list(params)
        self.place = self.params.index(_SLUG)
        select, klass_info = self.compiler.select, self.compiler.klass_info
        self.model = klass_info["model"]
        fields = klass_info["select_fields"]
        self.start, self.end = fields[0], fields[-1] + 1
        self.init_list = [column[0].target.attname for column in select[self.start:self.end]]
        self.populators = get_related_populators(klass_info, select, self.db)

    def get(self, slug):
        params = list(self.params)
        params[self.place] = slug
        with connections[self.db].cursor() as cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        for row in self.compiler.results_iter([rows]):
            item = self.model.from_db(self.db, self.init_list, row[self.start:self.end])
            for populator in self.populators:
                populator.populate(row, item)
            return item
        return None


def _live_item(model, slug):
    db = _item_queryset(model).db
    key = (model, translation.get_language(), db, connections[db])
    compiled = _compiled_items.get(key)
    if compiled is None:
        if len(_compiled_items) > 64:
            _compiled_items.clear()
        compiled = _compiled_items[key] = CompiledItemQuery(model, db)
    return compiled.get(slug)


def kinds_to_try(query, neighbours):
    """The kinds find_item() needs to look in for a slug, given its neighbours in the
    library's ordering for the visitor's filters ({kind: (previous, next)}): the kind listed
    there (the item the visitor came from: a case costs one query, not two), practices first
    if both kinds have that slug. An item the filters leave out is looked for in both kinds;
    without a filter the ordering lists every live item, so an unlisted slug is no item at all."""
    listed = tuple(kind for kind in KINDS if kind in neighbours)
    if listed or not query.is_filtered:
        return listed
    return tuple(KINDS)


def partner_links(partners, request):
    """[(partner, url or None)]: the partner's profile if the partners app has a directory."""
    index_page = None
    try:
        model = apps.get_model("partners", "PartnerIndexPage")
    except LookupError:
        model = None
    if model is not None and partners:
        index_page = model.objects.live().first()
    links = []
    for partner in partners:
        url = None
        if index_page is not None and hasattr(index_page, "partner_url"):
            url = index_page.partner_url(partner, request=request)
        links.append({"partner": partner, "url": url or getattr(partner, "website", "") or None,
                      "external": url is None})
    return links


def citation(item, url, language):
    year = (item.first_published_at or timezone.now()).year
    return _("%(title)s. C.I.T.I.E.S. library of the social and solidarity economy, %(year)s. %(url)s") % {
        "title": item.title, "year": year, "url": url,
    }


def json_ld(item, url, library_url, language, partners):
    data = {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "@id": url,
        "url": url,
        "name": item.title,
        "description": item.summary,
        "inLanguage": language,
        "identifier": f"{item.kind}:{item.slug}",
        "genre": item.resource_type.name if item.resource_type else None,
        "keywords": ", ".join(theme.name for theme in item.themes.all()) or None,
        "isPartOf": {"@type": "Collection", "name": "C.I.T.I.E.S.", "url": library_url},
        "publisher": {"@type": "Organization", "name": "C.I.T.I.E.S."},
        "datePublished": item.first_published_at.date().isoformat() if item.first_published_at else None,
        "dateModified": item.last_published_at.date().isoformat() if item.last_published_at else None,
        "contributor": [{"@type": "Organization", "name": link["partner"].name,
                         **({"url": link["url"]} if link["url"] else {})} for link in partners] or None,
    }
    if item.start_year:
        data["temporalCoverage"] = f"{item.start_year}/{item.end_year or '..'}"
    territory = item.territory
    if territory is not None:
        place = {"@type": "Place", "name": territory.name,
                 "address": {"@type": "PostalAddress", "addressCountry": territory.country_code}}
        if territory.has_position:
            place["geo"] = {"@type": "GeoCoordinates", "latitude": float(territory.latitude),
                            "longitude": float(territory.longitude)}
        data["spatialCoverage"] = place
    return json_for_script({key: value for key, value in data.items() if value not in (None, "")})


def item_detail(page, request, slug):
    query = LibraryQuery(request.GET)
    neighbours = query.neighbours(slug)
    item = find_item(slug, kinds_to_try(query, neighbours))
    if item is None:
        raise Http404(_("No published item has this address."))
    prefetch_relations(item)
    language = translation.get_language()
    state = _query_string(query.state(page=None, view=None))
    suffix = f"?{state}" if state else ""
    library_url = page.get_url(request=request)
    previous_item, next_item = neighbours.get(item.kind, (None, None))
    url = page.item_full_url(slug, request=request)
    partners = partner_links(list(item.partners.all()), request)
    if item.kind == "practice":
        related = list(item.cases.all())
    else:
        related = list(item.related_practices.all())
    context = page.get_context(request)
    context.update({
        "item": item,
        "library": page,
        "library_url": f"{library_url}{suffix}",
        "partners": partners,
        "related": [{"item": other, "url": page.item_url(other.slug, request=request) + suffix} for other in related],
        "documents": list(item.documents.all()),
        "citation": citation(item, url, language),
        "json_ld": json_ld(item, url, page.get_full_url(request=request), language, partners),
        "alternate_urls": page.item_alternate_urls(slug, request),
        "previous_url": f"{page.item_url(previous_item, request=request)}{suffix}" if previous_item else None,
        "next_url": f"{page.item_url(next_item, request=request)}{suffix}" if next_item else None,
        "fallback": fallback_fields(item, language),
        "is_preview": False,
    })
    return TemplateResponse(request, "practices/item_detail.html", context)
