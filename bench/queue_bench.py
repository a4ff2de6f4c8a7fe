"""`make bench-queue`: the coordinators' queue with 100,000 callback requests.

Loads N requests (default 100,000) into a scratch database, then renders the admin queue
in-process as a signed-in coordinator (past the second factor): the default view, each filter,
a search by reference and by name, and a deep page. Reports the median time of 5 renders and
the number of SQL queries of each. The budget: under 300 ms, and the same number of queries
whatever the number of rows.

    python bench/queue_bench.py [--rows 100000] [--db sqlite|postgres] [--verbose]
"""

import argparse
import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import PYTHON, ROOT, Site, say, scratch_postgres_url, write_json  # noqa: E402

SCRIPT = r"""
import datetime, json, random, statistics, time, uuid
import django
django.setup()
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from inquiries.models import CallbackRequest, Status, Outcome, new_reference
from programs.models import Program

ROWS = int(__import__("os").environ["QUEUE_ROWS"])
program = Program.objects.get()
lines = list(program.lines.all())
people = list(program.coordinators.all())
rng = random.Random(7)
now = timezone.now()
User = get_user_model()
user = User.objects.create_user("queue-bench", password="x", is_staff=True)
user.groups.add(Group.objects.get(name="Coordinators"))
device = TOTPDevice.objects.create(user=user, confirmed=True, name="bench")

start = time.perf_counter()
batch = []
for i in range(ROWS):
    status = rng.choices([Status.NEW, Status.ATTEMPTED, Status.CONTACTED, Status.CLOSED], [2, 1, 1, 6])[0]
    received = now - datetime.timedelta(minutes=rng.randint(0, 60 * 24 * 400))
    batch.append(CallbackRequest(
        reference=new_reference(), submission_token=uuid.uuid4(), program=program, received_at=received,
        asker="parent", topic="is_cart_an_option", patient_age=rng.randint(0, 30), diagnosis="b_all",
        relapsed="yes", name=f"Family {i}", phone=f"+1215555{rng.randint(100, 199):04d}",
        language=rng.choice(["en", "en", "en", "es", "zh"]), consent_call=True,
        line=rng.choice(lines), coordinator=rng.choice(people + [None, None]),
        due_by=received + datetime.timedelta(hours=rng.randint(1, 72)), status=status,
        outcome=Outcome.SCHEDULED if status == Status.CLOSED else "",
        assigned_to=user if rng.random() < 0.1 else None,
    ))
    if len(batch) == 5000:
        CallbackRequest.objects.bulk_create(batch)
        batch = []
CallbackRequest.objects.bulk_create(batch)
# Planner statistics, as a table that grew over months has (PostgreSQL's autovacuum gathers
# them; SQLite keeps them in sqlite_stat1 after ANALYZE).
with connection.cursor() as cursor:
    cursor.execute("ANALYZE")
loaded = time.perf_counter() - start

client = Client()
client.force_login(user)
session = client.session
session[DEVICE_ID_SESSION_KEY] = device.persistent_id
session.save()
sample = CallbackRequest.objects.order_by("?").first()
views = {
    "default (open first, most urgent)": "",
    "status: new": "?status__exact=new",
    "due: overdue": "?due=overdue",
    "assigned to me": "?assigned=me",
    "line": f"?line__id__exact={lines[0].pk}",
    "language: Spanish": "?language__exact=es",
    "search: reference": f"?q={sample.reference}",
    "search: name": "?q=Family%2012345",
    "page 200": "?p=200",
}
results = {}
for name, query in views.items():
    url = "/admin/inquiries/callbackrequest/" + query
    times = []
    for _ in range(5):
        with CaptureQueriesContext(connection) as queries:
            t = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - t) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    slowest = max(queries.captured_queries, key=lambda q: float(q["time"]))
    results[name] = {
        "median_ms": round(statistics.median(times), 1),
        "queries": len(queries),
        "sql_ms": round(sum(float(q["time"]) for q in queries.captured_queries) * 1000, 1),
        "slowest_query_ms": round(float(slowest["time"]) * 1000, 1),
        "slowest_query": slowest["sql"][:400],
    }
print(json.dumps({"rows": CallbackRequest.objects.count(), "load_seconds": round(loaded, 1), "views": results}))
"""


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--verbose", action="store_true", help="print each view's slowest query")
    args = parser.parse_args()
    url = scratch_postgres_url("queue") if args.db == "postgres" else ""
    site = Site(database_url=url, extra_env={"QUEUE_ROWS": str(args.rows)}).prepare()
    try:
        out = subprocess.run(
            [PYTHON, "-c", SCRIPT], cwd=ROOT, env=site.env, capture_output=True, text=True
        )
        if out.returncode:
            say(out.stderr[-3000:])
            return 1
        data = json.loads(out.stdout.strip().splitlines()[-1])
    finally:
        site.cleanup()
    say(
        f"\nCoordinator queue, {data['rows']:,} requests ({args.db}; loaded in {data['load_seconds']} s)"
    )
    say(f"{'view':36} {'median ms':>10} {'queries':>8} {'all SQL ms':>10} {'slowest query ms':>17}")
    for name, row in data["views"].items():
        say(
            f"{name:36} {row['median_ms']:10.1f} {row['queries']:8} {row['sql_ms']:10.1f} {row['slowest_query_ms']:17.1f}"
        )
        if args.verbose:
            say(f"    {row['slowest_query']}")
    path = write_json("bench-queue", {"args": vars(args), **data})
    say(f"wrote {path.relative_to(ROOT)}")
    slow = [name for name, row in data["views"].items() if row["median_ms"] >= 300]
    if slow:
        say("OVER BUDGET (300 ms): " + ", ".join(slow))
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
