"""CSV and JSON exports of any filtered list of the library (open data).

Each item has a stable identifier, "<kind>:<slug>" (slugs never change once published),
plus its numeric id. The CSV is in the visitor's language (with French where a translation
is missing); the JSON holds every language of every translated field.
"""

import csv
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch
from django.http import HttpResponse
from django.utils import timezone, translation

from cities_portal.i18n import LANGUAGE_CODES
from practices.library import KINDS, LibraryQuery
from practices.models import CollaborationCase, GoodPractice
from practices.textsearch import strip_tags

EXPORT_LIMIT = 20_000
# The JSON repeats the visitor's filters, search text included: with <, > and & written as
# \u escapes (the same data once parsed) a browser that sniffs the file, or a consumer that
# pastes a value into HTML, never finds markup in it.
JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}
CSV_COLUMNS = [
    "id", "kind", "slug", "url", "title", "summary", "territory", "country_code", "latitude", "longitude",
    "start_year", "end_year", "themes", "stakeholder_types", "resource_type", "collaboration_form", "stages",
    "partners", "first_published_at", "last_published_at",
]


def item_querysets(query):
    for kind in query.kinds():
        model = KINDS[kind]
        items = query.queryset(kind)
        qs = (
            model.objects.filter(pk__in=items.values("pk"))
            .select_related("territory", "resource_type")
            .prefetch_related("themes", "stakeholder_types", Prefetch("partners"))
            .order_by("pk")
        )
        if model is CollaborationCase:
            qs = qs.select_related("collaboration_form").prefetch_related(
                "stages", Prefetch("related_practices", queryset=GoodPractice.objects.filter(live=True)))
        yield kind, model, qs[:EXPORT_LIMIT]


def _all(obj, name):
    return {code: getattr(obj, f"{name}_{code}", None) or "" for code in LANGUAGE_CODES}


def _term(term, names=("name",)):
    if term is None:
        return None
    data = {"slug": term.slug}
    for name in names:
        data[name] = _all(term, name)
    return data


def json_item(item, page, request):
    from practices.translation import CollaborationCaseTR, GoodPracticeTR

    fields = (GoodPracticeTR if item.kind == "practice" else CollaborationCaseTR).fields
    data = {
        "id": f"{item.kind}:{item.slug}",
        "pk": item.pk,
        "kind": item.kind,
        "slug": item.slug,
        "url": {code: request.build_absolute_uri(page.item_url(item.slug, code, request)) for code in LANGUAGE_CODES},
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
    data["themes"] = [_term(term) for term in item.themes.all()]
    data["stakeholder_types"] = [_term(term) for term in item.stakeholder_types.all()]
    data["resource_type"] = _term(item.resource_type)
    data["partners"] = [{"slug": partner.slug, "name": partner.name, "website": partner.website}
                        for partner in item.partners.all()]
    if item.kind == "case":
        data["collaboration_form"] = _term(item.collaboration_form, ("name", "description"))
        data["stages"] = [_term(stage) for stage in item.stages.all()]
        data["related_practices"] = [f"practice:{other.slug}" for other in item.related_practices.all()]
    return data


def csv_row(item, page, request):
    territory = item.territory
    return [
        f"{item.kind}:{item.slug}", item.kind, item.slug,
        request.build_absolute_uri(page.item_url(item.slug, request=request)),
        item.title, strip_tags(item.summary).strip(),
        territory.name if territory else "", territory.country_code if territory else "",
        territory.latitude if territory and territory.latitude is not None else "",
        territory.longitude if territory and territory.longitude is not None else "",
        item.start_year or "", item.end_year or "",
        "|".join(term.slug for term in item.themes.all()),
        "|".join(term.slug for term in item.stakeholder_types.all()),
        item.resource_type.slug if item.resource_type else "",
        item.collaboration_form.slug if item.kind == "case" and item.collaboration_form else "",
        "|".join(stage.slug for stage in item.stages.all()) if item.kind == "case" else "",
        "|".join(partner.slug for partner in item.partners.all()),
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
    if fmt == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="cities-library-{language}-{stamp}.csv"'
        response.write("\ufeff")  # lets spreadsheet programs recognise UTF-8
        writer = csv.writer(response)
        writer.writerow(CSV_COLUMNS)
        for _kind, _model, qs in item_querysets(query):
            for item in qs:
                writer.writerow([_safe_cell(value) for value in csv_row(item, page, request)])
    else:
        items = [json_item(item, page, request) for _kind, _model, qs in item_querysets(query) for item in qs]
        payload = {
            "source": request.build_absolute_uri(page.get_url(request=request)),
            "generated_at": timezone.now(),
            "languages": LANGUAGE_CODES,
            "filters": [list(pair) for pair in query.state(view=None)],
            "count": len(items),
            "items": items,
        }
        text = json.dumps(payload, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1).translate(JSON_ESCAPES)
        response = HttpResponse(text, content_type="application/json; charset=utf-8")
    response["Content-Language"] = language
    response["X-Content-Type-Options"] = "nosniff"
    return response
