"""Plain helpers that build library items the way editors do (four languages, published)."""

from practices.models import CollaborationCase, GoodPractice, Territory, Theme
from tests.conftest import four


def theme(slug, fr, en=None, es=None, ko=None):
    obj, _created = Theme.objects.get_or_create(slug=slug, defaults={"name": fr, **four(fr, en, es, ko, field="name")})
    return obj


def territory(slug, fr, country_code="CA", country="Canada", lat=None, lng=None, **names):
    obj, _created = Territory.objects.get_or_create(
        slug=slug,
        defaults={
            "name": fr, **four(fr, names.get("en"), names.get("es"), names.get("ko"), field="name"),
            "country_code": country_code, "country": country, "country_fr": country,
            "latitude": lat, "longitude": lng,
        },
    )
    return obj


def _texts(fields):
    values = {}
    for name, langs in fields.items():
        if isinstance(langs, str):
            langs = {"fr": langs}
        values.update(four(langs.get("fr", ""), langs.get("en"), langs.get("es"), langs.get("ko"), field=name))
        values[name] = langs.get("fr", "")
    return values


def _make(model, slug, publish, m2m, **fields):
    plain = {key: value for key, value in fields.items() if not isinstance(value, (str, dict))}
    texts = {key: value for key, value in fields.items() if isinstance(value, (str, dict))}
    obj = model(slug=slug, **plain, **_texts(texts))
    if publish:
        obj.save()
        for name, values in m2m.items():
            getattr(obj, name).set(values)
        obj.save()
        obj.save_revision().publish()
    else:
        obj.live = False
        obj.save()
        for name, values in m2m.items():
            getattr(obj, name).set(values)
        obj.save()
        obj.save_revision()
    obj.refresh_from_db()
    return obj


def practice(slug, title, publish=True, themes=(), stakeholder_types=(), partners=(), **fields):
    m2m = {"themes": themes, "stakeholder_types": stakeholder_types, "partners": partners}
    return _make(GoodPractice, slug, publish, m2m, title=title, **fields)


def case(slug, title, publish=True, themes=(), stakeholder_types=(), partners=(), stages=(),
         related_practices=(), **fields):
    m2m = {"themes": themes, "stakeholder_types": stakeholder_types, "partners": partners, "stages": stages,
           "related_practices": related_practices}
    return _make(CollaborationCase, slug, publish, m2m, title=title, **fields)
