#!/usr/bin/env python
"""In-process CPU time and SQL queries per uncached request, with an optional profile.

    .venv/bin/python bench/profile.py                       # every page kind of bench/urls.py
    .venv/bin/python bench/profile.py /fr/ -n 50 --profile  # one URL, top functions (cProfile)

Uses the bench database that bench/run.py prepared (bench/results/bench.sqlite3, or
DATABASE_URL) and the production settings, with the page cache off. The CPU figure is the
process's own CPU time (no HTTP server), so it is a little below what run.py reports.
"""

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cities_portal.settings.production")
os.environ.setdefault("SECRET_KEY", "bench-" + "k9!Xq" * 12)
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SECURE_COOKIES", "false")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'bench' / 'results' / 'bench.sqlite3'}")
os.environ.setdefault("STATIC_ROOT", str(ROOT / "bench" / "results" / "static"))
os.environ["PAGE_CACHE_SECONDS"] = "0"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("urls", nargs="*")
    parser.add_argument("-n", type=int, default=30, help="requests per URL")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--top", type=int, default=35)
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    if args.urls:
        urls = {url: url for url in args.urls}
    else:
        sys.path.insert(0, str(ROOT / "bench"))
        from urls import discover

        urls = discover()
        urls.pop("_notes", None)
    client = Client(HTTP_HOST="127.0.0.1")
    print(f"{'page':24} {'CPU ms/req':>10} {'queries':>8}")
    for name, url in urls.items():
        for _ in range(3):
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        profiler = cProfile.Profile() if args.profile else None
        start = time.process_time()
        if profiler:
            profiler.enable()
        for _ in range(args.n):
            client.get(url)
        if profiler:
            profiler.disable()
        cpu = (time.process_time() - start) * 1000 / args.n
        print(f"{name:24} {cpu:10.1f} {len(ctx.captured_queries):8d}", flush=True)
        if profiler:
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(args.top)
            print(out.getvalue())


if __name__ == "__main__":
    main()
