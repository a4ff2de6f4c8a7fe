"""The family's path: the form, Post/Redirect/Get, the thank-you page with who calls and by when,
and a request saved once however often the form is sent."""

import datetime
import re
import uuid

import pytest
import time_machine
from django.db import OperationalError
from django.urls import resolve, reverse
from django_tasks_db.models import DBTaskResult
from pytest_django.asserts import assertTemplateUsed

from inquiries import views
from inquiries.models import REFERENCE_ALPHABET, Activity, ActivityKind, CallbackRequest

pytestmark = pytest.mark.django_db

FORM_URL = reverse("inquiries:callback_create")
REFERENCE = re.compile(rf"^[{REFERENCE_ALPHABET}]{{4}}-[{REFERENCE_ALPHABET}]{{4}}$")
# Monday, November 23, 2026, 10 am in Philadelphia
MONDAY_10AM = datetime.datetime(2026, 11, 23, 15, 0, tzinfo=datetime.UTC)


def thanks_url(reference: str) -> str:
    return reverse("inquiries:callback_thanks", kwargs={"reference": reference})


def checked(page: str, field: str) -> list[str]:
    return re.findall(rf'name="{field}" value="([^"]*)"[^>]*\bchecked\b', page)


@pytest.mark.parametrize(
    ("name", "kwargs", "url"),
    [
        ("inquiries:callback_create", {}, "/request-a-call-back/"),
        (
            "inquiries:callback_thanks",
            {"reference": "ABCD-EFGH"},
            "/request-a-call-back/thanks/ABCD-EFGH/",
        ),
    ],
)
def test_urls_reverse_and_resolve(name, kwargs, url):
    assert reverse(name, kwargs=kwargs) == url
    match = resolve(url)
    assert (match.view_name, match.kwargs) == (name, kwargs)


# --- The form page


def test_form_page_warns_it_is_not_for_emergencies(client, demo_program):
    response = client.get(FORM_URL)
    assert response.status_code == 200
    assertTemplateUsed(response, "inquiries/callback_form.html")
    page = response.content.decode()
    warning = page.split('aria-labelledby="not-emergency"', 1)[1].split("</div>", 1)[0]
    assert "This form is not for emergencies or symptoms" in warning
    assert '<a href="tel:911">911</a>' in warning
    assert '<a href="tel:+12155550150">(215) 555-0150</a>' in warning  # the 24/7 line
    # The warning comes before the first question.
    assert page.index("not-emergency") < page.index('name="asker"')


def test_form_page_is_never_cached(client, demo_program):
    """Each served form carries its own one-time token; a cached copy would share it."""
    response = client.get(FORM_URL)
    assert "no-store" in response["Cache-Control"]
    tokens = {
        re.search(r'name="submission_token" value="([^"]+)"', client.get(FORM_URL).text).group(1)
        for _ in range(3)
    }
    assert len(tokens) == 3


def test_a_link_can_prefill_the_first_answers(client, demo_program):
    page = client.get(FORM_URL, {"asker": "parent", "patient_age": "9", "diagnosis": "b_all"}).text
    assert checked(page, "asker") == ["parent"]
    assert checked(page, "diagnosis") == ["b_all"]
    assert checked(page, "topic") == []
    assert 'name="patient_age" value="9"' in page
    assert "Please check" not in page  # a prefilled form is not an answered one


def test_a_link_cannot_prefill_contact_details_or_invent_answers(client, demo_program):
    page = client.get(
        FORM_URL, {"name": "Mallory", "phone": "2155550100", "asker": "boss", "consent_call": "on"}
    ).text
    assert "Mallory" not in page
    assert 'name="phone" value=' not in page
    assert checked(page, "asker") == []
    consent = re.search(r'<input type="checkbox" name="consent_call"[^>]*>', page).group(0)
    assert "checked" not in consent


def test_no_program_means_no_form(client, db):
    assert client.get(FORM_URL).status_code == 404


# --- Post/Redirect/Get and the thank-you page


