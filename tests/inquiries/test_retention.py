"""Retention (manage.py purge_callback_requests): closed requests older than the retention period
are deleted with their activity, or anonymized; open and recent ones stay; finished task rows are
pruned; every deletion is in the access log."""

import datetime
import uuid
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from inquiries.models import (
    AccessAction,
    AccessLog,
    Activity,
    ActivityKind,
    CallbackRequest,
    RateLimitCounter,
    Status,
)
from inquiries.services import callback_request_create
from tests.inquiries.test_admin import VALID

pytestmark = pytest.mark.django_db

DAYS = 365
FAMILY = {
    "name": "Quorra Canarywood",
    "phone": "+12155550987",
    "email": "quorra@example.net",
    "note": "Platelets were low in May",
    "language": "other",
    "language_other": "Canarese",
    "patient_age": 7,
    "diagnosis": "b_all",
    "relapsed": "yes",
    "best_times": ["morning", "evening"],
}


def make(program, *, closed_days_ago: int | None, **changes) -> CallbackRequest:
    req, _ = callback_request_create(
        program=program, submission_token=uuid.uuid4(), data={**VALID, **FAMILY, **changes}
    )
    Activity.objects.create(
        callback_request=req, kind=ActivityKind.NOTE, text="Mum said the platelets were low"
    )
    if closed_days_ago is not None:
        closed_at = timezone.now() - datetime.timedelta(days=closed_days_ago)
        CallbackRequest.objects.filter(pk=req.pk).update(
            status=Status.CLOSED, outcome="scheduled", closed_at=closed_at
        )
    req.refresh_from_db()
    return req


@pytest.fixture
def requests_(demo_program):
    return {
        "old closed": make(demo_program, closed_days_ago=DAYS + 10),
        "older closed": make(demo_program, closed_days_ago=DAYS * 3),
        "recent closed": make(demo_program, closed_days_ago=DAYS - 10),
        "old open": make(demo_program, closed_days_ago=None),
    }


@pytest.fixture
def tasks(requests_):
    """Each request queued one job; finish them at different times."""
    now = timezone.now()
    jobs = list(DBTaskResult.objects.order_by("enqueued_at"))
    assert len(jobs) == 4
    finished = {
        "old finished": now - datetime.timedelta(days=DAYS + 1),
        "recent finished": now - datetime.timedelta(days=3),
        "never run": None,
        "old failed": now - datetime.timedelta(days=DAYS * 2),
    }
    for job, (label, when) in zip(jobs, finished.items(), strict=True):
        status = "FAILED" if label == "old failed" else ("SUCCESSFUL" if when else "READY")
        DBTaskResult.objects.filter(pk=job.pk).update(finished_at=when, status=status)
    return dict(zip(finished, jobs, strict=True))


def purge(*args) -> str:
    out = StringIO()
    call_command("purge_callback_requests", f"--days={DAYS}", *args, stdout=out)
    return out.getvalue()


def snapshot():
    return (
        list(CallbackRequest.objects.order_by("pk").values()),
        list(Activity.objects.order_by("pk").values()),
        list(DBTaskResult.objects.order_by("pk").values()),
        list(AccessLog.objects.order_by("pk").values()),
        list(RateLimitCounter.objects.order_by("pk").values()),
    )


def test_dry_run_changes_nothing_and_reports_counts(requests_, tasks):
    before = snapshot()
    out = purge("--dry-run")
    assert snapshot() == before
    assert "Dry run: would delete 2 closed request(s) older than 365 days" in out
    assert "prune 2 finished task row(s)" in out
    assert "would anonymize 2" in purge("--dry-run", "--anonymize")
    assert snapshot() == before


def test_purge_deletes_old_closed_requests_with_their_activity(requests_, tasks):
    out = purge()
    assert "Deleted 2 closed request(s) older than 365 days; pruned 2 finished task row(s)." in out
    left = set(CallbackRequest.objects.values_list("pk", flat=True))
    assert left == {requests_["recent closed"].pk, requests_["old open"].pk}
    for gone in ("old closed", "older closed"):
        assert not Activity.objects.filter(callback_request_id=requests_[gone].pk).exists()
    for kept in ("recent closed", "old open"):
        assert Activity.objects.filter(callback_request_id=requests_[kept].pk).count() == 2


