"""What families read beyond the core pages, each kind listed on a page of its own kind
(programs.kinds): questions, medical words, family stories, clinical trials, resources, and
help in other languages."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from programs.fields import PhoneNumberField, RichTextField
from programs.models.base import (
    Content,
    Listed,
    PublishedQuerySet,
    WithPhoto,
    one_of,
    ordered_or_empty,
    spanish,
)
from programs.models.people import ContactLine, Coordinator
from programs.models.program import Program


class FAQ(Listed):
    """A question families ask, answered on the FAQ page. Each answer can be linked to
    (#faq-<id>), so staff can send a family straight to it."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="faqs")
    question = models.CharField(
        max_length=200, help_text="As a family would ask it, e.g. “Who pays for CAR T?”."
    )
    question_es = spanish(question, "question")
    answer = RichTextField(
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

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "question (FAQ)"
        verbose_name_plural = "questions (FAQ)"

    def __str__(self) -> str:
        return self.question

    @property
    def anchor(self) -> str:
        # The id, not the question: links keep working when the wording or language changes.
        return f"faq-{self.pk}"


class GlossaryTerm(Content):
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


class PatientStory(WithPhoto, Listed):
    """A family's story, told with their signed consent and with names and details changed."""

    PHOTO_FOLDER = "stories"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="stories")
    title = models.CharField(max_length=160, help_text="e.g. “Maya's ride on the CAR T road”.")
    title_es = spanish(title, "title")
    name_shown = models.CharField(
        max_length=80,
        help_text="How the child is named publicly, e.g. “Maya, age 9”. Never a real full name.",
    )
    name_shown_es = spanish(name_shown, "name shown")
    body = RichTextField(
        blank=True,
        help_text="The story. Use Heading 3 for any headings inside it.",
    )
    body_es = spanish(body, "story")
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
    is_published = models.BooleanField(
        default=False, verbose_name="published", help_text="Needs consent on file."
    )

    objects = PatientStoryQuerySet.as_manager()

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

    def clean(self):
        errors = self.photo_errors()
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


class ClinicalTrial(Listed):
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
    short_name_es = spanish(short_name, "short name")
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

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "clinical trial"
        constraints = [
            one_of("status", TrialStatus, name="trial_status_valid"),
            ordered_or_empty("age_min", "age_max", name="trial_age_range_valid"),
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


class Resource(Listed):
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

    class Meta:
        ordering = ["order", "title"]
        constraints = [
            one_of("category", ResourceCategory, name="resource_category_valid"),
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


class LanguageTagline(Listed):
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

    class Meta:
        ordering = ["order", "language"]
        verbose_name = "language help tagline"
        constraints = [
            one_of("direction", TextDirection, name="tagline_direction_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.language} ({self.native_name})"
