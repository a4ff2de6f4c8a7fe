"""Programs own the content families read: the program itself, its pages, team, phone lines,
coordinators, the conditions it treats, and the families' content (questions, glossary, stories,
trials, resources and language help). Callback requests live in `inquiries`, which imports
Timestamped, ContactLine and Coordinator from here.
"""

import calendar
import datetime
import decimal
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField
from simple_history.models import HistoricalRecords

from programs.fields import PhoneNumberField
from programs.sanitize import sanitize_html, sanitize_inline

IMAGE_ALT_REQUIRED = (
    "Please describe the picture for people who cannot see it, or tick “decorative”."
)


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(f"“{value}” is not a time zone name such as America/New_York.")


class Timestamped(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    # Bumped on every save. The admin form carries the version it loaded, so a second editor
    # saving an older copy gets a clear message instead of silently overwriting the first.
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if self.pk is not None and (update_fields is None or "version" in update_fields):
            self.version += 1
        super().save(*args, **kwargs)


class Localized:
    """An object's text in the active language: `page.tr.title` is the Spanish title on Spanish
    pages when there is one, else the English. Templates use it for everything families read."""

    def __init__(self, obj):
        self._obj = obj
        self._language = (get_language() or "en")[:2]

    def __getattr__(self, name: str):
        if self._language != "en":
            translated = getattr(self._obj, f"{name}_{self._language}", None)
            if translated:
                return translated
        return getattr(self._obj, name)


class Translatable(models.Model):
    """Content with a Spanish twin for some fields (`title_es` beside `title`): a clean, explicit
    design instead of a package that patches models at start-up, so history and drafts simply
    see ordinary fields."""

    class Meta:
        abstract = True

    @property
    def tr(self) -> Localized:
        return Localized(self)


def spanish(field: models.Field, label: str) -> models.Field:
    """The Spanish twin of `field`: same type and limits, optional, labelled for editors."""
    _, path, args, kwargs = field.deconstruct()
    kwargs |= {
        "verbose_name": f"{label} (Spanish)",
        "blank": True,
        "help_text": "Spanish text. Leave empty to show the English text on Spanish pages.",
    }
    kwargs.pop("default", None)
    if isinstance(field, ProseEditorField):
        kwargs |= {"config": field.config, "sanitize": True}
    return type(field)(*args, **kwargs)


class ProgramQuerySet(models.QuerySet):
    def for_site(self) -> "Program | None":
        """The program this deployment serves: settings.CARSITE_PROGRAM, else the default one."""
        if settings.CARSITE_PROGRAM:
            return self.filter(slug=settings.CARSITE_PROGRAM).first()
        return self.order_by("-is_default", "pk").first()


class Program(Translatable, Timestamped):
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
    about = models.TextField(
        blank=True,
        help_text="What the program is, shown on the home page. Simple formatting is kept; scripts are removed.",
    )
    about_es = spanish(about, "about")
    next_step = models.TextField(
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
    main_phone = PhoneNumberField(
        help_text="The program's main number, shown in the header and footer."
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
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=Q(is_default=True), name="program_one_default"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        for name in ("about", "about_es", "next_step", "next_step_es"):
            setattr(self, name, sanitize_html(getattr(self, name)))
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("programs:home")

    def clean(self):
        if self.fallback_line_id and self.fallback_line.program_id != self.pk:
            raise ValidationError({"fallback_line": "Choose one of this program's own lines."})

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def time_zone_label(self) -> str:
        """The zone's current abbreviation, e.g. EST or EDT."""
        return timezone.now().astimezone(self.tz).strftime("%Z")


class PageKind(models.TextChoices):
    STANDARD = "standard", "Text only"
    JOURNEY = "journey", "Text, then the journey step by step and the warning signs"
    TEAM = "team", "Text, then the team"
    CONTACTS = "contacts", "Text, then phone lines and coordinators"
    CONDITIONS = "conditions", "Text, then the conditions treated"
    FAQ = "faq", "Text, then the questions and answers (FAQ)"
    GLOSSARY = "glossary", "Text, then the glossary of medical words"
    STORIES = "stories", "Text, then the families' stories"
    TRIALS = "trials", "Text, then the clinical trials"
    RESOURCES = "resources", "Text, then the resources for families, by topic"
    LANGUAGE_HELP = "language_help", "Text, then free language help in other languages"
    NONDISCRIMINATION = "nondiscrimination", "Text only: the nondiscrimination notice"


# Linked from every page: the footer links the first two, page text links to the glossary.
LINKED_PAGE_KINDS = (PageKind.LANGUAGE_HELP, PageKind.NONDISCRIMINATION, PageKind.GLOSSARY)


class PageQuerySet(models.QuerySet):
    def published(self, now=None):
        """The single definition of “a family can see this page”: published, and inside its
        optional publish-at / unpublish-at window (checked at request time: no cron job)."""
        now = now or timezone.now()
        return self.filter(
            Q(publish_at__isnull=True) | Q(publish_at__lte=now),
            Q(unpublish_at__isnull=True) | Q(unpublish_at__gt=now),
            is_published=True,
        )

    def due_for_review(self, today=None):
        """Health pages whose medical review is due within 30 days, or overdue, or never done."""
        today = today or timezone.localdate()
        soon = today + datetime.timedelta(days=REVIEW_WARNING_DAYS)
        return self.filter(needs_review=True).filter(
            Q(review_due__isnull=True) | Q(review_due__lte=soon)
        )

    def overdue_for_review(self, today=None):
        today = today or timezone.localdate()
        return self.filter(needs_review=True).filter(
            Q(review_due__isnull=True) | Q(review_due__lt=today)
        )

    def for_nav(self):
        return self.published().filter(show_in_nav=True).order_by("order", "title")

    def for_chrome(self):
        """for_nav() plus the pages every page links to outside the menu (the footer's language
        help and nondiscrimination notice, the glossary): one query serves the site chrome."""
        return (
            self.published()
            .filter(Q(show_in_nav=True) | Q(kind__in=LINKED_PAGE_KINDS))
            .order_by("order", "title")
        )


# The editor's toolbar: what families' pages may contain. Sanitized on save in any case.
RICH_TEXT = {
    "extensions": {
        "Bold": True,
        "Italic": True,
        "Heading": {"levels": [2, 3, 4]},
        "BulletList": True,
        "OrderedList": True,
        "ListItem": True,
        "Blockquote": True,
        "HardBreak": True,
        "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto", "tel"]},
        "Table": True,
        "TableRow": True,
        "TableHeader": True,
        "TableCell": True,
    }
}
# Fields a draft holds: what an editor may change on a live page without it going live. The
# picture's resized copies go with it, so the preview shows the new picture and the live page
# keeps the old one until someone publishes.
DRAFT_FIELDS = (
    *("title", "nav_title", "summary", "body"),
    *("title_es", "nav_title_es", "summary_es", "body_es"),
    *("slug", "kind", "show_in_nav"),
    *("image", "image_alt", "image_is_decorative", "image_variants"),
)
REVIEW_WARNING_DAYS = 30


class Page(Translatable, Timestamped):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="pages")
    title = models.CharField(max_length=120, help_text="The page heading and its name in the menu.")
    title_es = spanish(title, "title")
    nav_title = models.CharField(
        max_length=40,
        blank=True,
        help_text="A shorter name for the menu. Leave empty to use the title.",
    )
    nav_title_es = spanish(nav_title, "menu title")
    slug = models.SlugField(
        max_length=80,
        help_text="The page's web address: /slug/. Lowercase letters, numbers and hyphens.",
    )
    summary = models.CharField(
        max_length=300,
        help_text="One or two sentences. Shown in search engines and link previews.",
    )
    summary_es = spanish(summary, "summary")
    body = ProseEditorField(
        config=RICH_TEXT,
        sanitize=True,
        blank=True,
        help_text="The page text. Use headings (starting at “Heading 2”), lists, links, bold and italic.",
    )
    body_es = spanish(body, "body")
    kind = models.CharField(
        max_length=20,
        choices=PageKind,
        default=PageKind.STANDARD,
        help_text="What the page shows after its text.",
    )
    image = models.ImageField(
        upload_to="pages/", blank=True, help_text="Optional picture at the top of the page."
    )
    image_alt = models.CharField(
        "image alt text",
        max_length=200,
        blank=True,
        help_text="Say what the picture shows, for people who cannot see it.",
    )
    image_is_decorative = models.BooleanField(
        "image is decorative",
        default=False,
        help_text="Tick only if the picture adds no information.",
    )
    image_variants = models.JSONField(default=list, blank=True, editable=False)
    order = models.PositiveIntegerField(
        default=0, help_text="Lower numbers come first in the menu."
    )
    show_in_nav = models.BooleanField(default=True, verbose_name="show in main menu")

    # Publishing
    is_published = models.BooleanField(
        default=False,
        verbose_name="published",
        help_text="Only published pages can be seen by the public.",
    )
    publish_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Optional: the page appears at this time (it must also be published).",
    )
    unpublish_at = models.DateTimeField(
        null=True, blank=True, help_text="Optional: the page disappears at this time."
    )
    # Not on the form (the workflow sets it) but editable, so the history diffs it.
    draft = models.JSONField(
        null=True,
        blank=True,
        help_text="Saved changes not yet published: the live page is unchanged.",
    )

    # Medical review
    needs_review = models.BooleanField(
        "health page",
        default=True,
        help_text="Health information: needs a clinical review at least every interval.",
    )
    reviewer_role = models.CharField(
        max_length=120,
        blank=True,
        help_text="Shown publicly as “Last reviewed … by <role>”, e.g. “a pediatric oncologist”.",
    )
    reviewer_role_es = spanish(reviewer_role, "reviewer role")
    reviewed_at = models.DateField("last reviewed", null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    review_interval_months = models.PositiveSmallIntegerField(
        default=12, help_text="How often a clinical reviewer must check this page."
    )
    review_due = models.DateField(
        "next review due", null=True, blank=True, editable=False, db_index=True
    )
    reading_grade = models.DecimalField(
        "reading level (grade)",
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        editable=False,
    )

    objects = PageQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["image_variants"])

    class Meta:
        ordering = ["order", "title"]
        permissions = [
            ("publish_page", "Can publish pages and their drafts"),
            ("review_page", "Can mark pages as medically reviewed"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["program", "slug"], name="page_unique_slug"),
            models.CheckConstraint(condition=Q(kind__in=PageKind.values), name="page_kind_valid"),
            models.CheckConstraint(
                condition=Q(publish_at__isnull=True)
                | Q(unpublish_at__isnull=True)
                | Q(unpublish_at__gt=models.F("publish_at")),
                name="page_unpublish_after_publish",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        from programs.readability import grade_level

        self.body, self.body_es = sanitize_html(self.body), sanitize_html(self.body_es)
        grade = grade_level(self.body)
        self.reading_grade = None if grade is None else decimal.Decimal(str(grade))
        self.review_due = self.next_review_due()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("programs:page_detail", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        if self.image and not self.image_is_decorative and not self.image_alt.strip():
            errors["image_alt"] = IMAGE_ALT_REQUIRED
        if self.publish_at and self.unpublish_at and self.unpublish_at <= self.publish_at:
            errors["unpublish_at"] = "The page must disappear after it appears."
        if errors:
            raise ValidationError(errors)

    def is_live(self, now=None) -> bool:
        """Instance twin of PageQuerySet.published()."""
        now = now or timezone.now()
        return (
            self.is_published
            and (self.publish_at is None or self.publish_at <= now)
            and (self.unpublish_at is None or self.unpublish_at > now)
        )

    @property
    def menu_title(self) -> str:
        """The menu's name for the page, in the active language."""
        return self.tr.nav_title or self.tr.title

    @property
    def has_draft(self) -> bool:
        return bool(self.draft)

    def with_draft(self) -> "Page":
        """A copy of this page showing its draft, for the editor and the preview. Never saved."""
        copy = Page.objects.get(pk=self.pk) if self.pk else Page()
        for field, value in (self.draft or {}).items():
            setattr(copy, field, value)
        return copy

    def next_review_due(self) -> datetime.date | None:
        if not self.needs_review or self.reviewed_at is None:
            return None
        return add_months(self.reviewed_at, self.review_interval_months)

    def review_state(self, today=None) -> str:
        """“overdue”, “due soon” or “current” (or “never reviewed”), in words for staff."""
        if not self.needs_review:
            return "not a health page"
        if self.reviewed_at is None:
            return "never reviewed"
        today = today or timezone.localdate()
        if self.review_due < today:
            return "overdue"
        if self.review_due <= today + datetime.timedelta(days=REVIEW_WARNING_DAYS):
            return "due soon"
        return "current"


def add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    last_day = calendar.monthrange(year, month)[1]
    return day.replace(year=year, month=month, day=min(day.day, last_day))


class PublishedQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class TeamMember(Translatable, Timestamped):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="team_members")
    name = models.CharField(max_length=120)
    credentials = models.CharField(
        max_length=60, blank=True, help_text="For example “MD, PhD” or “RN”."
    )
    role = models.CharField(max_length=160, help_text="What they do for families, in plain words.")
    role_es = spanish(role, "role")
    bio = models.TextField(blank=True, help_text="Two or three short sentences. Plain text.")
    bio_es = spanish(bio, "bio")
    photo = models.ImageField(upload_to="team/", blank=True)
    photo_alt = models.CharField(
        max_length=200,
        blank=True,
        help_text="Describe the photo for people who cannot see it. Required when there is a photo.",
    )
    photo_is_decorative = models.BooleanField(
        "photo is decorative",
        default=False,
        help_text="Tick only if the photo adds no information.",
    )
    photo_variants = models.JSONField(default=list, blank=True, editable=False)
    languages = models.CharField(
        max_length=200, blank=True, help_text="For example “English, Spanish”."
    )
    order = models.PositiveIntegerField(default=0)
    is_published = models.BooleanField(default=True, verbose_name="published")

    objects = PublishedQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["photo_variants"])

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.display_name

    def clean(self):
        if self.photo and not self.photo_is_decorative and not self.photo_alt.strip():
            raise ValidationError({"photo_alt": IMAGE_ALT_REQUIRED})

    @property
    def display_name(self) -> str:
        return f"{self.name}, {self.credentials}" if self.credentials else self.name


class LinePurpose(models.TextChoices):
    INFORMATION = "information", "General information"
    NEW_PATIENTS = "new_patients", "New-patient appointments"
    REFERRALS = "referrals", "Referring clinicians"
    ADULT_PROGRAM = "adult_program", "Adult program"
    CURRENT_PATIENTS = "current_patients", "Current patients (24/7)"
    TRIALS = "trials", "Clinical trials"
    OTHER = "other", "Other"


class ContactLineQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def with_hours(self):
        return self.prefetch_related("hours")


class ContactLine(Translatable, Timestamped):
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
    response_hours = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Callback promise for requests routed here, in business hours. Empty: the program's.",
    )
    show_on_home = models.BooleanField(default=False, help_text="List this line on the home page.")
    show_in_footer = models.BooleanField(
        default=True, help_text="List this line in the footer of every page."
    )
    order = models.PositiveIntegerField(default=0)
    is_published = models.BooleanField(default=True, verbose_name="published")

    objects = ContactLineQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(purpose__in=LinePurpose.values), name="line_purpose_valid"
            ),
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


