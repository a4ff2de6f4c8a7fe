"""Who calls a family back. The demo program's routing table is the specification: each row says
which line (and which coordinator) a family's answers reach, and which rule decided."""

import pytest

from inquiries import routing
from inquiries.models import RoutingRule
from programs.demo import demo_data
from programs.models import ContactLine, Coordinator, LinePurpose
from tests.factories import ContactLineFactory, ProgramFactory, RoutingRuleFactory

FALLBACK = "No rule matched: the program's fallback line"
# A parent asking whether CAR T could help their 9-year-old, whose B-ALL came back.
BASE = {
    "asker": "parent",
    "topic": "is_cart_an_option",
    "age": 9,
    "diagnosis": "b_all",
    "relapsed": "yes",
    "language": "en",
    "needs_interpreter": False,
}


def answers(program_id: int, **changes) -> routing.Answers:
    return routing.Answers(program_id=program_id, **{**BASE, **changes})


# (answers changed from BASE, line purpose, coordinator, rule name; None: the fallback line)
DEMO_TABLE = {
    "parent, B-ALL, is CAR T an option": (
        {},
        "new_patients",
        "Ellen Marsh",
        "B-ALL up to 25: is CAR T an option?",
    ),
    "B-ALL patient aged 0": (
        {"age": 0},
        "new_patients",
        "Ellen Marsh",
        "B-ALL up to 25: is CAR T an option?",
    ),
    "B-ALL patient aged 25, the last pediatric year": (
        {"age": 25},
        "new_patients",
        "Ellen Marsh",
        "B-ALL up to 25: is CAR T an option?",
    ),
    "B-ALL patient aged 26 goes to the adult program": (
        {"age": 26},
        "adult_program",
        None,
        "Patients over 25",
    ),
    "B-ALL new referral": (
        {"topic": "new_referral"},
        "new_patients",
        "Ellen Marsh",
        "B-ALL up to 25: new referral",
    ),
    "B-ALL that did not come back still reaches the coordinator": (
        {"relapsed": "no"},
        "new_patients",
        "Ellen Marsh",
        "B-ALL up to 25: is CAR T an option?",
    ),
    "clinician referring a child": (
        {"asker": "clinician", "topic": "new_referral"},
        "referrals",
        None,
        "Referring clinicians",
    ),
    "clinician asking about trials for a 30-year-old: priority 10 wins": (
        {"asker": "clinician", "topic": "trials", "age": 30},
        "referrals",
        None,
        "Referring clinicians",
    ),
    "adult patient with lymphoma, 40": (
        {"asker": "adult_patient", "diagnosis": "lymphoma", "age": 40},
        "adult_program",
        None,
        "Patients over 25",
    ),
    "lymphoma at 18": (
        {"asker": "adult_patient", "diagnosis": "lymphoma", "age": 18},
        "adult_program",
        None,
        "Lymphoma in an adult",
    ),
    "Spanish with interpreter, adult 30 with lymphoma: 20 before 40": (
        {"diagnosis": "lymphoma", "age": 30, "language": "es", "needs_interpreter": True},
        "adult_program",
        None,
        "Patients over 25",
    ),
    "Spanish with interpreter, adult 20 with lymphoma: 30 before 40": (
        {"diagnosis": "lymphoma", "age": 20, "language": "es", "needs_interpreter": True},
        "adult_program",
        None,
        "Lymphoma in an adult",
    ),
    "Spanish with interpreter, child with B-ALL": (
        {"language": "es", "needs_interpreter": True},
        "new_patients",
        "Lucía Herrera",
        "Spanish-speaking families: B-ALL up to 25",
    ),
    "Spanish with interpreter, asking about trials: 40 before 50": (
        {"topic": "trials", "language": "es", "needs_interpreter": True},
        "new_patients",
        "Lucía Herrera",
        "Spanish-speaking families: B-ALL up to 25",
    ),
    "Spanish without an interpreter reaches the bilingual coordinator too": (
        {"language": "es"},
        "new_patients",
        "Lucía Herrera",
        "Spanish-speaking families: B-ALL up to 25",
    ),
    "clinical trials for a child": (
        {"topic": "trials"},
        "trials",
        "Samuel Osei",
        "Clinical trials",
    ),
    "travel or money question: fallback": (
        {"topic": "travel_money"},
        "information",
        None,
        None,
    ),
    "current patient's question: fallback": (
        {"topic": "current_patient"},
        "information",
        None,
        None,
    ),
    "lymphoma at 17, not yet an adult: fallback": (
        {"diagnosis": "lymphoma", "age": 17},
        "information",
        None,
        None,
    ),
    "another diagnosis: fallback": (
        {"diagnosis": "other"},
        "information",
        None,
        None,
    ),
}


