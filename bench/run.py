"""`make bench`: how fast the site answers, measured on this machine in one run.

Starts the site with gunicorn (production settings, 2 sync workers, SQLite, whitenoise) on a
loopback port, warms it, then measures with wrk (Debian's `wrk` package: `sudo apt-get install
wrk`; a Python load generator stands in where it is missing), interleaving the targets round by
round so they share the machine's ups and downs. Also: SQL queries per page (in-process, cached
and uncached), compressed page weight (HTML + the CSS and JS it loads), and the callback POST path.
Prints a table and writes bench/results/bench-<time>.json.

    python bench/run.py [--seconds 4] [--rounds 3] [--connections 8]
"""

import argparse
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.callback_post import GOAL_P99_MS, GOAL_RPS, wrk_posts  # noqa: E402
from bench.common import ROOT, Server, Site, callback_form, get, post, say, write_json  # noqa: E402

TARGETS = {
    "trivial view (/ping)": "/ping",
    "static file (CSS)": None,  # filled in from the home page's stylesheet link
    "home": "/",
    "content page": "/what-is-car-t/",
    "team page": "/team/",
    "contacts page": "/contact/",
    "journey page": "/how-it-works/",
    "callback form GET": "/request-a-call-back/",
    "content page, uncached": "/what-is-car-t/?nocache=1",
}
WEIGHT_PAGES = [
    "/", "/what-is-car-t/", "/how-it-works/", "/who-it-is-for/", "/team/", "/contact/",
    "/faq/", "/glossary/", "/stories/", "/clinical-trials/", "/resources/",
    "/language-assistance/", "/nondiscrimination/", "/family-guide/", "/request-a-call-back/",
    "/could-car-t-be-an-option/", "/search/?q=T-cells", "/es/", "/es/how-it-works/",
    "/finding-us/", "/es/finding-us/",
]  # fmt: skip
WEIGHT_BUDGET = 30 * 1024  # HTML + CSS + JS, gzip
WITH_IMAGES_BUDGET = 60 * 1024  # and the pictures above the fold (the <img>s not loaded lazily)
# The goals (issue: speed and resilience), as ratios to the trivial view in the same run.
CACHED_PAGES = ["home", "content page", "team page", "contacts page", "journey page"]
CACHED_GOAL, UNCACHED_GOAL = 0.5, 0.10
WRK_LINE = re.compile(r"Requests/sec:\s+([\d.]+)")
WRK_LATENCY = re.compile(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", re.M)


def wrk(url: str, *, seconds: float, connections: int) -> dict:
    out = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{max(1, round(seconds))}s",  # wrk takes whole seconds
            "--latency",
            "-H",
            "Accept-Encoding: gzip",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}
    latency = {p: float(v) * scale[u] for p, v, u in WRK_LATENCY.findall(out)}
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(WRK_LINE.search(out).group(1)),
        "p50_ms": latency.get("50"),
        "p99_ms": latency.get("99"),
        "non_2xx": int(errors.group(1)) if errors else 0,
    }


