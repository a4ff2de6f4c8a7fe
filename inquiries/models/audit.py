"""Who looked at which request (the access log), and the shared rate-limit counters."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from inquiries.models.choices import AccessAction, DropReason


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


class DroppedPost(models.Model):
    """How many callback form posts were not saved, per day and reason: what the traps and
    limits cost, shown to staff in the callback report. Holds no answer and no address."""

    day = models.DateField()
    reason = models.CharField(max_length=20, choices=DropReason)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-day", "reason"]
        constraints = [
            models.UniqueConstraint(fields=["day", "reason"], name="dropped_post_day_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.reason}: {self.count}"
