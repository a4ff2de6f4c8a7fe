"""The callback form as a family meets it: a wrong or missing answer brings the page back with a
plain message next to the question, everything typed still there, and nothing saved or queued."""

import html
import re

import pytest
from django.core.validators import ProhibitNullCharactersValidator, validate_email
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from inquiries import forms
from inquiries.models import CallbackRequest

pytestmark = pytest.mark.django_db

URL = reverse("inquiries:callback_create")


def too_long(limit: int, length: int) -> str:
    return forms.TOO_LONG % {"limit_value": limit, "show_value": length}


def field_error(page: str, field: str) -> str | None:
    """The first message shown under a question, as the family reads it."""
    found = re.search(rf'id="error_1_id_{field}"><strong>(.*?)</strong>', page, re.S)
    return html.unescape(found.group(1)) if found else None


def input_value(page: str, field: str) -> str | None:
    found = re.search(rf'<input [^>]*name="{field}" value="([^"]*)"', page)
    return html.unescape(found.group(1)) if found else None


def textarea_value(page: str, field: str) -> str:
    found = re.search(rf'<textarea name="{field}"[^>]*>\n?(.*?)</textarea>', page, re.S)
    return html.unescape(found.group(1))


def checked(page: str, field: str) -> list[str]:
    return re.findall(rf'name="{field}" value="([^"]*)"[^>]*\bchecked\b', page)


def post(client, payload, **changes):
    data = {**payload, **changes}
    return client.post(URL, {k: v for k, v in data.items() if v is not None})


def assert_nothing_saved():
    assert CallbackRequest.objects.count() == 0
    assert DBTaskResult.objects.count() == 0


BAD_INPUTS = {
    "no consent": ({"consent_call": None}, "consent_call", forms.CONSENT_REQUIRED),
    "age -1": ({"patient_age": "-1"}, "patient_age", forms.AGE_INVALID),
    "age 121": ({"patient_age": "121"}, "patient_age", forms.AGE_INVALID),
    "age in words": ({"patient_age": "ten"}, "patient_age", forms.AGE_INVALID),
    "age with a fraction": ({"patient_age": "9.5"}, "patient_age", forms.AGE_INVALID),
    "age empty": ({"patient_age": ""}, "patient_age", forms.REQUIRED),
    "adult patient aged 12": (
        {"asker": "adult_patient", "patient_age": "12"},
        "patient_age",
        forms.AGE_ADULT_PATIENT,
    ),
    "adult patient aged 17": (
        {"asker": "adult_patient", "patient_age": "17"},
        "patient_age",
        forms.AGE_ADULT_PATIENT,
    ),
    "phone too short": ({"phone": "12"}, "phone", forms.PHONE_INVALID),
    "phone in words": ({"phone": "call me"}, "phone", forms.PHONE_INVALID),
    "phone empty": ({"phone": ""}, "phone", "Please give a phone number we can call."),
    "name empty": ({"name": ""}, "name", "Please tell us who to ask for."),
    "name only spaces": ({"name": "   "}, "name", "Please tell us who to ask for."),
    "name 101 characters": ({"name": "A" * 101}, "name", too_long(100, 101)),
    "note 501 characters": ({"note": "n" * 501}, "note", too_long(500, 501)),
    "bell in the name": ({"name": "Sam\x07 Rivera"}, "name", forms.CONTROL_CHARACTERS),
    "terminal colours in the name": (
        {"name": "\x1b[31mSam Rivera"},
        "name",
        forms.CONTROL_CHARACTERS,
    ),
    "bell in the note": ({"note": "Mornings\x07 are best"}, "note", forms.CONTROL_CHARACTERS),
    "escape in the other language": (
        {"language": "other", "language_other": "Twi\x1b"},
        "language_other",
        forms.CONTROL_CHARACTERS,
    ),
    "control character in the phone": (
        {"phone": "215 555 0188\x08"},
        "phone",
        forms.CONTROL_CHARACTERS,
    ),
    "NUL in the name (Django's own check)": (
        {"name": "Sam\x00Rivera"},
        "name",
        ProhibitNullCharactersValidator.message,
    ),
    "who is asking, missing": ({"asker": None}, "asker", forms.REQUIRED),
    "topic missing": ({"topic": None}, "topic", forms.REQUIRED),
    "diagnosis missing": ({"diagnosis": None}, "diagnosis", forms.REQUIRED),
    "relapsed missing": ({"relapsed": None}, "relapsed", forms.REQUIRED),
    "who is asking, not a choice": ({"asker": "boss"}, "asker", forms.CHOOSE),
    "diagnosis not a choice": ({"diagnosis": "flu"}, "diagnosis", forms.CHOOSE),
    "language not a choice": ({"language": "klingon"}, "language", forms.CHOOSE),
    "best time not a choice": ({"best_times": ["midnight"]}, "best_times", forms.CHOOSE),
    "email not an address": ({"email": "sam at home"}, "email", validate_email.message),
}


@pytest.mark.parametrize(
    ("changes", "field", "message"), list(BAD_INPUTS.values()), ids=list(BAD_INPUTS)
)
def test_a_bad_answer_is_shown_next_to_its_question(client, payload, changes, field, message):
    response = post(client, payload, **changes)

    assert response.status_code == 200
    page = response.content.decode()
    assert field_error(page, field) == message
    assert "Please check 1 answer" in page
    assert_nothing_saved()


