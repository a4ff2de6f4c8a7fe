"""Programs own the content families read: the program itself, its pages, team, phone lines,
coordinators, the conditions it treats, and the families' content (questions, glossary, stories,
trials, resources and language help). Callback requests live in `inquiries`, which imports
Timestamped, ContactLine and Coordinator from here.

One module per area: base (what all content shares), program (the program, notices, the content
version), pages, people (team, coordinators, phone lines), care (conditions, the journey, warning
signs, staying near), facts (the safety facts that text shows by placeholder) and families
(questions, glossary, stories, trials, resources, taglines).
"""

from programs.models.base import (
    IMAGE_ALT_REQUIRED,
    Content,
    Listed,
    Localized,
    Person,
    PublishedQuerySet,
    Timestamped,
    Translatable,
    WithPhoto,
    spanish,
)
from programs.models.care import (
    Condition,
    DurationUnit,
    JourneyStep,
    StayNearbyFact,
    StepPicture,
    WarningSign,
    WarningSignGroup,
)
from programs.models.facts import Fact, FactKind, FactQualifier
from programs.models.families import (
    FAQ,
    PRIVACY_NOTE,
    STORY_NEEDS_CONSENT,
    ClinicalTrial,
    GlossaryTerm,
    LanguageTagline,
    PatientStory,
    Resource,
    ResourceCategory,
    TextDirection,
    TrialStatus,
)
from programs.models.pages import (
    DRAFT_FIELDS,
    REVIEW_WARNING_DAYS,
    Page,
    PageKind,
    PageQuerySet,
    add_months,
)
from programs.models.people import (
    ContactLine,
    Coordinator,
    LinePurpose,
    OpeningHours,
    TeamMember,
    Weekday,
)
from programs.models.program import ContentVersion, Program, SiteNotice, validate_time_zone

__all__ = [
    "DRAFT_FIELDS",
    "FAQ",
    "Fact",
    "FactKind",
    "FactQualifier",
    "IMAGE_ALT_REQUIRED",
    "PRIVACY_NOTE",
    "REVIEW_WARNING_DAYS",
    "STORY_NEEDS_CONSENT",
    "ClinicalTrial",
    "Condition",
    "ContactLine",
    "Content",
    "ContentVersion",
    "Coordinator",
    "DurationUnit",
    "GlossaryTerm",
    "JourneyStep",
    "LanguageTagline",
    "LinePurpose",
    "Listed",
    "Localized",
    "OpeningHours",
    "Page",
    "PageKind",
    "PageQuerySet",
    "PatientStory",
    "Person",
    "Program",
    "PublishedQuerySet",
    "Resource",
    "ResourceCategory",
    "SiteNotice",
    "StayNearbyFact",
    "StepPicture",
    "TeamMember",
    "TextDirection",
    "Timestamped",
    "Translatable",
    "TrialStatus",
    "Weekday",
    "WarningSign",
    "WarningSignGroup",
    "WithPhoto",
    "add_months",
    "spanish",
    "validate_time_zone",
]