def describe(destination: routing.Destination) -> tuple[str, str | None, str | None]:
    return (
        destination.line.purpose,
        destination.coordinator.name if destination.coordinator else None,
        destination.rule.name if destination.rule else None,
    )


@pytest.mark.parametrize(
    ("changes", "purpose", "coordinator", "rule"),
    list(DEMO_TABLE.values()),
    ids=list(DEMO_TABLE),
)
def test_demo_routing_table(demo_program, changes, purpose, coordinator, rule):
    destination = routing.destination_for(demo_program, answers(demo_program.pk, **changes))
    assert describe(destination) == (purpose, coordinator, rule)
    assert destination.rule_name == (rule or FALLBACK)


def test_the_table_reaches_every_demo_rule():
    reached = {rule for _, _, _, rule in DEMO_TABLE.values()}
    assert {rule["name"] for rule in demo_data().routing_rules} <= reached
    assert None in reached  # and the fallback


def test_inactive_rules_are_skipped(demo_program):
    clinician = answers(demo_program.pk, asker="clinician")
    assert describe(routing.destination_for(demo_program, clinician))[2] == "Referring clinicians"

    rule = demo_program.routing_rules.get(name="Referring clinicians")
    rule.is_active = False
    rule.save()  # as the admin does (a bulk update calls programs.caching.content_changed())

    assert describe(routing.destination_for(demo_program, clinician)) == (
        "new_patients",
        "Ellen Marsh",
        "B-ALL up to 25: is CAR T an option?",
    )


def test_a_bulk_change_announced_with_content_changed_is_seen_at_once(demo_program):
    from programs.caching import content_changed

    clinician = answers(demo_program.pk, asker="clinician")
    assert describe(routing.destination_for(demo_program, clinician))[2] == "Referring clinicians"
    demo_program.routing_rules.filter(name="Referring clinicians").update(is_active=False)
    content_changed()
    assert describe(routing.destination_for(demo_program, clinician))[0] == "new_patients"


def test_rules_of_another_program_are_ignored(demo_program):
    other = ProgramFactory()
    RoutingRuleFactory(program=other, priority=1, name="Everything, elsewhere")

    destination = routing.destination_for(demo_program, answers(demo_program.pk))

    assert destination.line.program == demo_program
    assert destination.rule.name == "B-ALL up to 25: is CAR T an option?"


def test_the_other_program_routes_with_its_own_rules(demo_program):
    other = ProgramFactory()
    rule = RoutingRuleFactory(program=other, priority=1, name="Everything, elsewhere")

    destination = routing.destination_for(other, answers(other.pk))

    assert (destination.line, destination.rule) == (rule.line, rule)


# --- route(): pure, on unsaved rows. These tests have no database access on purpose: a query
# would fail them.

PROGRAM_ID = 7


def line(name: str) -> ContactLine:
    return ContactLine(program_id=PROGRAM_ID, name=name, purpose=LinePurpose.OTHER)


def rule(priority: int, name: str, **conditions) -> RoutingRule:
    conditions.setdefault("program_id", PROGRAM_ID)
    return RoutingRule(priority=priority, name=name, line=line(f"{name} line"), **conditions)


def pure_route(rules, **changes) -> routing.Destination:
    return routing.route(
        answers(PROGRAM_ID, **changes), rules=rules, fallback_line=line("Fallback line")
    )


def test_route_uses_the_fallback_line_when_no_rule_matches():
    destination = pure_route([rule(10, "Clinicians", asker="clinician")])
    assert destination.line.name == "Fallback line"
    assert (destination.coordinator, destination.rule) == (None, None)
    assert destination.rule_name == FALLBACK


def test_route_with_no_rules_at_all_uses_the_fallback_line():
    assert pure_route([]).line.name == "Fallback line"


def test_a_rule_with_no_conditions_matches_anyone():
    destination = pure_route([rule(10, "Everyone")], asker="other", topic="other", age=120)
    assert destination.rule.name == "Everyone"
    assert destination.line.name == "Everyone line"