class Coordinator(Translatable, Timestamped):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="coordinators")
    name = models.CharField(max_length=120)
    credentials = models.CharField(max_length=60, blank=True, help_text="For example “RN, MSN”.")
    role = models.CharField(max_length=160, help_text="For example “CAR T nurse coordinator”.")
    role_es = spanish(role, "role")
    phone = PhoneNumberField(help_text="Direct line.")
    email = models.EmailField(blank=True)
    languages = models.CharField(
        max_length=200, blank=True, help_text="For example “English, Spanish”."
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="coordinator",
        help_text="The staff account this coordinator uses to work the callback queue. Not shown publicly.",
    )
    order = models.PositiveIntegerField(default=0)
    is_published = models.BooleanField(
        default=True,
        verbose_name="shown on the contacts page",
        help_text="Unticked: still used for callbacks.",
    )

    objects = PublishedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return f"{self.name}, {self.credentials}" if self.credentials else self.name


class Condition(Translatable, Timestamped):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="conditions")
    name = models.CharField(
        max_length=160, help_text="For example “B-cell acute lymphoblastic leukemia (ALL)”."
    )
    name_es = spanish(name, "name")
    description = models.TextField(
        help_text="What it is and when CAR T may help, in plain words. Plain text."
    )
    description_es = spanish(description, "description")
    order = models.PositiveIntegerField(default=0)
    is_published = models.BooleanField(default=True, verbose_name="published")

    objects = PublishedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class StayNearbyFact(Translatable, Timestamped):
    """The “Staying near the center” facts: the FDA's current minimum and the program's own
    policy kept apart, each with its source and review date, because they change separately
    (in June 2025 the FDA cut its minimum from 4 weeks to 2; programs may ask for longer)."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="stay_nearby_facts")
    page = models.ForeignKey(
        Page,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stay_nearby_facts",
        help_text="The page that shows this block, after its text.",
    )
    heading = models.CharField(max_length=120, default="Staying near the center")
    heading_es = spanish(heading, "heading")
    fda_minimum_weeks = models.PositiveSmallIntegerField("FDA minimum (weeks near the center)")
    fda_no_driving_weeks = models.PositiveSmallIntegerField(
        "FDA: no driving for (weeks)", null=True, blank=True
    )
    fda_text = models.TextField("what the FDA label says", help_text="In plain words. Plain text.")
    fda_text_es = spanish(fda_text, "what the FDA label says")
    fda_source = models.CharField(
        "FDA source", max_length=200, help_text="e.g. “FDA label update, June 2025”."
    )
    fda_source_url = models.URLField("FDA source link", blank=True)
    fda_reviewed_at = models.DateField("FDA fact last checked")
    policy_weeks = models.PositiveSmallIntegerField(
        "our policy (weeks near the center)", null=True, blank=True
    )
    policy_text = models.TextField("our program's policy", help_text="In plain words. Plain text.")
    policy_text_es = spanish(policy_text, "our program's policy")
    policy_source = models.CharField(
        "policy source", max_length=200, help_text="e.g. “CAR T program family guide, version 3”."
    )
    policy_reviewed_at = models.DateField("policy last checked")

    history = HistoricalRecords()

    class Meta:
        ordering = ["program", "heading"]
        verbose_name = "“Staying near the center” block"
        verbose_name_plural = "“Staying near the center” blocks"

    def __str__(self) -> str:
        return self.heading


class SiteNoticeQuerySet(models.QuerySet):
    def current(self, now=None):
        now = now or timezone.now()
        return self.filter(
            Q(starts_at__isnull=True) | Q(starts_at__lte=now),
            Q(ends_at__isnull=True) | Q(ends_at__gt=now),
            is_active=True,
        )


class SiteNotice(Translatable, Timestamped):
    """A banner on every page (e.g. a holiday schedule or the privacy notice). A family can close
    it; the browser remembers that in its own storage, with no cookie and nothing sent to us."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="notices")
    text = models.TextField(
        help_text="One or two sentences. Links are kept; other formatting is removed."
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
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_at", "-pk"]

    def __str__(self) -> str:
        return Truncator(strip_tags(self.text)).chars(60)

    def save(self, *args, **kwargs):
        self.text, self.text_es = sanitize_inline(self.text), sanitize_inline(self.text_es)
        super().save(*args, **kwargs)

    @property
    def dismiss_key(self) -> str:
        """Changes whenever the text does, so an edited notice shows again."""
        return f"notice-{self.pk}-{self.version}"


class DurationUnit(models.TextChoices):
    HOURS = "hours", "hours"
    DAYS = "days", "days"
    WEEKS = "weeks", "weeks"
    MONTHS = "months", "months"


class JourneyStep(Translatable, Timestamped):
    """One step of the family's journey (referral, collecting cells, …), shown in order as a
    timeline on the journey page and in the printable family guide."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="journey_steps")
    title = models.CharField(max_length=120, help_text="Short, e.g. “Collecting the T-cells”.")
    title_es = spanish(title, "title")
    what_happens = models.TextField(help_text="What happens, in plain words. Plain text.")
    what_happens_es = spanish(what_happens, "what happens")
    where = models.CharField(
        max_length=160, blank=True, help_text="e.g. “Clinic, 3rd floor” or “At home”."
    )
    where_es = spanish(where, "where")
    duration_min = models.PositiveSmallIntegerField("takes at least", null=True, blank=True)
    duration_max = models.PositiveSmallIntegerField("takes at most", null=True, blank=True)
    duration_unit = models.CharField(max_length=10, choices=DurationUnit, default=DurationUnit.DAYS)
    duration_note = models.CharField(
        max_length=160, blank=True, help_text="Optional, e.g. “sometimes a second day”."
    )
    duration_note_es = spanish(duration_note, "duration note")
    family_does = models.TextField(
        "what the family does", blank=True, help_text="What you need to do or bring. Plain text."
    )
    family_does_es = spanish(family_does, "what the family does")
    order = models.PositiveIntegerField(default=0)
    is_published = models.BooleanField(default=True, verbose_name="published")

    objects = PublishedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_min__isnull=True)
                | Q(duration_max__isnull=True)
                | Q(duration_min__lte=models.F("duration_max")),
                name="journey_duration_range_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        if self.duration_min and self.duration_max and self.duration_min > self.duration_max:
            raise ValidationError(
                {"duration_max": "“At most” must be the same as or more than “at least”."}
            )


class WarningSignGroup(models.TextChoices):
    CRS = "crs", "Signs of cytokine release syndrome (CRS)"
    NERVOUS = "nervous", "Signs in the brain and nerves"
    INFECTION = "infection", "Signs of infection or low blood counts"


class WarningSign(Translatable, Timestamped):
    """A sign to watch for after the infusion. The block lists them with what to do and the
    24/7 number, on the journey page, the contacts page, the callback page and the guide."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="warning_signs")
    group = models.CharField(max_length=20, choices=WarningSignGroup, default=WarningSignGroup.CRS)
    text = models.CharField(
        max_length=160, help_text="e.g. “A fever of 100.4 °F (38 °C) or higher”."
    )
    text_es = spanish(text, "text")
    order = models.PositiveIntegerField(default=0)
    is_published = models.BooleanField(default=True, verbose_name="published")

    objects = PublishedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text


# --- Families' content: questions, medical words, stories, trials, resources, language help ---
# Each kind of row is listed on its own page (a Page of the matching kind), in this order.


class FAQ(Translatable, Timestamped):
    """A question families ask, answered on the FAQ page. Each answer can be linked to
    (#faq-<id>), so staff can send a family straight to it."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="faqs")
    question = models.CharField(
        max_length=200, help_text="As a family would ask it, e.g. “Who pays for CAR T?”."
    )
    question_es = spanish(question, "question")
    answer = ProseEditorField(
        config=RICH_TEXT,
        sanitize=True,
        blank=True,
        help_text="A short, plain answer. Lists, links, bold and italic are kept. No headings.",
    )
    answer_es = spanish(answer, "answer")
    category = models.CharField(
        max_length=80,
        blank=True,
        help_text="Optional, e.g. “Money and insurance”. Questions with the same category are "
        "shown together under it as a heading.",
    )
    category_es = spanish(category, "category")
    order = models.PositiveIntegerField(default=0, help_text="Lower numbers come first.")
    is_published = models.BooleanField(default=True, verbose_name="published")

    objects = PublishedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "question (FAQ)"
        verbose_name_plural = "questions (FAQ)"

    def __str__(self) -> str:
        return self.question

    def save(self, *args, **kwargs):
        self.answer, self.answer_es = sanitize_html(self.answer), sanitize_html(self.answer_es)
        super().save(*args, **kwargs)

    @property
    def anchor(self) -> str:
        # The id, not the question: links keep working when the wording or language changes.
        return f"faq-{self.pk}"


class GlossaryTerm(Translatable, Timestamped):
    """A medical word explained in plain words. The glossary page lists them; the first use of
    each term in a page's text links to its definition."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="glossary_terms")
    term = models.CharField(
        max_length=80,
        help_text="The word as pages use it, e.g. “apheresis”. Its first use on each page links "
        "to the definition. Words in capitals (CAR, CRS) are only linked when written in capitals.",
    )
    term_es = spanish(term, "term")
    slug = models.SlugField(
        max_length=80,
        unique=True,
        help_text="The term's address on the glossary page (#term-slug). Lowercase letters, "
        "numbers and hyphens.",
    )
    pronunciation = models.CharField(
        max_length=80,
        blank=True,
        help_text="Optional: how to say it, with the loud part in capitals, e.g. “a-fur-EE-sis”. "
        "Shown as “Say it: …”.",
    )
    pronunciation_es = spanish(pronunciation, "pronunciation")
    definition = models.TextField(
        help_text="What it means, in one to three plain sentences. Plain text."
    )
    definition_es = spanish(definition, "definition")
    is_published = models.BooleanField(default=True, verbose_name="published")

    objects = PublishedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["term"]
        verbose_name = "glossary term"

    def __str__(self) -> str:
        return self.term

    @property
    def anchor(self) -> str:
        return f"term-{self.slug}"


STORY_NEEDS_CONSENT = (
    "A story can be published only when the family's signed consent is on file. "
    "Tick “consent on file” first, or leave the story unpublished."
)
PRIVACY_NOTE = "Names and details are changed to protect privacy."


class PatientStoryQuerySet(PublishedQuerySet):
    def published(self):
        # Consent is checked here too, so no code path can show a story without it.
        return super().published().filter(consent_on_file=True)


class PatientStory(Translatable, Timestamped):
    """A family's story, told with their signed consent and with names and details changed."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="stories")
    title = models.CharField(max_length=160, help_text="e.g. “Maya's ride on the CAR T road”.")
    title_es = spanish(title, "title")
    name_shown = models.CharField(
        max_length=80,
        help_text="How the child is named publicly, e.g. “Maya, age 9”. Never a real full name.",
    )
    name_shown_es = spanish(name_shown, "name shown")
    body = ProseEditorField(
        config=RICH_TEXT,
        sanitize=True,
        blank=True,
        help_text="The story. Use Heading 3 for any headings inside it.",
    )
    body_es = spanish(body, "story")
    photo = models.ImageField(upload_to="stories/", blank=True)
    photo_alt = models.CharField(
        max_length=200,
        blank=True,
        help_text="Describe the photo for people who cannot see it. Required when there is a photo.",
    )
    photo_alt_es = spanish(photo_alt, "photo description")
    photo_is_decorative = models.BooleanField(
        "photo is decorative",
        default=False,
        help_text="Tick only if the photo adds no information.",
    )
    photo_variants = models.JSONField(default=list, blank=True, editable=False)
    privacy_note = models.CharField(
        max_length=200,
        default=PRIVACY_NOTE,
        help_text="Shown under the story, so readers know it is not an exact account.",
    )
    privacy_note_es = spanish(privacy_note, "privacy note")
    consent_on_file = models.BooleanField(
        default=False,
        help_text="Tick only when the family's signed consent to share this story is on file. "
        "A story cannot be published without it. Not shown publicly.",
    )
    order = models.PositiveIntegerField(default=0, help_text="Lower numbers come first.")
    is_published = models.BooleanField(
        default=False, verbose_name="published", help_text="Needs consent on file."
    )

    objects = PatientStoryQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["photo_variants"])

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "family story"
        verbose_name_plural = "family stories"
        constraints = [
            models.CheckConstraint(
                condition=Q(consent_on_file=True) | Q(is_published=False),
                name="story_published_needs_consent",
                violation_error_message=STORY_NEEDS_CONSENT,
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.body, self.body_es = sanitize_html(self.body), sanitize_html(self.body_es)
        super().save(*args, **kwargs)

    def clean(self):
        errors = {}
        if self.photo and not self.photo_is_decorative and not self.photo_alt.strip():
            errors["photo_alt"] = IMAGE_ALT_REQUIRED
        if self.is_published and not self.consent_on_file:
            errors["is_published"] = STORY_NEEDS_CONSENT
        if errors:
            raise ValidationError(errors)

    @property
    def anchor(self) -> str:
        return f"story-{self.pk}"


class TrialStatus(models.TextChoices):
    # The words ClinicalTrials.gov uses, with what they mean for a family.
    RECRUITING = "recruiting", _("Recruiting (taking new patients now)")
    NOT_YET_RECRUITING = "not_yet_recruiting", _("Not yet recruiting (opening soon)")
    ACTIVE_NOT_RECRUITING = "active", _("Active, not recruiting (not taking new patients)")
    CLOSED = "closed", _("Closed (not taking new patients)")


class ClinicalTrial(Translatable, Timestamped):
    """A clinical trial families may ask about, with who it is for and whom to call."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="trials")
    name = models.CharField(
        max_length=200,
        help_text="Its name in plain words, e.g. “A new CAR T for leukemia that came back”.",
    )
    name_es = spanish(name, "name")
    short_name = models.CharField(
        max_length=40, blank=True, help_text="Optional: the trial's short name, e.g. “LARK-CAR19”."
    )
    for_whom = models.TextField(
        "who it is for", help_text="Who may join, in plain words. Plain text."
    )
    for_whom_es = spanish(for_whom, "who it is for")
    age_min = models.PositiveSmallIntegerField("youngest age", null=True, blank=True)
    age_max = models.PositiveSmallIntegerField("oldest age", null=True, blank=True)
    status = models.CharField(max_length=20, choices=TrialStatus, default=TrialStatus.RECRUITING)
    link = models.URLField(
        blank=True, help_text="Optional: a page with more about the trial (ours or the registry's)."
    )
    registry_id = models.CharField(
        "registry ID",
        max_length=30,
        blank=True,
        help_text="Optional: its number on ClinicalTrials.gov, e.g. NCT01234567.",
    )
    coordinator = models.ForeignKey(
        Coordinator,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="trials",
        help_text="Who families call to ask about this trial.",
    )
    line = models.ForeignKey(
        ContactLine,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="trials",
        help_text="Or the phone line families call to ask about it.",
    )
    order = models.PositiveIntegerField(default=0, help_text="Lower numbers come first.")
    is_published = models.BooleanField(default=True, verbose_name="published")

    objects = PublishedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "clinical trial"
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=TrialStatus.values), name="trial_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(age_min__isnull=True)
                | Q(age_max__isnull=True)
                | Q(age_min__lte=models.F("age_max")),
                name="trial_age_range_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.short_name}: {self.name}" if self.short_name else self.name

    def clean(self):
        errors = {}
        if self.age_min is not None and self.age_max is not None and self.age_min > self.age_max:
            errors["age_max"] = "The oldest age must be the same as or more than the youngest."
        if self.coordinator_id and self.coordinator.program_id != self.program_id:
            errors["coordinator"] = "Choose one of this program's own coordinators."
        if self.line_id and self.line.program_id != self.program_id:
            errors["line"] = "Choose one of this program's own lines."
        if errors:
            raise ValidationError(errors)

    @property
    def anchor(self) -> str:
        return f"trial-{self.pk}"

    @property
    def ages(self) -> str:
        """“Ages 1 to 25”, “Ages 18 and up”, “Up to age 25”, in the active language."""
        low, high = self.age_min, self.age_max
        if low is not None and high is not None:
            return gettext("Ages %(low)s to %(high)s") % {"low": low, "high": high}
        if low is not None:
            return gettext("Ages %(low)s and up") % {"low": low}
        if high is not None:
            return gettext("Up to age %(high)s") % {"high": high}
        return ""

    @property
    def registry_url(self) -> str:
        if self.registry_id.upper().startswith("NCT"):
            return f"https://clinicaltrials.gov/study/{self.registry_id.upper()}"
        return ""


