"""The confirmation page: the reference and the request's state, honestly; what to have ready;
nothing the family typed; not stored by browsers or proxies; gone after a while."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from inquiries.models import CallbackRequest
from inquiries.services import callback_request_update

pytestmark = pytest.mark.django_db
URL = reverse("inquiries:callback_create")


@pytest.fixture
def sent(client, payload):
    client.post(URL, payload | {"name": "Zelda Canarywick", "phone": "(215) 555-0123"})
    request = CallbackRequest.objects.get()
    return request, reverse("inquiries:callback_thanks", args=[request.reference])


def test_it_is_never_stored(client, sent):
    response = client.get(sent[1])
    assert "no-store" in response["Cache-Control"]


def test_a_new_request_says_what_to_have_ready(client, sent):
    page = client.get(sent[1]).content.decode()
    assert "Received. We have not called yet." in page
    assert "What to have ready for the call" in page
    for ready in ("cancer doctor (oncologist)", "medical records", "insurance card"):
        assert ready in page
    assert "the number ending 0123" in page
    assert "Zelda" not in page


def test_a_tried_request_says_so(client, sent, admin_user):
    request, url = sent
    callback_request_update(callback_request=request, by=admin_user, attempt=True)
    page = client.get(url).content.decode()
    assert "We tried to call you and could not reach you" in page
    assert "Received. We have not called yet." not in page


def test_a_contacted_request_stops_promising_a_call(client, sent, admin_user):
    request, url = sent
    callback_request_update(callback_request=request, by=admin_user, status="contacted")
    page = client.get(url).content.decode()
    assert "We have talked with you" in page
    assert "By when" not in page and "number ending" not in page


def test_a_closed_request_shows_only_its_reference_and_state(client, sent, admin_user):
    request, url = sent
    callback_request_update(
        callback_request=request, by=admin_user, status="closed", outcome="scheduled"
    )
    page = client.get(url).content.decode()
    assert "Your request is closed" in page and request.reference in page
    for gone in ("By when", "Who will call you", "number ending", "Ellen Marsh", "0123"):
        assert gone not in page


def test_the_page_expires(client, sent, settings):
    settings.CALLBACK_CONFIRMATION_DAYS = 30
    request, url = sent
    with time_machine.travel(request.received_at + datetime.timedelta(days=29)):
        assert client.get(url).status_code == 200
    with time_machine.travel(request.received_at + datetime.timedelta(days=30, seconds=1)):
        response = client.get(url)
    assert response.status_code == 410
    page = response.content.decode()
    assert "no longer available" in page
    assert f'class="reference">{request.reference}' not in page
    assert 'href="tel:+12155550100"' in page
