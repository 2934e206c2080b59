#!/usr/bin/env python
"""Benchmark of the portal as deployed: gunicorn workers, production settings.

    .venv/bin/python bench/run.py                        # SQLite, 10,000 synthetic items, twice
    .venv/bin/python bench/run.py --db postgres          # the same on the local PostgreSQL
    .venv/bin/python bench/run.py --items 200 --soak 5 --seconds 2 --repeat 1   # a smoke run

Two servers run side by side from one database: one with the anonymous page cache on, one
with it off. For each page (home, a pillar, the library unfiltered, with three filters, a
search, an item, a partner profile) and for a small static file served by the same server
(the ceiling), it reports, in one run:
  - requests/s and p50/p99 latency under load (wrk, 8 connections), cached and uncached;
  - p50/p95/p99 latency at one client, cached and uncached;
  - the workers' CPU time per uncached request at one client (steadiest on a shared machine);
then 64 concurrent clients for --soak seconds over all pages, cached and uncached (errors
must be 0), the workers' resident memory at the end, and, from bench/cpu.py before the
servers start, the SQL queries per page. The measurement is repeated --repeat times (2 by
default) so that the machine's noise shows, and each figure is checked against its target.
The machine's load (uptime) is printed before and after each repetition.
Results are printed and written to bench/results/ (text and JSON). Needs wrk (Debian:
apt-get install wrk).
"""

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PY = sys.executable
TICKS = os.sysconf("SC_CLK_TCK")
# wrk's own timeout is 2 s: a request queued behind 64 clients on two uncached workers waits
# longer than that without anything being wrong on the server, so the soak (and the one-client
# runs, whose CPU time is divided by the answered requests) give each request up to 30 s (a
# browser waits longer still), and timeouts are reported separately.
SOAK_TIMEOUT = "30s"

# Targets of issue #6 (CPU per uncached request, in ms, at one client) and issue #4.
CPU_TARGETS = {"home": 20, "library": 17, "library, 3 filters": 17, "search": 20, "item": 10}
ONE_CLIENT_P50_TARGET = {"library, 3 filters": 50, "search": 50}
CACHED_SHARE_TARGET = 80  # % of the static file's throughput
QUERY_TARGET = 12
RSS_TARGET_MB = 200

# wrk prints only p50/75/90/99 with --latency; this script prints what we need as JSON.
LUA_DONE = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, '
    .. '"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), e.connect, e.read, e.write, e.status, e.timeout))
