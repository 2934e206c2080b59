"""Views behind the library page's routes: the listing (list or map) and the item pages."""

import json
from urllib.parse import urlencode

from django.apps import apps
from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import CharField, F, IntegerField, Prefetch, QuerySet, Value
from django.http import Http404
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from cities_portal.i18n import fallback_fields
from practices.library import KINDS, LibraryQuery, lang, translated
from practices.models import (
    CollaborationCase,
    CollaborationCaseDocument,
    CollaborationStage,
    GoodPractice,
    GoodPracticeDocument,
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
    documents = GoodPracticeDocument if model is GoodPractice else CollaborationCaseDocument
    qs = (
        model.objects.filter(live=True)
        .select_related("territory", "resource_type", "image")
        .prefetch_related(
            "partners",
            Prefetch("documents", queryset=documents.objects.select_related("document")),
        )
    )
    if model is CollaborationCase:
        qs = qs.select_related("collaboration_form").prefetch_related(
            Prefetch("related_practices", queryset=GoodPractice.objects.filter(live=True)))
    else:
        qs = qs.prefetch_related(Prefetch("cases", queryset=CollaborationCase.objects.filter(live=True)))
    return qs


TERM_RELATIONS = ("themes", "stakeholder_types", "stages")


def prefetch_terms(item):
    """Read the item's themes, stakeholder types and (a case's) stages in one UNION query
    rather than one prefetch each, and store them where prefetch_related() would, so that
    item.themes.all() & co. (templates, JSON-LD) read them in their usual order."""
    language = lang()
    names = [f"name_{code}" for code in settings.MODELTRANSLATION_LANGUAGES]
    relations = [name for name in TERM_RELATIONS if hasattr(item, name)]
    queries = []
    for relation in relations:
        field = item._meta.get_field(relation)
        model = field.related_model
        staged = model is CollaborationStage
        # Each model's own ordering: stages by (order, slug), the others by name in the
        # active language (as modeltranslation orders Meta.ordering = ["name"]).
        queries.append(QuerySet(model=model).filter(**{field.related_query_name(): item.pk}).order_by().annotate(
            relation=Value(relation, output_field=CharField()),
            sort_order=F("order") if staged else Value(0, output_field=IntegerField()),
            sort_name=F("slug") if staged else F(f"name_{language}"),
        ).values("relation", "pk", "slug", *names, "sort_order", "sort_name"))
    found = {relation: [] for relation in relations}
    if queries:
        union = queries[0].union(*queries[1:], all=True) if len(queries) > 1 else queries[0]
        models = {relation: item._meta.get_field(relation).related_model for relation in relations}
        for row in union.order_by("relation", "sort_order", "sort_name"):
            fields = {name: row[name] for name in names}
            if models[row["relation"]] is CollaborationStage:
                fields["order"] = row["sort_order"]
            found[row["relation"]].append(models[row["relation"]](pk=row["pk"], slug=row["slug"], **fields))
    cache = item.__dict__.setdefault("_prefetched_objects_cache", {})
    for relation, terms in found.items():
        queryset = getattr(item, relation).get_queryset()
        queryset._result_cache = terms
        queryset._prefetch_done = True
        cache[relation] = queryset
    return item


def find_item(slug, kinds=("practice", "case")):
    """The live item with this slug, looked for in `kinds` in that order (practices first)."""
    for kind in kinds:
        item = _item_queryset(KINDS[kind]).filter(slug=slug).first()
        if item is not None:
            return item
    return None


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
    prefetch_terms(item)
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
