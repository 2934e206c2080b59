"""CSV and JSON exports of any filtered list of the library (open data).

Each item has a stable identifier, "<kind>:<slug>" (slugs never change once published),
plus its numeric id. The CSV is in the visitor's language (with French where a translation
is missing); the JSON holds every language of every translated field.
"""

import csv
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.encoding import iri_to_uri

from cities_portal.i18n import LANGUAGE_CODES
from practices.library import KINDS, LibraryQuery
from practices.models import CollaborationCase
from practices.textsearch import strip_tags

EXPORT_LIMIT = 20_000
# The JSON repeats the visitor's filters, search text included: with <, > and & written as
# \u escapes (the same data once parsed) a browser that sniffs the file, or a consumer that
# pastes a value into HTML, never finds markup in it.
JSON_ESCAPES = {"<": "\\u003C", ">": "\\u003E", "&": "\\u0026"}
CSV_COLUMNS = [
    "id", "kind", "slug", "url", "title", "summary", "territory", "country_code", "latitude", "longitude",
    "start_year", "end_year", "themes", "stakeholder_types", "resource_type", "collaboration_form", "stages",
    "partners", "first_published_at", "last_published_at",
]


# The many-to-many relations each kind exports.
RELATIONS = {"practice": ("themes", "stakeholder_types", "partners"),
             "case": ("themes", "stakeholder_types", "partners", "stages", "related_practices")}


def item_querysets(query):
    """(kind, model, items) of every item `query` matches, each with its relations read."""
    for kind in query.kinds():
        model = KINDS[kind]
        chosen = query.queryset(kind).values("pk")
        qs = (
            model.objects.filter(pk__in=chosen)
            .select_related("territory", "resource_type")
            .order_by("pk")
        )
        if model is CollaborationCase:
            qs = qs.select_related("collaboration_form")
        items = list(qs[:EXPORT_LIMIT])
        _read_relations(model, items, chosen, RELATIONS[kind])
        yield kind, model, items


def _read_relations(model, items, chosen, names):
    """Set `item.exported[name]` to the related objects of each relation, in the related
    model's own order, as item.<name>.all() lists them.

    Why not prefetch_related(): a ParentalManyToManyField builds a manager and a queryset for
    every item and relation (modelcluster), ~0.5 ms each: 6 s of CPU for a CSV of 10,000
    items. Here each relation is two queries whatever the number of items: the pairs from its
    link table, then the objects they point to, each object built once."""
    for item in items:
        item.exported = {}
    by_pk = {item.pk: item for item in items}
    for name in names:
        field = model._meta.get_field(name)
        through = field.remote_field.through
        owner, target = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
        pairs = QuerySet(model=through).filter(**{f"{owner}__in": chosen}).values_list(owner, target)
        related = field.related_model._default_manager.filter(
            pk__in=QuerySet(model=through).filter(**{f"{owner}__in": chosen}).values(target))
        if name == "related_practices":
            related = related.filter(live=True)
        rank = {obj.pk: (place, obj) for place, obj in enumerate(related)}
        lists = {}
        for item_pk, target_pk in pairs:
            if item_pk in by_pk and target_pk in rank:
                lists.setdefault(item_pk, []).append(rank[target_pk])
        for item in items:
            item.exported[name] = [obj for _place, obj in sorted(lists.get(item.pk, ()), key=_first)]


def _first(pair):
    return pair[0]


def _all(obj, name):
    return {code: getattr(obj, f"{name}_{code}", None) or "" for code in LANGUAGE_CODES}


def _term(term, names=("name",)):
    if term is None:
        return None
    data = {"slug": term.slug}
    for name in names:
        data[name] = _all(term, name)
    return data


