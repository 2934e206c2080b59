"""Relevance scores of a search in one query, without loading the items.

modelsearch's SQLite backend orders by relevance through a correlated subquery that runs
the FTS5 MATCH once per candidate row: at 10,000 items a search took 25 s. The same match
and the same bm25 expression, read once from the FTS table, take a few milliseconds. On
PostgreSQL, modelsearch's own query and ordering are kept, but read as (pk, score) pairs
from the cursor (scored()): building up to 500 model instances per kind cost ~25 ms of CPU
per search.

This leans on modelsearch's compiler (pinned in requirements.lock); the library's search
tests run through it on SQLite, so an upgrade that changes it fails there first.
"""

from django.core.exceptions import EmptyResultSet, FieldError
from django.db import connection, connections


def ranked(results):
    """[(pk, score)] best first for a modelsearch SearchResults (limited to its queryset),
    or None where this is not SQLite."""
    if connection.vendor != "sqlite":
        return None
    from django.db.models import CharField
    from django.db.models.functions import Cast
    from modelsearch.backends.database.sqlite.query import MatchAll, MatchExpression, Not, normalize
    from modelsearch.backends.database.sqlite.sqlite import SQLiteFTSIndexEntry
    from modelsearch.utils import get_descendants_content_types_pks

    compiler = results.query_compiler
    if not hasattr(compiler, "_build_rank_expression"):
        return None
    query = normalize(compiler.query)
    if isinstance(query, (MatchAll, Not)):
        return None
    match = MatchExpression(compiler.fields or compiler.FTS_TABLE_FIELDS,
                            compiler.build_search_query(query, config=None))
    rank = compiler._build_rank_expression(compiler.get_search_vectors(), None)
    rows = (SQLiteFTSIndexEntry.objects.filter(match)
            .filter(index_entry__content_type__in=get_descendants_content_types_pks(compiler.queryset.model))
            .filter(index_entry__object_id__in=compiler.queryset.order_by()
                    .annotate(key=Cast("pk", CharField())).values("key"))
            .annotate(score=rank).values_list("index_entry__object_id", "score"))
    sql, params = rows.query.sql_with_params()
    # SQLite's planner loops over the index entries and evaluates the MATCH for each one
    # (15 s at 10,000 items); CROSS JOIN makes the full-text table drive the join (ms).
    sql = sql.replace(' INNER JOIN "wagtailsearch_indexentry" ON ', ' CROSS JOIN "wagtailsearch_indexentry" ON ', 1)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    # bm25 is lower for better matches; Wagtail orders ascending too.
    best = {}
    for object_id, score in rows:
        pk = int(object_id)
        if pk not in best or score < best[pk]:
            best[pk] = score
    return sorted(best.items(), key=lambda item: (item[1], -item[0]))


def scored(results, limit):
    """[(pk, score)] best first, at most `limit`, from modelsearch's own relevance query (the
    database backends), or None for a backend that builds no queryset (Elasticsearch)."""
    results = results.annotate_score("_score")[:limit]
    get_queryset = getattr(results, "get_queryset", None)
    if get_queryset is None:
        return None
    queryset = get_queryset()
    try:
        sql, params = queryset.values_list("pk", "_score").query.sql_with_params()
    except (AttributeError, FieldError):  # a query that matches everything or nothing carries no score
        return None
    except EmptyResultSet:
        return []
    # Read straight from the cursor: up to 500 rows through modeltranslation's values_list
    # iterator cost ~4 ms of CPU per search, for two numbers a row. Its queryset may put the
    # columns in either order, so they are found by name.
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        names = [column[0] for column in cursor.description]
        pk, score = names.index("pk"), names.index("_score")
        return [(row[pk], row[score]) for row in cursor.fetchall()]