end
"""


def sh(args, env, **kwargs):
    return subprocess.run(args, env=env, cwd=ROOT, check=True, **kwargs)


def load():
    return Path("/proc/loadavg").read_text().split()[:3]


def prepare_database(args, env):
    if args.db == "postgres":
        env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{args.pg_name}"
        if not args.reuse:
            pg = ["-h", "127.0.0.1", "-U", "postgres"]
            subprocess.run(["dropdb", *pg, "--if-exists", args.pg_name], check=True)
            subprocess.run(["createdb", *pg, args.pg_name], check=True)
    else:
        db = RESULTS / "bench.sqlite3"
        env["DATABASE_URL"] = f"sqlite:///{db}"
        if not args.reuse:
            for path in RESULTS.glob("bench.sqlite3*"):
                path.unlink()
    manage = [PY, "manage.py"]
    if not args.reuse:
        # wagtail-modeltranslation's migrate prints the SQL it runs: keep the report readable.
        sh(manage + ["migrate", "--noinput", "-v", "0"], env, stdout=subprocess.DEVNULL)
        sh(manage + ["load_demo_content", "--skip-index"], env, stdout=subprocess.DEVNULL)
        sh(manage + ["generate_synthetic_practices", str(args.items), "--no-index"], env)
        sh(manage + ["update_index"], env, stdout=subprocess.DEVNULL)
        # The search index was rebuilt after generate_synthetic_practices' ANALYZE.
        sh([PY, "-c", "import django; django.setup(); from cities_portal.dbstats import refresh_statistics; "
                      "refresh_statistics()"], env)
    sh(manage + ["collectstatic", "--noinput", "-v", "0"], env)


def count_items(env):
    code = ("import django; django.setup(); from practices.models import GoodPractice as P, CollaborationCase as C; "
            "print(P.objects.filter(live=True).count(), C.objects.filter(live=True).count())")
    out = subprocess.run([PY, "-c", code], env=env, cwd=ROOT, check=True, capture_output=True, text=True)
    practices, cases = out.stdout.split()[-2:]
    return int(practices), int(cases)


def discover_urls(env):
    """Ask Django for one URL of each page kind (in French), from the bench database."""
    out = subprocess.run([PY, str(ROOT / "bench" / "urls.py")], env=env, cwd=ROOT, check=True,
                         capture_output=True, text=True)
    urls = json.loads(out.stdout.strip().splitlines()[-1])
    notes = urls.pop("_notes", [])
    return urls, notes


def port_is_free(port):
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def start_server(env, port, cache_seconds, query_cache_seconds, workers, cache_dir):
    if not port_is_free(port):
        sys.exit(f"port {port} is already in use: pick others with --port")
    env = dict(env, PAGE_CACHE_SECONDS=str(cache_seconds), QUERY_CACHE_SECONDS=str(query_cache_seconds),
               CACHE_DIR=str(cache_dir))
    if cache_dir.exists():
        shutil.rmtree(cache_dir)
    proc = subprocess.Popen(
        [str(Path(PY).parent / "gunicorn"), "cities_portal.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--log-level", "warning"],
        env=env, cwd=ROOT, start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"gunicorn on port {port} exited with status {proc.returncode}")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2).read()
            # Every worker must be up before CPU time is attributed to them.
            if len(worker_pids(proc)) == workers:
                return proc
        except Exception:
            pass
        time.sleep(0.2)
    stop(proc)
    sys.exit(f"gunicorn on port {port} did not answer /healthz within 60 s")


def stop(proc):
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    proc.wait(timeout=30)


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
        total += int(fields[11]) + int(fields[12])  # utime + stime
    return total


def settled_ticks(pids):
    """CPU ticks once the workers have stopped using CPU (two unchanged readings)."""
    last, steady = cpu_ticks(pids), 0
    while steady < 2:
        time.sleep(0.1)
        now = cpu_ticks(pids)
        steady = steady + 1 if now == last else 0
        last = now
    return last


def rss_mb(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def wrk(url, connections, seconds, threads=None, paths=None, timeout=None):
    """One wrk run; `paths` makes it cycle over several paths of the same server."""
    threads = threads or min(2, connections)
    script = RESULTS / f"wrk-{os.getpid()}.lua"
    body = LUA_DONE
    if paths:
        body = ("paths = {" + ",".join(json.dumps(p) for p in paths) + "}\ni = 0\n"
                "request = function()\n  i = i + 1\n  return wrk.format('GET', paths[(i % #paths) + 1])\nend\n"
                + body)
    script.write_text(body)
    cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "-s", str(script)]
    if timeout:
        cmd += ["--timeout", timeout]
    try:
        out = subprocess.run(cmd + [url], capture_output=True, text=True, check=True).stdout
    finally:
        script.unlink(missing_ok=True)
    line = next(x for x in out.splitlines() if x.startswith("BENCH "))
    data = json.loads(line[len("BENCH "):])
    seconds_run = data["duration_us"] / 1e6
    if not data["requests"]:
        # Nothing answered in time (a very loaded machine): report it, keep the other figures.
        print(f"warning: no answer from {url} within {seconds} s", flush=True)
        return {"rps": 0.0, "requests": 0, "p50_ms": None, "p95_ms": None, "p99_ms": None,
                "errors": data["connect"] + data["read"] + data["write"] + data["status"],
                "timeouts": data["timeout"]}
    return {
        "rps": data["requests"] / seconds_run if seconds_run else 0.0,
        "requests": data["requests"],
        "p50_ms": data["p50_us"] / 1000, "p95_ms": data["p95_us"] / 1000, "p99_ms": data["p99_us"] / 1000,
        # 4xx/5xx answers and broken connections are errors; timeouts are counted apart.
        "errors": data["connect"] + data["read"] + data["write"] + data["status"],
        "timeouts": data["timeout"],
    }


def both(first, second):
    """Two wrk runs of the same address as one: mean requests/s and p50/p95, the worse p99."""
    pick = [value for value in (first, second) if value["requests"]]
    if not pick:
        return first
    merged = {"rps": sum(value["rps"] for value in (first, second)) / 2,
              "requests": first["requests"] + second["requests"],
              "errors": first["errors"] + second["errors"], "timeouts": first["timeouts"] + second["timeouts"]}
    for name in ("p50_ms", "p95_ms"):
        merged[name] = sum(value[name] for value in pick) / len(pick)
    merged["p99_ms"] = max(value["p99_ms"] for value in pick)
    return merged


def measure(args, urls, static, cached, uncached):
    base_hot, base_cold = f"http://127.0.0.1:{args.port}", f"http://127.0.0.1:{args.port + 1}"
    rows = []
    ceiling = wrk(base_hot + static, 8, args.seconds)
    rows.append({"page": "static file (ceiling)", "url": static, "cached": ceiling})
    pids_uncached = worker_pids(uncached)
    for name, path in urls.items():
        for base in (base_hot, base_cold):  # warm both servers (and fill the cache)
            for _ in range(3):
                urllib.request.urlopen(base + path, timeout=120).read()
        size = len(urllib.request.urlopen(base_cold + path, timeout=120).read())
        # The static file again, around the page (static, page, page, static): a shared
        # machine's speed drifts over the minutes a repetition takes, and even over the seconds
        # of one pair; a share against a ceiling read at the start of the repetition, or just
        # before the page, measured the drift as much as the page.
        first = wrk(base_hot + static, 8, args.seconds)
        hot = [wrk(base_hot + path, 8, args.seconds) for _ in range(2)]
        beside = both(first, wrk(base_hot + static, 8, args.seconds))
        hot = both(*hot)
        cold = wrk(base_cold + path, 8, args.seconds)
        # The 8-connection run leaves requests queued in the workers when wrk stops: they
        # must be done before the count starts, or their CPU is put on the one-client run.
        before = settled_ticks(pids_uncached)
        one = wrk(base_cold + path, 1, args.seconds, threads=1, timeout=SOAK_TIMEOUT)
        # wrk stops with one request still in the server: let it finish and count it.
        cpu_ms = (settled_ticks(pids_uncached) - before) * 1000 / TICKS / (one["requests"] + 1)
        one_hot = wrk(base_hot + path, 1, args.seconds, threads=1, timeout=SOAK_TIMEOUT)
        rows.append({"page": name, "url": path, "kb": size / 1024, "cached": hot, "ceiling": beside, "uncached": cold,
                     "one_client_uncached": one, "one_client_cached": one_hot, "cpu_ms_per_request": cpu_ms})
    paths = list(urls.values()) + [static]
    soak = {}
    for label, base in (("cached", base_hot), ("uncached", base_cold)):
        soak[label] = wrk(base, 64, args.soak, threads=2, paths=paths, timeout=SOAK_TIMEOUT)
    memory = {"cached": [rss_mb(p) for p in worker_pids(cached)],
              "uncached": [rss_mb(p) for p in worker_pids(uncached)]}
    return {"rows": rows, "soak": soak, "memory_mb": memory, "ceiling": ceiling}


def queries_per_page(env, urls, query_cache):
    """SQL queries (and in-process CPU) per uncached page, from bench/cpu.py."""
    env = dict(env, QUERY_CACHE_SECONDS="600" if query_cache else "0")
    # stderr goes through: a page that fails shows its traceback.
    out = subprocess.run([PY, str(ROOT / "bench" / "cpu.py"), "-n", "20", *urls.values()],
                         env=env, cwd=ROOT, check=True, stdout=subprocess.PIPE, text=True).stdout
    by_url = {}
    for line in out.splitlines()[1:]:
        # "<url> <CPU ms/req> <median> <queries> <after a publish> ms"
        parts = line.split()
        if len(parts) >= 6 and parts[-1] == "ms" and parts[-3].isdigit():
            by_url[parts[0]] = {"cpu_ms": float(parts[-5]), "cpu_median_ms": float(parts[-4]),
                                "queries": int(parts[-3]), "after_publish_ms": float(parts[-2])}
    return {name: by_url.get(url) for name, url in urls.items()}


def fmt(value, spec="{:.1f}"):
    return "-" if value is None else spec.format(value)


def cached_share(run, row):
    """A page's cached requests/s as a % of the static file's, read around it."""
    return 100 * row["cached"]["rps"] / (row.get("ceiling") or run["ceiling"])["rps"]


def table(run, args):
    lines = []
    header = (f"{'page':22} {'KB':>5} | {'cached r/s':>10} {'%static':>7} {'p50':>5} {'p99':>6} | "
              f"{'static r/s':>10} | {'uncached r/s':>12} {'p50':>6} {'p99':>6} | {'1 client: cached p50':>20} "
              f"{'uncached p50':>12} {'p95':>6} {'p99':>6} | {'CPU ms/req':>10} {'queries':>7} "
              f"{'after publish':>13}")
    lines += [header, "-" * len(header)]
    for row in run["rows"]:
        c, u = row["cached"], row.get("uncached")
        one, one_hot = row.get("one_client_uncached"), row.get("one_client_cached")
        q = (run.get("queries") or {}).get(row["page"]) or {}
        lines.append(
            f"{row['page']:22} {fmt(row.get('kb'), '{:.0f}'):>5} | {c['rps']:10.0f} {cached_share(run, row):6.0f}% "
            f"{fmt(c['p50_ms']):>5} {fmt(c['p99_ms']):>6} {(row.get('ceiling') or c)['rps']:10.0f} | "
            f"{fmt(u and u['rps'], '{:.0f}'):>12} {fmt(u and u['p50_ms']):>6} {fmt(u and u['p99_ms']):>6} | "
            f"{fmt(one_hot and one_hot['p50_ms']):>20} {fmt(one and one['p50_ms']):>12} "
            f"{fmt(one and one['p95_ms']):>6} {fmt(one and one['p99_ms']):>6} | "
            f"{fmt(row.get('cpu_ms_per_request')):>10} {fmt(q.get('queries'), '{:d}'):>7} "
            f"{fmt(q.get('after_publish_ms')):>13}")
    lines.append("latencies in ms; under load = 8 connections; '%static' = cached throughput as a share "
                 "of the static file's, measured around the page ('static r/s': static, page, page, static); "
                 "CPU = the uncached workers' user+system time per request at one client; queries = bench/cpu.py, page "
                 "cache off; after publish = bench/cpu.py's CPU ms of the first request once the content "
                 "generation moved on (what workers keep per generation is read again)")
    by_page = {row["page"]: row for row in run["rows"]}
    home = by_page.get("home", {}).get("one_client_uncached")
    if home:
        lines.append("\nagainst the home page, uncached, one client (issue #4 item 12):")
        for name in ("home", "library, 3 filters", "search"):
            one = by_page.get(name, {}).get("one_client_uncached")
            if one and one["p50_ms"] and home["p50_ms"]:
                lines.append(f"  {name:20} p50 {one['p50_ms']:6.1f} ms ({one['p50_ms'] / home['p50_ms']:4.2f}x home)"
                             f"   p95 {one['p95_ms']:6.1f} ms ({one['p95_ms'] / home['p95_ms']:4.2f}x home)")
    lines.append("")
    for label, result in run["soak"].items():
        lines.append(f"64 clients for {args.soak}s, {label}: {result['requests']} requests, {result['rps']:.0f} r/s, "
                     f"p50 {fmt(result['p50_ms'])} ms, p99 {fmt(result['p99_ms'])} ms, errors {result['errors']}, "
                     f"timeouts (> {SOAK_TIMEOUT}) {result['timeouts']}")
    for label, values in run["memory_mb"].items():
        lines.append(f"worker RSS after the run ({label}): " + ", ".join(f"{v:.0f} MB" for v in values))
    return lines


def verdicts(run):
    """Each target with its figure: (met, text)."""
    out = []
    rows = {row["page"]: row for row in run["rows"] if "uncached" in row}
    for name, row in rows.items():
        share = cached_share(run, row)
        out.append((share >= CACHED_SHARE_TARGET, f"cached {name}: {share:.0f}% of the static file (>= 80%)"))
    for name, limit in ONE_CLIENT_P50_TARGET.items():
        if name in rows:
            p50 = rows[name]["one_client_uncached"]["p50_ms"]
            met = p50 is not None and p50 < limit
            out.append((met, f"uncached {name}, one client: p50 {fmt(p50)} ms (< {limit} ms)"))
    for label, result in run["soak"].items():
        bad = result["errors"] + result["timeouts"]
        out.append((bad == 0, f"64 clients, {label}: {result['errors']} errors, {result['timeouts']} timeouts (0)"))
    for name, limit in CPU_TARGETS.items():
        if name in rows:
            cpu = rows[name]["cpu_ms_per_request"]
            out.append((cpu <= limit, f"CPU per uncached request, {name}: {cpu:.1f} ms (<= {limit} ms)"))
    for name, q in (run.get("queries") or {}).items():
        if q:
            out.append((q["queries"] <= QUERY_TARGET, f"SQL queries, {name}: {q['queries']} (<= {QUERY_TARGET})"))
    rss = max(v for values in run["memory_mb"].values() for v in values)
    out.append((rss < RSS_TARGET_MB, f"largest worker RSS: {rss:.0f} MB (< {RSS_TARGET_MB} MB)"))
    return out


def noise(runs):
    """How much the same figure moved between repetitions: (max - min) / mean, per page."""
    lines = [f"\nnoise between the {len(runs)} repetitions ((max - min) / mean):",
             f"  {'page':22} {'CPU ms/req':>22} {'1 client uncached p50':>24} {'cached r/s':>20}"]
    for i, row in enumerate(runs[0]["rows"]):
        if "uncached" not in row:
            continue

        def spread(get, i=i):
            values = [get(run["rows"][i]) or 0.0 for run in runs]
            mean = sum(values) / len(values)
            text = "/".join(f"{v:.1f}" if v < 100 else f"{v:.0f}" for v in values)
            return f"{text} ±{100 * (max(values) - min(values)) / mean / 2:.0f}%" if mean else text

        lines.append(f"  {row['page']:22} {spread(lambda r: r['cpu_ms_per_request']):>22} "
                     f"{spread(lambda r: r['one_client_uncached']['p50_ms']):>24} "
                     f"{spread(lambda r: r['cached']['rps']):>20}")
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--pg-name", default="cities_bench", help="PostgreSQL database (dropped and re-created)")
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--seconds", type=int, default=5, help="duration of each wrk run")
    parser.add_argument("--soak", type=int, default=60, help="duration of the 64-client runs")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=2, help="repetitions of the measurement (noise)")
    parser.add_argument("--port", type=int, default=8101, help="cached server; the uncached one is port + 1")
    parser.add_argument("--query-cache", action="store_true",
                        help="keep the library's query cache on in the uncached server (a page-cache miss)")
    parser.add_argument("--reuse", action="store_true", help="reuse the bench database as it is")
    parser.add_argument("--prepare-only", action="store_true", help="build the bench database and stop")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk")
    RESULTS.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="cities_portal.settings.production",
               SECRET_KEY="bench-" + "k9!Xq" * 12, ALLOWED_HOSTS="127.0.0.1,localhost",
               SECURE_SSL_REDIRECT="false", SECURE_COOKIES="false", STATIC_ROOT=str(RESULTS / "static"),
               MEDIA_ROOT=str(RESULTS / "media"))
    for name in ("REDIS_URL", "PAGE_CACHE_SECONDS", "QUERY_CACHE_SECONDS", "AWS_STORAGE_BUCKET_NAME"):
        env.pop(name, None)
    started = time.time()
    print(f"Preparing the {args.db} database with {args.items} synthetic items...", flush=True)
    prepare_database(args, env)
    practices, cases = count_items(env)
    if args.prepare_only:
        print(f"{practices} practices and {cases} cases live in the {args.db} bench database.")
        return
    urls, notes = discover_urls(env)
    # Before any server starts: counts the queries and, on the way, makes every image
    # rendition the pages need (a first view that makes dozens of WebP files can outlast
    # gunicorn's 30 s worker timeout on a loaded machine; that is not what is measured).
    print("Counting queries per page (bench/cpu.py)...", flush=True)
    queries = queries_per_page(env, urls, args.query_cache)
    # "Uncached" is cold by default: neither the page cache nor the library's query cache
    # (practices/library.py) helps, which is what the first visitor after a publish gets.
    query_cache = 600 if args.query_cache else 0
    cached = start_server(env, args.port, 600, 600, args.workers, RESULTS / "cache-on")
    uncached = start_server(env, args.port + 1, 0, query_cache, args.workers, RESULTS / "cache-off")
    runs = []
    try:
        home_html = urllib.request.urlopen(f"http://127.0.0.1:{args.port}{urls['home']}").read().decode()
        static = re.search(r'href="(/static/css/site[^"]*\.css)"', home_html).group(1)
        for number in range(1, args.repeat + 1):
            load_before = load()
            print(f"repetition {number}/{args.repeat}, load {' '.join(load_before)}...", flush=True)
            run = measure(args, urls, static, cached, uncached)
            run.update(load_before=load_before, load_after=load())
            runs.append(run)
            (RESULTS / f"partial-{args.db}.json").write_text(json.dumps(runs, indent=2))
    finally:
        for proc in (cached, uncached):
            stop(proc)
    for run in runs:
        run["queries"] = queries
    lines = [f"C.I.T.I.E.S. benchmark — {args.db}, {practices} practices + {cases} cases live "
             f"({args.items} synthetic), {args.workers} gunicorn workers per server, {args.seconds}s per wrk run, "
             f"{os.cpu_count()} CPUs",
             "uncached = page cache off and library query cache " + ("on (a page-cache miss)" if args.query_cache
                                                                    else "off (cold: the first visit after a publish)"),
             f"started {time.strftime('%Y-%m-%d %H:%M', time.localtime(started))}"]
    lines += [f"note: {note}" for note in notes]
    for number, run in enumerate(runs, 1):
        lines += ["", f"=== repetition {number}/{len(runs)} — load average (1/5/15 min) "
                  f"{' '.join(run['load_before'])} before, {' '.join(run['load_after'])} after ===", ""]
        lines += table(run, args)
    if len(runs) > 1:
        lines += noise(runs)
    lines += ["", "targets (last repetition):"]
    lines += [f"  [{'met' if ok else 'MISSED'}] {text}" for ok, text in verdicts(runs[-1])]
    stamp = time.strftime("%Y%m%d-%H%M%S")
    out = RESULTS / f"bench-{args.db}-{stamp}"
    lines += ["", f"written to {out.relative_to(ROOT)}.txt and .json"]
    text = "\n".join(lines)
    print("\n" + text)
    out.with_suffix(".txt").write_text(text + "\n")
    out.with_suffix(".json").write_text(json.dumps({"args": vars(args), "urls": urls, "runs": runs}, indent=2))


if __name__ == "__main__":
    main()
