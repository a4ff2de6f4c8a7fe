"""Telling staff a request is waiting. The email names only the reference, the line, the due-by
time and a link to the admin: never the caller, their phone, or any health detail.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.tasks import task
from django.urls import reverse
from django.utils import timezone, translation

from inquiries.models import Activity, ActivityKind, CallbackRequest
from inquiries.templatetags.callbacks import due_phrase

logger = logging.getLogger(__name__)


def recipients_for(req: CallbackRequest) -> list[str]:
    for address in (
        req.coordinator.email if req.coordinator_id else "",
        req.line.email,
        settings.CALLBACK_NOTIFY_FALLBACK_EMAIL,
    ):
        if address:
            return [address]
    return []


def notification_email(req: CallbackRequest) -> EmailMessage:
    # Coordinators work in English, whatever language the family used (a request sent from a
    # Spanish page can be notified in that request's thread).
    with translation.override("en"):
        return _notification_email(req)


def _notification_email(req: CallbackRequest) -> EmailMessage:
    link = settings.SITE_URL + reverse("admin:inquiries_callbackrequest_change", args=[req.pk])
    due = due_phrase(req.due_by, req.program.tz)
    body = "\n".join(
        [
            f"A family asked for a call back. Reference: {req.reference}",
            f"Routed to: {req.routed_to} ({req.line.name})",
            # The zone as it will be on that day (EST or EDT), not as it is today.
            f"Please call {due} ({req.due_by.astimezone(req.program.tz):%Z}).",
            "",
            f"Open the request (staff login needed): {link}",
            "",
            "For privacy, this email holds no names, numbers or health details.",
        ]
    )
    return EmailMessage(
        subject=f"Callback request {req.reference}: call {due}",
        body=body,
        to=recipients_for(req),
    )


class NoRecipient(Exception):
    pass


def callback_notification_send(*, callback_request_id: int) -> bool:
    """Send the staff email once. Returns False when it was already sent."""
    req = CallbackRequest.objects.select_related("line", "coordinator", "program").get(
        pk=callback_request_id
    )
    if req.notified_at:
        return False
    message = notification_email(req)
    try:
        if not message.to:
            raise NoRecipient(
                "no email address on the line, the coordinator or CALLBACK_NOTIFY_FALLBACK_EMAIL"
            )
        message.send()
    except Exception as exc:
        # The class name only: SMTP errors can quote addresses. The sweep re-queues it.
        CallbackRequest.objects.filter(pk=req.pk).update(notify_error=type(exc).__name__[:200])
        logger.warning(
            "Notification for callback request id=%s failed: %s", req.pk, type(exc).__name__
        )
        raise
    now = timezone.now()
    with transaction.atomic():
        CallbackRequest.objects.filter(pk=req.pk).update(
            notified_at=now, notify_error="", notify_next_at=None
        )
        Activity.objects.create(
            callback_request=req,
            kind=ActivityKind.NOTIFICATION,
            text=f"Emailed {', '.join(message.to)}.",
            created_at=now,
        )
    return True


@task()
def notify_callback_request(callback_request_id: int) -> bool:
    """The queued job: its only argument is the request's id."""
    return callback_notification_send(callback_request_id=callback_request_id)
