"""`make bench-load`: a burst of callback requests must lose nothing.

Fires N concurrent valid submissions plus M replays of already-sent forms (a double click, a
resubmitted POST) at gunicorn with 4 workers, then checks, in the database: rows saved equal the
successful responses, no 5xx, no duplicates, and every row has its notification job.

    python bench/load.py [--db sqlite|postgres] [--two-instances] [--requests 500] [--replays 100]
                         [--fault none|kill-worker|mailer-down|locked-db]

--two-instances runs two gunicorn servers on two ports sharing PostgreSQL and Redis (sessions,
cache, rate limits and tasks all shared), the way the site scales past one machine; requests
alternate between them. Faults:
- kill-worker: SIGKILL one gunicorn worker in the middle of the burst; every request that got an
  answer must be saved (a killed one may fail, and then the family is told to try again).
- mailer-down: the task worker runs with an SMTP server that refuses connections; every request
  is still saved and queued; then the mailer comes back, the sweep re-queues and all are notified.
- locked-db: SQLite only; another process holds the write lock beyond the 1-second timeout while
  40 families send the form: each gets the kind "please try again or call us" page (503), never a
  2xx, and nothing is saved. Then the lock goes and each sends the same form again: all saved,
  once each, and notified.
"""

import argparse
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (
    PYTHON,
    REDIS_URL,
    ROOT,
    Server,
    Site,
    callback_form,
    free_port,
    post,
    say,
    scratch_postgres_url,
    write_json,
)  # noqa: E402


def burst(
    servers: list[Server], *, count: int, replays: int, concurrency: int, during=None, forms=None
) -> dict:
    """Open `count` forms (or reuse `forms`, as a family sending a form again does), send them
    all at once plus `replays` second copies, and return the results."""
    if forms is None:
        forms = [callback_form(servers[i % len(servers)].url, phone_suffix=i) for i in range(count)]
    jobs = [(i, forms[i]) for i in range(count)] + [(i, forms[i]) for i in range(replays)]
    results: list[tuple[int, int, str]] = []
    lock = threading.Lock()
    start_gate = threading.Event()

    def send(job):
        index, (open_, data) = job
        base = servers[index % len(servers)].url
        start_gate.wait()
        try:
            resp = post(base + "/request-a-call-back/", data, open_=open_, referer=base)
            location = resp.headers.get("Location", "") if resp.headers else ""
            outcome = (index, resp.status, location)
        except OSError as exc:  # connection reset by a killed worker
            outcome = (index, 0, type(exc).__name__)
        with lock:
            results.append(outcome)

    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        futures = [pool.submit(send, job) for job in jobs]
        start_gate.set()
        if during:
            during()
        for future in futures:
            future.result()
    elapsed = time.perf_counter() - started
    statuses = Counter(status for _, status, _ in results)
    acknowledged = {index for index, status, loc in results if status == 302 and "/thanks/" in loc}
    references = {
        loc.split("?")[0].rstrip("/").rsplit("/", 1)[-1]  # …/thanks/ABCD-EFGH/?added=1
        for _, status, loc in results
        if status == 302
    }
    return {
        "sent": len(jobs),
        "seconds": round(elapsed, 2),
        "statuses": dict(statuses),
        "acknowledged_forms": len(acknowledged),
        "references": references,
        "forms": forms,
        "unanswered": sorted({i for i, status, _ in results if status != 302} - acknowledged),
    }


def database_check(site: Site, references: set[str]) -> dict:
    script = (
        "import django, json; django.setup()\n"
        "from inquiries.models import CallbackRequest\n"
        "from django_tasks_db.models import DBTaskResult\n"
        "rows = list(CallbackRequest.objects.values_list('pk', 'reference', 'submission_token', 'notified_at'))\n"
        "jobs = {r['kwargs']['callback_request_id'] for r in DBTaskResult.objects.values_list('args_kwargs', flat=True)}\n"
        "print(json.dumps({'rows': len(rows), 'references': [r[1] for r in rows],\n"
        "  'distinct_tokens': len({r[2] for r in rows}), 'with_job': sum(1 for r in rows if r[0] in jobs),\n"
        "  'notified': sum(1 for r in rows if r[3])}))\n"
    )
    import json

    out = subprocess.run(
        [PYTHON, "-c", script], cwd=ROOT, env=site.env, capture_output=True, text=True, check=True
    )
    data = json.loads(out.stdout.strip().splitlines()[-1])
    saved = set(data.pop("references"))
    data["acknowledged_but_missing"] = len(references - saved)
    return data


