"""Inquiries owns the callback requests families send, the rules that route them, and the queue
coordinators work. routing.py decides who calls back; services.py runs the workflow. Public
content (programs, lines, coordinators) belongs to `programs`.
"""

from inquiries.models import choices
from inquiries.models.audit import AccessLog, DroppedPost, RateLimitCounter
from inquiries.models.choices import *  # noqa: F403 (every choice, see choices.__all__)
from inquiries.models.requests import (
    REFERENCE_ALPHABET,
    Activity,
    CallbackRequest,
    CallbackRequestQuerySet,
    LaterSubmission,
    new_reference,
)
from inquiries.models.rules import RoutingRule

__all__ = [
    *choices.__all__,
    "REFERENCE_ALPHABET",
    "AccessLog",
    "Activity",
    "CallbackRequest",
    "CallbackRequestQuerySet",
    "DroppedPost",
    "LaterSubmission",
    "RateLimitCounter",
    "RoutingRule",
    "new_reference",
]
