"""The callback report: requests per week, open and overdue per line, time to first contact."""

import datetime
import statistics

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, Sum
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone

from inquiries.models import CallbackRequest, DroppedPost, DropReason


class ReportMixin:
    """Adds …/report/ to the queue's admin."""

    def get_urls(self):
        report = self.admin_site.admin_view(self.report_view)
        return [
            path("report/", report, name="inquiries_callbackrequest_report"),
            *super().get_urls(),
        ]

    def report_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        now = timezone.now()
        since = now - datetime.timedelta(weeks=12)
        qs = CallbackRequest.objects.all()
        weekly: dict[datetime.date, int] = {}
        for received in qs.filter(received_at__gte=since).values_list("received_at", flat=True):
            local = timezone.localtime(received).date()
            monday = local - datetime.timedelta(days=local.weekday())
            weekly[monday] = weekly.get(monday, 0) + 1
        weeks = [(monday, weekly[monday]) for monday in sorted(weekly, reverse=True)]
        per_line = (
            qs.open()
            .values("line__name")
            .annotate(open=Count("pk"), overdue=Count("pk", filter=Q(due_by__lt=now)))
            .order_by("line__name")
        )
        waits = [
            (first - received).total_seconds() / 3600
            for received, first in qs.filter(
                first_contact_at__isnull=False, received_at__gte=since
            ).values_list("received_at", "first_contact_at")
        ]
        dropped = (
            DroppedPost.objects.filter(day__gte=timezone.localdate(since))
            .values("reason")
            .annotate(total=Sum("count"))
            .order_by("reason")
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Callback report",
            "weeks": weeks,
            "per_line": per_line,
            "median_hours": round(statistics.median(waits), 1) if waits else None,
            "contacted_count": len(waits),
            "since": since,
            "dropped": [(DropReason(row["reason"]).label, row["total"]) for row in dropped],
        }
        return TemplateResponse(request, "admin/inquiries/callbackrequest/report.html", context)
