"""What editors see: every page, person, line and rule, and the families' content (questions,
glossary, stories, trials, resources, language help), with history, drafts and medical review.
One module per area, as in programs.models; base holds what every content admin shares."""

from programs.admin import care, facts, families, pages, people
from programs.admin.base import CONFLICT, HEADING_TOO_BIG, StampedAdmin, checked_rich_text
from programs.admin.pages import ReviewDuePage

__all__ = [
    "CONFLICT",
    "HEADING_TOO_BIG",
    "ReviewDuePage",
    "StampedAdmin",
    "care",
    "checked_rich_text",
    "facts",
    "families",
    "pages",
    "people",
]
