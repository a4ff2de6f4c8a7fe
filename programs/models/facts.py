"""Safety facts kept once: the FDA stay-near and no-driving minimums, the program's own stay-near
policy, the fever threshold and the 24/7 line. Text shows one with the placeholder
`[[fact:<slug>]]` (programs.facts expands it when the text is rendered), so a number is typed
in one place, with its source, the label revision it comes from and the date it was checked.

The phrase families read is made from the value (“at least 2 weeks”, “al menos 2 semanas”), not
typed per language: the number is entered once, so the English and the Spanish cannot disagree.
"""

import decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext, override

from programs.models.base import Content, one_of, spanish
from programs.models.program import Program


class FactKind(models.TextChoices):
    WEEKS = "weeks", "a number of weeks"
    TEMPERATURE = "temperature", "a temperature (°F, shown with °C)"
    LINE = "line", "a phone line's number"


class FactQualifier(models.TextChoices):
    AT_LEAST = "at_least", "at least …"
    ABOUT = "about", "about …"
    EXACTLY = "exactly", "(no qualifier)"


FACT_NEEDS_NUMBER = "Enter the number of weeks or the temperature in °F."
FACT_NEEDS_LINE = "Choose the phone line whose number this fact shows."


def _number(value: decimal.Decimal) -> str:
    """2 not 2.0, 100.4 as it is."""
    value = decimal.Decimal(value).normalize()
    return f"{value:f}"


def celsius(fahrenheit: decimal.Decimal) -> decimal.Decimal:
    return ((decimal.Decimal(fahrenheit) - 32) * 5 / 9).quantize(decimal.Decimal("0.1"))


class Fact(Content):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="facts")
    slug = models.SlugField(
        max_length=40,
        help_text="The name used in text: [[fact:this-name]]. Changing it breaks the texts that use it.",
    )
    name = models.CharField(
        max_length=120,
        help_text="What the fact is, for staff, e.g. “FDA minimum stay near the center”.",
    )
    kind = models.CharField(max_length=20, choices=FactKind, default=FactKind.WEEKS)
    qualifier = models.CharField(
        max_length=10,
        choices=FactQualifier,
        default=FactQualifier.AT_LEAST,
        help_text="Weeks only: “at least 2 weeks” or “about 4 weeks”.",
    )
    number = models.DecimalField(
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        help_text="The weeks, or the temperature in °F (°C is worked out).",
    )
    line = models.ForeignKey(
        "ContactLine",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="For a phone fact: the line whose number is shown (its number is kept there).",
    )
    note = models.TextField(
        blank=True,
        help_text="Optional: what it means, in plain words, shown with the source. Plain text.",
    )
    note_es = spanish(note, "note")
    source = models.CharField(
        max_length=200, help_text="Where it comes from, e.g. “Kymriah prescribing information”."
    )
    source_es = spanish(source, "source")
    source_url = models.URLField("source link", blank=True)
    label_revision = models.CharField(
        "label revision",
        max_length=80,
        blank=True,
        help_text="The revision of the label or policy it comes from, e.g. “revised 12/2025”.",
    )
    label_revision_es = spanish(label_revision, "label revision")
    checked_at = models.DateField("last checked", help_text="When someone last checked the source.")

    class Meta:
        ordering = ["program", "slug"]
        constraints = [
            models.UniqueConstraint(fields=["program", "slug"], name="fact_unique_slug"),
            one_of("kind", FactKind, name="fact_kind_valid"),
            one_of("qualifier", FactQualifier, name="fact_qualifier_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.slug})"

    def get_absolute_url(self) -> str:
        return reverse("admin:programs_fact_change", args=[self.pk])

    def clean(self):
        is_line = FactKind(self.kind) is FactKind.LINE
        if is_line and not self.line_id:
            raise ValidationError({"line": FACT_NEEDS_LINE})
        if not is_line and self.number is None:
            raise ValidationError({"number": FACT_NEEDS_NUMBER})

    @property
    def placeholder(self) -> str:
        return f"[[fact:{self.slug}]]"

    def phrase(self, language: str | None = None) -> str:
        """What families read in place of the placeholder, in `language` (default: the active
        one). HTML-safe: a phone fact is a tel: link."""
        if language:
            with override(language):
                return self.phrase()
        phrase = {
            FactKind.LINE: self._line_phrase,
            FactKind.TEMPERATURE: self._temperature_phrase,
            FactKind.WEEKS: self._weeks_phrase,
        }[FactKind(self.kind)]
        return phrase()

    def _line_phrase(self) -> str:
        if self.line is None:
            return ""
        from programs.fields import format_phone

        return format_html(
            '<a href="tel:{}">{}</a>', self.line.phone, format_phone(self.line.phone)
        )

    def _temperature_phrase(self) -> str:
        if self.number is None:
            return ""
        fahrenheit, centigrade = _number(self.number), _number(celsius(self.number))
        # Translators: a temperature; Spanish puts °C first: “38 °C (100.4 °F)”.
        return gettext("%(f)s °F (%(c)s °C)") % {"f": fahrenheit, "c": centigrade}

    def _weeks_phrase(self) -> str:
        if self.number is None:
            return ""
        count = int(self.number) if self.number == int(self.number) else 2
        weeks = {"n": _number(self.number)}
        if self.qualifier == FactQualifier.AT_LEAST:
            return ngettext("at least %(n)s week", "at least %(n)s weeks", count) % weeks
        if self.qualifier == FactQualifier.ABOUT:
            return ngettext("about %(n)s week", "about %(n)s weeks", count) % weeks
        return ngettext("%(n)s week", "%(n)s weeks", count) % weeks