@pytest.mark.parametrize(
    ("changes", "field"),
    [(changes, field) for changes, field, _ in BAD_INPUTS.values()],
    ids=list(BAD_INPUTS),
)
def test_what_was_typed_is_kept(client, payload, changes, field):
    page = post(client, payload, **changes).content.decode()

    typed = {**payload, **changes}
    for text in ("name", "phone", "email", "language_other"):
        assert input_value(page, text) == (typed[text] or None)
    assert textarea_value(page, "note") == typed["note"]
    for radio in ("asker", "topic", "diagnosis", "relapsed"):
        if radio != field:
            assert checked(page, radio) == [typed[radio]]
    if field != "best_times":
        assert checked(page, "best_times") == typed["best_times"]
    assert input_value(page, "submission_token") == payload["submission_token"]


def test_nul_is_refused_in_the_note_too(client, payload):
    response = post(client, payload, note="Mornings\x00")
    assert response.status_code == 200
    assert field_error(response.content.decode(), "note") is not None
    assert_nothing_saved()


def test_several_mistakes_are_listed_at_the_top_with_links_to_their_questions(client, payload):
    page = post(client, payload, asker=None, patient_age="ten", consent_call=None).content.decode()

    summary = page.split('id="error-summary"', 1)[1].split("</div>", 1)[0]
    assert "Please check 3 answers" in summary
    links = re.findall(r'<a href="#([\w-]+)">', summary)
    assert len(links) == 3
    for target in links:
        assert f'id="{target}"' in page.replace('id="error-summary"', "")
    assert f"{html.escape(forms.AGE_INVALID)}</li>" in summary


def test_the_page_title_tells_screen_reader_users_something_is_wrong(client, payload):
    page = post(client, payload, consent_call=None).content.decode()
    assert "<title>Please check your answers: Request a call back" in page


# --- Valid answers families really give


def saved_after(client, payload, **changes) -> CallbackRequest:
    response = post(client, payload, **changes)
    assert response.status_code == 302, field_errors_for_debugging(response)
    return CallbackRequest.objects.get()


def field_errors_for_debugging(response) -> str:
    form = response.context and response.context.get("form")
    return str(form.errors if form else response)


def test_an_international_number_is_accepted_and_stored_dialable(client, payload):
    request = saved_after(client, payload, phone="+44 20 7946 0000")
    assert request.phone == "+442079460000"


def test_a_us_number_typed_any_usual_way_is_stored_dialable(client, payload):
    request = saved_after(client, payload, phone="215.555.0188")
    assert request.phone == "+12155550188"


def test_a_right_to_left_name_is_kept_as_typed(client, payload):
    name = "مريم الحسن"  # Arabic letters: they show right to left by themselves
    request = saved_after(client, payload, name=name, language="ar", needs_interpreter="on")
    assert request.name == name
    assert request.needs_interpreter is True


@pytest.mark.parametrize(
    "control", ["\u202e", "\u202a", "\u202b", "\u202c", "\u202d", "\u2066", "\u2067",
                "\u2068", "\u2069", "\u200e", "\u200f"],
)  # fmt: skip
def test_text_direction_characters_are_refused_in_names_kindly(client, payload, control):
    """An override can make "Sam Rivera" show as "areviR maS" (or worse) in the queue."""
    response = post(client, payload, name=f"Sam {control}Rivera")
    assert response.status_code == 200
    assert field_error(response.content.decode(), "name") == forms.DIRECTION_CHARACTERS
    assert input_value(response.content.decode(), "name") == f"Sam {control}Rivera"
    assert_nothing_saved()


def test_a_note_with_line_breaks_is_kept(client, payload):
    note = "Mornings are best.\r\nAsk for Sam.\r\n\tThank you"
    request = saved_after(client, payload, note=note)
    assert request.note == note


def test_a_note_of_exactly_500_characters_is_accepted(client, payload):
    assert len(saved_after(client, payload, note="n" * 500).note) == 500


@pytest.mark.parametrize("age", ["0", "120"])
def test_the_youngest_and_oldest_ages_are_accepted(client, payload, age):
    assert saved_after(client, payload, patient_age=age).patient_age == int(age)


def test_an_adult_patient_aged_18_is_accepted(client, payload):
    request = saved_after(client, payload, asker="adult_patient", patient_age="18")
    assert (request.asker, request.patient_age) == ("adult_patient", 18)


def test_the_answers_are_saved_as_given(client, payload):
    request = saved_after(
        client,
        payload,
        email="Sam.Rivera@Example.NET ",
        best_times=["morning", "evening"],
        consent_voicemail="on",
    )
    assert request.name == "Sam Rivera"
    assert request.phone == "+12155550188"
    assert request.email == "sam.rivera@example.net"
    assert request.best_times == ["morning", "evening"]
    assert (request.consent_call, request.consent_voicemail) == (True, True)
    assert (request.asker, request.topic, request.patient_age) == ("parent", "is_cart_an_option", 9)
    assert (request.diagnosis, request.relapsed, request.language) == ("b_all", "yes", "en")
