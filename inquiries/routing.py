"""Who calls a family back. The only module that decides.

`route()` is a pure function of the family's answers and the program's RoutingRule rows: the
active rule with the lowest priority whose every filled-in condition matches wins; when none
matches, the program's fallback line does. So routing always returns a destination.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from inquiries.models import RoutingRule
from programs.models import ContactLine, Coordinator, LinePurpose, Program


@dataclass(frozen=True)
class Answers:
    program_id: int
    asker: str
    topic: str
    age: int
    diagnosis: str
    relapsed: str
    language: str
    needs_interpreter: bool


@dataclass(frozen=True)
class Destination:
    line: ContactLine
    coordinator: Coordinator | None
    rule: RoutingRule | None  # None: no rule matched, the fallback line was used

    @property
    def rule_name(self) -> str:
        return self.rule.name if self.rule else "No rule matched: the program's fallback line"


def rule_matches(rule: RoutingRule, answers: Answers) -> bool:
    return (
        rule.is_active
        and rule.program_id == answers.program_id
        and rule.asker in ("", answers.asker)
        and rule.topic in ("", answers.topic)
        and rule.diagnosis in ("", answers.diagnosis)
        and rule.relapsed in ("", answers.relapsed)
        and rule.language in ("", answers.language)
        and rule.needs_interpreter in (None, answers.needs_interpreter)
        and (rule.min_age is None or answers.age >= rule.min_age)
        and (rule.max_age is None or answers.age <= rule.max_age)
    )


def route(
    answers: Answers, *, rules: Iterable[RoutingRule], fallback_line: ContactLine
) -> Destination:
    for rule in sorted(rules, key=lambda r: (r.priority, r.pk or 0)):
        if rule_matches(rule, answers):
            return Destination(line=rule.line, coordinator=rule.coordinator, rule=rule)
    return Destination(line=fallback_line, coordinator=None, rule=None)


def fallback_line(program: Program) -> ContactLine:
    """The program's chosen fallback, else its information line, else any line it has."""
    if program.fallback_line_id:
        return program.fallback_line
    lines = program.lines.order_by("-is_published", "order", "pk")
    line = lines.filter(purpose=LinePurpose.INFORMATION).first() or lines.first()
    if line is None:
        raise ContactLine.DoesNotExist(
            f"Program “{program}” has no phone line to route callbacks to."
        )
    return line


def destination_for(program: Program, answers: Answers) -> Destination:
    """Load the program's rules and route: the database side of route()."""
    rules = program.routing_rules.filter(is_active=True).select_related("line", "coordinator")
    return route(answers, rules=list(rules), fallback_line=fallback_line(program))
