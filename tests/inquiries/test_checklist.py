"""“Could CAR T be an option?”: what families are told, where they are sent, and that nothing
they answer is kept."""

import re
import uuid

import pytest
from django.apps import apps

from inquiries import checklist
from inquiries.services import callback_request_create

pytestmark = pytest.mark.django_db
URL = "/could-car-t-be-an-option/"


@pytest.mark.parametrize(
    ("answers", "says", "calls"),
    [
        ({"age": 9, "diagnosis": "b_all", "relapse": "more"}, checklist.FITS_LABEL, "Ellen Marsh"),
        (
            {"age": 25, "diagnosis": "b_all", "relapse": "refractory"},
            checklist.FITS_LABEL,
            "Ellen Marsh",
        ),
        (
            {"age": 9, "diagnosis": "b_all", "relapse": "once"},
            checklist.CAME_BACK_ONCE,
            "Ellen Marsh",
        ),
        ({"age": 9, "diagnosis": "b_all", "relapse": "no"}, checklist.NOT_RELAPSED, "Ellen Marsh"),
        (
            {"age": 9, "diagnosis": "b_all", "relapse": "not_sure"},
            checklist.NOT_SURE_RELAPSE,
            "Ellen Marsh",
        ),
        (
            {"age": 26, "diagnosis": "b_all", "relapse": "more"},
            checklist.ADULT,
            "Adult CAR T program",
        ),
        (
            {"age": 12, "diagnosis": "lymphoma", "relapse": "more"},
            checklist.LYMPHOMA_CHILD,
            "Samuel Osei",
        ),
        (
            {"age": 30, "diagnosis": "lymphoma", "relapse": "more"},
            checklist.LYMPHOMA_ADULT,
            "Adult CAR T program",
        ),
        (
            {"age": 7, "diagnosis": "other", "relapse": "not_sure"},
            checklist.OTHER_CANCER,
            "Cancer information line",
        ),
    ],
)
def test_answers_get_plain_words_and_the_right_next_step(
    client, demo_program, answers, says, calls
):
    html = client.post(URL, answers).content.decode()
    text = html.replace("&#x27;", "'")
    assert str(says) in text and str(checklist.ONLY_A_TEAM_DECIDES) in text
    next_step = text.split("Your next step", 1)[1].split("</section>", 1)[0]
    assert calls in next_step


@pytest.mark.parametrize("prefix", ["", "/es"])
def test_it_never_says_eligible(client, demo_program, prefix):
    for answers in (
        {"age": 9, "diagnosis": "b_all", "relapse": "more"},
        {"age": 9, "diagnosis": "b_all", "relapse": "no"},
        {"age": 9, "diagnosis": "b_all", "relapse": "once"},
        {"age": 12, "diagnosis": "lymphoma", "relapse": "more"},
        {"age": 40, "diagnosis": "other", "relapse": "no"},
    ):
        text = client.post(prefix + URL, answers).content.decode().lower()
        assert 'class="checklist-result"' in text  # a result, not the form again
        assert "eligible" not in text and "qualif" not in text
        # Spanish: “elegible”, “califica” (qualifies), “reúne los requisitos” (meets the criteria).
        assert "elegib" not in text and "califica" not in text and "requisitos" not in text
    if prefix:
        assert '<html lang="es"' in text
        assert "lo que sus respuestas suelen significar" in text


def _row_counts() -> dict[str, int]:
    """Rows in every table the project's models have, many-to-many tables included."""
    return {
        model._meta.db_table: model._base_manager.count()
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }


def test_treatments_add_what_they_mean(client, demo_program):
    html = client.post(
        URL,
        {"age": 9, "diagnosis": "b_all", "relapse": "more", "treatments": ["transplant", "cart"]},
    )
    text = html.content.decode()
    assert str(checklist.TRANSPLANT_BEFORE) in text and str(checklist.CART_BEFORE) in text


@pytest.mark.parametrize("prefix", ["", "/es"])
def test_it_stores_nothing(client, demo_program, prefix):
    before = _row_counts()
    assert len(before) > 20  # every table, not just the callback queue's
    response = client.post(
        prefix + URL,
        {"age": 9, "diagnosis": "b_all", "relapse": "more", "treatments": ["transplant", "cart"]},
    )
    assert response.status_code == 200 and 'class="checklist-result"' in response.content.decode()
    assert _row_counts() == before
    # No session, no answers kept in a cookie: only the CSRF token the posted form needs.
    assert set(response.cookies) <= {"csrftoken"}


