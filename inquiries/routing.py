"""Who calls a family back. The only module that decides.

`route()` is a pure function of the family's answers, the program's RoutingRule rows and the
program's coordinators and lines: the active rule with the lowest priority whose every filled-in
condition matches wins; when none matches, the program's fallback line does. So routing always
returns a destination.

Language comes first: a family is called by someone who speaks their language whenever the
program has one, whether or not they asked for an interpreter. When the winning rule sends to
someone who does not, the next matching rule that sends to a speaker wins instead; failing that,
a coordinator of the program who speaks it (then a line that does). Where nobody does, the
destination says which language the call needs an interpreter for.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from inquiries.models import Language, RoutingRule
from programs.caching import content_version
from programs.models import ContactLine, Coordinator, LinePurpose, Program

# How a language is written in a line's or coordinator's "languages" (e.g. "English, Spanish").
LANGUAGE_WORDS: dict[str, tuple[str, ...]] = {
    Language.ENGLISH: ("english", "inglés", "ingles"),
    Language.SPANISH: ("spanish", "español", "espanol"),
    Language.CHINESE: ("chinese", "mandarin", "cantonese", "中文", "普通话", "廣東話"),
    Language.VIETNAMESE: ("vietnamese", "tiếng việt", "tieng viet"),
    Language.ARABIC: ("arabic", "العربية"),
}
# The name staff read in "needs an interpreter: <language>".
LANGUAGE_NAMES = {
    Language.ENGLISH: "English",
    Language.SPANISH: "Spanish",
    Language.CHINESE: "Chinese",
    Language.VIETNAMESE: "Vietnamese",
    Language.ARABIC: "Arabic",
}
ANOTHER_LANGUAGE = "another language (not given)"


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
    language_other: str = ""  # the language typed when `language` is "other"


@dataclass(frozen=True)
class Destination:
    line: ContactLine
    coordinator: Coordinator | None
    rule: RoutingRule | None  # None: no rule matched, the fallback line was used
    # Empty when whoever calls speaks the family's language; else the language to book.
    interpreter_for: str = ""
    # Why the destination is not the first matching rule's (a language match), or empty.
    language_note: str = ""

    @property
    def rule_name(self) -> str:
        name = self.rule.name if self.rule else "No rule matched: the program's fallback line"
        return f"{name}; {self.language_note}" if self.language_note else name

    @property
    def caller(self) -> Coordinator | ContactLine:
        return self.coordinator or self.line


def _words(text: str) -> str:
    return " " + " ".join(re.findall(r"\w+", text.casefold())) + " "


def speaks(languages: str, language: str, language_other: str = "") -> bool:
    """Whether a "languages" text (a line's or coordinator's) names the family's language.
    An empty text is taken as English only: the program's working language."""
    if not languages.strip():
        return language == Language.ENGLISH
    if language == Language.OTHER:
        other = _words(language_other).strip()
        return bool(other) and f" {other} " in _words(languages)
    text = _words(languages)
    return any(f" {_words(word).strip()} " in text for word in LANGUAGE_WORDS.get(language, ()))


def language_name(answers: Answers) -> str:
    if answers.language == Language.OTHER:
        return answers.language_other.strip() or ANOTHER_LANGUAGE
    return LANGUAGE_NAMES.get(answers.language, answers.language)


def _speaks(caller: Coordinator | ContactLine, answers: Answers) -> bool:
    return speaks(caller.languages, answers.language, answers.language_other)


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
        and (not rule.only_if_spoken or _speaks(rule.coordinator or rule.line, answers))
    )


def route(
    answers: Answers,
    *,
    rules: Iterable[RoutingRule],
    fallback_line: ContactLine,
    coordinators: Sequence[Coordinator] = (),
    lines: Sequence[ContactLine] = (),
) -> Destination:
    """`coordinators` and `lines`: the program's published ones, in their order, for finding a
    speaker of the family's language when no matching rule sends to one."""
    matching = [
        Destination(line=rule.line, coordinator=rule.coordinator, rule=rule)
        for rule in sorted(rules, key=lambda r: (r.priority, r.pk or 0))
        if rule_matches(rule, answers)
    ]
    first = matching[0] if matching else Destination(fallback_line, None, None)
    if _speaks(first.caller, answers):
        return first
    name = language_name(answers)
    for later in [*matching[1:], Destination(fallback_line, None, None)]:
        if _speaks(later.caller, answers):
            note = f"the first match does not speak {name}"
            return Destination(later.line, later.coordinator, later.rule, language_note=note)
    note = f"sent to a {name} speaker"
    for coordinator in coordinators:
        if _speaks(coordinator, answers):
            return Destination(first.line, coordinator, first.rule, language_note=note)
    for line in lines:
        if _speaks(line, answers):
            return Destination(line, None, first.rule, language_note=note)
    return Destination(first.line, first.coordinator, first.rule, interpreter_for=name)


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


# Each process's copy of each program's routing table, for the current content version.
_tables: dict[tuple[int, int], tuple[list[RoutingRule], ContactLine]] = {}


def routing_table(program: Program) -> tuple[list[RoutingRule], ContactLine]:
    """The program's active rules (with their lines, the lines' programs and opening hours, and
    coordinators) and its fallback line: what routing and the promise (business_hours.due_by)
    read. Read once per content version in each process: a save of a rule, line, coordinator,
    opening hours or program bumps the version (programs.caching; inquiries.apps connects the
    rules), so every process sees an edit at its next request, and this one clears at once. A
    bulk update (no save signals) calls programs.caching.content_changed(), as for content."""
    key = (program.pk, content_version())
    table = _tables.get(key)
    if table is None:
        rules = list(
            program.routing_rules.filter(is_active=True)
            .select_related("line__program", "coordinator")
            .prefetch_related("line__hours")
        )
        fallback = (
            ContactLine.objects.select_related("program")
            .prefetch_related("hours")
            .get(pk=fallback_line(program).pk)
        )
        _tables.clear()
        table = _tables[key] = (rules, fallback)
    return table


def forget_routing_tables(**kwargs) -> None:
    """Signal receiver: this process's tables are stale."""
    _tables.clear()


def destination_for(program: Program, answers: Answers) -> Destination:
    """Route with the program's table: the database side of route(). The program's
    coordinators and lines are read only when no matching rule sends to a speaker of the
    family's language (the common case needs neither)."""
    rules, fallback = routing_table(program)
    destination = route(answers, rules=rules, fallback_line=fallback)
    if not destination.interpreter_for:
        return destination
    return route(
        answers,
        rules=rules,
        fallback_line=fallback,
        coordinators=list(program.coordinators.filter(is_published=True).order_by("order", "pk")),
        lines=list(
            program.lines.filter(is_published=True)
            .select_related("program")
            .prefetch_related("hours")
            .order_by("order", "pk")
        ),
    )


def rule_language_warning(rule: RoutingRule) -> str:
    """For the admin: a rule that sends a language to someone who does not speak it."""
    if not rule.language or rule.language == Language.OTHER or not rule.line_id:
        return ""
    caller = rule.coordinator or rule.line
    if speaks(caller.languages, rule.language):
        return ""
    name = LANGUAGE_NAMES.get(rule.language, rule.language)
    return (
        f"Rule “{rule.name}” sends {name}-speaking families to {caller}, whose languages "
        f"(“{caller.languages or 'none given'}”) do not include {name}. Their calls will need an "
        "interpreter; add the language to their languages, or send the rule to someone who "
        "speaks it."
    )
