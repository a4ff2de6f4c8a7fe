"""Inquiries owns the callback requests families send, the rules that route them, and the queue
coordinators work. routing.py decides who calls back; services.py runs the workflow. Public
content (programs, lines, coordinators) belongs to `programs`.
"""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Case, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programs.fields import PhoneNumberField
from programs.models import ContactLine, Coordinator, Program, Timestamped

# Reference codes: 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L, U),
# shown as ABCD-EFGH. 29^8 = 5e11 codes: not guessable, short enough to read on the phone.
REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ3456789"
MAX_AGE = 120


def new_reference() -> str:
    code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"{code[:4]}-{code[4:]}"


class Asker(models.TextChoices):
    PARENT = "parent", _("A parent or caregiver")
    ADULT_PATIENT = "adult_patient", _("The patient (18 or older)")
    CLINICIAN = "clinician", _("A doctor or nurse referring a patient")
    OTHER = "other", _("Someone else")


class Topic(models.TextChoices):
    IS_CART_AN_OPTION = "is_cart_an_option", _("Could CAR T be an option?")
    NEW_REFERRAL = "new_referral", _("A new referral or a second opinion")
    TRIALS = "trials", _("Clinical trials")
    TRAVEL_MONEY = "travel_money", _("Travel, a place to stay, or money")
    CURRENT_PATIENT = "current_patient", _("A current patient's question (not urgent)")
    OTHER = "other", _("Something else")


class Diagnosis(models.TextChoices):
    B_ALL = "b_all", _("B-cell acute lymphoblastic leukemia (B-ALL)")
    LYMPHOMA = "lymphoma", _("Lymphoma")
    OTHER = "other", _("Something else, or not sure")


class Relapsed(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    NOT_SURE = "not_sure", _("Not sure")


class Language(models.TextChoices):
    ENGLISH = "en", _("English")
    SPANISH = "es", _("Spanish (Español)")
    CHINESE = "zh", _("Chinese (中文)")
    VIETNAMESE = "vi", _("Vietnamese (Tiếng Việt)")
    ARABIC = "ar", _("Arabic (العربية)")
    OTHER = "other", _("Another language")


class CallTime(models.TextChoices):
    MORNING = "morning", _("Morning (8 am to noon)")
    AFTERNOON = "afternoon", _("Afternoon (noon to 5 pm)")
    EVENING = "evening", _("Early evening (5 to 7 pm)")


class Status(models.TextChoices):
    NEW = "new", "New"
    ATTEMPTED = "attempted", "Tried to call"
    CONTACTED = "contacted", "Talked with the family"
    CLOSED = "closed", "Closed"


class Outcome(models.TextChoices):
    SCHEDULED = "scheduled", "Visit or consult scheduled"
    REFERRED = "referred", "Referred elsewhere"
    NOT_CANDIDATE = "not_candidate", "Not a candidate"
    UNREACHABLE = "unreachable", "Could not reach"
    DUPLICATE = "duplicate", "Duplicate request"


class RoutingRule(Timestamped):
    """One row of the routing table. Empty conditions match anything; routing.py applies them."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="routing_rules")
    priority = models.PositiveIntegerField(
        default=100,
        help_text="Rules are tried from the lowest number up; the first that matches wins.",
    )
    name = models.CharField(
        max_length=120, help_text="What this rule is for, e.g. “Referring clinicians”."
    )
    asker = models.CharField(
        "who is asking", max_length=20, choices=Asker, blank=True, help_text="Empty: anyone."
    )
    topic = models.CharField(
        max_length=30, choices=Topic, blank=True, help_text="Empty: any topic."
    )
    min_age = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_AGE)],
        help_text="Patient age from (inclusive).",
    )
    max_age = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_AGE)],
        help_text="Patient age up to (inclusive).",
    )
    diagnosis = models.CharField(
        max_length=20, choices=Diagnosis, blank=True, help_text="Empty: any."
    )
    relapsed = models.CharField(
        "came back or did not respond",
        max_length=10,
        choices=Relapsed,
        blank=True,
        help_text="Empty: any.",
    )
    language = models.CharField(
        max_length=10, choices=Language, blank=True, help_text="Empty: any."
    )
    needs_interpreter = models.BooleanField(
        null=True,
        blank=True,
        help_text="Unknown: either. Yes: only requests that ask for an interpreter.",
    )
    line = models.ForeignKey(
        ContactLine,
        on_delete=models.PROTECT,
        related_name="routing_rules",
        help_text="The line that calls back.",
    )
    coordinator = models.ForeignKey(
        Coordinator,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="routing_rules",
        help_text="Optional: the named person who calls back.",
    )
    is_active = models.BooleanField("active", default=True)

    class Meta:
        ordering = ["program", "priority", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_age__isnull=True)
                | Q(max_age__isnull=True)
                | Q(min_age__lte=models.F("max_age")),
                name="rule_age_range_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.priority}: {self.name}"

    def clean(self):
        from django.core.exceptions import ValidationError

        errors = {}
        if self.min_age is not None and self.max_age is not None and self.min_age > self.max_age:
            errors["max_age"] = "“Up to” must be the same as or more than “from”."
        if self.line_id and self.program_id and self.line.program_id != self.program_id:
            errors["line"] = "Choose a line of this rule's program."
        if (
            self.coordinator_id
            and self.program_id
            and self.coordinator.program_id != self.program_id
        ):
            errors["coordinator"] = "Choose a coordinator of this rule's program."
        if errors:
            raise ValidationError(errors)


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
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="callback_status_valid"
            ),
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

    def is_overdue(self, now=None) -> bool:
        return self.status != Status.CLOSED and self.due_by < (now or timezone.now())


class ActivityKind(models.TextChoices):
    RECEIVED = "received", "Received and routed"
    NOTE = "note", "Note"
    STATUS = "status", "Status change"
    ATTEMPT = "attempt", "Call attempt"
    ASSIGNMENT = "assignment", "Assignment"
    NOTIFICATION = "notification", "Staff notified"


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


class AccessAction(models.TextChoices):
    LIST = "list", "Listed (queue or search)"
    VIEW = "view", "Viewed"
    CHANGE = "change", "Changed"
    EXPORT = "export", "Exported"
    DELETE = "delete", "Deleted"
    ANONYMIZE = "anonymize", "Anonymized (retention)"


class AccessLog(models.Model):
    """Who looked at or touched which callback request, and when. It holds the request's id and
    reference only, never an answer, a name or a number; nobody edits it (see its admin)."""

    at = models.DateTimeField(default=timezone.now, db_index=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    username = models.CharField(
        max_length=150, editable=False, help_text="Kept if the account is deleted."
    )
    action = models.CharField(max_length=20, choices=AccessAction, editable=False)
    callback_request_id = models.PositiveBigIntegerField(null=True, editable=False, db_index=True)
    reference = models.CharField(max_length=9, blank=True, editable=False)
    detail = models.CharField(
        max_length=200,
        blank=True,
        editable=False,
        help_text="Which fields changed (names only), or a count.",
    )

    class Meta:
        ordering = ["-at", "-pk"]
        permissions = [("view_accesslog_all", "Can read the access log of callback requests")]

    def __str__(self) -> str:
        return f"{self.username} {self.get_action_display().lower()} {self.reference or '-'}"


class RateLimitCounter(models.Model):
    """Requests per client address per time window, counted in the shared database so the
    limit holds across every gunicorn worker and server (used when REDIS_URL is not set)."""

    key = models.CharField(max_length=200, unique=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.key}: {self.count}"
