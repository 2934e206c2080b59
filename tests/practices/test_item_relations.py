"""An item's terms, partners and related items, read in one query (prefetch_relations): the
same objects, in the same order, as Django's own relations, in every language; drafts left
out; what the query did not read still right when read."""

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.documents.models import Document

from partners.models import Partner
from practices.models import CollaborationStage, GoodPracticeDocument, StakeholderType
from practices.views import find_item, prefetch_relations
from tests.conftest import four
from tests.practices.factories import case, practice, theme

pytestmark = pytest.mark.django_db

# Names whose order differs between French and Korean, so that a sort in the wrong language shows.
PARTNERS = [
    ("alpha", "Alpha coop", "다 협동조합"), ("beta", "Beta réseau", "가 네트워크"), ("gamma", "Gamma ville", "나 도시"),
]


def partner(slug, fr, ko):
    return Partner.objects.create(slug=slug, name=fr, city="Montréal", website=f"https://{slug}.example",
                                  **four(fr, f"{fr} (en)", None, ko, field="name"))


@pytest.fixture
def linked(library):
    themes = [theme("t-b", "B thème", ko="가 주제"), theme("t-a", "A thème", ko="나 주제")]
    kinds = [StakeholderType.objects.create(slug=f"s-{n}", name=fr, **four(fr, None, None, ko, field="name"))
             for n, fr, ko in [(1, "Z acteurs", "가 행위자"), (2, "Y acteurs", "나 행위자")]]
    stages = [CollaborationStage.objects.create(slug=slug, order=order, name=slug, **four(slug, field="name"))
              for slug, order in [("stage-late", 3), ("stage-early", 1)]]
    partners = [partner(*row) for row in PARTNERS]
    main = practice("main-practice", {"fr": "Pratique principale", "ko": "주요 실천"}, themes=themes,
                    stakeholder_types=kinds, partners=partners)
    other = practice("other-practice", {"fr": "Autre pratique"}, start_year=2001)
    cases = [
        case("case-old", {"fr": "Cas ancien", "ko": "오래된 사례"}, start_year=2005, related_practices=[main, other],
             stages=stages, partners=partners[:1]),
        case("case-new", {"fr": "Cas récent"}, start_year=2020, related_practices=[main]),
        case("case-undated", {"fr": "Cas sans date"}, related_practices=[main]),
        case("case-draft", {"fr": "Cas en brouillon"}, publish=False, start_year=2022, related_practices=[main]),
    ]
    return {"main": main, "other": other, "cases": cases}


def listed(objects, field):
    return [(obj.pk, obj.slug, *(getattr(obj, f"{field}_{code}") for code in ("fr", "en", "es", "ko")))
            for obj in objects]


def django_order(related, language):
    """What the items' Meta.ordering gives (newest start year first, then the title), with
    undated items last on every database."""
    title = f"title_{language}"
    return sorted(related, key=lambda obj: (obj.start_year is None, -(obj.start_year or 0), getattr(obj, title)))


@pytest.mark.parametrize("language", ["fr", "ko"])
@pytest.mark.parametrize(("kind", "slug"), [("practice", "main-practice"), ("case", "case-old")])
def test_relations_match_djangos_in_every_language(linked, language, kind, slug):
    with translation.override(language):
        item = prefetch_relations(find_item(slug, (kind,)))
        fresh = type(item).objects.get(pk=item.pk)
        relations = {"themes": "name", "stakeholder_types": "name", "partners": "name"}
        if kind == "case":
            relations["stages"] = "name"
        for relation, field in relations.items():
            ours, djangos = getattr(item, relation).all(), getattr(fresh, relation).all()
            assert listed(ours, field) == listed(djangos, field), relation
        related = "cases" if kind == "practice" else "related_practices"
        expected = django_order(getattr(fresh, related).filter(live=True), language)
        assert listed(getattr(item, related).all(), "title") == listed(expected, "title")


def test_practice_lists_its_live_cases_newest_first_and_undated_last(linked):
    with translation.override("fr"):
        item = prefetch_relations(find_item("main-practice", ("practice",)))
    assert [obj.slug for obj in item.cases.all()] == ["case-new", "case-old", "case-undated"]
    # Partners by name in the visitor's language.
    assert [p.slug for p in item.partners.all()] == ["alpha", "beta", "gamma"]
    with translation.override("ko"):
        item = prefetch_relations(find_item("main-practice", ("practice",)))
    assert [p.slug for p in item.partners.all()] == ["beta", "gamma", "alpha"]
    assert [t.slug for t in item.themes.all()] == ["t-b", "t-a"]


