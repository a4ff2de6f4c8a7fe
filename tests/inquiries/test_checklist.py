"""“Could CAR T be an option?”: what families are told, where they are sent, and that nothing
they answer is kept."""

import re
import uuid
from urllib.parse import parse_qs, urlsplit

import pytest
from django.apps import apps
from django.urls import reverse

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
    html = client.get(URL, answers).content.decode()
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
        text = client.get(prefix + URL, answers).content.decode().lower()
        assert 'class="checklist-result"' in text  # a result, not the form again
        assert "eligible" not in text and "qualif" not in text
        # Spanish: “elegible”, “califica” (qualifies), “reúne los requisitos” (meets the criteria).
        assert "elegib" not in text and "califica" not in text and "requisitos" not in text
    if prefix:
        assert '<html lang="es"' in text


def _row_counts() -> dict[str, int]:
    """Rows in every table the project's models have, many-to-many tables included."""
    return {
        model._meta.db_table: model._base_manager.count()
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }


def test_treatments_add_what_they_mean(client, demo_program):
    html = client.get(
        URL,
        {"age": 9, "diagnosis": "b_all", "relapse": "more", "treatments": ["transplant", "cart"]},
    )
    text = html.content.decode()
    assert str(checklist.TRANSPLANT_BEFORE) in text and str(checklist.CART_BEFORE) in text


@pytest.mark.parametrize("prefix", ["", "/es"])
def test_it_stores_nothing(client, demo_program, prefix):
    before = _row_counts()
    assert len(before) > 20  # every table, not just the callback queue's
    response = client.get(
        prefix + URL,
        {"age": 9, "diagnosis": "b_all", "relapse": "more", "treatments": ["transplant", "cart"]},
    )
    assert response.status_code == 200 and 'class="checklist-result"' in response.content.decode()
    assert _row_counts() == before
    assert not response.cookies  # no session, no answers kept in a cookie


def test_bad_answers_re_render_kindly(client, demo_program):
    html = client.get(
        URL, {"age": "200", "diagnosis": "b_all", "relapse": "maybe"}
    ).content.decode()
    assert "Please check the answers marked below." in html
    assert "Please enter the patient&#x27;s age in whole years, from 0 to 120." in html
    assert "Your next step" not in html
    assert 'value="200"' in html


def _prefill(html: str) -> dict:
    href = re.search(r'href="(/request-a-call-back/\?[^"]+)"', html).group(1).replace("&amp;", "&")
    return {k: v[0] for k, v in parse_qs(urlsplit(href).query).items()}


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
    html = client.get(URL, answers).content.decode()
    prefill = _prefill(html)
    form_html = client.get(reverse("inquiries:callback_create"), prefill).content.decode()
    for name in ("asker", "topic", "diagnosis", "relapsed"):
        assert f'name="{name}" value="{prefill[name]}"' in form_html and "checked" in form_html
    assert f'value="{prefill["patient_age"]}"' in form_html
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