def test_bad_answers_re_render_kindly(client, demo_program):
    html = client.post(
        URL, {"age": "200", "diagnosis": "b_all", "relapse": "maybe"}
    ).content.decode()
    assert "Please check the answers marked below." in html
    assert "Please enter the patient&#x27;s age in whole years, from 0 to 120." in html
    assert "Your next step" not in html
    assert 'value="200"' in html


def _prefill(client, answers: dict) -> tuple[str, dict]:
    """“Ask us to call you back”: the result's own form posts the answers again."""
    html = client.post(URL, answers).content.decode()
    button = html.split('class="checklist-result"', 1)[1].split("</section>", 1)[0]
    assert '<form method="post" action="/could-car-t-be-an-option/">' in button
    hidden = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', button))
    assert 'name="then" value="callback"' in button
    form_html = client.post(URL, hidden | {"then": "callback"}).content.decode()
    return html, form_html


@pytest.mark.parametrize(
    "answers",
    [
        {"age": 9, "diagnosis": "b_all", "relapse": "more"},
        {"age": 12, "diagnosis": "lymphoma", "relapse": "more"},
        {"age": 30, "diagnosis": "b_all", "relapse": "refractory"},
        {"age": 4, "diagnosis": "other", "relapse": "not_sure"},
    ],
)
def test_the_prefilled_callback_is_routed_like_a_typed_one(client, demo_program, answers):
    html, form_html = _prefill(client, answers)
    assert '<form method="post" action="/request-a-call-back/"' in form_html
    values = dict(re.findall(r'name="(\w+)" value="([^"]*)"[^>]*checked', form_html))
    prefill = checklist.checklist_result(
        program=demo_program,
        answers=checklist.ChecklistAnswers(
            age=answers["age"],
            diagnosis=answers["diagnosis"],
            relapsed={"more": "yes", "refractory": "yes", "not_sure": "not_sure"}[
                answers["relapse"]
            ],
        ),
        language="en",
    ).callback_prefill
    for name in ("asker", "topic", "diagnosis", "relapsed"):
        assert values[name] == prefill[name], name
    assert f'name="patient_age" value="{prefill["patient_age"]}"' in form_html
    typed = {
        "asker": prefill["asker"],
        "topic": prefill["topic"],
        "patient_age": int(prefill["patient_age"]),
        "diagnosis": prefill["diagnosis"],
        "relapsed": prefill["relapsed"],
        "name": "Sam Rivera",
        "phone": "+12155550111",
        "email": "",
        "best_times": [],
        "language": prefill["language"],
        "language_other": "",
        "needs_interpreter": False,
        "note": "",
        "consent_call": True,
        "consent_voicemail": False,
    }
    request, _ = callback_request_create(
        program=demo_program, submission_token=uuid.uuid4(), data=typed
    )
    next_step = html.split("Your next step", 1)[1].split("</section>", 1)[0]
    assert request.line.name in next_step
    if request.coordinator:
        assert request.coordinator.name in next_step


@pytest.mark.parametrize("prefix", ["", "/es"])
def test_the_answers_are_posted_never_put_in_a_url(client, demo_program, prefix):
    page = client.get(prefix + URL).content.decode()
    form = re.search(r"<form[^>]*>", page.split('id="page-title"', 1)[1]).group(0)
    assert 'method="post"' in form
    assert "csrfmiddlewaretoken" in page
    # Every link on the page and on the result carries no answer.
    result = client.post(prefix + URL, {"age": 9, "diagnosis": "b_all", "relapse": "more"})
    assert 'class="checklist-result"' in result.content.decode()
    for html in (page, result.content.decode()):
        for href in re.findall(r'href="([^"]*)"', html):
            assert "age=" not in href and "diagnosis=" not in href and "relapse" not in href, href
    # Answers typed into a URL by hand are not acted on (nothing would hide them from logs).
    by_link = client.get(prefix + URL, {"age": 9, "diagnosis": "b_all", "relapse": "more"})
    assert 'class="checklist-result"' not in by_link.content.decode()


def test_every_submit_button_has_a_name(client, demo_program):
    for html in (
        client.get(URL).content.decode(),
        client.post(URL, {"age": 9, "diagnosis": "b_all", "relapse": "more"}).content.decode(),
    ):
        for button in re.findall(r'<(?:input|button)[^>]*type="submit"[^>]*>', html):
            assert re.search(r'name="\w+"', button), button