def test_a_valid_request_redirects_to_a_thank_you_url_with_only_the_reference(client, payload):
    payload |= {"patient_age": "12", "email": "sam@example.net"}
    response = client.post(FORM_URL, payload)

    assert response.status_code == 302
    request = CallbackRequest.objects.get()
    location = response["Location"]
    assert location == thanks_url(request.reference)
    for private in ("Sam", "Rivera", "555", "0188", "sam@example.net", "12", "?", "b_all"):
        assert private not in location


def test_the_reference_is_short_readable_and_not_the_row_id(client, payload):
    client.post(FORM_URL, payload)
    request = CallbackRequest.objects.get()
    assert len(request.reference) == 9
    assert REFERENCE.match(request.reference)
    assert request.reference != str(request.pk)


def test_a_request_is_routed_and_logged(client, payload):
    with time_machine.travel(MONDAY_10AM, tick=False):
        client.post(FORM_URL, payload)

    request = CallbackRequest.objects.get()
    assert request.line.name == "New-patient line"
    assert request.coordinator.name == "Ellen Marsh"
    assert request.matched_rule.name == request.matched_rule_name
    assert request.matched_rule_name == "B-ALL up to 25: is CAR T an option?"
    assert request.received_at == MONDAY_10AM
    # The new-patient line is open 8 am to 6 pm: 8 hours on Monday, 1 on Tuesday
    assert request.due_by == datetime.datetime(2026, 11, 24, 14, 0, tzinfo=datetime.UTC)
    activity = Activity.objects.get(callback_request=request)
    assert activity.kind == ActivityKind.RECEIVED
    assert activity.text == (
        "Routed to Ellen Marsh, RN, MSN (B-ALL up to 25: is CAR T an option?)."
    )


def test_thank_you_page_says_who_calls_by_when_and_what_to_do_meanwhile(client, payload):
    with time_machine.travel(MONDAY_10AM, tick=False):
        response = client.post(FORM_URL, payload, follow=True)

    assert response.redirect_chain[-1][1] == 302
    assertTemplateUsed(response, "inquiries/callback_thanks.html")
    page = response.content.decode()
    request = CallbackRequest.objects.get()
    assert f'<strong class="reference">{request.reference}</strong>' in page
    assert (
        "<dd>Ellen Marsh, RN, MSN, CAR T nurse coordinator and director of clinical "
        "operations</dd>" in page
    )
    assert "by 9 am on Tuesday, November 24 (EST)." in page
    assert 'New-patient line: <a href="tel:+12155550120">(215) 555-0120</a>' in page
    assert 'For a medical emergency, call <a href="tel:911">911</a>' in page
    assert '<a href="tel:+12155550150">(215) 555-0150</a>' in page  # the 24/7 line


def test_the_time_zone_named_is_the_one_in_force_at_the_promised_time(client, payload):
    friday_3pm_edt = datetime.datetime(2026, 10, 30, 19, 0, tzinfo=datetime.UTC)
    with time_machine.travel(friday_3pm_edt, tick=False):
        page = client.post(FORM_URL, payload, follow=True).content.decode()
    # 3 hours on Friday, 6 on Monday; the clocks went back on Sunday
    assert "by 2 pm on Monday, November 2 (EST)." in page


def test_the_promise_made_before_thanksgiving_skips_the_holiday(client, payload):
    """Asked Wednesday 3 pm before Thanksgiving: 3 hours that day, none on Thursday (the
    holiday), 6 on Friday. (The weekend case is the test above.)"""
    wednesday_3pm = datetime.datetime(2026, 11, 25, 20, 0, tzinfo=datetime.UTC)
    with time_machine.travel(wednesday_3pm, tick=False):
        page = client.post(FORM_URL, payload, follow=True).content.decode()
    assert "by 2 pm on Friday, November 27 (EST)." in page
    request = CallbackRequest.objects.get()
    assert request.due_by == datetime.datetime(2026, 11, 27, 19, 0, tzinfo=datetime.UTC)