def test_purge_prunes_finished_task_rows_older_than_the_cutoff(requests_, tasks):
    purge()
    left = set(DBTaskResult.objects.values_list("pk", flat=True))
    assert left == {tasks["recent finished"].pk, tasks["never run"].pk}


def test_every_deletion_is_in_the_access_log_without_details(requests_, tasks):
    purge()
    rows = AccessLog.objects.filter(action=AccessAction.DELETE)
    assert {(r.callback_request_id, r.reference) for r in rows} == {
        (requests_[k].pk, requests_[k].reference) for k in ("old closed", "older closed")
    }
    for row in rows:
        assert row.username == "retention" and row.user is None
        assert row.detail == "older than 365 days"
        text = " ".join([row.username, row.reference, row.detail])
        for canary in ("Quorra", "Canarywood", "555", "quorra@", "Platelets", "b_all", "Canarese"):
            assert canary not in text


def test_expired_rate_limit_counters_are_pruned(requests_):
    now = timezone.now()
    RateLimitCounter.objects.create(
        key="old", count=3, expires_at=now - datetime.timedelta(hours=1)
    )
    RateLimitCounter.objects.create(key="live", count=1, expires_at=now + datetime.timedelta(minutes=1))  # fmt: skip
    purge()
    assert list(RateLimitCounter.objects.values_list("key", flat=True)) == ["live"]


def test_anonymize_strips_the_family_but_keeps_the_row(requests_, tasks):
    old = requests_["old closed"]
    out = purge("--anonymize")
    assert "Anonymized 2 closed request(s)" in out
    assert CallbackRequest.objects.count() == 4  # rows kept, for the figures
    old.refresh_from_db()
    assert (old.name, old.phone, old.email, old.note, old.language_other) == (
        "(removed)",
        "+10000000000",
        "",
        "",
        "",
    )
    assert (old.patient_age, old.diagnosis, old.relapsed, old.best_times) == (0, "other", "not_sure", [])  # fmt: skip
    assert old.matched_rule_id is None and old.matched_rule_name == ""
    # What the figures need stays.
    assert old.status == Status.CLOSED and old.outcome == "scheduled"
    assert old.reference == requests_["old closed"].reference and old.line_id and old.due_by
    texts = set(Activity.objects.filter(callback_request=old).values_list("text", flat=True))
    assert texts == {"(removed)"}
    assert Activity.objects.filter(callback_request=old).count() == 2  # the log's shape stays

    recent = requests_["recent closed"]
    recent.refresh_from_db()
    assert recent.name == FAMILY["name"] and recent.note == FAMILY["note"]
    open_one = CallbackRequest.objects.get(pk=requests_["old open"].pk)
    assert open_one.name == FAMILY["name"]
    assert "platelets" in " ".join(
        Activity.objects.filter(callback_request=recent).values_list("text", flat=True)
    )

    logged = AccessLog.objects.filter(action=AccessAction.ANONYMIZE)
    assert {r.callback_request_id for r in logged} == {
        requests_["old closed"].pk,
        requests_["older closed"].pk,
    }


def test_anonymizing_twice_changes_and_logs_nothing_more(requests_, tasks):
    purge("--anonymize")
    before = snapshot()
    assert "Anonymized 0 closed request(s)" in purge("--anonymize")
    assert snapshot()[:4] == before[:4]


def test_the_default_period_comes_from_the_setting(requests_, settings):
    settings.CALLBACK_RETENTION_DAYS = DAYS * 2
    out = StringIO()
    call_command("purge_callback_requests", "--dry-run", stdout=out)
    assert "would delete 1 closed request(s) older than 730 days" in out.getvalue()


def test_quiet_at_verbosity_zero(requests_):
    out = StringIO()
    call_command("purge_callback_requests", "--dry-run", verbosity=0, stdout=out)
    assert out.getvalue() == ""
