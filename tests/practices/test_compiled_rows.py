"""LibraryQuery.rows_for() runs its union query compiled once per shape (CompiledRows): the
rows are those of the ORM's queryset, for any keys, languages and options."""

import pytest
from django.http import QueryDict
from django.utils import translation

from practices.library import CompiledRows, LibraryQuery, rows_queryset_for
from tests.conftest import LANGS

pytestmark = pytest.mark.django_db


def by_key(rows):
    return {(row["kind"], row["pk"]): row for row in rows}


@pytest.mark.parametrize("code", LANGS)
@pytest.mark.parametrize("labels", [False, True])
@pytest.mark.parametrize("live_only", [False, True])
def test_compiled_rows_are_the_rows_of_the_orm_query(items, code, labels, live_only):
    practices = [item.pk for item in items.values() if item.kind == "practice"]
    cases = [item.pk for item in items.values() if item.kind == "case"]
    with translation.override(code):
        for wanted in ({"practice": practices, "case": cases}, {"case": cases}, {"practice": practices[:1]},
                       {"case": cases[::-1], "practice": practices[1:]}):
            expected = by_key(rows_queryset_for(wanted, labels, live_only))
            # Twice: the second run reuses the first's compiled query with the same keys.
            for _run in range(2):
                assert by_key(CompiledRows.get(wanted, labels, live_only).rows(wanted)) == expected
    # The draft is a row unless live_only.
    assert any(row["slug"] == "brouillon-secret" for row in expected.values()) is not live_only


def test_one_compiled_shape_serves_other_keys_of_the_same_count(items):
    first = {"practice": [items["cdec"].pk], "case": [items["seoul_case"].pk]}
    second = {"practice": [items["mondragon"].pk], "case": [items["quebec_case"].pk]}
    compiled = CompiledRows.get(first, True, False)
    assert CompiledRows.get(second, True, False) is compiled
    assert [row["slug"] for row in compiled.rows(second)] == sorted(
        ["mondragon", "politique-nationale-ruralite"], key=lambda slug: slug != "mondragon")
    with translation.override("ko"):
        assert CompiledRows.get(second, True, False) is not compiled  # the language is part of the shape


def test_rows_for_keeps_the_order_asked_for_and_skips_unknown_keys(items):
    query = LibraryQuery(QueryDict(""))
    keys = [("case", items["seoul_case"].pk), ("practice", items["seoul"].pk), ("practice", 10**9),
            ("nothing", 1), ("practice", items["cdec"].pk)]
    with translation.override("en"):
        rows = query.rows_for(keys, labels=True)
    assert [(row["kind"], row["slug"]) for row in rows] == [
        ("case", "seoul-co-governance"), ("practice", "seoul-ecosystem"), ("practice", "cdec-montreal")]
    assert rows[1]["title_en"] == "Seoul's SSE ecosystem" and rows[1]["place_en"] == "Seoul"
    assert query.rows_for([("nothing", 1)]) == [] and query.rows_for([]) == []
    # The same key twice is one row, shown twice, as before.
    twice = query.rows_for([("practice", items["cdec"].pk)] * 2)
    assert [row["slug"] for row in twice] == ["cdec-montreal", "cdec-montreal"]