def test_thank_you_page_for_the_fallback_names_the_line(client, payload):
    client.post(FORM_URL, payload | {"topic": "travel_money"})
    request = CallbackRequest.objects.get()
    page = client.get(thanks_url(request.reference)).text
    assert request.coordinator is None
    assert "<dd>Cancer information line</dd>" in page
    assert 'Cancer information line: <a href="tel:+12155550100">(215) 555-0100</a>' in page


def test_thank_you_page_shows_nothing_the_family_typed(client, payload):
    """Anyone holding the link can open it: it must not show who asked or about what."""
    payload |= {"name": "Zelda Canarywick", "email": "zelda@example.net", "note": "CANARY-1"}
    page = client.post(FORM_URL, payload, follow=True).content.decode()
    for private in ("Zelda", "Canarywick", "zelda@example.net", "CANARY-1", "555-0188"):
        assert private not in page
    assert "B-cell acute lymphoblastic leukemia" not in page


def test_an_unknown_reference_is_404(client, payload):
    client.post(FORM_URL, payload)
    assert client.get(thanks_url("ABCD-EFGH")).status_code == 404
    assert client.get(thanks_url(str(CallbackRequest.objects.get().pk))).status_code == 404


def test_the_thank_you_page_only_answers_get(client, payload):
    client.post(FORM_URL, payload)
    url = thanks_url(CallbackRequest.objects.get().reference)
    assert client.post(url).status_code == 405


# --- Replays and double submits


def test_sending_the_same_form_twice_saves_one_request(client, payload):
    first = client.post(FORM_URL, payload)
    second = client.post(FORM_URL, payload)

    assert CallbackRequest.objects.count() == 1
    assert DBTaskResult.objects.count() == 1
    assert second.status_code == 302
    assert second["Location"] == first["Location"]


def test_a_replay_with_changed_answers_returns_the_first_request_unchanged(client, payload):
    first = client.post(FORM_URL, payload)
    second = client.post(FORM_URL, payload | {"name": "Someone Else", "topic": "trials"})

    assert second["Location"] == first["Location"]
    request = CallbackRequest.objects.get()
    assert (request.name, request.topic) == ("Sam Rivera", "is_cart_an_option")


def test_two_forms_make_two_requests(client, payload, fresh_token):
    first = client.post(FORM_URL, payload)
    second = client.post(FORM_URL, payload | {"submission_token": fresh_token()})

    assert CallbackRequest.objects.count() == 2
    assert DBTaskResult.objects.count() == 2
    assert first["Location"] != second["Location"]


def test_a_made_up_token_is_accepted_once(client, payload):
    payload["submission_token"] = str(uuid.uuid4())
    client.post(FORM_URL, payload)
    client.post(FORM_URL, payload)
    assert CallbackRequest.objects.count() == 1


def test_when_the_database_is_away_the_family_is_told_and_keeps_their_answers(
    client, payload, monkeypatch
):
    def locked(**kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(views.services, "callback_request_receive", locked)
    response = client.post(FORM_URL, payload)

    assert response.status_code == 503
    page = response.content.decode()
    assert "Sorry, we could not save your request just now. Nothing was sent." in page
    assert '<a href="tel:+12155550100">(215) 555-0100</a>' in page.split("Nothing was sent.")[1]
    assert 'name="name" value="Sam Rivera"' in page
    assert "We got your request" not in page
    assert CallbackRequest.objects.count() == 0


def test_each_blank_form_gets_its_own_tokens_and_the_page_language(client, demo_program):
    """Blank forms reuse their rendered fields; the tokens and the chosen language must not."""
    url = reverse("inquiries:callback_create")
    first = client.get(url).content.decode()
    second = client.get(url).content.decode()
    spanish = client.get("/es" + url).content.decode()
    english_again = client.get(url).content.decode()

    def token(html):
        return re.search(r'name="submission_token" value="([0-9a-f-]{36})"', html).group(1)

    assert len({token(first), token(second), token(spanish), token(english_again)}) == 4
    assert "csrfmiddlewaretoken" in first and first.count("<form") == 1
    assert '<option value="es" selected>' in spanish and "Su nombre" in spanish
    for html in (first, english_again):
        assert '<option value="en" selected>' in html and "Your name" in html
        assert '<option value="es" selected>' not in html
