#!/usr/bin/env python
"""In-process CPU time and SQL queries per uncached request, with an optional profile.

    .venv/bin/python bench/cpu.py                       # every page kind of bench/urls.py
    .venv/bin/python bench/cpu.py /fr/ -n 50 --profile  # one URL, top functions (cProfile)

Uses the bench database that bench/run.py prepared (bench/results/bench.sqlite3, or
DATABASE_URL) and the production settings, with the page cache off and the library's query
cache off too unless QUERY_CACHE_SECONDS is set (cold pages, as run.py measures them).
`--cached` measures page-cache hits instead (the path a cached page takes through the
middleware). The CPU figure is the process's own CPU time (no HTTP server), so it is a
little below what run.py reports. SORT=tottime orders the profile by own time.
"""

import argparse
import cProfile
import io
import os
import pstats
import statistics
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
os.environ.setdefault("MEDIA_ROOT", str(ROOT / "bench" / "results" / "media"))  # the demo's logos
os.environ.setdefault("QUERY_CACHE_SECONDS", "0")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("urls", nargs="*")
    parser.add_argument("-n", type=int, default=30, help="requests per URL")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--top", type=int, default=35)
    parser.add_argument("--cached", action="store_true", help="measure page-cache hits")
    args = parser.parse_args()
    os.environ["PAGE_CACHE_SECONDS"] = "600" if args.cached else "0"

    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    if args.urls:
        urls = {url: url for url in args.urls}
    else:
        sys.path.insert(0, str(ROOT / "bench"))
        from urls import discover

        urls = discover()
        urls.pop("_notes", None)
    from cities_portal.page_cache import bump_generation

    client = Client(HTTP_HOST="127.0.0.1")
    # "after a publish": the first request once the content generation moved on, which reads
    # again what each worker keeps per generation (the library's index, the page tree...).
    print(f"{'page':24} {'CPU ms/req':>10} {'median':>10} {'queries':>8} {'after a publish':>16}")
    for name, url in urls.items():
        for _ in range(3):
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
        queries = []

        def count(execute, sql, params, many, context, queries=queries):
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            client.get(url)
        bump_generation()
        start = time.process_time()
        client.get(url)
        first = (time.process_time() - start) * 1000
        profiler = cProfile.Profile() if args.profile else None
        times = []
        if profiler:
            profiler.enable()
        for _ in range(args.n):
            start = time.process_time()
            client.get(url)
            times.append((time.process_time() - start) * 1000)
        if profiler:
            profiler.disable()
        cpu = sum(times) / args.n
        # The median is the steadier figure on a shared machine: one request delayed by a
        # neighbour moves the mean.
        median = statistics.median(times)
        print(f"{name:24} {cpu:10.1f} {median:10.1f} {len(queries):8d} {first:13.1f} ms", flush=True)
        if profiler:
            out = io.StringIO()
            stats = pstats.Stats(profiler, stream=out).sort_stats(os.environ.get("SORT", "cumulative"))
            stats.print_stats(args.top)
            if os.environ.get("CALLERS"):  # e.g. CALLERS=get_url_parts: who calls it, how often
                stats.print_callers(os.environ["CALLERS"])
            print(out.getvalue())


if __name__ == "__main__":
    main()
