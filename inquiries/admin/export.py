"""CSV export of selected callback requests: for those given the export permission, each row
written to the access log, and cells a spreadsheet would run as formulas defused."""

import csv

from django.contrib import admin
from django.http import HttpResponse
from django.utils import timezone

from inquiries.admin.audit import audit
from inquiries.models import AccessAction

# Spreadsheets run cells that start with these as formulas (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _local(moment) -> str:
    return timezone.localtime(moment).isoformat(timespec="minutes") if moment else ""


class CsvExportMixin:
    """The queue's "Export the selected requests as CSV" action."""

    def has_export_permission(self, request):
        return request.user.has_perm("inquiries.export_callbackrequest")

    @admin.action(description="Export the selected requests as CSV", permissions=["export"])
    def export_csv(self, request, queryset):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="callback-requests-{stamp}.csv"'
        response.write("\ufeff")  # so spreadsheet programs read UTF-8 names correctly
        writer = csv.writer(response)
        columns = [
            ("reference", lambda r: r.reference),
            ("received", lambda r: _local(r.received_at)),
            ("due_by", lambda r: _local(r.due_by)),
            ("status", lambda r: r.get_status_display()),
            ("outcome", lambda r: r.get_outcome_display()),
            ("line", lambda r: r.line.name),
            ("coordinator", lambda r: r.coordinator.name if r.coordinator_id else ""),
            ("assigned_to", lambda r: r.assigned_to.get_username() if r.assigned_to_id else ""),
            ("who_is_asking", lambda r: r.get_asker_display()),
            ("topic", lambda r: r.get_topic_display()),
            ("patient_age", lambda r: r.patient_age),
            ("diagnosis", lambda r: r.get_diagnosis_display()),
            ("relapsed", lambda r: r.get_relapsed_display()),
            ("name", lambda r: r.name),
            ("phone", lambda r: r.phone),
            ("email", lambda r: r.email),
            ("language", lambda r: self.language_display(r)),
            ("note", lambda r: r.note),
            ("first_contact", lambda r: _local(r.first_contact_at)),
        ]  # fmt: skip
        writer.writerow([name for name, _ in columns])
        for req in queryset.select_related("line", "coordinator", "assigned_to"):
            writer.writerow([csv_safe(get(req)) for _, get in columns])
            audit(request, AccessAction.EXPORT, req, detail="CSV")
        return response
