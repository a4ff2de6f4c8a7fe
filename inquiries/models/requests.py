"""A family's request for a call, and its append-only activity log."""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Case, Q, Value, When
from django.urls import reverse
from django.utils import timezone

from inquiries.models.choices import (
    MAX_AGE,
    ActivityKind,
    Asker,
    Diagnosis,
    Language,
    LinkedBy,
    Outcome,
    Relapsed,
    Status,
    Topic,
)
from inquiries.models.rules import RoutingRule
from programs.fields import PhoneNumberField
from programs.models import ContactLine, Coordinator, Program
from programs.models.base import one_of

# Reference codes: 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L, U),
# shown as ABCD-EFGH. 29^8 = 5e11 codes: not guessable, short enough to read on the phone.
REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ3456789"


def new_reference() -> str:
    code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"{code[:4]}-{code[4:]}"


class CallbackRequestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(is_closed=False)

    def overdue(self, now=None):
        return self.open().filter(due_by__lt=now or timezone.now())

    def unnotified(self):
        return self.filter(notified_at__isnull=True)

    def due_for_notification(self, now=None):
        """Not yet notified, and the retry time (set when the job was queued) has passed."""
        return self.unnotified().filter(notify_next_at__lte=now or timezone.now())


class CallbackRequest(models.Model):
    """A family's request for a call. Holds health details: shown only to coordinators."""

    reference = models.CharField(max_length=9, unique=True, default=new_reference, editable=False)
    # The hidden token of the form that created it: a resubmitted POST finds this row.
    submission_token = models.UUIDField(unique=True, editable=False)
    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="callback_requests")
    received_at = models.DateTimeField(default=timezone.now, editable=False, db_index=True)

    # The family's answers
    asker = models.CharField("who is asking", max_length=20, choices=Asker)
    topic = models.CharField("what it is about", max_length=30, choices=Topic)
    patient_age = models.PositiveSmallIntegerField(
        "patient's age", validators=[MaxValueValidator(MAX_AGE)]
    )
    diagnosis = models.CharField(max_length=20, choices=Diagnosis)
    relapsed = models.CharField("came back or did not respond", max_length=10, choices=Relapsed)
    name = models.CharField("caller's name", max_length=100)
    phone = PhoneNumberField()
    phone_extension = models.CharField("extension", max_length=10, blank=True)
    email = models.EmailField(blank=True, max_length=254)
    best_times = models.JSONField("best times to call", default=list, blank=True)
    language = models.CharField(
        "preferred language", max_length=10, choices=Language, default=Language.ENGLISH
    )
    language_other = models.CharField("other language", max_length=60, blank=True)
    needs_interpreter = models.BooleanField("needs an interpreter", default=False)
    note = models.TextField(blank=True, max_length=500)
    consent_call = models.BooleanField("agreed to be called")
    consent_voicemail = models.BooleanField("OK to leave a voicemail", default=False)

    # Routing (inquiries/routing.py) and the promise made to the family
    line = models.ForeignKey(
        ContactLine, on_delete=models.PROTECT, related_name="callback_requests"
    )
    coordinator = models.ForeignKey(
        Coordinator,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="callback_requests",
    )
    matched_rule = models.ForeignKey(
        RoutingRule,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="callback_requests",
        help_text="Empty: no rule matched and the program's fallback line was used.",
    )
    matched_rule_name = models.CharField(
        max_length=140, blank=True, help_text="Kept if the rule is later deleted."
    )
    due_by = models.DateTimeField(db_index=True)
    interpreter_for = models.CharField(
        "needs an interpreter for",
        max_length=60,
        blank=True,
        help_text="Set by routing when nobody in the program speaks the family's language: "
        "book an interpreter for this language before calling.",
    )

    # The coordinator's work
    status = models.CharField(max_length=20, choices=Status, default=Status.NEW)
    # Kept by the database from `status`: the queue sorts open requests first by this and due_by,
    # which one index serves (a CASE expression in ORDER BY would sort every row on each load).
    is_closed = models.GeneratedField(
        expression=Case(When(status=Status.CLOSED, then=Value(True)), default=Value(False)),
        output_field=models.BooleanField(),
        db_persist=True,
    )
    outcome = models.CharField(max_length=20, choices=Outcome, blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_callback_requests",
    )
    first_contact_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    # Staff notification (nothing in django.tasks retries: the sweep re-queues)
    notified_at = models.DateTimeField(null=True, blank=True)
    notify_attempts = models.PositiveSmallIntegerField(default=0)
    notify_next_at = models.DateTimeField(null=True, blank=True, db_index=True)
    notify_error = models.CharField(max_length=200, blank=True)

    objects = CallbackRequestQuerySet.as_manager()

    class Meta:
        # The queue's order: open requests first, the most urgent at the top.
        ordering = ["is_closed", "due_by", "id"]
        permissions = [("export_callbackrequest", "Can export callback requests as CSV")]
        # Each queue filter is an equality followed by the queue's order, so each has an index
        # that returns its page already sorted (see `make bench-queue`).
        indexes = [
            models.Index(fields=["is_closed", "due_by", "id"], name="callback_queue_idx"),
            models.Index(fields=["status", "is_closed", "due_by"], name="callback_status_due_idx"),
            models.Index(fields=["line", "is_closed", "due_by"], name="callback_line_due_idx"),
            models.Index(
                fields=["coordinator", "is_closed", "due_by"], name="callback_coordinator_due_idx"
            ),
            models.Index(
                fields=["assigned_to", "is_closed", "due_by"], name="callback_assignee_due_idx"
            ),
            models.Index(
                fields=["language", "is_closed", "due_by"], name="callback_language_due_idx"
            ),
            # The duplicate check on every new request: the family's open request by phone.
            models.Index(fields=["phone", "received_at"], name="callback_phone_received_idx"),
        ]
        constraints = [
            one_of("status", Status, name="callback_status_valid"),
            models.CheckConstraint(
                condition=~Q(status=Status.CLOSED) | ~Q(outcome=""),
                name="callback_closed_has_outcome",
            ),
            models.CheckConstraint(condition=Q(consent_call=True), name="callback_has_consent"),
            models.CheckConstraint(
                condition=Q(patient_age__lte=MAX_AGE), name="callback_age_possible"
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("admin:inquiries_callbackrequest_change", args=[self.pk])

    @property
    def routed_to(self) -> str:
        """Who will call: the coordinator by name, else the line."""
        return self.coordinator.display_name if self.coordinator_id else self.line.tr.name

    @property
    def latest_phone(self) -> str:
        """The number to call: the one in the latest submission."""
        later = self.later_submissions.order_by("-received_at", "-pk").first()
        return later.phone if later and later.phone else self.phone

    @property
    def phone_ending(self) -> str:
        """The last 4 digits of the number we will call: all the confirmation shows of it."""
        return self.latest_phone[-4:]

    def is_overdue(self, now=None) -> bool:
        return self.status != Status.CLOSED and self.due_by < (now or timezone.now())


class Activity(models.Model):
    """Append-only log of what happened to a request. Rows are never edited or deleted by staff."""

    callback_request = models.ForeignKey(
        CallbackRequest, on_delete=models.CASCADE, related_name="activities"
    )
    kind = models.CharField(max_length=20, choices=ActivityKind)
    text = models.TextField(blank=True, max_length=2000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name_plural = "activity"

    def __str__(self) -> str:
        return self.get_kind_display()


class LaterSubmission(models.Model):
    """A later form from the same family (the same phone number, or the same browser soon
    after), added to their first request instead of making a second. Holds the whole form as
    sent: coordinators see every submission on the one request."""

    callback_request = models.ForeignKey(
        CallbackRequest, on_delete=models.CASCADE, related_name="later_submissions"
    )
    # The form's one-time token: a resubmitted POST finds this row, and adds nothing twice.
    submission_token = models.UUIDField(unique=True, editable=False)
    received_at = models.DateTimeField(default=timezone.now, editable=False)
    linked_by = models.CharField(max_length=10, choices=LinkedBy)
    answers = models.JSONField(help_text="The form's answers, as the family sent them.")

    class Meta:
        ordering = ["received_at", "pk"]
        verbose_name = "later submission"

    def __str__(self) -> str:
        return f"{self.callback_request} + {self.received_at:%Y-%m-%d %H:%M}"

    @property
    def phone(self) -> str:
        return self.answers.get("phone", "")