def python_load(url: str, *, seconds: float, connections: int) -> dict:
    """Keep-alive GETs from `connections` threads for `seconds`; slower than wrk, same shape."""
    import http.client
    import urllib.parse

    parts = urllib.parse.urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    latencies: list[float] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def worker():
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        local = []
        while time.monotonic() < deadline:
            start = time.perf_counter()
            conn.request("GET", path, headers={"Accept-Encoding": "gzip"})
            conn.getresponse().read()
            local.append((time.perf_counter() - start) * 1000)
        with lock:
            latencies.extend(local)

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    latencies.sort()
    return {
        "rps": len(latencies) / seconds,
        "p50_ms": latencies[len(latencies) // 2],
        "p99_ms": latencies[int(len(latencies) * 0.99)],
        "non_2xx": 0,
    }


def page_weight(base: str, path: str) -> dict:
    """gzip bytes of the HTML and of each stylesheet and script it loads, and the bytes of the
    pictures above the fold (every <img> without loading="lazy"; inline SVG is in the HTML)."""
    html = get(base + path, headers={"Accept-Encoding": "gzip"})
    body = (
        gzip.decompress(html.body) if html.headers.get("Content-Encoding") == "gzip" else html.body
    )
    total = {"html": len(gzip.compress(body, 9)), "css": 0, "js": 0}
    text = body.decode()
    for kind, pattern in (
        ("css", r'<link rel="stylesheet" href="([^"]+)"(?! media="print")'),
        ("js", r'<script src="([^"]+)"'),
    ):
        for asset in re.findall(pattern, text):
            content = get(base + asset).body
            total[kind] += len(gzip.compress(content, 9))
    total["total"] = total["html"] + total["css"] + total["js"]
    eager = [src for tag in re.findall(r"<img\b[^>]*>", text) if 'loading="lazy"' not in tag
             for src in re.findall(r'src="([^"]+)"', tag)]  # fmt: skip
    total["img"] = sum(len(get(base + src).body) for src in eager)
    total["with_images"] = total["total"] + total["img"]
    return total


def query_counts(site: Site) -> dict:
    """SQL queries per page, in a process of its own on the same database."""
    script = (
        "import django, json; django.setup()\n"
        "from django.core.cache import cache\n"
        "from django.db import connection\n"
        "from django.test import Client\n"
        "from django.test.utils import CaptureQueriesContext\n"
        "client = Client()\n"
        "out = {}\n"
        f"for path in {[p for p in TARGETS.values() if p and 'nocache' not in p] + ['/faq/', '/family-guide/']!r}:\n"
        "    cache.clear(); client.get(path)  # builds the shared chrome once\n"
        "    with CaptureQueriesContext(connection) as cold: client.get(path + '?nocache=1')\n"
        "    with CaptureQueriesContext(connection) as warm: client.get(path)\n"
        "    out[path] = {'uncached': len(cold), 'cached': len(warm)}\n"
        "print(json.dumps(out))\n"
    )
    env = {**site.env, "DJANGO_SETTINGS_MODULE": "carsite.settings"}
    out = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def callback_posts(base: str, *, count: int, concurrency: int) -> dict:
    forms = [callback_form(base, phone_suffix=i) for i in range(count)]
    latencies, statuses = [], []
    lock = threading.Lock()

    def send(item):
        open_, data = item
        start = time.perf_counter()
        resp = post(
            base + "/request-a-call-back/",
            data,
            open_=open_,
            referer=base + "/request-a-call-back/",
        )
        with lock:
            latencies.append((time.perf_counter() - start) * 1000)
            statuses.append(resp.status)

    start = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(send, forms))
    elapsed = time.perf_counter() - start
    latencies.sort()
    accepted = sum(1 for s in statuses if s == 302)
    return {
        "posts": count,
        "accepted": accepted,
        "accepted_per_s": accepted / elapsed,
        "p50_ms": latencies[len(latencies) // 2],
        "p99_ms": latencies[int(len(latencies) * 0.99)],
        "non_302": len(statuses) - accepted,
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    tool = "wrk" if shutil.which("wrk") else "python"
    if tool == "python":
        say(
            "wrk not found (install it with: sudo apt-get install wrk); using the slower Python load generator."
        )
    measure = wrk if tool == "wrk" else python_load

    site = Site().prepare()
    server = Server(site, workers=args.workers).start()
    try:
        home = get(server.url + "/").body.decode()
        TARGETS["static file (CSS)"] = re.search(
            r'<link rel="stylesheet" href="(/static/css/site[^"]+)"', home
        ).group(1)
        for path in TARGETS.values():  # warm every cache and every worker
            for _ in range(20):
                get(server.url + path)

        results: dict[str, list[dict]] = {name: [] for name in TARGETS}
        for round_no in range(1, args.rounds + 1):
            for name, path in TARGETS.items():
                results[name].append(
                    measure(server.url + path, seconds=args.seconds, connections=args.connections)
                )
            say(f"round {round_no}/{args.rounds} done")

        summary = {}
        for name, runs in results.items():
            summary[name] = {
                "rps": statistics.median(r["rps"] for r in runs),
                "p50_ms": statistics.median(r["p50_ms"] for r in runs),
                "p99_ms": statistics.median(r["p99_ms"] for r in runs),
                "non_2xx": sum(r["non_2xx"] for r in runs),
            }
        trivial = summary["trivial view (/ping)"]["rps"]
        static = summary["static file (CSS)"]["rps"]
        for row in summary.values():
            row["vs_trivial"] = row["rps"] / trivial
            row["vs_static"] = row["rps"] / static

        weights = {path: page_weight(server.url, path) for path in WEIGHT_PAGES}
        queries = query_counts(site)
        if tool == "wrk":  # the measure: wrk, 16 connections, every post a new request
            posts = wrk_posts(server.url, seconds=10, connections=16)
        else:
            posts = callback_posts(server.url, count=200, concurrency=8)
    finally:
        server.stop()
        site.cleanup()

    say(f"\nThroughput ({tool}, {args.connections} connections, {args.workers} gunicorn workers, "
        f"{args.rounds} interleaved rounds of {args.seconds:g} s, median)")  # fmt: skip
    say(
        f"{'target':28} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'÷trivial':>9} {'÷static':>8} {'errors':>6}"
    )
    for name, row in summary.items():
        say(f"{name:28} {row['rps']:9.0f} {row['p50_ms']:8.2f} {row['p99_ms']:8.2f} "
            f"{row['vs_trivial']:9.2f} {row['vs_static']:8.2f} {row['non_2xx']:6}")  # fmt: skip
    say("\nSQL queries per page (in-process): cached / uncached")
    for path, row in queries.items():
        say(f"  {path:32} {row['cached']:3} / {row['uncached']:3}")
    say(f"\nPage weight, gzip bytes (HTML + CSS + JS: budget {WEIGHT_BUDGET:,}; with the images "
        f"above the fold: budget {WITH_IMAGES_BUDGET:,})")  # fmt: skip
    for path, row in weights.items():
        say(
            f"  {path:32} {row['total']:7,}  (html {row['html']:,}, css {row['css']:,}, js {row['js']:,})"
            f"  with images {row['with_images']:,}"
        )
    say(f"\nCallback POST ({posts.get('connections', 8)} connections): {posts['accepted']}/{posts['posts']} accepted, "
        f"{posts['accepted_per_s']:.0f}/s, p50 {posts['p50_ms']:.1f} ms, p99 {posts['p99_ms']:.1f} ms "
        f"(goal >= {GOAL_RPS}/s, p99 <= {GOAL_P99_MS} ms)")  # fmt: skip
    path = write_json(
        "bench",
        {"tool": tool, "args": vars(args), "throughput": summary, "queries": queries, "weights": weights,
         "callback_post": posts, "cpu_count": os.cpu_count()},
    )  # fmt: skip
    say(f"\nWrote {path.relative_to(path.parent.parent.parent)}")
    misses = [f"{p}: {w['total']:,} bytes over the 30 KB budget"
              for p, w in weights.items() if w["total"] > WEIGHT_BUDGET]  # fmt: skip
    misses += [f"{p}: {w['with_images']:,} bytes with its images, over the 60 KB budget"
               for p, w in weights.items() if w["with_images"] > WITH_IMAGES_BUDGET]  # fmt: skip
    misses += [f"{name}: {summary[name]['vs_trivial']:.2f} of the trivial view (goal {CACHED_GOAL})"
               for name in CACHED_PAGES if summary[name]["vs_trivial"] < CACHED_GOAL]  # fmt: skip
    uncached = summary["content page, uncached"]["vs_trivial"]
    if uncached < UNCACHED_GOAL:
        misses.append(
            f"uncached content page: {uncached:.2f} of the trivial view (goal {UNCACHED_GOAL})"
        )
    if posts["accepted_per_s"] < GOAL_RPS or posts["p99_ms"] > GOAL_P99_MS:
        misses.append(
            f"callback POST: {posts['accepted_per_s']:.0f}/s, p99 {posts['p99_ms']:.0f} ms "
            f"(goal >= {GOAL_RPS}/s, p99 <= {GOAL_P99_MS} ms)"
        )
    misses += [
        f"{name}: {row['non_2xx']} error responses"
        for name, row in summary.items()
        if row["non_2xx"]
    ]
    say("\nGoals: " + ("all met" if not misses else "MISSED\n  " + "\n  ".join(misses)))
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
