"""Partners built the way editors build them: four languages, published through a revision."""

from partners.models import Partner
from tests.conftest import four


def _texts(name, value):
    if isinstance(value, str):
        value = {"fr": value}
    fields = four(value.get("fr", ""), value.get("en"), value.get("es"), value.get("ko"), field=name)
    fields[name] = value.get("fr", "")
    return fields


def partner(slug, name, publish=True, kind=Partner.Kind.ASSOCIATED, territory=Partner.Territory.QUEBEC,
            description=None, key_facts=None, city=None, **fields):
    """A partner; `name`, `description`, `key_facts` and `city` are a French string or a
    {language: text} table (languages left out stay untranslated)."""
    values = {**_texts("name", name)}
    for field, value in (("description", description), ("key_facts", key_facts), ("city", city)):
        if value is not None:
            values.update(_texts(field, value))
    obj = Partner(slug=slug, kind=kind, territory=territory, **values, **fields)
    if publish:
        obj.save()
        obj.save_revision().publish()
    else:
        obj.live = False
        obj.save()
        obj.save_revision()
    obj.refresh_from_db()
    return obj


def all_four(text_fr, text_en, text_es, text_ko):
    return {"fr": text_fr, "en": text_en, "es": text_es, "ko": text_ko}
