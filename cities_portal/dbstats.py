"""Planner statistics after bulk loads.

pg_restore does not carry PostgreSQL's statistics, and a bulk insert leaves them describing
the tables as they were, until autovacuum catches up (never, where it is turned off, as on
this project's development machines). With stale statistics the planner once estimated 4
matching rows for a search that matched 6,000 and chose a nested loop: 7 s instead of 0.1 s
(bench/, issue #6). So every command that loads many rows at once refreshes them itself.
"""

from django.db import DEFAULT_DB_ALIAS, connections


def refresh_statistics(using=DEFAULT_DB_ALIAS):
    """ANALYZE the whole database on PostgreSQL (a few hundred ms for the demo site, ~1 s at
    10,000 items); True if it ran. SQLite plans well without them and is left alone: its
    ANALYZE would write sqlite_stat1 tables that change plans the tests rely on."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return True
