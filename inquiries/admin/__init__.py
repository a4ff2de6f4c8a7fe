"""The coordinators' queue and the routing table, in the Django admin: the queue and a request's
page (queue), its CSV export (export) and report (report), the routing table (rules) and the
access log (audit)."""

from inquiries.admin import audit, export, queue, report, rules
from inquiries.admin.queue import CallbackRequestAdmin, CappedCountPaginator

__all__ = [
    "CallbackRequestAdmin",
    "CappedCountPaginator",
    "audit",
    "export",
    "queue",
    "report",
    "rules",
]