@pytest.mark.parametrize(
    "order", [(0, 1, 2), (2, 1, 0), (1, 2, 0)], ids=["ascending", "descending", "shuffled"]
)
def test_lowest_priority_wins_whatever_the_input_order(order):
    rules = [rule(10, "First"), rule(20, "Second"), rule(30, "Third")]
    destination = pure_route([rules[i] for i in order])
    assert destination.rule.name == "First"


def test_equal_priorities_go_to_the_older_rule():
    newer, older = rule(10, "Newer"), rule(10, "Older")
    newer.pk, older.pk = 9, 3
    assert pure_route([newer, older]).rule.name == "Older"


def test_route_skips_inactive_rules_and_rules_of_other_programs():
    rules = [
        rule(10, "Switched off", is_active=False),
        rule(20, "Other program", program_id=PROGRAM_ID + 1),
        rule(30, "Ours"),
    ]
    assert pure_route(rules).rule.name == "Ours"


def test_the_matching_rule_brings_its_coordinator():
    person = Coordinator(program_id=PROGRAM_ID, name="Jordan Lee")
    destination = pure_route([rule(10, "With a person", coordinator=person)])
    assert destination.coordinator is person


@pytest.mark.parametrize(
    ("age", "matches"), [(17, False), (18, True), (25, True), (26, False), (0, False)]
)
def test_age_limits_are_inclusive(age, matches):
    destination = pure_route([rule(10, "18 to 25", min_age=18, max_age=25)], age=age)
    assert (destination.rule is not None) is matches


@pytest.mark.parametrize(
    ("condition", "asked", "matches"),
    [(None, True, True), (None, False, True), (True, True, True), (True, False, False)],
)
def test_interpreter_condition(condition, asked, matches):
    destination = pure_route(
        [rule(10, "Interpreter", needs_interpreter=condition)], needs_interpreter=asked
    )
    assert (destination.rule is not None) is matches


@pytest.mark.parametrize(
    ("field", "value", "other"),
    [
        ("asker", "clinician", "parent"),
        ("topic", "trials", "travel_money"),
        ("diagnosis", "lymphoma", "b_all"),
        ("relapsed", "no", "yes"),
        ("language", "vi", "en"),
    ],
)
def test_every_filled_in_condition_must_match(field, value, other):
    rules = [rule(10, "Conditional", **{field: value})]
    assert pure_route(rules, **{field: value}).rule.name == "Conditional"
    assert pure_route(rules, **{field: other}).rule is None


# --- fallback_line(): which line takes what no rule matches


@pytest.mark.django_db
def test_fallback_line_is_the_programs_chosen_line():
    program = ProgramFactory()
    ContactLineFactory(program=program, name="Information", order=1)
    chosen = ContactLineFactory(program=program, name="Chosen", purpose=LinePurpose.OTHER, order=9)
    program.fallback_line = chosen
    program.save()
    assert routing.fallback_line(program) == chosen


@pytest.mark.django_db
def test_fallback_line_without_a_choice_is_the_information_line():
    program = ProgramFactory()
    ContactLineFactory(program=program, name="Trials", purpose=LinePurpose.TRIALS, order=1)
    info = ContactLineFactory(program=program, name="Information", order=5)
    assert routing.fallback_line(program) == info


@pytest.mark.django_db
def test_fallback_line_prefers_a_published_information_line():
    program = ProgramFactory()
    ContactLineFactory(program=program, name="Old information", order=1, is_published=False)
    info = ContactLineFactory(program=program, name="Information", order=5)
    assert routing.fallback_line(program) == info


@pytest.mark.django_db
def test_fallback_line_without_an_information_line_is_the_first_line():
    program = ProgramFactory()
    first = ContactLineFactory(program=program, name="Trials", purpose=LinePurpose.TRIALS, order=1)
    ContactLineFactory(program=program, name="Referrals", purpose=LinePurpose.REFERRALS, order=2)
    assert routing.fallback_line(program) == first


@pytest.mark.django_db
def test_a_program_without_lines_cannot_route():
    with pytest.raises(ContactLine.DoesNotExist):
        routing.fallback_line(ProgramFactory())


def test_demo_fallback_is_the_information_line(demo_program):
    assert demo_program.fallback_line.purpose == LinePurpose.INFORMATION
    assert routing.fallback_line(demo_program) == demo_program.fallback_line
