"""Load the fictional demo program (the data files in programs/demo/, read by programs.demo).

Safe to run again (`make run` does, every time): rows are matched by their natural keys and only
missing ones are created, so it never duplicates anything and never undoes an editor's changes.
`--refresh` puts the demo text back over any changes (the history keeps the old versions).
"""

import datetime

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from programs.demo import DemoData, demo_data
from programs.models import ContactLine, OpeningHours, Program
from programs.sanitize import sanitize_inline


def _time(value: str) -> datetime.time:
    return datetime.time.fromisoformat(value)


def _put(manager, *, refresh: bool, defaults: dict, **lookup):
    """Create the row if it is missing; overwrite it only when refreshing."""
    if refresh:
        return manager.update_or_create(defaults=defaults, **lookup)
    return manager.get_or_create(defaults=defaults, **lookup)


# (the program's related rows, their natural key, the demo's list), loaded in this order.
PEOPLE = [
    ("team_members", "name", "team"),
    ("coordinators", "name", "coordinators"),
    ("conditions", "name", "conditions"),
]
CARE = [("journey_steps", "title", "journey"), ("warning_signs", "text", "warning_signs")]
FAMILIES = [
    ("faqs", "question", "faqs"),
    ("glossary_terms", "slug", "glossary"),
    ("stories", "title", "stories"),
    ("trials", "short_name", "trials"),
    ("resources", "title", "resources"),
    ("language_taglines", "lang_code", "taglines"),
]


@transaction.atomic
def demo_load(*, refresh: bool = False) -> Program:
    demo = demo_data()
    program = _load_program(demo, refresh=refresh)
    _load_pages(demo, program, refresh=refresh)
    _load_lists(demo, program, PEOPLE, refresh=refresh)
    lines = _load_lines(demo, program, refresh=refresh)
    _load_rules(demo, program, lines, refresh=refresh)
    _load_facts(demo, program, lines, refresh=refresh)
    _load_lists(demo, program, CARE, refresh=refresh)
    _load_stay_and_notice(demo, program, refresh=refresh)
    _load_lists(demo, program, FAMILIES, refresh=refresh, links=_links(program, lines))
    return program


def _load_program(demo: DemoData, *, refresh: bool) -> Program:
    data = dict(demo.program)
    slug = data.pop("slug")
    has_default = Program.objects.filter(is_default=True).exclude(slug=slug).exists()
    defaults = {**data, "is_default": not has_default} | translated_from(data)
    return _put(Program.objects, refresh=refresh, slug=slug, defaults=defaults)[0]


def _load_pages(demo: DemoData, program: Program, *, refresh: bool) -> None:
    reviewed = timezone.localdate() - datetime.timedelta(days=60)
    for page in demo.all_pages:
        fields = {k: v for k, v in page.items() if k != "slug"}
        if page.get("needs_review", True):
            fields |= {"reviewed_at": reviewed, "reviewer_role": demo.reviewer_role}
        defaults = {**fields, "is_published": True, "draft": None} | translated_from(page)
        defaults |= {"review_pending": False, "review_pending_reason": ""}
        _put(program.pages, refresh=refresh, slug=page["slug"], defaults=defaults)


def translated_from(row: dict) -> dict:
    """The data files keep each Spanish text beside the English it translates."""
    return {
        "translated_from": {name: value for name, value in row.items() if row.get(f"{name}_es")}
    }


def _load_lists(demo, program, lists, *, refresh: bool, links=None) -> None:
    for related, key, name in lists:
        for row in getattr(demo, name):
            defaults = (links(row) if links else row) | translated_from(row)
            _put(getattr(program, related), refresh=refresh, defaults=defaults, **{key: row[key]})


def _load_facts(demo, program, lines: dict[str, ContactLine], *, refresh: bool) -> None:
    for row in demo.facts:
        defaults = {**row, "line": lines.get(row.get("line"))} | translated_from(row)
        _put(program.facts, refresh=refresh, slug=row["slug"], defaults=defaults)


