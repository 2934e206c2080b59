#!/usr/bin/env python
"""Benchmark of the portal as deployed: gunicorn workers, production settings.

    .venv/bin/python bench/run.py                 # SQLite, 10,000 synthetic items
    .venv/bin/python bench/run.py --db postgres   # the same on the local PostgreSQL
    make bench / make bench-pg

Two servers run side by side from one database: one with the anonymous page cache on, one
with it off. For each page (home, a pillar, the library unfiltered, with three filters, a
search, an item, a partner profile) and for a small static file served by the same server
(the ceiling), it reports, in one run:
  - requests/s and p50/p99 latency under load (wrk, 8 connections);
  - p50/p99 latency at one client;
  - the workers' CPU time per uncached request at one client (steadiest on a shared machine);
then 64 concurrent clients for --soak seconds over all pages (errors must be 0), and the
workers' resident memory at the end. Results are printed and written to bench/results/.
Needs wrk (Debian: apt-get install wrk).
"""

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PY = sys.executable
TICKS = os.sysconf("SC_CLK_TCK")


def sh(args, env, **kwargs):
    return subprocess.run(args, env=env, cwd=ROOT, check=True, **kwargs)


def prepare_database(args, env):
    if args.db == "postgres":
        name = "cities_bench"
        env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{name}"
        if not args.reuse:
            subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", name], check=True)
            subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
    else:
        db = RESULTS / "bench.sqlite3"
        env["DATABASE_URL"] = f"sqlite:///{db}"
        if not args.reuse and db.exists():
            db.unlink()
    manage = [PY, "manage.py"]
    sh(manage + ["migrate", "--noinput", "-v", "0"], env)
    sh(manage + ["load_demo_content", "--skip-index"], env, stdout=subprocess.DEVNULL)
    if not args.reuse:
        sh(manage + ["generate_synthetic_practices", str(args.items), "--no-index"], env)
        sh(manage + ["update_index"], env, stdout=subprocess.DEVNULL)
    sh(manage + ["collectstatic", "--noinput", "-v", "0"], env)


def discover_urls(env):
    """Ask Django for one URL of each page kind (in French), from the bench database."""
    out = subprocess.run([PY, str(ROOT / "bench" / "urls.py")], env=env, cwd=ROOT, check=True,
                         capture_output=True, text=True)
    urls = json.loads(out.stdout.strip().splitlines()[-1])
    for note in urls.pop("_notes", []):
        print(f"note: {note}")
    return urls


def start_server(env, port, cache_seconds, workers, cache_dir):
    env = dict(env, PAGE_CACHE_SECONDS=str(cache_seconds), CACHE_DIR=str(cache_dir))
    if cache_dir.exists():
        shutil.rmtree(cache_dir)
    proc = subprocess.Popen(
        [str(Path(PY).parent / "gunicorn"), "cities_portal.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--log-level", "warning"],
        env=env, cwd=ROOT, start_new_session=True,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            break
        except Exception:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/fr/", timeout=2)
                break
            except Exception:
                time.sleep(0.2)
    return proc


def worker_pids(master):
    pids = []
    for task in Path(f"/proc/{master.pid}/task").iterdir():
        children = (task / "children").read_text().split()
        pids += [int(p) for p in children]
    return pids


def cpu_ticks(pids):
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])
    return total


