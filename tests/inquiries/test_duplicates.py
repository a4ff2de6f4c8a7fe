"""A family who sends the form again (the same phone within CALLBACK_DUPLICATE_DAYS, or the same
browser soon after: Back, fix, send) is added to their first request: they see the reference
they already have, and the coordinator sees one request with both submissions."""

import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from inquiries.models import CallbackRequest, LaterSubmission, LinkedBy
from inquiries.services import callback_request_update

pytestmark = pytest.mark.django_db
URL = reverse("inquiries:callback_create")


@pytest.fixture(autouse=True)
def linking_on(settings):
    settings.CALLBACK_DUPLICATE_DAYS = 7


def test_the_same_phone_within_the_window_is_added_to_the_first_request(
    client, payload, fresh_token
):
    first = client.post(URL, payload)
    other_browser = Client()
    second = other_browser.post(
        URL, payload | {"submission_token": fresh_token(), "note": "Mornings are best"}, follow=True
    )
    request = CallbackRequest.objects.get()
    assert first["Location"].startswith(f"/request-a-call-back/thanks/{request.reference}/")
    page = second.content.decode()
    assert (
        f'We already have your request <strong class="reference">{request.reference}</strong>'
        in page
    )
    assert "we added your new details" in page
    later = LaterSubmission.objects.get()
    assert later.callback_request == request and later.linked_by == LinkedBy.PHONE
    assert later.answers["note"] == "Mornings are best"
    assert DBTaskResult.objects.count() == 1  # one request, one notification
    assert "sent the form again (same phone number)" in request.activities.last().text


def test_back_fix_resend_makes_one_linked_request(client, payload, fresh_token):
    """The phone was mistyped: Back (a new token), fix it, send again from the same browser."""
    client.post(URL, payload | {"phone": "(215) 555-0177"})
    response = client.post(
        URL, payload | {"submission_token": fresh_token(), "phone": "(215) 555-0188"}, follow=True
    )
    request = CallbackRequest.objects.get()
    later = LaterSubmission.objects.get()
    assert later.callback_request == request and later.linked_by == LinkedBy.BROWSER
    assert later.phone == "+12155550188"
    page = response.content.decode()
    assert "we added your new details" in page
    assert "the number ending 0188" in page  # the corrected number is the one we will call


def test_the_coordinator_sees_both_submissions_on_one_request(
    client, payload, fresh_token, admin_client
):
    client.post(URL, payload)
    Client().post(URL, payload | {"submission_token": fresh_token(), "name": "Sam R. Rivera"})
    request = CallbackRequest.objects.get()
    page = admin_client.get(
        reverse("admin:inquiries_callbackrequest_change", args=[request.pk])
    ).content.decode()
    assert "Later submissions" in page
    assert "Sam Rivera" in page and "Sam R. Rivera" in page
    assert CallbackRequest.objects.count() == 1  # one row in the queue


def test_a_replay_of_the_later_form_adds_nothing_twice(client, payload, fresh_token):
    client.post(URL, payload)
    again = payload | {"submission_token": fresh_token()}
    Client().post(URL, again)
    Client().post(URL, again)
    assert CallbackRequest.objects.count() == 1 and LaterSubmission.objects.count() == 1


def test_after_the_window_the_same_phone_makes_a_new_request(client, payload, fresh_token):
    client.post(URL, payload)
    later = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=8)
    with time_machine.travel(later):
        Client().post(URL, payload | {"submission_token": fresh_token()})
    assert CallbackRequest.objects.count() == 2 and not LaterSubmission.objects.exists()


def test_a_closed_request_is_not_reopened_by_a_new_form(client, payload, fresh_token, admin_user):
    client.post(URL, payload)
    callback_request_update(
        callback_request=CallbackRequest.objects.get(), by=admin_user, status="closed",
        outcome="scheduled",
    )  # fmt: skip
    Client().post(URL, payload | {"submission_token": fresh_token()})
    assert CallbackRequest.objects.count() == 2


def test_the_window_is_configurable_and_zero_turns_it_off(client, payload, fresh_token, settings):
    settings.CALLBACK_DUPLICATE_DAYS = 0
    client.post(URL, payload)
    client.post(URL, payload | {"submission_token": fresh_token()})
    assert CallbackRequest.objects.count() == 2


def test_another_phone_from_another_browser_is_another_family(client, payload, fresh_token):
    client.post(URL, payload)
    Client().post(URL, payload | {"submission_token": fresh_token(), "phone": "(215) 555-0177"})
    assert CallbackRequest.objects.count() == 2


def test_a_copy_of_the_same_form_saved_meanwhile_is_a_replay_not_a_later_submission(
    demo_program, monkeypatch
):
    """Two copies of one form in flight at once: the second, finding the first saved by the
    time it writes, is the same request (not "new details" for it)."""
    import uuid

    from inquiries import services

    data = {
        "asker": "parent", "topic": "is_cart_an_option", "patient_age": 9, "diagnosis": "b_all",
        "relapsed": "yes", "name": "Sam", "phone": "+12155550188", "phone_extension": "",
        "email": "", "best_times": [], "language": "en", "language_other": "",
        "needs_interpreter": False, "note": "", "consent_call": True, "consent_voicemail": False,
    }  # fmt: skip
    token = uuid.uuid4()
    checks = iter([None])  # the first look (before routing) finds nothing yet
    real = services._received_before

    def racing(submission_token):
        if next(checks, "later") is None:
            services._receive(  # the other copy is saved meanwhile
                program=demo_program, submission_token=token, data=data,
                destination=services.routing.destination_for(
                    demo_program, services.answers_for(program=demo_program, data=data)
                ),
                due_by=services.timezone.now(), now=services.timezone.now(),
                browser_reference="", on_saved=None,
            )  # fmt: skip
            return None
        return real(submission_token)

    monkeypatch.setattr(services, "_received_before", racing)
    request, received = services.callback_request_receive(
        program=demo_program, submission_token=token, data=data
    )
    assert received is services.Received.REPLAYED
    assert CallbackRequest.objects.count() == 1 and not LaterSubmission.objects.exists()