class ResourceCategory(models.TextChoices):
    # In the order the resources page shows them.
    TRAVEL = "travel", _("Travel and lodging")
    MONEY = "money", _("Money and insurance")
    ADULT_PROGRAM = "adult_program", _("The adult program")
    SCHOOL = "school", _("School and learning")
    FAMILY = "family", _("Support for the family")


class Resource(Translatable, Timestamped):
    """Help outside medicine (a place to stay, money, school, support), grouped by topic."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="resources")
    title = models.CharField(max_length=160, help_text="e.g. “A free room near the hospital”.")
    title_es = spanish(title, "title")
    category = models.CharField(
        max_length=20,
        choices=ResourceCategory,
        default=ResourceCategory.FAMILY,
        help_text="The heading it is listed under.",
    )
    description = models.TextField(
        help_text="What it offers and how to get it, in plain words. Plain text."
    )
    description_es = spanish(description, "description")
    link = models.URLField(blank=True, help_text="Optional: its website.")
    phone = PhoneNumberField(blank=True, help_text="Optional: a number families can call.")
    order = models.PositiveIntegerField(default=0, help_text="Lower numbers come first.")
    is_published = models.BooleanField(default=True, verbose_name="published")

    objects = PublishedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(category__in=ResourceCategory.values), name="resource_category_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def anchor(self) -> str:
        return f"resource-{self.pk}"


class TextDirection(models.TextChoices):
    LTR = "ltr", "Left to right"
    RTL = "rtl", "Right to left (Arabic, Farsi, Urdu, Hebrew)"


validate_lang_code = RegexValidator(
    r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$",
    "Use a language code such as “vi”, “ar”, “ht” or “zh-Hans”.",
)


class LanguageTagline(Translatable, Timestamped):
    """One line, in another language, saying that free language help is available and whom to
    call (the taglines Section 1557 of the Affordable Care Act asks for)."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="language_taglines")
    language = models.CharField(
        max_length=60, help_text="The language's name in English, e.g. “Vietnamese”."
    )
    language_es = spanish(language, "language")
    native_name = models.CharField(
        max_length=60, help_text="Its name in the language itself, e.g. “Tiếng Việt”."
    )
    lang_code = models.CharField(
        "language code",
        max_length=20,
        validators=[validate_lang_code],
        help_text="Tells screen readers and browsers the language, e.g. “vi”, “ar”, “zh-Hans”.",
    )
    direction = models.CharField(
        "writing direction", max_length=3, choices=TextDirection, default=TextDirection.LTR
    )
    tagline = models.TextField(
        help_text="Written in that language, by a qualified translator: free language help is "
        "available, and the number to call. Plain text."
    )
    order = models.PositiveIntegerField(default=0, help_text="Lower numbers come first.")
    is_published = models.BooleanField(default=True, verbose_name="published")

    objects = PublishedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "language"]
        verbose_name = "language help tagline"
        constraints = [
            models.CheckConstraint(
                condition=Q(direction__in=TextDirection.values), name="tagline_direction_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.language} ({self.native_name})"


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
