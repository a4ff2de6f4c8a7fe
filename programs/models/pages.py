"""The program's pages: what each shows is its kind (programs.kinds), when it shows is its
publishing window, and whether its medical text is still right is its review."""

import calendar
import datetime
import decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from programs.fields import RichTextField
from programs.models.base import IMAGE_ALT_REQUIRED, Content, one_of, ordered_or_empty, spanish
from programs.models.program import Program


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
    FINDING_US = "finding_us", "Text, then the address, a map and a link to open it in a maps app"


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
            Q(review_due__isnull=True) | Q(review_due__lte=soon) | Q(review_pending=True)
        )

    def changed_since_review(self):
        """Health pages whose published medical text changed after their last review."""
        return self.filter(needs_review=True, review_pending=True)

    def overdue_for_review(self, today=None):
        today = today or timezone.localdate()
        return self.filter(needs_review=True).filter(
            Q(review_due__isnull=True) | Q(review_due__lt=today)
        )

    def for_nav(self):
        return self.published().filter(show_in_nav=True).order_by("order", "title")

    def for_chrome(self, linked_kinds):
        """for_nav() plus the pages of the kinds every page links to outside the menu
        (programs.kinds: the footer's pages, the glossary): one query serves the site chrome."""
        return (
            self.published()
            .filter(Q(show_in_nav=True) | Q(kind__in=linked_kinds))
            .order_by("order", "title")
        )


# Fields a draft holds: what an editor may change on a live page without it going live. The
# picture's resized copies go with it, so the preview shows the new picture and the live page
# keeps the old one until someone publishes.
DRAFT_FIELDS = (
    *("title", "nav_title", "summary", "body"),
    *("title_es", "nav_title_es", "summary_es", "body_es"),
    *("slug", "kind", "show_in_nav"),
    *("image", "image_alt", "image_alt_es", "image_is_decorative", "image_variants"),
)
REVIEW_WARNING_DAYS = 30


class Page(Content):
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
    body = RichTextField(
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
    image_alt_es = spanish(image_alt, "image alt text")
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
    # A published change to the medical text (or to a safety fact it shows) after the last
    # review: the public page says the review of the change is pending until someone marks it
    # reviewed (programs.services).
    review_pending = models.BooleanField("changed since review", default=False, editable=False)
    review_pending_reason = models.CharField(
        "what changed", max_length=300, blank=True, editable=False
    )
    medical_changed_at = models.DateTimeField(
        "medical text last changed", null=True, blank=True, editable=False
    )
    reviewed_revision = models.PositiveIntegerField(
        "reviewed revision",
        null=True,
        blank=True,
        editable=False,
        help_text="The history revision a clinical reviewer last marked reviewed.",
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

    class Meta:
        ordering = ["order", "title"]
        permissions = [
            ("publish_page", "Can publish pages and their drafts"),
            ("review_page", "Can mark pages as medically reviewed"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["program", "slug"], name="page_unique_slug"),
            one_of("kind", PageKind, name="page_kind_valid"),
            ordered_or_empty(
                "publish_at", "unpublish_at", strict=True, name="page_unpublish_after_publish"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        from programs.readability import grade_level

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
        """“changed since review”, “overdue”, “due soon” or “current” (or “never reviewed”),
        in words for staff."""
        if not self.needs_review:
            return "not a health page"
        if self.review_pending:
            return "changed since review"
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
