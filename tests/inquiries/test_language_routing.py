"""A family is called by someone who speaks their language whenever the program has one, with or
without an interpreter; where nobody does, the coordinator is told which interpreter to book."""

import uuid

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from inquiries import checklist, routing
from inquiries.forms import CallbackRequestForm
from inquiries.models import CallbackRequest, Language, RoutingRule
from inquiries.services import callback_request_create
from tests.factories import (
    ContactLineFactory,
    CoordinatorFactory,
    ProgramFactory,
    RoutingRuleFactory,
)

pytestmark = pytest.mark.django_db

BASE = {
    "asker": "parent",
    "topic": "is_cart_an_option",
    "age": 9,
    "diagnosis": "b_all",
    "relapsed": "yes",
}
# Every language the form offers, as the demo program answers it: who calls, or which
# interpreter the call needs. "other" comes with the language the family typed.
DEMO_LANGUAGES = {
    "en": ("Ellen Marsh", ""),
    "es": ("Lucía Herrera", ""),
    "zh": ("Ellen Marsh", "Chinese"),
    "vi": ("Ellen Marsh", "Vietnamese"),
    "ar": ("Ellen Marsh", "Arabic"),
    "other": ("Ellen Marsh", "Haitian Creole"),
}


def test_the_table_covers_every_language_the_form_offers():
    offered = {value for value, _label in CallbackRequestForm().fields["language"].choices}
    assert offered == set(DEMO_LANGUAGES) == set(Language.values)


@pytest.mark.parametrize("needs_interpreter", [False, True], ids=["no interpreter", "interpreter"])
@pytest.mark.parametrize("language", list(DEMO_LANGUAGES))
def test_every_language_lands_with_a_speaker_or_is_flagged(
    demo_program, language, needs_interpreter
):
    answers = routing.Answers(
        program_id=demo_program.pk,
        **BASE,
        language=language,
        needs_interpreter=needs_interpreter,
        language_other="Haitian Creole" if language == "other" else "",
    )
    destination = routing.destination_for(demo_program, answers)
    caller, interpreter_for = DEMO_LANGUAGES[language]
    assert destination.caller.name == caller
    assert destination.interpreter_for == interpreter_for
    if not interpreter_for:  # a speaker: their languages name the family's
        assert routing.speaks(destination.caller.languages, language)


def test_a_spanish_form_without_the_interpreter_box_is_saved_for_the_bilingual_coordinator(
    client, payload
):
    client.post(reverse("inquiries:callback_create"), payload | {"language": "es"})
    request = CallbackRequest.objects.get()
    assert request.coordinator.name == "Lucía Herrera"
    assert request.interpreter_for == ""


def test_a_language_nobody_speaks_is_saved_flagged_and_shown_in_the_queue(
    client, payload, admin_client
):
    client.post(reverse("inquiries:callback_create"), payload | {"language": "vi"})
    request = CallbackRequest.objects.get()
    assert request.interpreter_for == "Vietnamese"
    assert "Needs an interpreter: Vietnamese." in request.activities.get().text
    queue = admin_client.get(reverse("admin:inquiries_callbackrequest_changelist"))
    assert "needs an interpreter: Vietnamese" in queue.content.decode()


def test_the_spanish_checklist_sends_spanish_speakers_to_the_bilingual_coordinator(demo_program):
    answers = checklist.ChecklistAnswers(
        age=9, diagnosis="b_all", relapsed="yes", treatments=(), came_back_once=False
    )
    spanish = checklist.checklist_result(program=demo_program, answers=answers, language="es")
    english = checklist.checklist_result(program=demo_program, answers=answers, language="en")
    assert spanish.destination.coordinator.name == "Lucía Herrera"
    assert english.destination.coordinator.name == "Ellen Marsh"


