"""Demo content of the library: its themes and territories, the library page under the
Partager pillar, and the good practices and collaboration cases drawn from the centre's
documents, published, in four languages.

Every object is created once under a stable key (see cities_portal.demo.DemoLoader):
re-running the command keeps editors' changes and deletions. The fixed vocabularies
(stakeholder types, collaboration forms and stages, resource types) come from migration
0002 and are looked up by slug; partners are linked when the partners' demo created them.
"""

import uuid
from pathlib import Path

from django.apps import apps

from cities_portal.demo import read_toml, translations
from cities_portal.i18n import LANGUAGE_CODES, SOURCE_LANGUAGE
from practices.models import (
    CollaborationCase,
    CollaborationForm,
    CollaborationStage,
    GoodPractice,
    LibraryPage,
    ResourceType,
    StakeholderType,
    Territory,
    Theme,
)
from services.models import ServicePillarPage

CONTENT_DIR = Path(__file__).resolve().parent / "demo_content"

PRACTICE_TEXTS = ("title", "summary", "body", "outcomes", "lessons", "sources", "image_alt")
CASE_TEXTS = ("title", "summary", "public_actors", "civil_society_actors", "policy_instrument",
              "co_construction", "results", "transfer_conditions", "sources", "image_alt")


def texts(data, fields):
    """Translated columns of the `fields` present in `data`, plus the plain (French) column."""
    values = {}
    for field in fields:
        if field in data:
            values.update(translations(data, field))
            values[field] = data[field][SOURCE_LANGUAGE]
    return values


def by_slug(model, slugs):
    """The existing rows of `model` with these slugs; missing ones are skipped."""
    return list(model.objects.filter(slug__in=list(slugs))) if slugs else []


def partners_by_slug(slugs):
    """Partners of the partners app, when it is installed and its demo created them."""
    if not slugs or not apps.is_installed("partners"):
        return []
    Partner = apps.get_model("partners", "Partner")
    return list(Partner.objects.filter(slug__in=list(slugs)))


def load_term(loader, model, key, data, fields):
    def create():
        # An editor may have created the same term by hand before the demo ran: adopt it.
        existing = model.objects.filter(slug=data["slug"]).first()
        if existing is not None:
            return existing
        extra = {name: data[name] for name in ("country_code", "latitude", "longitude") if name in data}
        term = model(slug=data["slug"], **extra, **texts(data, fields))
        term.save()
        return term

    term, _created = loader.once(key, create)
    return term


def load_taxonomies(loader, content):
    themes = {}
    for data in content["themes"]:
        themes[data["slug"]] = load_term(loader, Theme, f"practices.theme.{data['slug']}", data, ("name",))
    territories = {}
    for data in content["territories"]:
        territories[data["slug"]] = load_term(
            loader, Territory, f"practices.territory.{data['slug']}", data,
            ("name", "country", "region", "city"),
        )
    return themes, territories


def find_share_pillar():
    return ServicePillarPage.objects.filter(pillar="share").order_by("path").first()


def load_library_page(loader, data):
    pillar = find_share_pillar()
    if pillar is None:
        loader.log("No Partager pillar (pillar = share): the library page is not created.")
        return None
    page = LibraryPage(
        per_page=data.get("per_page", 20),
        show_in_menus=True,
        **translations(data, "title"),
        **translations(data, "slug"),
        **translations(data, "intro"),
    )
    return loader.add_page("practices.library", pillar, page)


def publish_item(model, data, text_fields, plain, m2m):
    """Create the item (or adopt one with the same slug), set its relations, publish it."""
    existing = model.objects.filter(slug=data["slug"]).first()
    if existing is not None:
        return existing
    item = model(slug=data["slug"], **plain, **texts(data, text_fields))
    # Parental many-to-many relations are held in memory and stored by the first save(),
    # which also indexes the item with its partners and terms.
    for name, values in m2m.items():
        getattr(item, name).set(values)
    item.save()
    item.save_revision().publish()
    return item


def common_fields(data, territories):
    territory = territories.get(data.get("territory"))
    resource = ResourceType.objects.filter(slug=data["resource_type"]).first() if "resource_type" in data else None
    return {
        "territory": territory,
        "start_year": data.get("start_year"),
        "end_year": data.get("end_year"),
        "resource_type": resource,
    }


def common_relations(data, themes):
    return {
        "themes": [themes[slug] for slug in data.get("themes", []) if themes.get(slug) is not None],
        "stakeholder_types": by_slug(StakeholderType, data.get("stakeholder_types")),
        "partners": partners_by_slug(data.get("partners")),
    }


def load_practices(loader, content, themes, territories):
    practices = {}
    for data in content["practices"]:
        def create(data=data):
            return publish_item(GoodPractice, data, PRACTICE_TEXTS, common_fields(data, territories),
                                common_relations(data, themes))

        practice, _created = loader.once(f"practices.practice.{data['slug']}", create)
        practices[data["slug"]] = practice
    return practices


def load_cases(loader, content, themes, territories, practices):
    for data in content["cases"]:
        def create(data=data):
            plain = common_fields(data, territories)
            plain["collaboration_form"] = CollaborationForm.objects.filter(slug=data.get("collaboration_form")).first()
            m2m = common_relations(data, themes)
            m2m["stages"] = by_slug(CollaborationStage, data.get("stages"))
            m2m["related_practices"] = [
                practices[slug] for slug in data.get("related_practices", []) if practices.get(slug) is not None
            ]
            return publish_item(CollaborationCase, data, CASE_TEXTS, plain, m2m)

        loader.once(f"practices.case.{data['slug']}", create)


KINDS = {"practice": GoodPractice, "case": CollaborationCase}


def add_featured_items(loader, data):
    """Appends a selected-items block to the Partager pillar's body in each language, once."""
    pillar = find_share_pillar()
    if pillar is None or not data:
        return

    def create():
        keys = []
        for kind, slug in data["items"]:
            item = KINDS[kind].objects.filter(slug=slug, live=True).first()
            if item is not None:
                keys.append({"type": kind, "value": item.pk, "id": str(uuid.uuid5(uuid.NAMESPACE_URL, slug))})
        page = pillar.specific
        for code in LANGUAGE_CODES:
            block = {
                "type": "selected_items",
                "value": {"title": data["title"][code], "text": data["text"][code], "items": keys,
                          "show_library_link": True},
                "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"featured-{code}")),
            }
            body = getattr(page, f"body_{code}")
            setattr(page, f"body_{code}", [*(body.raw_data if body else []), block])
        page.save_revision().publish()
        return page

    loader.once("practices.featured", create)


def load(loader):
    themes, territories = load_taxonomies(loader, read_toml(CONTENT_DIR / "taxonomies.toml"))
    load_library_page(loader, read_toml(CONTENT_DIR / "library.toml")["page"])
    practices = load_practices(loader, read_toml(CONTENT_DIR / "practices.toml"), themes, territories)
    load_cases(loader, read_toml(CONTENT_DIR / "cases.toml"), themes, territories, practices)
    add_featured_items(loader, read_toml(CONTENT_DIR / "library.toml").get("featured"))
