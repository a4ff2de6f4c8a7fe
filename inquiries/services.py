"""The callback workflow: create (route, promise, save, queue the notification in one
transaction), then the coordinator's steps. Views and the admin call these; they hold no logic.
"""

import datetime
import enum
import uuid
from collections.abc import Callable

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone, translation

from inquiries import business_hours, routing
from inquiries.models import (
    Activity,
    ActivityKind,
    CallbackRequest,
    DroppedPost,
    DropReason,
    LaterSubmission,
    LinkedBy,
    Outcome,
    Status,
)
from programs.models import Program

# Outcomes that mean someone talked with the family.
REACHED_OUTCOMES = {Outcome.SCHEDULED, Outcome.REFERRED, Outcome.NOT_CANDIDATE}
OUTCOME_REQUIRED = "Choose an outcome to close the request."
OUTCOME_ONLY_WHEN_CLOSED = "An outcome is only set when closing the request."


def answers_for(*, program: Program, data: dict) -> routing.Answers:
    return routing.Answers(
        program_id=program.pk,
        asker=data["asker"],
        topic=data["topic"],
        age=data["patient_age"],
        diagnosis=data["diagnosis"],
        relapsed=data["relapsed"],
        language=data["language"],
        needs_interpreter=bool(data.get("needs_interpreter")),
        language_other=data.get("language_other", ""),
    )


def _notify_retry_at(*, attempts: int, now: datetime.datetime) -> datetime.datetime:
    """Back off: 5, 10, 20, 40 … minutes after each queueing, at most 6 hours apart."""
    base = settings.CALLBACK_NOTIFY_RETRY_MINUTES
    return now + datetime.timedelta(minutes=min(base * 2**attempts, 360))


class Received(enum.Enum):
    CREATED = "created"  # a new request
    ADDED = "added"  # added to the family's first request (same phone, or same browser)
    REPLAYED = "replayed"  # this very form was received before


def callback_request_create(
    *,
    program: Program,
    submission_token: uuid.UUID,
    data: dict,
    browser_reference: str = "",
    on_saved: Callable[[], None] | None = None,
) -> tuple[CallbackRequest, bool]:
    """Save a family's request once. Returns (request, created); see callback_request_receive."""
    request, received = callback_request_receive(
        program=program,
        submission_token=submission_token,
        data=data,
        browser_reference=browser_reference,
        on_saved=on_saved,
    )
    return request, received is Received.CREATED


def callback_request_receive(
    *,
    program: Program,
    submission_token: uuid.UUID,
    data: dict,
    browser_reference: str = "",
    on_saved: Callable[[], None] | None = None,
) -> tuple[CallbackRequest, Received]:
    """Receive one form. A replayed form returns what its first receipt made. A form from the
    same phone number within CALLBACK_DUPLICATE_DAYS, or from the browser that sent request
    `browser_reference` (the view reads it from a signed cookie), is added to that open request
    as a LaterSubmission: the coordinator sees one request with every submission. Otherwise a
    new request: routed, promised, saved and its notification queued in one transaction.
    `on_saved` runs in that transaction (the view counts the post toward its address's limit
    there: one commit for both)."""
    if found := _received_before(submission_token):
        return found, Received.REPLAYED
    # Routing only reads: done before the transaction, which then holds the database's write
    # lock (SQLite: one writer at a time) for the writes alone.
    now = timezone.now()
    destination = routing.destination_for(program, answers_for(program=program, data=data))
    due_by = business_hours.due_by(line=destination.line, received_at=now)
    try:
        return _receive(
            program=program,
            submission_token=submission_token,
            data=data,
            destination=destination,
            due_by=due_by,
            now=now,
            browser_reference=browser_reference,
            on_saved=on_saved,
        )
    except IntegrityError:
        # Two copies of one form raced; the other one won. (A reference clash, 1 in 5e11,
        # would leave no row with this token: let it raise, the family gets the retry page.)
        if found := _received_before(submission_token):
            return found, Received.REPLAYED
        raise


