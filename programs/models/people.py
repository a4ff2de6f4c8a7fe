"""The people families meet or call (the team, the coordinators) and the phone lines, with their
opening hours in the program's time zone."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from programs.fields import PhoneNumberField
from programs.models.base import (
    Listed,
    Person,
    PublishedQuerySet,
    WithPhoto,
    one_of,
    spanish,
)
from programs.models.program import Program


class TeamMember(WithPhoto, Person):
    """Someone on the care team, shown on the team page."""

    PHOTO_FOLDER = "team"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="team_members")
    bio = models.TextField(blank=True, help_text="Two or three short sentences. Plain text.")
    bio_es = spanish(bio, "bio")


class LinePurpose(models.TextChoices):
    INFORMATION = "information", "General information"
    NEW_PATIENTS = "new_patients", "New-patient appointments"
    REFERRALS = "referrals", "Referring clinicians"
    ADULT_PROGRAM = "adult_program", "Adult program"
    CURRENT_PATIENTS = "current_patients", "Current patients (24/7)"
    TRIALS = "trials", "Clinical trials"
    OTHER = "other", "Other"


class ContactLineQuerySet(PublishedQuerySet):
    def with_hours(self):
        return self.prefetch_related("hours")


class ContactLine(Listed):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="lines")
    name = models.CharField(max_length=120, help_text="For example “Cancer information line”.")
    name_es = spanish(name, "name")
    purpose = models.CharField(max_length=30, choices=LinePurpose, default=LinePurpose.INFORMATION)
    audience = models.CharField(
        max_length=200,
        help_text="Who should call, in plain words: “Families with questions about CAR T”.",
    )
    audience_es = spanish(audience, "audience")
    phone = PhoneNumberField(
        help_text="Type it any usual way, e.g. (215) 555-0123; it is saved as +12155550123."
    )
    email = models.EmailField(blank=True)
    is_24_7 = models.BooleanField(
        default=False,
        verbose_name="answered 24/7",
        help_text="Open all day, every day. Hours below are ignored.",
    )
    after_hours = models.CharField(
        max_length=300,
        blank=True,
        verbose_name="after-hours instruction",
        help_text="What to do when the line is closed, e.g. “Leave a message; we call back the next business day.”",
    )
    after_hours_es = spanish(after_hours, "after-hours instruction")
    languages = models.CharField(
        max_length=200, blank=True, help_text="For example “English, Spanish”."
    )
    languages_es = spanish(languages, "languages")
    response_hours = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Callback promise for requests routed here, in business hours. Empty: the program's.",
    )
    show_on_home = models.BooleanField(default=False, help_text="List this line on the home page.")
    show_in_footer = models.BooleanField(
        default=True, help_text="List this line in the footer of every page."
    )

    objects = ContactLineQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        constraints = [
            one_of("purpose", LinePurpose, name="line_purpose_valid"),
        ]

    def __str__(self) -> str:
        return self.name

    @cached_property
    def _hours(self) -> list["OpeningHours"]:
        return list(self.hours.all())

    def hours_by_weekday(self) -> list[tuple[str, list["OpeningHours"]]]:
        """[(weekday name, [periods])] Monday first, for display."""
        return [
            (label, [h for h in self._hours if h.weekday == day]) for day, label in Weekday.choices
        ]

    def is_open_at(self, moment: datetime.datetime) -> bool:
        if self.is_24_7:
            return True
        local = moment.astimezone(self.program.tz)
        now = local.time()
        return any(h.weekday == local.weekday() and h.opens <= now < h.closes for h in self._hours)

    def is_open_now(self) -> bool:
        return self.is_open_at(timezone.now())


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class OpeningHours(models.Model):
    line = models.ForeignKey(ContactLine, on_delete=models.CASCADE, related_name="hours")
    weekday = models.PositiveSmallIntegerField(choices=Weekday)
    opens = models.TimeField(help_text="In the program's time zone.")
    closes = models.TimeField(help_text="In the program's time zone.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["weekday", "opens"]
        verbose_name_plural = "opening hours"
        constraints = [
            models.CheckConstraint(
                condition=Q(closes__gt=models.F("opens")), name="hours_close_after_open"
            ),
            models.CheckConstraint(
                condition=Q(weekday__gte=0, weekday__lte=6), name="hours_weekday_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"

    def clean(self):
        if self.opens and self.closes and self.closes <= self.opens:
            raise ValidationError({"closes": "Closing time must be after opening time."})


class Coordinator(Person):
    """A named person who calls families back (routing rules can name one)."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="coordinators")
    phone = PhoneNumberField(help_text="Direct line.")
    email = models.EmailField(blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="coordinator",
        help_text="The staff account this coordinator uses to work the callback queue. Not shown publicly.",
    )
    is_published = models.BooleanField(
        default=True,
        verbose_name="shown on the contacts page",
        help_text="Unticked: still used for callbacks.",
    )
