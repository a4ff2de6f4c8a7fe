"""Telling staff a request is waiting: one job queued with the request, one email to the person
who calls back, naming nothing the family typed; a failed send is retried by the sweep."""

import datetime
import logging
import smtplib

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from inquiries import notifications, services
from inquiries.models import Activity, ActivityKind, CallbackRequest
from tests.factories import CallbackRequestFactory, ContactLineFactory, CoordinatorFactory

pytestmark = pytest.mark.django_db

FORM_URL = reverse("inquiries:callback_create")
FAILING = {"default": {"BACKEND": "tests.inquiries.failing_mail.FailingBackend"}}
LOCMEM = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
# Monday, November 23, 2026, 10 am in Philadelphia
MONDAY_10AM = datetime.datetime(2026, 11, 23, 15, 0, tzinfo=datetime.UTC)

# What a family typed, in every form it could leak in. None of it may reach an email.
CANARY_FORM = {
    "name": "Zelda Canarywick",
    "phone": "+1 215 555 0188",
    "email": "canary.family@example.net",
    "note": "CANARY-NOTE-7731",
    "language": "other",
    "language_other": "Canarese",
}
CANARY_TEXT = [
    "Zelda",
    "Canarywick",
    "+12155550188",
    "(215) 555-0188",
    "215-555-0188",
    "215 555 0188",
    "2155550188",
    "555-0188",
    "canary.family",
    "example.net",
    "CANARY-NOTE-7731",
    "Canarese",
]
# Health details, per request; the ages are checked outside the reference and the link, whose
# characters could contain the same digits by chance.
ROUTES = {
    "coordinator": {
        "answers": {"diagnosis": "b_all", "patient_age": "11", "topic": "is_cart_an_option"},
        "health": ["b_all", "B-ALL", "B-cell", "leukemia", "is_cart_an_option", "CAR T be"],
        "to": "ellen.marsh@example.org",
        "routed": "Routed to: Ellen Marsh, RN, MSN (New-patient line)",
        "due": "by 9 am on Tuesday, November 24",
    },
    "line without a coordinator": {
        "answers": {"diagnosis": "lymphoma", "patient_age": "47", "asker": "adult_patient"},
        "health": ["lymphoma", "Lymphoma", "adult_patient", "patient (18"],
        "to": "adult-cart@example.org",
        "routed": "Routed to: Adult CAR T program (Adult CAR T program)",
        "due": "by 10 am on Tuesday, November 24",
    },
}


def submit(client, payload, **changes) -> CallbackRequest:
    response = client.post(FORM_URL, {**payload, **changes})
    assert response.status_code == 302
    return CallbackRequest.objects.get(submission_token=payload["submission_token"])


def job_for(request: CallbackRequest) -> DBTaskResult:
    return DBTaskResult.objects.get(args_kwargs__kwargs__callback_request_id=request.pk)


def run_worker():
    call_command("db_worker", batch=True, startup_delay=False, interval=0, verbosity=0)


def test_a_request_queues_exactly_one_job_with_only_its_id(client, payload):
    request = submit(client, payload, **CANARY_FORM)

    job = DBTaskResult.objects.get()
    assert job.args_kwargs == {"args": [], "kwargs": {"callback_request_id": request.pk}}
    assert job.task_path == "inquiries.notifications.notify_callback_request"
    assert request.notified_at is None
    assert request.notify_attempts == 0


def test_an_invalid_form_queues_nothing(client, payload):
    client.post(FORM_URL, payload | {"consent_call": ""})
    assert DBTaskResult.objects.count() == 0


@pytest.mark.parametrize("route", list(ROUTES.values()), ids=list(ROUTES))
def test_the_email_goes_to_who_calls_back_and_names_nothing_the_family_typed(
    client, payload, mailoutbox, settings, route
):
    settings.SITE_URL = "https://cart.example.org"
    with time_machine.travel(MONDAY_10AM, tick=False):
        request = submit(client, payload, **CANARY_FORM, **route["answers"])
        sent = notifications.callback_notification_send(callback_request_id=request.pk)

    assert sent is True
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == [route["to"]]
    assert (email.cc, email.bcc, email.attachments) == ([], [], [])
    link = f"https://cart.example.org/admin/inquiries/callbackrequest/{request.pk}/change/"
    assert email.subject == f"Callback request {request.reference}: call {route['due']}"
    assert f"Reference: {request.reference}" in email.body
    assert route["routed"] in email.body
    assert f"Please call {route['due']} (EST)." in email.body
    assert f"(staff login needed): {link}" in email.body

    headers = "\n".join(f"{k}: {v}" for k, v in email.message().items())
    for text in (email.subject, email.body, headers, *email.to, str(email.reply_to)):
        for private in CANARY_TEXT + route["health"]:
            assert private not in text
    age = route["answers"]["patient_age"]
    for text in (email.subject, email.body):
        assert age not in text.replace(request.reference, "").replace(link, "")