def test_stages_in_their_order(linked):
    with translation.override("fr"):
        item = prefetch_relations(find_item("case-old", ("case",)))
    assert [stage.slug for stage in item.stages.all()] == ["stage-early", "stage-late"]
    assert [obj.slug for obj in item.related_practices.all()] == ["other-practice", "main-practice"]  # undated last


def test_one_query_and_unread_fields_still_right(linked):
    item = find_item("main-practice", ("practice",))
    with CaptureQueriesContext(connection) as queries:
        prefetch_relations(item)
        [list(getattr(item, name).all()) for name in ("themes", "stakeholder_types", "partners", "cases")]
    assert len(queries) == 1
    first = item.partners.all()[0]
    assert (first.name, first.website) == ("Alpha coop", "https://alpha.example")
    assert first.city == "Montréal"  # not read by the query: loaded on access, never a default


def test_item_page_shows_partners_and_cases_in_the_visitors_language(client, library, linked):
    with translation.override("ko"):
        url = library.url + "main-practice/"
    content = client.get(url).content.decode()
    positions = [content.index(name) for name in ("가 네트워크", "나 도시", "다 협동조합")]
    assert positions == sorted(positions)
    assert "오래된 사례" in content and "Cas en brouillon" not in content
    assert content.index("Cas récent") < content.index("오래된 사례") < content.index("Cas sans date")


def test_documents_in_the_editors_order_with_their_files(linked):
    files = []
    for title in ("Rapport annuel", "Guide pratique"):
        document = Document.objects.create(title=title)
        document.file.save(f"{title.split()[0].lower()}.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
        files.append(document)
    main = linked["main"]
    main.documents.add(GoodPracticeDocument(document=files[0], sort_order=1, link_text_fr="Le rapport",
                                            link_text_ko="보고서"))
    main.documents.add(GoodPracticeDocument(document=files[1], sort_order=0))
    main.save()
    main.save_revision().publish()
    with translation.override("ko"):
        item = find_item("main-practice", ("practice",))
        with CaptureQueriesContext(connection) as queries:
            prefetch_relations(item)
            links = [(link.label, link.document.url, link.document.file_size) for link in item.documents.all()]
    assert len(queries) == 2  # the relations, then the two documents
    assert links == [("Guide pratique", files[1].url, files[1].file_size), ("보고서", files[0].url, files[0].file_size)]
    # An item without documents reads none.
    item = find_item("case-new", ("case",))
    with CaptureQueriesContext(connection) as queries:
        prefetch_relations(item)
    assert len(queries) == 1 and list(item.documents.all()) == []


def _fields(obj):
    return {name: value for name, value in vars(obj).items() if not name.startswith("_")}


@pytest.mark.parametrize("language", ["fr", "ko"])
def test_the_item_query_compiled_once_finds_what_the_queryset_finds(items, language):
    from practices import views
    from practices.models import CollaborationCase, GoodPractice

    views._compiled_items.clear()
    with translation.override(language):
        for model in (GoodPractice, CollaborationCase):
            for slug in list(model.objects.values_list("slug", flat=True)) + ["no-such-item", "x' OR '1'='1"]:
                expected = views._item_queryset(model).filter(slug=slug).first()
                found = views._live_item(model, slug)
                if expected is None:
                    assert found is None, slug
                    continue
                assert type(found) is model and found.pk == expected.pk
                assert _fields(found) == _fields(expected)
                assert found.title == expected.title  # the visitor's language, with the French fallback
                assert set(found._state.fields_cache) == set(expected._state.fields_cache)
                for name, related in expected._state.fields_cache.items():
                    assert (related and _fields(related)) == (found._state.fields_cache[name]
                                                             and _fields(found._state.fields_cache[name]))
                assert not found._state.adding and found._state.db == expected._state.db
    # One compiled query per kind and language, reused for every slug.
    assert len([key for key in views._compiled_items if key[1] == language]) == 2
