"""The treatment as families meet it: the conditions treated, the journey step by step, the
signs to watch for after the infusion, and the facts about staying near the center."""

from django.core.exceptions import ValidationError
from django.db import models

from programs.models.base import Content, Listed, one_of, ordered_or_empty, spanish
from programs.models.pages import Page
from programs.models.program import Program


class Condition(Listed):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="conditions")
    name = models.CharField(
        max_length=160, help_text="For example “B-cell acute lymphoblastic leukemia (ALL)”."
    )
    name_es = spanish(name, "name")
    description = models.TextField(
        help_text="What it is and when CAR T may help, in plain words. Plain text."
    )
    description_es = spanish(description, "description")

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class StayNearbyFact(Content):
    """The “Staying near the center” block: the FDA's current minimum and the program's own
    policy side by side, because they change separately (in June 2025 the FDA cut its minimum
    from 4 weeks to 2; programs may ask for longer). The numbers, their sources and the dates
    they were checked are safety facts (programs.models.Fact), kept once for every page."""

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
    fda_text = models.TextField(
        "what the FDA label says",
        help_text="In plain words. Plain text. Write the numbers as [[fact:fda-stay-near]] and "
        "[[fact:fda-no-driving]]: they are kept once, under Safety facts.",
    )
    fda_text_es = spanish(fda_text, "what the FDA label says")
    policy_text = models.TextField(
        "our program's policy",
        help_text="In plain words. Plain text. Write the number as [[fact:program-stay-near]].",
    )
    policy_text_es = spanish(policy_text, "our program's policy")

    # The facts this block shows, with their sources (programs.models.Fact).
    FDA_FACTS = ("fda-stay-near", "fda-no-driving")
    POLICY_FACTS = ("program-stay-near",)

    class Meta:
        ordering = ["program", "heading"]
        verbose_name = "“Staying near the center” block"
        verbose_name_plural = "“Staying near the center” blocks"

    def __str__(self) -> str:
        return self.heading


class DurationUnit(models.TextChoices):
    HOURS = "hours", "hours"
    DAYS = "days", "days"
    WEEKS = "weeks", "weeks"
    MONTHS = "months", "months"


class StepPicture(models.TextChoices):
    """What a step is, as the process picture draws it (its icon, and the loop the cells make
    from collecting them to the infusion)."""

    NONE = "", "A plain dot"
    FIRST_CALL = "phone", "First call"
    COLLECT = "collect", "Collecting the cells"
    LAB = "lab", "Making the cells in a lab"
    CHEMO = "chemo", "Chemotherapy"
    INFUSE = "infuse", "Infusion"
    HOSPITAL = "hospital", "In the hospital"
    HOME = "home", "Staying near, or at home"
    CHECK = "check", "Checking the response"
    RECOVER = "heart", "Recovery and follow-up"


class JourneyStep(Listed):
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
    picture = models.CharField(
        "in the picture",
        max_length=20,
        choices=StepPicture,
        default=StepPicture.NONE,
        blank=True,
        help_text="The icon the process picture and the step list show for this step.",
    )

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            ordered_or_empty("duration_min", "duration_max", name="journey_duration_range_valid"),
            one_of("picture", StepPicture, name="journey_picture_valid"),
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


class WarningSign(Listed):
    """A sign to watch for after the infusion. The block lists them with what to do and the
    24/7 number, on the journey page, the contacts page, the callback page and the guide."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="warning_signs")
    group = models.CharField(max_length=20, choices=WarningSignGroup, default=WarningSignGroup.CRS)
    text = models.CharField(
        max_length=160, help_text="e.g. “A fever of 100.4 °F (38 °C) or higher”."
    )
    text_es = spanish(text, "text")

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text