def json_item(item, bases):
    from practices.translation import CollaborationCaseTR, GoodPracticeTR

    fields = (GoodPracticeTR if item.kind == "practice" else CollaborationCaseTR).fields
    data = {
        "id": f"{item.kind}:{item.slug}",
        "pk": item.pk,
        "kind": item.kind,
        "slug": item.slug,
        "url": {code: f"{base}{iri_to_uri(item.slug)}/" if base else None for code, base in bases.items()},
        "start_year": item.start_year,
        "end_year": item.end_year,
        "first_published_at": item.first_published_at,
        "last_published_at": item.last_published_at,
    }
    for name in fields:
        data[name] = _all(item, name)
    territory = item.territory
    data["territory"] = None if territory is None else {
        **_term(territory, ("name", "country", "region", "city")),
        "country_code": territory.country_code,
        "latitude": float(territory.latitude) if territory.latitude is not None else None,
        "longitude": float(territory.longitude) if territory.longitude is not None else None,
    }
    data["themes"] = [_term(term) for term in item.exported["themes"]]
    data["stakeholder_types"] = [_term(term) for term in item.exported["stakeholder_types"]]
    data["resource_type"] = _term(item.resource_type)
    data["partners"] = [{"slug": partner.slug, "name": partner.name, "website": partner.website}
                        for partner in item.exported["partners"]]
    if item.kind == "case":
        data["collaboration_form"] = _term(item.collaboration_form, ("name", "description"))
        data["stages"] = [_term(stage) for stage in item.exported["stages"]]
        data["related_practices"] = [f"practice:{other.slug}" for other in item.exported["related_practices"]]
    return data


def csv_row(item, base):
    territory = item.territory
    return [
        f"{item.kind}:{item.slug}", item.kind, item.slug,
        f"{base}{iri_to_uri(item.slug)}/" if base else "",
        item.title, strip_tags(item.summary).strip(),
        territory.name if territory else "", territory.country_code if territory else "",
        territory.latitude if territory and territory.latitude is not None else "",
        territory.longitude if territory and territory.longitude is not None else "",
        item.start_year or "", item.end_year or "",
        "|".join(term.slug for term in item.exported["themes"]),
        "|".join(term.slug for term in item.exported["stakeholder_types"]),
        item.resource_type.slug if item.resource_type else "",
        item.collaboration_form.slug if item.kind == "case" and item.collaboration_form else "",
        "|".join(stage.slug for stage in item.exported["stages"]) if item.kind == "case" else "",
        "|".join(partner.slug for partner in item.exported["partners"]),
        item.first_published_at.isoformat() if item.first_published_at else "",
        item.last_published_at.isoformat() if item.last_published_at else "",
    ]


def _safe_cell(value):
    # Spreadsheet programs run cells starting with these characters as formulas.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def library_export(page, request, fmt):
    query = LibraryQuery(request.GET)
    stamp = timezone.now().strftime("%Y%m%d")
    language = translation.get_language()
    # Each item's address is its slug after the library's, in each language.
    bases = {code: request.build_absolute_uri(path) if path else None
             for code, path in page.item_url_bases(request).items()}
    if fmt == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="cities-library-{language}-{stamp}.csv"'
        response.write("\ufeff")  # lets spreadsheet programs recognise UTF-8
        writer = csv.writer(response)
        writer.writerow(CSV_COLUMNS)
        for _kind, _model, qs in item_querysets(query):
            for item in qs:
                writer.writerow([_safe_cell(value) for value in csv_row(item, bases[language])])
    else:
        items = [json_item(item, bases) for _kind, _model, qs in item_querysets(query) for item in qs]
        payload = {
            "source": request.build_absolute_uri(page.get_url(request=request)),
            "generated_at": timezone.now(),
            "languages": LANGUAGE_CODES,
            "filters": [list(pair) for pair in query.state(view=None)],
            "count": len(items),
            "items": items,
        }
        # Without indent, json uses its C encoder: indented, the pure-Python one took ~5 s of
        # CPU for 10,000 items. str.replace() escapes in C too (str.translate() took ~2 s).
        text = json.dumps(payload, cls=DjangoJSONEncoder, ensure_ascii=False)
        for character, escape in JSON_ESCAPES.items():
            text = text.replace(character, escape)
        response = HttpResponse(text, content_type="application/json; charset=utf-8")
    response["Content-Language"] = language
    response["X-Content-Type-Options"] = "nosniff"
    return response
