"""The program itself, the notices shown on every page, and the content version that every cached
page is keyed by."""

import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator

from programs.fields import PhoneNumberField, RichTextField
from programs.models.base import Content, spanish


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(f"“{value}” is not a time zone name such as America/New_York.")


class ProgramQuerySet(models.QuerySet):
    def for_site(self) -> "Program | None":
        """The program this deployment serves: settings.CARSITE_PROGRAM, else the default one."""
        if settings.CARSITE_PROGRAM:
            return self.filter(slug=settings.CARSITE_PROGRAM).first()
        return self.order_by("-is_default", "pk").first()


class Program(Content):
    name = models.CharField(
        max_length=120, help_text="For example “Pediatric CAR T-Cell Therapy Program”."
    )
    name_es = spanish(name, "name")
    slug = models.SlugField(unique=True, help_text="Short name used in settings (CARSITE_PROGRAM).")
    institution = models.CharField(
        max_length=160, help_text="The hospital, shown next to the name."
    )
    short_description = models.CharField(
        max_length=300,
        help_text="One or two plain sentences shown under the name on the home page and in search results.",
    )
    short_description_es = spanish(short_description, "short description")
    about = RichTextField(
        blank=True,
        help_text="What the program is, shown on the home page. Simple formatting is kept; scripts are removed.",
    )
    about_es = spanish(about, "about")
    next_step = RichTextField(
        blank=True,
        help_text="The first thing a family should do, shown on the home page (for example: call the new-patient line).",
    )
    next_step_es = spanish(next_step, "next step")
    time_zone = models.CharField(
        max_length=64,
        default="America/New_York",
        validators=[validate_time_zone],
        help_text="Opening hours and callback times are in this time zone.",
    )
    headline = models.CharField(
        max_length=160,
        blank=True,
        help_text="The home page's main heading, e.g. “CAR T-cell therapy for children and young "
        "adults with B-cell leukemia”. Leave empty to show the program's name.",
    )
    headline_es = spanish(headline, "headline")
    main_phone = PhoneNumberField(
        help_text="The program's main number, shown in the header when no header line is chosen."
    )
    header_line = models.ForeignKey(
        "ContactLine",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The one line whose number the header shows on every page (for example the "
        "new-patient line). Empty: the main phone above.",
    )
    address = models.TextField(
        blank=True,
        help_text="The street address families come to, one part a line. Shown on the “Finding "
        "us” page with a map link.",
    )
    is_default = models.BooleanField(
        default=False,
        help_text="The program this site shows when no other is configured. Only one can be the default.",
    )
    fallback_line = models.ForeignKey(
        "ContactLine",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Callback requests that match no routing rule go to this line.",
    )
    response_hours = models.PositiveSmallIntegerField(
        default=9,
        help_text="How soon we promise to call back, in business hours (the line's opening hours, "
        "not counting weekends and US holidays). 9 is one business day for a line open 8 am to 5 pm.",
    )

    objects = ProgramQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=Q(is_default=True), name="program_one_default"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("programs:home")

    def clean(self):
        if self.fallback_line_id and self.fallback_line.program_id != self.pk:
            raise ValidationError({"fallback_line": "Choose one of this program's own lines."})
        if self.header_line_id and self.header_line.program_id != self.pk:
            raise ValidationError({"header_line": "Choose one of this program's own lines."})

    @property
    def address_lines(self) -> list[str]:
        return [line.strip() for line in self.address.splitlines() if line.strip()]

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def time_zone_label(self) -> str:
        """The zone's current abbreviation, e.g. EST or EDT."""
        return timezone.now().astimezone(self.tz).strftime("%Z")


class SiteNoticeQuerySet(models.QuerySet):
    def current(self, now=None):
        now = now or timezone.now()
        return self.filter(
            Q(starts_at__isnull=True) | Q(starts_at__lte=now),
            Q(ends_at__isnull=True) | Q(ends_at__gt=now),
            is_active=True,
        )


class SiteNotice(Content):
    """A banner on every page (e.g. a holiday schedule or the privacy notice). A family can close
    it; the browser remembers that in its own storage, with no cookie and nothing sent to us."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="notices")
    text = RichTextField(
        inline=True, help_text="One or two sentences. Links are kept; other formatting is removed."
    )
    text_es = spanish(text, "text")
    is_active = models.BooleanField("shown", default=True)
    starts_at = models.DateTimeField(
        null=True, blank=True, help_text="Optional: show from this time."
    )
    ends_at = models.DateTimeField(
        null=True, blank=True, help_text="Optional: stop showing at this time."
    )
    is_dismissible = models.BooleanField("can be closed", default=True)

    objects = SiteNoticeQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "-pk"]

    def __str__(self) -> str:
        return Truncator(strip_tags(self.text)).chars(60)

    @property
    def dismiss_key(self) -> str:
        """Changes whenever the text does, so an edited notice shows again."""
        return f"notice-{self.pk}-{self.version}"


class ContentVersion(models.Model):
    """One row whose number changes whenever any content does (programs.caching). Cached
    pages and the cached site chrome are keyed by it, so a publish is live on the next request
    in every worker and on every server."""

    version = models.PositiveBigIntegerField(default=1)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "content version"

    def __str__(self) -> str:
        return f"content version {self.version}"