def test_a_sent_notification_is_recorded_once(client, payload, mailoutbox):
    request = submit(client, payload)
    with time_machine.travel(MONDAY_10AM, tick=False):
        notifications.callback_notification_send(callback_request_id=request.pk)

    request.refresh_from_db()
    assert request.notified_at == MONDAY_10AM
    assert (request.notify_error, request.notify_next_at) == ("", None)
    activity = Activity.objects.get(callback_request=request, kind=ActivityKind.NOTIFICATION)
    assert activity.text == "Emailed ellen.marsh@example.org."

    assert notifications.callback_notification_send(callback_request_id=request.pk) is False
    assert len(mailoutbox) == 1
    assert request.activities.filter(kind=ActivityKind.NOTIFICATION).count() == 1


def test_the_email_names_the_time_zone_in_force_at_the_promised_time(client, payload, mailoutbox):
    friday_3pm_edt = datetime.datetime(2026, 10, 30, 19, 0, tzinfo=datetime.UTC)
    with time_machine.travel(friday_3pm_edt, tick=False):
        request = submit(client, payload)
        notifications.callback_notification_send(callback_request_id=request.pk)
    assert "Please call by 2 pm on Monday, November 2 (EST)." in mailoutbox[0].body


# --- Who the email goes to when people have no address


def test_a_coordinator_without_email_falls_back_to_the_lines(mailoutbox):
    line = ContactLineFactory(email="line@example.org")
    request = CallbackRequestFactory(
        program=line.program, line=line, coordinator=CoordinatorFactory(email="")
    )
    notifications.callback_notification_send(callback_request_id=request.pk)
    assert mailoutbox[0].to == ["line@example.org"]


def test_without_any_address_the_settings_fallback_is_used(mailoutbox, settings):
    settings.CALLBACK_NOTIFY_FALLBACK_EMAIL = "callbacks@example.org"
    request = CallbackRequestFactory(line__email="")
    notifications.callback_notification_send(callback_request_id=request.pk)
    assert mailoutbox[0].to == ["callbacks@example.org"]


def test_with_no_address_at_all_the_failure_is_recorded(mailoutbox, settings):
    settings.CALLBACK_NOTIFY_FALLBACK_EMAIL = ""
    request = CallbackRequestFactory(line__email="")
    with pytest.raises(notifications.NoRecipient):
        notifications.callback_notification_send(callback_request_id=request.pk)
    request.refresh_from_db()
    assert (request.notified_at, request.notify_error) == (None, "NoRecipient")
    assert mailoutbox == []


# --- The mail server fails, then recovers


def test_a_failed_send_keeps_the_request_and_records_only_the_error_class(
    client, payload, mailoutbox, settings, caplog
):
    settings.MAILERS = FAILING
    request = submit(client, payload, **CANARY_FORM)

    with (
        caplog.at_level(logging.WARNING, logger="inquiries.notifications"),
        pytest.raises(smtplib.SMTPServerDisconnected),
    ):
        notifications.callback_notification_send(callback_request_id=request.pk)

    assert CallbackRequest.objects.filter(pk=request.pk).exists()
    request.refresh_from_db()
    assert request.notified_at is None
    assert request.notify_error == "SMTPServerDisconnected"
    assert not request.activities.filter(kind=ActivityKind.NOTIFICATION).exists()
    assert mailoutbox == []
    assert f"id={request.pk} failed: SMTPServerDisconnected" in caplog.text
    for private in CANARY_TEXT:
        assert private not in caplog.text


def test_the_sweep_requeues_a_failed_notification_and_the_retry_sends_it(
    client, payload, mailoutbox, settings
):
    settings.MAILERS = FAILING
    request = submit(client, payload)
    with pytest.raises(smtplib.SMTPServerDisconnected):
        notifications.callback_notification_send(callback_request_id=request.pk)

    settings.MAILERS = LOCMEM
    request.refresh_from_db()
    first_retry_at = request.notify_next_at
    assert first_retry_at == request.received_at + datetime.timedelta(minutes=5)
    later = first_retry_at + datetime.timedelta(minutes=1)

    assert services.callback_notifications_sweep(now=later) == 1

    request.refresh_from_db()
    assert request.notify_attempts == 1
    assert request.notify_next_at == later + datetime.timedelta(minutes=10)
    jobs = DBTaskResult.objects.order_by("enqueued_at")
    assert jobs.count() == 2
    retry = jobs.last()
    assert retry.args_kwargs == {"args": [], "kwargs": {"callback_request_id": request.pk}}

    assert notifications.notify_callback_request.call(**retry.args_kwargs["kwargs"]) is True
    request.refresh_from_db()
    assert request.notified_at is not None
    assert request.notify_error == ""
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["ellen.marsh@example.org"]


