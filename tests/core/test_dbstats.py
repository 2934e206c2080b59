"""Bulk loads refresh the planner's statistics on PostgreSQL (cities_portal/dbstats.py).

Without them the planner mistook a 6,000-row search for a 4-row one and took 7 s (issue #6),
so the restore, the demo loader and the synthetic generator each run ANALYZE. CI runs this
module on both databases; each checks its own side (no skip).
"""

import io

import pytest
from django.core.management import call_command
from django.db import connection

from cities_portal.dbstats import refresh_statistics
from practices.models import GoodPractice

pytestmark = pytest.mark.django_db


def planner_rows(table):
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
        return cursor.fetchone()[0]


def sqlite_statistics_tables():
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE name LIKE 'sqlite_stat%'")
        return cursor.fetchall()


def test_the_synthetic_generator_leaves_the_planner_knowing_the_new_rows():
    if connection.vendor == "postgresql":
        # A table never analysed is "-1 rows" to PostgreSQL 14 and later (0 before).
        assert planner_rows(GoodPractice._meta.db_table) <= 0
    call_command("generate_synthetic_practices", 40, "--no-index", stdout=io.StringIO())
    assert GoodPractice.objects.count() == 28
    if connection.vendor == "postgresql":
        assert planner_rows(GoodPractice._meta.db_table) == 28
    else:
        # SQLite plans well without statistics; its ANALYZE would change plans the suite relies on.
        assert sqlite_statistics_tables() == []
        assert refresh_statistics() is False
