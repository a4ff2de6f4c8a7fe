"""The answers a family can give and the states a request goes through, as choices."""

from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_AGE = 120

__all__ = [
    "MAX_AGE",
    "Asker",
    "Topic",
    "Diagnosis",
    "Relapsed",
    "Language",
    "CallTime",
    "Status",
    "Outcome",
    "ActivityKind",
    "AccessAction",
    "DropReason",
    "LinkedBy",
]


class Asker(models.TextChoices):
    PARENT = "parent", _("A parent or caregiver")
    ADULT_PATIENT = "adult_patient", _("The patient (18 or older)")
    CLINICIAN = "clinician", _("A doctor or nurse referring a patient")
    OTHER = "other", _("Someone else")


class Topic(models.TextChoices):
    IS_CART_AN_OPTION = "is_cart_an_option", _("Could CAR T be an option?")
    NEW_REFERRAL = "new_referral", _("A new referral or a second opinion")
    TRIALS = "trials", _("Clinical trials")
    TRAVEL_MONEY = "travel_money", _("Travel, a place to stay, or money")
    CURRENT_PATIENT = "current_patient", _("A current patient's question (not urgent)")
    OTHER = "other", _("Something else")


class Diagnosis(models.TextChoices):
    B_ALL = "b_all", _("B-cell acute lymphoblastic leukemia (B-ALL)")
    LYMPHOMA = "lymphoma", _("Lymphoma")
    OTHER = "other", _("Something else, or not sure")


class Relapsed(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    NOT_SURE = "not_sure", _("Not sure")


class Language(models.TextChoices):
    ENGLISH = "en", _("English")
    SPANISH = "es", _("Spanish (Español)")
    CHINESE = "zh", _("Chinese (中文)")
    VIETNAMESE = "vi", _("Vietnamese (Tiếng Việt)")
    ARABIC = "ar", _("Arabic (العربية)")
    OTHER = "other", _("Another language")


class CallTime(models.TextChoices):
    MORNING = "morning", _("Morning (8 am to noon)")
    AFTERNOON = "afternoon", _("Afternoon (noon to 5 pm)")
    EVENING = "evening", _("Early evening (5 to 7 pm)")


class Status(models.TextChoices):
    NEW = "new", "New"
    ATTEMPTED = "attempted", "Tried to call"
    CONTACTED = "contacted", "Talked with the family"
    CLOSED = "closed", "Closed"


class Outcome(models.TextChoices):
    SCHEDULED = "scheduled", "Visit or consult scheduled"
    REFERRED = "referred", "Referred elsewhere"
    NOT_CANDIDATE = "not_candidate", "Not a candidate"
    UNREACHABLE = "unreachable", "Could not reach"
    DUPLICATE = "duplicate", "Duplicate request"


class ActivityKind(models.TextChoices):
    RECEIVED = "received", "Received and routed"
    ADDED = "added", "New details added"
    NOTE = "note", "Note"
    STATUS = "status", "Status change"
    ATTEMPT = "attempt", "Call attempt"
    ASSIGNMENT = "assignment", "Assignment"
    NOTIFICATION = "notification", "Staff notified"


class AccessAction(models.TextChoices):
    LIST = "list", "Listed (queue or search)"
    VIEW = "view", "Viewed"
    CHANGE = "change", "Changed"
    EXPORT = "export", "Exported"
    DELETE = "delete", "Deleted"
    ANONYMIZE = "anonymize", "Anonymized (retention)"


class DropReason(models.TextChoices):
    """Why a callback form post was not saved (counted per day in DroppedPost). Only the trap
    field is dropped quietly; every other case shows the family their form again."""

    HONEYPOT = "honeypot", "Trap field filled in: dropped quietly (a bot)"
    TOO_FAST = "too_fast", "Sent faster than a person reads: form shown again"
    NO_TIMESTAMP = "no_timestamp", "No signed time shown: form shown again"
    BAD_TIMESTAMP = "bad_timestamp", "Tampered time shown: form shown again"
    RATE_LIMITED = "rate_limited", "Over the address's limit: form shown again (429)"
    CSRF = "csrf", "Security cookie missing or stale: form shown again (403)"
    TOO_LARGE = "too_large", "Too large: kind page (413)"


class LinkedBy(models.TextChoices):
    """Why a later form was added to a family's first request instead of making a second."""

    PHONE = "phone", "Same phone number"
    BROWSER = "browser", "Sent again from the same browser"
