"""One row of the routing table; inquiries/routing.py applies them."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models

from inquiries.models.choices import MAX_AGE, Asker, Diagnosis, Language, Relapsed, Topic
from programs.models import ContactLine, Coordinator, Program, Timestamped
from programs.models.base import ordered_or_empty


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
    only_if_spoken = models.BooleanField(
        "only if they speak the family's language",
        default=False,
        help_text="Match only when the coordinator (or, without one, the line) this rule sends to "
        "lists the family's language in their languages.",
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
            ordered_or_empty("min_age", "max_age", name="rule_age_range_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.priority}: {self.name}"

    def clean(self):
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