def _received_before(submission_token: uuid.UUID) -> CallbackRequest | None:
    existing = CallbackRequest.objects.filter(submission_token=submission_token).first()
    if existing is None:
        first_id = (
            LaterSubmission.objects.filter(submission_token=submission_token)
            .values_list("callback_request_id", flat=True)
            .first()
        )
        existing = CallbackRequest.objects.get(pk=first_id) if first_id else None
    return existing


def first_request_for(
    *, program: Program, phone: str, browser_reference: str, now: datetime.datetime
) -> tuple[CallbackRequest | None, str]:
    """The family's open request this form belongs to, and why (LinkedBy), if any.
    CALLBACK_DUPLICATE_DAYS = 0 turns linking off."""
    if settings.CALLBACK_DUPLICATE_DAYS <= 0:
        return None, ""
    recent = CallbackRequest.objects.open().filter(
        program=program,
        received_at__gte=now - datetime.timedelta(days=settings.CALLBACK_DUPLICATE_DAYS),
    )
    if browser_reference and (first := recent.filter(reference=browser_reference).first()):
        return first, LinkedBy.BROWSER
    if first := recent.filter(phone=phone).order_by("received_at", "pk").first():
        return first, LinkedBy.PHONE
    return None, ""


@transaction.atomic
def _receive(
    *, program, submission_token, data, destination, due_by, now, browser_reference, on_saved
) -> tuple[CallbackRequest, Received]:
    # Again, inside the transaction: a copy of this very form that was saved while this one was
    # being routed is a replay, never a "later submission" of itself.
    if found := _received_before(submission_token):
        return found, Received.REPLAYED
    first, linked_by = first_request_for(
        program=program, phone=data["phone"], browser_reference=browser_reference, now=now
    )
    if first is None:
        request = _create(
            program=program,
            submission_token=submission_token,
            data=data,
            destination=destination,
            due_by=due_by,
            now=now,
        )
        received = Received.CREATED
    else:
        LaterSubmission.objects.create(
            callback_request=first,
            submission_token=submission_token,
            received_at=now,
            linked_by=linked_by,
            answers=data,
        )
        Activity.objects.create(
            callback_request=first,
            kind=ActivityKind.ADDED,
            text=f"The family sent the form again ({LinkedBy(linked_by).label.lower()}): "
            "see “Later submissions” for the new details.",
            created_at=now,
        )
        request, received = first, Received.ADDED
    if on_saved:
        on_saved()
    return request, received


def _create(
    *,
    program: Program,
    submission_token: uuid.UUID,
    data: dict,
    destination: routing.Destination,
    due_by: datetime.datetime,
    now: datetime.datetime,
) -> CallbackRequest:
    from inquiries.notifications import notify_callback_request

    request = CallbackRequest(
        program=program,
        submission_token=submission_token,
        received_at=now,
        line=destination.line,
        coordinator=destination.coordinator,
        matched_rule=destination.rule,
        matched_rule_name=destination.rule_name,
        due_by=due_by,
        interpreter_for=destination.interpreter_for,
        notify_next_at=_notify_retry_at(attempts=0, now=now),
        **data,
    )
    # The family's answers are checked field by field. The rows routing chose were just read,
    # and the table's constraints are the database's to enforce at INSERT: checking each with
    # a query of its own first (Django's default) was a third of the time of a request.
    request.full_clean(
        exclude=["submission_token", "reference", "program", "line", "coordinator", "matched_rule"],
        validate_constraints=False,
    )
    request.save()
    with translation.override("en"):  # staff read the log in English, not the family's language
        routed_to = request.routed_to
    Activity.objects.create(
        callback_request=request,
        kind=ActivityKind.RECEIVED,
        text=f"Routed to {routed_to} ({destination.rule_name})."
        + (
            f" Needs an interpreter: {destination.interpreter_for}."
            if destination.interpreter_for
            else ""
        ),
        created_at=now,
    )
    # The job row is written in this same transaction: a saved request always has its job.
    notify_callback_request.enqueue(callback_request_id=request.pk)
    return request