def _links(program: Program, lines: dict[str, ContactLine]):
    """A trial names its coordinator and line: the rows, by name and purpose."""
    people = {person.name: person for person in program.coordinators.all()}

    def resolve(row: dict) -> dict:
        if "coordinator" not in row:
            return row
        return {
            **row,
            "coordinator": people.get(row["coordinator"]),
            "line": lines.get(row["line"]),
        }

    return resolve


def _load_lines(demo: DemoData, program: Program, *, refresh: bool) -> dict[str, ContactLine]:
    for item in demo.lines:
        fields = {k: v for k, v in item.items() if k != "hours"}
        line, created = _put(program.lines, refresh=refresh, name=item["name"], defaults=fields)
        if created or refresh:
            line.hours.all().delete()
            OpeningHours.objects.bulk_create(
                OpeningHours(line=line, weekday=day, opens=_time(opens), closes=_time(closes))
                for day, periods in item.get("hours", {}).items()
                for opens, closes in periods
            )
    lines = {line.purpose: line for line in program.lines.all()}
    if refresh or program.fallback_line_id is None:
        program.fallback_line = lines[demo.fallback_line]
        program.response_hours = demo.response_hours
        program.save()
    if demo.header_line and (refresh or program.header_line_id is None):
        program.header_line = lines[demo.header_line]
        program.save()
    return lines


def _load_stay_and_notice(demo: DemoData, program: Program, *, refresh: bool) -> None:
    stay = dict(demo.stay_nearby)
    stay["page"] = program.pages.get(slug=stay.pop("page"))
    heading = stay.pop("heading")
    stay |= translated_from({"heading": heading, **demo.stay_nearby})
    _put(program.stay_nearby_facts, refresh=refresh, heading=heading, defaults=stay)
    if refresh or not program.notices.exists():
        _put(
            program.notices,
            refresh=refresh,
            # As saved (links get rel=…), so --refresh finds the notice instead of adding another.
            text=sanitize_inline(demo.notice["text"]),
            defaults={"text_es": demo.notice["text_es"]}
            | translated_from({**demo.notice, "text": sanitize_inline(demo.notice["text"])}),
        )


def _load_rules(
    demo: DemoData, program: Program, lines: dict[str, ContactLine], *, refresh: bool
) -> None:
    # Routing rules belong to inquiries; the demo program ships with its table.
    from inquiries.models import RoutingRule

    people = {person.name: person for person in program.coordinators.all()}
    for rule in demo.routing_rules:
        conditions = {"asker": "", "topic": "", "diagnosis": "", "relapsed": "", "language": ""}
        conditions |= {"min_age": None, "max_age": None, "needs_interpreter": None, **rule["when"]}
        _put(
            RoutingRule.objects,
            refresh=refresh,
            program=program,
            name=rule["name"],
            defaults={
                **conditions,
                "priority": rule["priority"],
                "line": lines[rule["line"]],
                "coordinator": people.get(rule.get("coordinator", "")),
                "is_active": True,
            },
        )


class Command(BaseCommand):
    help = "Load the fictional demo program: creates what is missing (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--refresh", action="store_true", help="Put the demo text back over any changes."
        )

    def handle(self, *args, refresh: bool, **options):
        program = demo_load(refresh=refresh)
        if options["verbosity"] > 0:
            counts = {
                "pages": program.pages.count(),
                "team members": program.team_members.count(),
                "phone lines": program.lines.count(),
                "coordinators": program.coordinators.count(),
                "conditions": program.conditions.count(),
                "routing rules": program.routing_rules.count(),
                "questions": program.faqs.count(),
                "glossary terms": program.glossary_terms.count(),
                "stories": program.stories.count(),
                "trials": program.trials.count(),
                "resources": program.resources.count(),
                "language taglines": program.language_taglines.count(),
                "safety facts": program.facts.count(),
            }
            summary = ", ".join(f"{n} {label}" for label, n in counts.items())
            self.stdout.write(self.style.SUCCESS(f"Demo program “{program}” ready: {summary}."))
