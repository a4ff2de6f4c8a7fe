"""Retention: callback requests are kept only as long as they are needed.

Closed requests older than --days (default CALLBACK_RETENTION_DAYS, 365) are deleted with their
activity, or, with --anonymize, kept for the figures but stripped of everything that identifies
the family (name, phone, email, note, age, diagnosis). Finished background-task rows and expired
rate-limit counters older than the same age are pruned too. Every deletion is recorded in the
access log (ids and references only). Run it daily, e.g. from cron:
    15 3 * * * cd /srv/carsite && .venv/bin/python manage.py purge_callback_requests
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from inquiries.models import AccessAction, AccessLog, Activity, CallbackRequest, Status
from inquiries.ratelimit import counters_prune

ANONYMOUS = {
    "name": "(removed)",
    "phone": "+10000000000",
    "email": "",
    "note": "",
    "language_other": "",
    "patient_age": 0,
    "diagnosis": "other",
    "relapsed": "not_sure",
    "best_times": [],
    # The matched rule restates the answers (e.g. "B-ALL up to 25"): it goes with them.
    "matched_rule": None,
    "matched_rule_name": "",
}


class Command(BaseCommand):
    help = "Delete (or anonymize) closed callback requests older than the retention period."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=None, help="Keep this many days (default: setting)."
        )
        parser.add_argument("--dry-run", action="store_true", help="Count only; change nothing.")
        parser.add_argument(
            "--anonymize",
            action="store_true",
            help="Strip identifying details instead of deleting.",
        )

    def handle(self, *args, days, dry_run, anonymize, **options):
        days = days if days is not None else settings.CALLBACK_RETENTION_DAYS
        cutoff = timezone.now() - datetime.timedelta(days=days)
        old = CallbackRequest.objects.filter(status=Status.CLOSED, closed_at__lt=cutoff)
        if anonymize:
            old = old.exclude(name=ANONYMOUS["name"])
        finished = DBTaskResult.objects.filter(finished_at__lt=cutoff)
        counts = {"requests": old.count(), "task rows": finished.count()}
        verb = "anonymize" if anonymize else "delete"
        if dry_run:
            self._say(options, f"Dry run: would {verb} {counts['requests']} closed request(s) older than "
                               f"{days} days and prune {counts['task rows']} finished task row(s).")  # fmt: skip
            return
        with transaction.atomic():
            rows = list(old.values_list("pk", "reference"))
            AccessLog.objects.bulk_create(
                AccessLog(
                    username="retention",
                    action=AccessAction.ANONYMIZE if anonymize else AccessAction.DELETE,
                    callback_request_id=pk,
                    reference=reference,
                    detail=f"older than {days} days",
                )
                for pk, reference in rows
            )
            if anonymize:
                # Staff notes can hold details too; the log's shape (kinds, times) stays.
                Activity.objects.filter(callback_request__in=old).exclude(text="").update(
                    text="(removed)"
                )
                old.update(**ANONYMOUS)
            else:
                old.delete()
            finished.delete()
            counters_prune()
        self._say(options, f"{verb.capitalize()}d {counts['requests']} closed request(s) older than {days} days; "
                           f"pruned {counts['task rows']} finished task row(s).", success=True)  # fmt: skip

    def _say(self, options, text, success=False):
        if options["verbosity"] > 0:
            self.stdout.write(self.style.SUCCESS(text) if success else text)