@transaction.atomic
def callback_request_update(
    *,
    callback_request: CallbackRequest,
    by,
    status: str | None = None,
    outcome: str | None = None,
    assigned_to=None,
    assign: bool = False,
    note: str = "",
    attempt: bool = False,
) -> CallbackRequest:
    """A coordinator's change: any of status (with outcome), assignment, a note, a call attempt.
    Each change is logged in the request's activity."""
    now = timezone.now()
    req = CallbackRequest.objects.select_for_update().get(pk=callback_request.pk)
    log = _assignment(req, assigned_to) if assign else []
    if attempt:
        # The note typed with an attempt is the attempt's text.
        log.append((ActivityKind.ATTEMPT, note or "Called; no answer."))
        note, status = "", _status_after_attempt(req, status)
    log += _status_change(req, status=status, outcome=outcome, now=now)
    if note:
        log.append((ActivityKind.NOTE, note))
    req.save()
    Activity.objects.bulk_create(
        Activity(callback_request=req, kind=kind, text=text, author=by, created_at=now)
        for kind, text in log
    )
    return req


def _assignment(req: CallbackRequest, assigned_to) -> list[tuple[str, str]]:
    if req.assigned_to_id == (assigned_to.pk if assigned_to else None):
        return []
    req.assigned_to = assigned_to
    who = assigned_to.get_username() if assigned_to else "nobody"
    return [(ActivityKind.ASSIGNMENT, f"Assigned to {who}.")]


def _status_after_attempt(req: CallbackRequest, status: str | None) -> str | None:
    """A first call attempt on a new request makes it "tried to call"."""
    if req.status == Status.NEW and status in (None, Status.NEW):
        return Status.ATTEMPTED
    return status


def _status_change(
    req: CallbackRequest, *, status: str | None, outcome: str | None, now
) -> list[tuple[str, str]]:
    status = status or req.status
    outcome = outcome if outcome is not None else req.outcome
    if (status, outcome) == (req.status, req.outcome):
        return []
    if status == Status.CLOSED and not outcome:
        raise ValueError(OUTCOME_REQUIRED)
    if status != Status.CLOSED and outcome:
        raise ValueError(OUTCOME_ONLY_WHEN_CLOSED)
    text = f"{Status(req.status).label} → {Status(status).label}"
    if outcome:
        text += f" ({Outcome(outcome).label})"
    req.status, req.outcome = status, outcome
    reached = status == Status.CONTACTED or (
        status == Status.CLOSED and outcome in REACHED_OUTCOMES
    )
    if reached and req.first_contact_at is None:
        req.first_contact_at = now
    req.closed_at = now if status == Status.CLOSED else None
    return [(ActivityKind.STATUS, text + ".")]


def callback_notifications_sweep(*, now: datetime.datetime | None = None) -> int:
    """Re-queue the notification of every request still not notified after its retry time.
    Run every minute (`manage.py notify_sweep --loop 60`). Returns how many were queued."""
    from inquiries.notifications import notify_callback_request

    now = now or timezone.now()
    queued = 0
    for req in CallbackRequest.objects.due_for_notification(now).only("pk", "notify_attempts"):
        with transaction.atomic():
            attempts = req.notify_attempts + 1
            CallbackRequest.objects.filter(pk=req.pk).update(
                notify_attempts=attempts,
                notify_next_at=_notify_retry_at(attempts=attempts, now=now),
            )
            notify_callback_request.enqueue(callback_request_id=req.pk)
        queued += 1
    return queued


def dropped_post_count(*, reason: DropReason, now: datetime.datetime | None = None) -> None:
    """Count one callback post that was not saved, for the report (no answer, no address)."""
    day = timezone.localdate(now or timezone.now())
    if DroppedPost.objects.filter(day=day, reason=reason).update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            DroppedPost.objects.create(day=day, reason=reason, count=1)
    except IntegrityError:  # another worker created today's row first
        DroppedPost.objects.filter(day=day, reason=reason).update(count=F("count") + 1)