def test_the_sweep_waits_for_the_retry_time(client, payload):
    request = submit(client, payload)
    almost = request.notify_next_at - datetime.timedelta(seconds=1)

    assert services.callback_notifications_sweep(now=almost) == 0

    request.refresh_from_db()
    assert request.notify_attempts == 0
    assert DBTaskResult.objects.count() == 1


def test_the_sweep_leaves_notified_requests_alone(client, payload, mailoutbox):
    request = submit(client, payload)
    notifications.callback_notification_send(callback_request_id=request.pk)

    next_week = timezone.now() + datetime.timedelta(days=7)
    assert services.callback_notifications_sweep(now=next_week) == 0
    assert DBTaskResult.objects.count() == 1


def test_the_sweep_backs_off_to_at_most_six_hours():
    request = CallbackRequestFactory()
    gaps = []
    for _ in range(8):
        now = request.notify_next_at
        services.callback_notifications_sweep(now=now)
        request.refresh_from_db()
        gaps.append((request.notify_next_at - now) // datetime.timedelta(minutes=1))
    assert gaps == [10, 20, 40, 80, 160, 320, 360, 360]
    assert request.notify_attempts == 8
    assert DBTaskResult.objects.count() == 8


# --- The real worker (it commits and closes connections, so these tests commit too)


@pytest.mark.django_db(transaction=True)
def test_the_worker_sends_the_queued_email(client, payload, mailoutbox):
    request = submit(client, payload)

    run_worker()

    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["ellen.marsh@example.org"]
    assert request.reference in mailoutbox[0].body
    request.refresh_from_db()
    assert request.notified_at is not None
    job = DBTaskResult.objects.get()
    assert (job.status, job.return_value) == ("SUCCESSFUL", True)

    run_worker()  # nothing left to do
    assert len(mailoutbox) == 1


@pytest.mark.slow  # fault: the mail server refuses
@pytest.mark.django_db(transaction=True)
def test_the_worker_records_a_failure_and_the_sweep_recovers(client, payload, mailoutbox, settings):
    settings.MAILERS = FAILING
    request = submit(client, payload)

    run_worker()

    failed = DBTaskResult.objects.get()
    assert failed.status == "FAILED"
    assert failed.exception_class_path == "smtplib.SMTPServerDisconnected"
    request.refresh_from_db()
    assert (request.notified_at, request.notify_error) == (None, "SMTPServerDisconnected")
    assert mailoutbox == []

    settings.MAILERS = LOCMEM
    assert services.callback_notifications_sweep() == 0  # the retry time has not come
    later = request.notify_next_at + datetime.timedelta(minutes=1)
    assert services.callback_notifications_sweep(now=later) == 1
    run_worker()

    request.refresh_from_db()
    assert request.notified_at is not None
    assert request.notify_error == ""
    assert len(mailoutbox) == 1
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 1


@pytest.mark.slow  # fault: a mail server outage
@pytest.mark.django_db(transaction=True)
def test_an_smtp_outage_loses_no_request_and_all_are_emailed_after_it(
    client, payload, fresh_token, mailoutbox, settings
):
    """Eight families ask during an outage; each is saved, shown its reference, and emailed
    once the server is back, by one sweep and one worker run."""
    settings.MAILERS = FAILING
    references = set()
    for number in range(8):
        request = submit(
            client, {**payload, "submission_token": fresh_token()}, phone=f"(215) 555-01{number:02}"
        )
        references.add(request.reference)
    run_worker()
    assert CallbackRequest.objects.filter(notified_at__isnull=True).count() == 8
    assert DBTaskResult.objects.filter(status="FAILED").count() == 8
    assert mailoutbox == []

    settings.MAILERS = LOCMEM
    later = timezone.now() + datetime.timedelta(minutes=30)
    assert services.callback_notifications_sweep(now=later) == 8
    run_worker()

    assert CallbackRequest.objects.filter(notified_at__isnull=True).count() == 0
    assert len(mailoutbox) == 8
    assert all(any(ref in m.body for m in mailoutbox) for ref in references)
    assert services.callback_notifications_sweep(now=later + datetime.timedelta(hours=1)) == 0