def test_a_typed_and_a_checklist_request_in_spanish_reach_the_same_person(demo_program):
    answers = checklist.ChecklistAnswers(
        age=9, diagnosis="b_all", relapsed="yes", treatments=(), came_back_once=False
    )
    advice = checklist.checklist_result(program=demo_program, answers=answers, language="es")
    data = {
        "asker": "parent",
        "topic": advice.callback_prefill["topic"],
        "patient_age": 9,
        "diagnosis": "b_all",
        "relapsed": "yes",
        "name": "Ana",
        "phone": "+12155550111",
        "email": "",
        "best_times": [],
        "language": "es",
        "language_other": "",
        "needs_interpreter": False,
        "note": "",
        "consent_call": True,
        "consent_voicemail": False,
    }
    request, _ = callback_request_create(
        program=demo_program, submission_token=uuid.uuid4(), data=data
    )
    assert request.coordinator == advice.destination.coordinator


@pytest.mark.parametrize(
    ("languages", "language", "spoken"),
    [
        ("English, Spanish", "es", True),
        ("english and SPANISH", "es", True),
        ("Español", "es", True),
        ("English", "es", False),
        ("English, Spanish, and free interpreters for other languages", "vi", False),
        ("", "en", True),
        ("", "es", False),
        ("Tiếng Việt", "vi", True),
        ("English, Haitian Creole", "other", True),
    ],
)
def test_speaks_reads_the_languages_as_editors_write_them(languages, language, spoken):
    assert routing.speaks(languages, language, "haitian creole") is spoken


def _program_with_a_rule(*, coordinator_languages: str, only_if_spoken: bool = False):
    program = ProgramFactory()
    line = ContactLineFactory(program=program, languages="English")
    person = CoordinatorFactory(program=program, languages=coordinator_languages)
    rule = RoutingRuleFactory(
        program=program,
        priority=10,
        name="Everyone",
        line=line,
        coordinator=person,
        only_if_spoken=only_if_spoken,
    )
    return program, rule


def answers_for(program, language):
    return routing.Answers(
        program_id=program.pk, **BASE, language=language, needs_interpreter=False
    )


def test_a_rule_can_match_only_when_its_person_speaks_the_language():
    program, rule = _program_with_a_rule(coordinator_languages="English", only_if_spoken=True)
    speaker = CoordinatorFactory(program=program, name="Rosa", languages="English, Spanish")
    RoutingRuleFactory(program=program, priority=20, name="Others", line=rule.line)
    english = routing.destination_for(program, answers_for(program, "en"))
    spanish = routing.destination_for(program, answers_for(program, "es"))
    assert english.rule == rule
    assert spanish.rule.name == "Others"  # the rule was skipped, then a speaker was found
    assert spanish.coordinator == speaker
    assert "Spanish speaker" in spanish.rule_name


def test_a_speaker_anywhere_in_the_program_is_preferred_to_an_interpreter():
    program, rule = _program_with_a_rule(coordinator_languages="English")
    speaker = CoordinatorFactory(program=program, name="Rosa", languages="Spanish")
    destination = routing.destination_for(program, answers_for(program, "es"))
    assert destination.coordinator == speaker and destination.interpreter_for == ""
    assert destination.line == rule.line  # the rule's line, and its promise, still hold


def test_with_no_speaker_the_rule_holds_and_the_interpreter_is_named():
    program, rule = _program_with_a_rule(coordinator_languages="English")
    destination = routing.destination_for(program, answers_for(program, "ar"))
    assert destination.rule == rule and destination.coordinator == rule.coordinator
    assert destination.interpreter_for == "Arabic"


def test_the_admin_warns_when_a_rule_sends_a_language_to_someone_who_does_not_speak_it(
    admin_client, demo_program
):
    ellen = demo_program.coordinators.get(name="Ellen Marsh")
    data = {
        "program": demo_program.pk,
        "priority": 5,
        "name": "Vietnamese families",
        "is_active": "on",
        "language": "vi",
        "needs_interpreter": "unknown",
        "line": ellen.routing_rules.first().line_id,
        "coordinator": ellen.pk,
    }
    response = admin_client.post(reverse("admin:inquiries_routingrule_add"), data, follow=True)
    warnings = [str(m) for m in get_messages(response.wsgi_request)]
    assert RoutingRule.objects.filter(name="Vietnamese families").exists()
    assert any("do not include Vietnamese" in m for m in warnings), warnings


def test_no_warning_for_a_rule_whose_person_speaks_its_language(demo_program):
    rule = demo_program.routing_rules.get(name="Spanish-speaking families: B-ALL up to 25")
    assert routing.rule_language_warning(rule) == ""
