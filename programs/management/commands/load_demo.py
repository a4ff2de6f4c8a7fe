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
from programs.models import (
    ContactLine,
    GlossaryTerm,
    OpeningHours,
    Page,
    Program,
    SiteNotice,
    StayNearbyFact,
)
from programs.sanitize import sanitize_inline


def _time(value: str) -> datetime.time:
    return datetime.time.fromisoformat(value)


def _put(manager, *, refresh: bool, defaults: dict, **lookup):
    """Create the row if it is missing; overwrite it only when refreshing."""
    if refresh:
        return manager.update_or_create(defaults=defaults, **lookup)
    return manager.get_or_create(defaults=defaults, **lookup)


@transaction.atomic
def demo_load(*, refresh: bool = False) -> Program:
    demo = demo_data()
    data = dict(demo.program)
    slug = data.pop("slug")
    has_default = Program.objects.filter(is_default=True).exclude(slug=slug).exists()
    program, _ = _put(
        Program.objects,
        refresh=refresh,
        slug=slug,
        defaults={**data, "is_default": not has_default},
    )
    today = timezone.localdate()
    for page in demo.all_pages:
        fields = {k: v for k, v in page.items() if k != "slug"}
        review = {}
        if page.get("needs_review", True):
            review = {
                "reviewed_at": today - datetime.timedelta(days=60),
                "reviewer_role": demo.reviewer_role,
            }
        _put(
            Page.objects,
            refresh=refresh,
            program=program,
            slug=page["slug"],
            defaults={**fields, **review, "is_published": True, "draft": None},
        )
    for member in demo.team:
        _put(program.team_members, refresh=refresh, name=member["name"], defaults=member)
    for person in demo.coordinators:
        _put(program.coordinators, refresh=refresh, name=person["name"], defaults=person)
    for condition in demo.conditions:
        _put(program.conditions, refresh=refresh, name=condition["name"], defaults=condition)
    for item in demo.lines:
        fields = {k: v for k, v in item.items() if k != "hours"}
        line, created = _put(
            ContactLine.objects,
            refresh=refresh,
            program=program,
            name=item["name"],
            defaults=fields,
        )
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
    _load_rules(demo, program, lines, refresh=refresh)
    for step in demo.journey:
        _put(program.journey_steps, refresh=refresh, title=step["title"], defaults=step)
    for sign in demo.warning_signs:
        _put(program.warning_signs, refresh=refresh, text=sign["text"], defaults=sign)
    stay = dict(demo.stay_nearby)
    stay["page"] = program.pages.get(slug=stay.pop("page"))
    _put(
        StayNearbyFact.objects,
        refresh=refresh,
        program=program,
        heading=stay.pop("heading"),
        defaults=stay,
    )
    if refresh or not program.notices.exists():
        _put(
            SiteNotice.objects,
            refresh=refresh,
            program=program,
            # As saved (links get rel=…), so --refresh finds the notice instead of adding another.
            text=sanitize_inline(demo.notice["text"]),
            defaults={"text_es": demo.notice["text_es"]},
        )
    _load_families_content(demo, program, lines, refresh=refresh)
    return program


def _load_families_content(
    demo: DemoData, program: Program, lines: dict[str, ContactLine], *, refresh: bool
) -> None:
    for faq in demo.faqs:
        _put(program.faqs, refresh=refresh, question=faq["question"], defaults=faq)
    for term in demo.glossary:
        _put(
            GlossaryTerm.objects,
            refresh=refresh,
            slug=term["slug"],
            defaults={**term, "program": program},
        )
    for story in demo.stories:
        _put(program.stories, refresh=refresh, title=story["title"], defaults=story)
    people = {person.name: person for person in program.coordinators.all()}
    for trial in demo.trials:
        fields = {
            **trial,
            "coordinator": people.get(trial["coordinator"]),
            "line": lines.get(trial["line"]),
        }
        _put(program.trials, refresh=refresh, short_name=trial["short_name"], defaults=fields)
    for resource in demo.resources:
        _put(program.resources, refresh=refresh, title=resource["title"], defaults=resource)
    for tagline in demo.taglines:
        _put(
            program.language_taglines,
            refresh=refresh,
            lang_code=tagline["lang_code"],
            defaults=tagline,
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
            }
            summary = ", ".join(f"{n} {label}" for label, n in counts.items())
            self.stdout.write(self.style.SUCCESS(f"Demo program “{program}” ready: {summary}."))
