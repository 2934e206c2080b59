"""What a site holds, as the backup round-trip test compares it before and after a restore.

Run in a fresh interpreter against a site given by DATABASE_URL and MEDIA_ROOT (the test runs
it once on the backed-up site and once on the restored one):

    python -m tests.security.backup_probe OUT.json [--pages]

It writes: the rows and columns of every table, the applied migrations, the SHA-256 of every
media file and, with --pages, the status of every live page in every language and of every
address in the sitemap. The rows are counted before any page is rendered, since rendering
may create image renditions.
"""

import hashlib
import json
import os
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit


def tables(connection):
    result = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            rows = cursor.fetchone()[0]
            columns = [column.name for column in connection.introspection.get_table_description(cursor, table)]
            result[table] = {"rows": rows, "columns": sorted(columns)}
    return result


def media(root):
    root = Path(root)
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def pages():
    from django.test import Client
    from wagtail.models import Page

    client = Client()
    statuses, languages = {}, {}
    for page in Page.objects.live().filter(depth__gte=2).specific():
        urls = page.get_alternate_urls()
        languages[str(page.pk)] = urls
        for url in urls.values():
            statuses[url] = client.get(url).status_code
    sitemap = client.get("/sitemap.xml")
    statuses["/sitemap.xml"] = sitemap.status_code
    for location in re.findall(r"<loc>([^<]+)</loc>", sitemap.content.decode()):
        path = urlsplit(location).path
        if path not in statuses:
            statuses[path] = client.get(path).status_code
    return {"statuses": statuses, "languages": languages}


def main(out, with_pages):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cities_portal.settings.dev")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.db.migrations.recorder import MigrationRecorder

    state = {
        "vendor": connection.vendor,
        "tables": tables(connection),
        "migrations": sorted(f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations()),
        "media": media(settings.MEDIA_ROOT),
    }
    if with_pages:
        state["pages"] = pages()
    Path(out).write_text(json.dumps(state, indent=1, sort_keys=True))


if __name__ == "__main__":
    main(sys.argv[1], "--pages" in sys.argv[2:])