def run_worker(site: Site, env_extra: dict | None = None, *, rounds: int = 1) -> None:
    env = {**site.env, **(env_extra or {})}
    for _ in range(rounds):
        subprocess.run(
            [PYTHON, "manage.py", "db_worker", "--batch", "--no-startup-delay"],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
        )  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--two-instances", action="store_true")
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--replays", type=int, default=100)
    parser.add_argument("--concurrency", type=int, default=500)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument(
        "--fault", choices=["none", "kill-worker", "mailer-down", "locked-db"], default="none"
    )
    args = parser.parse_args()
    if args.two_instances:
        args.db = "postgres"

    database_url = scratch_postgres_url("bench") if args.db == "postgres" else ""
    extra = {}
    if args.fault == "locked-db":
        if args.db != "sqlite":
            parser.error("--fault locked-db needs --db sqlite")
        # Every post waits out the 1-second lock timeout in one of the workers: keep the burst
        # small enough that each family gets an answer while the lock is still held.
        extra["SQLITE_TIMEOUT"] = "1"
        args.requests, args.replays = min(args.requests, 40), 0
    if args.fault == "mailer-down":
        # Retry at once rather than in 5 minutes, so the sweep after recovery has work to do.
        extra["CALLBACK_NOTIFY_RETRY_MINUTES"] = "0"
    site = Site(
        database_url=database_url,
        redis_url=REDIS_URL if args.two_instances else "",
        extra_env=extra,
    )
    site.prepare()
    servers = [Server(site, workers=args.workers).start()]
    if args.two_instances:
        servers.append(Server(site, workers=args.workers, port=free_port()).start())
    failures: list[str] = []
    try:
        during = None
        if args.fault == "kill-worker":

            def during():
                time.sleep(0.5)
                victim = servers[0].worker_pids()[0]
                os.kill(victim, signal.SIGKILL)
                say(f"killed gunicorn worker {victim} mid-burst")

        locker = None
        if args.fault == "locked-db":
            locker = sqlite3.connect(site.env["SQLITE_PATH"], timeout=1)
            locker.execute("BEGIN EXCLUSIVE")
        result = burst(
            servers,
            count=args.requests,
            replays=args.replays,
            concurrency=args.concurrency,
            during=during,
        )
        references = result.pop("references")
        forms = result.pop("forms")
        if locker is not None:
            locker.rollback()
            locker.close()
            saved_while_locked = database_check(site, references)["rows"]
            say(f"lock held: {result['statuses']}; rows saved while locked: {saved_while_locked}")
            if saved_while_locked:
                failures.append(f"{saved_while_locked} rows saved behind a 503")
            # The lock is gone: each family sends its form again, as the page asks, and once
            # more if that too found the database busy (the timeout is 1 s here, not 20).
            pending, retries, acknowledged = list(range(len(forms))), [], 0
            for _ in range(3):
                retry = burst(servers, count=len(pending), replays=0,
                              concurrency=args.concurrency, forms=[forms[i] for i in pending])  # fmt: skip
                retries.append(retry["statuses"])
                references |= retry.pop("references")
                acknowledged += retry["acknowledged_forms"]
                pending = [pending[i] for i in retry.pop("unanswered")]
                retry.pop("forms")
                if not pending:
                    break
            say(f"sent again after the lock: {retries}")
            result["retry"] = {"rounds": retries, "acknowledged_forms": acknowledged}

        if args.fault == "mailer-down":
            run_worker(site, {"EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(free_port())})
            down = database_check(site, references)
            say(f"mailer down: {down['notified']} of {down['rows']} notified (expected 0)")
            if down["notified"]:
                failures.append("requests were marked notified while the mailer was down")
            # Mailer back: the sweep re-queues everything not notified, the worker sends it.
            subprocess.run(
                [PYTHON, "manage.py", "notify_sweep"],
                cwd=ROOT,
                env=site.env,
                check=True,
                capture_output=True,
            )
            run_worker(site)
        else:
            run_worker(site)
        check = database_check(site, references)
    finally:
        for server in servers:
            server.stop()

    statuses = result["statuses"]
    five_xx = sum(n for status, n in statuses.items() if status >= 500)
    say(
        f"\nbench-load: {args.db}, {len(servers)} gunicorn instance(s) x {args.workers} workers, fault: {args.fault}"
    )
    say(
        f"  sent {result['sent']} posts ({args.requests} forms + {args.replays} replays) in {result['seconds']} s"
    )
    say(f"  responses by status: {dict(sorted(statuses.items()))}")
    say(
        f"  rows saved: {check['rows']}; forms acknowledged (302 to thanks): {result['acknowledged_forms']}"
    )
    say(
        f"  distinct submission tokens among rows: {check['distinct_tokens']} (duplicates: {check['rows'] - check['distinct_tokens']})"
    )
    say(
        f"  rows with their notification job: {check['with_job']}; notified after the worker ran: {check['notified']}"
    )
    say(f"  acknowledged but missing: {check['acknowledged_but_missing']}")

    if args.fault == "locked-db":
        if set(statuses) != {503}:
            failures.append(f"expected only 503 answers while locked, got {statuses}")
        retry = result["retry"]
        if retry["acknowledged_forms"] != args.requests:
            failures.append(f"sending again after the lock gave {retry['rounds']}")
        if check["acknowledged_but_missing"]:
            failures.append("acknowledged requests missing")
        if check["rows"] != check["distinct_tokens"] or check["rows"] != args.requests:
            failures.append(f"expected {args.requests} rows after the retry, found {check['rows']}")
        if check["with_job"] != check["rows"] or check["notified"] != check["rows"]:
            failures.append("not every request was queued and notified")
    else:
        lost_connections = statuses.get(0, 0)
        # A post whose worker was killed may or may not have been saved before it died (the
        # family sees an error and sends the form again, which the token makes safe). What must
        # never happen: an acknowledged request missing, or rows beyond what was sent.
        if (
            not result["acknowledged_forms"]
            <= check["rows"]
            <= result["acknowledged_forms"] + lost_connections
        ):
            failures.append("rows saved differ from acknowledged forms")
        if args.fault == "none" and five_xx:
            failures.append(f"{five_xx} server errors")
        if check["rows"] != check["distinct_tokens"]:
            failures.append("duplicate rows")
        if check["with_job"] != check["rows"]:
            failures.append("rows without a notification job")
        if check["acknowledged_but_missing"]:
            failures.append("acknowledged requests missing")
        if check["notified"] != check["rows"]:
            failures.append("not every request was notified")
        if args.fault == "none" and check["rows"] != args.requests:
            failures.append(f"expected {args.requests} rows")
    path = write_json(
        "bench-load", {"args": vars(args), "result": result, "check": check, "failures": failures}
    )
    site.cleanup()
    say("  PASS" if not failures else "  FAIL: " + "; ".join(failures))
    say(f"  wrote {path.relative_to(ROOT)}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