def rss_mb(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def wrk(url, connections, seconds, threads=None, script=None):
    threads = threads or min(2, connections)
    cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    if script:
        cmd[1:1] = ["-s", str(script)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout

    def latency(pct):
        m = re.search(rf"^\s+{pct}%\s+([\d.]+)(us|ms|s|m)\s*$", out, re.M)
        return float(m.group(1)) * _UNITS[m.group(2)] if m else None

    requests = int(re.search(r"(\d+) requests in", out).group(1))
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = 0
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    if m:
        errors += sum(int(x) for x in m.groups())
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if m:
        errors += int(m.group(1))
    return {"rps": rps, "p50_ms": latency(50), "p99_ms": latency(99), "requests": requests, "errors": errors}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--seconds", type=int, default=5, help="duration of each wrk run")
    parser.add_argument("--soak", type=int, default=60, help="duration of the 64-client run")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--reuse", action="store_true", help="reuse the bench database as it is")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk")
    RESULTS.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="cities_portal.settings.production",
               SECRET_KEY="bench-" + "k9!Xq" * 12, ALLOWED_HOSTS="127.0.0.1,localhost",
               SECURE_SSL_REDIRECT="false", SECURE_COOKIES="false", STATIC_ROOT=str(RESULTS / "static"))
    env.pop("REDIS_URL", None)
    print(f"Preparing the {args.db} database with {args.items} synthetic items...", flush=True)
    prepare_database(args, env)
    urls = discover_urls(env)
    cached = start_server(env, 8101, 600, args.workers, RESULTS / "cache-on")
    uncached = start_server(env, 8102, 0, args.workers, RESULTS / "cache-off")
    try:
        home_html = urllib.request.urlopen(f"http://127.0.0.1:8101{urls['home']}").read().decode()
        static = re.search(r'href="(/static/css/site[^"]*\.css)"', home_html).group(1)
        rows = []
        ceiling = wrk(f"http://127.0.0.1:8101{static}", 8, args.seconds)
        rows.append({"page": "static file (ceiling)", "url": static, "cached": ceiling, "uncached": None})
        pids_uncached = worker_pids(uncached)
        for name, path in urls.items():
            for port in (8101, 8102):  # warm both servers (and fill the cache)
                for _ in range(3):
                    urllib.request.urlopen(f"http://127.0.0.1:{port}{path}").read()
            hot = wrk(f"http://127.0.0.1:8101{path}", 8, args.seconds)
            cold = wrk(f"http://127.0.0.1:8102{path}", 8, args.seconds)
            before = cpu_ticks(pids_uncached)
            one = wrk(f"http://127.0.0.1:8102{path}", 1, args.seconds, threads=1)
            cpu_ms = (cpu_ticks(pids_uncached) - before) * 1000 / TICKS / max(one["requests"], 1)
            one_hot = wrk(f"http://127.0.0.1:8101{path}", 1, args.seconds, threads=1)
            rows.append({"page": name, "url": path, "cached": hot, "uncached": cold,
                         "one_client_uncached": one, "one_client_cached": one_hot, "cpu_ms_per_request": cpu_ms})
        lua = RESULTS / "mix.lua"
        paths = list(urls.values()) + [static]
        lua.write_text("paths = {" + ",".join(json.dumps(p) for p in paths) + "}\ni = 0\n"
                       "request = function()\n  i = i + 1\n  return wrk.format('GET', paths[(i % #paths) + 1])\nend\n")
        soak = {}
        for label, port in (("cached", 8101), ("uncached", 8102)):
            soak[label] = wrk(f"http://127.0.0.1:{port}", 64, args.soak, threads=2, script=lua)
        memory = {"cached": [rss_mb(p) for p in worker_pids(cached)],
                  "uncached": [rss_mb(p) for p in worker_pids(uncached)]}
    finally:
        for proc in (cached, uncached):
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=30)
    report(args, rows, soak, memory, ceiling)


def report(args, rows, soak, memory, ceiling):
    def f(value, fmt="{:.1f}"):
        return "-" if value is None else fmt.format(value)

    print(f"\nC.I.T.I.E.S. benchmark — {args.db}, {args.items} synthetic items, {args.workers} workers, "
          f"{args.seconds}s per run\n")
    header = (f"{'page':24} {'cached r/s':>10} {'% static':>8} {'p50':>6} {'p99':>6} | {'uncached r/s':>12} "
              f"{'p50':>6} {'p99':>6} | {'1 client p50':>12} {'p99':>6} {'CPU ms/req':>10}")
    print(header)
    print("-" * len(header))
    for row in rows:
        c, u, one = row["cached"], row.get("uncached"), row.get("one_client_uncached")
        share = 100 * c["rps"] / ceiling["rps"]
        print(f"{row['page']:24} {c['rps']:10.0f} {share:7.0f}% {f(c['p50_ms'])!s:>6} {f(c['p99_ms'])!s:>6} | "
              f"{f(u and u['rps'], '{:.0f}')!s:>12} {f(u and u['p50_ms'])!s:>6} {f(u and u['p99_ms'])!s:>6} | "
              f"{f(one and one['p50_ms'])!s:>12} {f(one and one['p99_ms'])!s:>6} "
              f"{f(row.get('cpu_ms_per_request'))!s:>10}")
    print("\nlatencies in ms; '% static' = cached throughput as a share of the static file's")
    for label, result in soak.items():
        print(f"64 clients for {args.soak}s, {label}: {result['requests']} requests, {result['rps']:.0f} r/s, "
              f"p99 {f(result['p99_ms'])} ms, errors {result['errors']}")
    for label, values in memory.items():
        print(f"worker RSS after the run ({label}): " + ", ".join(f"{v:.0f} MB" for v in values))
    out = RESULTS / f"bench-{args.db}-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps({"args": vars(args), "rows": rows, "soak": soak, "memory_mb": memory}, indent=2))
    print(f"\nwritten to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
