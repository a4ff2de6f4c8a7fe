"""The fictional demo program that `make run` shows, kept as data files a clinician can read.

One YAML file per page (pages/<slug>.yaml) and one per list (team.yaml, lines.yaml, ...), English
(`en`) and Spanish (`es`) side by side. `demo_data()` reads and checks them (once per process);
`manage.py load_demo` puts them in the database. A text may run over several lines (after `|`):
a line break counts as a space, and as nothing between two HTML tags (`</p>` then `<p>`), so what
is stored is exactly the text, without the line breaks.
"""

import dataclasses
import functools
import re
from pathlib import Path
from typing import Any

import yaml
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist

DEMO_DIR = Path(__file__).resolve().parent
LANGUAGES = ("en", "es")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
HOURS = re.compile(r"(\d\d:\d\d)-(\d\d:\d\d)")


class DemoDataError(ValueError):
    """A data file cannot be read, misses a field, or has a field its model does not know."""


@dataclasses.dataclass(frozen=True)
class _Spec:
    model: str  # the model each item fills, "app_label.Model"
    required: tuple[str, ...]  # the natural key load_demo matches rows by comes first
    extra: tuple[str, ...] = ()  # keys load_demo resolves itself (names of other rows, hours)


PROGRAM = _Spec("programs.Program", ("slug", "name"), extra=("fallback_line", "header_line"))
PAGE = _Spec("programs.Page", ("slug", "title", "kind", "body"))
STAY_NEARBY = _Spec("programs.StayNearbyFact", ("heading", "page"), extra=("page",))
NOTICE = _Spec("programs.SiteNotice", ("text",))
LISTS = {
    "team": _Spec("programs.TeamMember", ("name",)),
    "lines": _Spec("programs.ContactLine", ("name", "purpose"), extra=("hours",)),
    "coordinators": _Spec("programs.Coordinator", ("name",)),
    "conditions": _Spec("programs.Condition", ("name",)),
    "routing_rules": _Spec(
        "inquiries.RoutingRule",
        ("name", "priority", "when", "line"),
        extra=("when", "line", "coordinator"),
    ),
    "journey": _Spec("programs.JourneyStep", ("title",)),
    "warning_signs": _Spec("programs.WarningSign", ("text",)),
    "faqs": _Spec("programs.FAQ", ("question",)),
    "glossary": _Spec("programs.GlossaryTerm", ("slug",)),
    "stories": _Spec("programs.PatientStory", ("title",)),
    "trials": _Spec(
        "programs.ClinicalTrial",
        ("short_name", "coordinator", "line"),
        extra=("coordinator", "line"),
    ),
    "resources": _Spec("programs.Resource", ("title",)),
    "taglines": _Spec("programs.LanguageTagline", ("lang_code",)),
    # The safety facts texts show by [[fact:<slug>]]; a phone fact names its line by purpose.
    "facts": _Spec("programs.Fact", ("slug", "name", "kind"), extra=("line",)),
}

Row = dict[str, Any]


@dataclasses.dataclass(frozen=True)
class DemoData:
    """The demo program as plain dicts of model fields (`title`, `title_es`, ...): treat as
    read-only, since it is shared by everyone in the process."""

    program: Row
    fallback_line: str  # the purpose of the line that gets what no routing rule matches
    response_hours: int
    reviewer_role: str  # on every page that needs medical review (with `reviewer_role_es`)
    pages: list[Row]  # the core pages, written at about a US grade-6 reading level
    families_pages: list[Row]
    team: list[Row]
    lines: list[Row]  # each with "hours": {weekday (Monday is 0): [("08:00", "17:00"), ...]}
    coordinators: list[Row]
    conditions: list[Row]
    routing_rules: list[Row]
    stay_nearby: Row
    notice: Row
    journey: list[Row]
    warning_signs: list[Row]
    faqs: list[Row]
    glossary: list[Row]
    stories: list[Row]
    trials: list[Row]
    resources: list[Row]
    taglines: list[Row]
    facts: list[Row]
    header_line: str | None = None  # the purpose of the line whose number the header shows

    @property
    def all_pages(self) -> list[Row]:
        return [*self.pages, *self.families_pages]


@functools.cache
def demo_data() -> DemoData:
    return read_demo(DEMO_DIR)


def data_files(directory: Path = DEMO_DIR) -> list[Path]:
    return sorted(directory.rglob("*.yaml"))


def read_demo(directory: Path) -> DemoData:
    """Read and check every data file in `directory` (programs/demo/, or a copy in a test)."""

    def named(file: str) -> str:
        return _name(directory / file, directory)

    setup = _mapping(directory / "program.yaml", directory, keys=("program", "pages"))
    program = _row(setup["program"], PROGRAM, f"{named('program.yaml')}, program")
    for key in ("fallback_line", "response_hours"):
        if key not in program:
            raise DemoDataError(f"{named('program.yaml')}, program: missing “{key}”")
    fallback_line, response_hours = program.pop("fallback_line"), program.pop("response_hours")
    header_line = program.pop("header_line", None)
    listed = _page_list(setup["pages"], f"{named('program.yaml')}, pages")
    review = _translated(setup["pages"], "reviewer_role", f"{named('program.yaml')}, pages")
    pages = _pages(directory, listed, review)
    lists = {
        name: _list(directory / f"{name}.yaml", directory, spec) for name, spec in LISTS.items()
    }
    for line in lists["lines"]:
        where = f"{named('lines.yaml')}, “{line['name']}”"
        line["hours"] = _hours(line.get("hours", {}), where)
    rule_model = apps.get_model(LISTS["routing_rules"].model)
    for rule in lists["routing_rules"]:
        where = f"{named('routing_rules.yaml')}, “{rule['name']}”, when"
        if not isinstance(rule["when"], dict):
            raise DemoDataError(f"{where}: expected conditions (field: value)")
        for key in rule["when"]:
            _field(rule_model, key, where)
    single = {
        name: _row(_mapping(directory / f"{name}.yaml", directory), spec, named(f"{name}.yaml"))
        for name, spec in (("stay_nearby", STAY_NEARBY), ("notice", NOTICE))
    }
    return DemoData(
        program=program,
        fallback_line=fallback_line,
        response_hours=response_hours,
        header_line=header_line,
        reviewer_role=review["reviewer_role"],
        pages=[pages[slug] for slug in listed["core"]],
        families_pages=[pages[slug] for slug in listed["families"]],
        **single,
        **lists,
    )


def _name(path: Path, directory: Path) -> str:
    """The file as a person finds it: programs/demo/team.yaml."""
    return str(Path(*directory.parts[-2:], path.relative_to(directory)))


def _load(path: Path, directory: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DemoDataError(f"{_name(path, directory)}: the file is missing") from None
    except yaml.YAMLError as error:
        raise DemoDataError(f"{_name(path, directory)}: not valid YAML: {error}") from None


def _mapping(path: Path, directory: Path, keys: tuple[str, ...] = ()) -> dict:
    data = _load(path, directory)
    if not isinstance(data, dict):
        raise DemoDataError(f"{_name(path, directory)}: expected fields (name: value)")
    for key in keys:
        if key not in data:
            raise DemoDataError(f"{_name(path, directory)}: missing “{key}”")
    if keys and (unknown := set(data) - set(keys)):
        raise DemoDataError(f"{_name(path, directory)}: unknown “{', '.join(sorted(unknown))}”")
    return data


def _list(path: Path, directory: Path, spec: _Spec) -> list[Row]:
    items = _load(path, directory)
    where = _name(path, directory)
    if not isinstance(items, list):
        raise DemoDataError(f"{where}: expected a list (one “- ” per item)")
    rows = [_row(item, spec, f"{where}, item {n}") for n, item in enumerate(items, 1)]
    key = spec.required[0]
    seen = set()
    for row in rows:
        if row[key] in seen:
            raise DemoDataError(f"{where}: two items have the {key} “{row[key]}”")
        seen.add(row[key])
    return rows


def _page_list(pages: Any, where: str) -> dict[str, list[str]]:
    if not isinstance(pages, dict):
        raise DemoDataError(f"{where}: expected core, families and reviewer_role")
    if unknown := set(pages) - {"core", "families", "reviewer_role"}:
        raise DemoDataError(f"{where}: unknown “{', '.join(sorted(unknown))}”")
    listed = {}
    for group in ("core", "families"):
        slugs = pages.get(group)
        if not isinstance(slugs, list) or not all(isinstance(slug, str) for slug in slugs):
            raise DemoDataError(f"{where}: “{group}” must list page slugs (pages/<slug>.yaml)")
        listed[group] = slugs
    return listed


def _pages(directory: Path, listed: dict[str, list[str]], review: Row) -> dict[str, Row]:
    files = {path.stem: path for path in sorted((directory / "pages").glob("*.yaml"))}
    slugs = [*listed["core"], *listed["families"]]
    for path in files.values():
        if path.stem not in slugs:
            raise DemoDataError(
                f"{_name(path, directory)}: not listed in program.yaml (pages: core or families)"
            )
    pages = {}
    for slug in slugs:
        path = directory / "pages" / f"{slug}.yaml"
        where = _name(path, directory)
        page = _row(_mapping(path, directory), PAGE, where)
        if page["slug"] != slug:
            raise DemoDataError(f"{where}: slug “{page['slug']}” does not match the file name")
        if "reviewer_role" in page:
            raise DemoDataError(f"{where}: the reviewer role is set once, in program.yaml (pages)")
        pages[slug] = {**page, **review} if page.get("needs_review", True) else page
    return pages


def _row(raw: Any, spec: _Spec, where: str) -> Row:
    """One model's fields from one item: `title: {en: ..., es: ...}` becomes title and title_es."""
    if not isinstance(raw, dict):
        raise DemoDataError(f"{where}: expected fields (name: value)")
    label = raw.get(spec.required[0])
    if isinstance(label, str):
        where = f"{where} (“{label}”)"
    elif isinstance(label, dict) and isinstance(label.get("en"), str):
        where = f"{where} (“{label['en']}”)"
    model = apps.get_model(spec.model)
    row = {}
    for key, value in raw.items():
        if key in spec.extra:
            row[key] = _text(value)
            continue
        if isinstance(key, str) and key.endswith("_es"):
            raise DemoDataError(
                f"{where}: write “{key}” beside the English, as "
                f"{key.removesuffix('_es')}: {{en: ..., es: ...}}"
            )
        _field(model, key, where)
        if isinstance(value, dict):
            row |= _translated(raw, key, where, model=model)
        else:
            row[key] = _text(value)
    if missing := [key for key in spec.required if key not in row]:
        raise DemoDataError(f"{where}: missing “{', '.join(missing)}”")
    return row


def _field(model, key: Any, where: str) -> None:
    """`key` must be a field an editor could fill in on `model`."""
    try:
        field = model._meta.get_field(key)
    except (FieldDoesNotExist, TypeError):
        field = None
    if field is None or not field.concrete:
        raise DemoDataError(
            f"{where}: unknown field “{key}” ({model.__name__} has no such field to fill in)"
        )
    if field.is_relation or field.primary_key or not field.editable:
        raise DemoDataError(f"{where}: “{key}” is not set in a data file (load_demo fills it in)")


def _translated(raw: dict, key: str, where: str, *, model=None) -> Row:
    """`key: {en: ..., es: ...}` as `{key: ..., key_es: ...}` (either may be left out)."""
    value = raw.get(key)
    if not isinstance(value, dict) or not value:
        raise DemoDataError(f"{where}: “{key}” needs its text, as {key}: {{en: ..., es: ...}}")
    if unknown := set(value) - set(LANGUAGES):
        raise DemoDataError(
            f"{where}: “{key}” has {', '.join(map(str, sorted(unknown, key=str)))}; "
            "only en (English) and es (Spanish) are known"
        )
    if model is not None and "es" in value:
        try:
            model._meta.get_field(f"{key}_es")
        except FieldDoesNotExist:
            raise DemoDataError(
                f"{where}: “{key}” has no Spanish version in {model.__name__}; give one value"
            ) from None
    row = {}
    if "en" in value:
        row[key] = _text(value["en"])
    if "es" in value:
        row[f"{key}_es"] = _text(value["es"])
    return row


def _text(value: Any) -> Any:
    """A text written over several lines, as one line (see the module docstring)."""
    if not isinstance(value, str) or "\n" not in value:
        return value
    text = ""
    for line in value.split("\n"):
        line = line.strip(" \t")
        if not line:
            continue
        if text and not (text.endswith(">") and line.startswith("<")):
            text += " "
        text += line
    return text


def _hours(raw: Any, where: str) -> dict[int, list[tuple[str, str]]]:
    """`monday: 08:00-17:00` (or a list of such periods) as {0: [("08:00", "17:00")]}."""
    if not isinstance(raw, dict):
        raise DemoDataError(f"{where}: “hours” must list weekdays, as monday: 08:00-17:00")
    hours = {}
    for day, periods in raw.items():
        if day not in WEEKDAYS:
            raise DemoDataError(f"{where}: hours: “{day}” is not a weekday (monday ... sunday)")
        periods = periods if isinstance(periods, list) else [periods]
        matches = [HOURS.fullmatch(p) if isinstance(p, str) else None for p in periods]
        if not all(matches):
            raise DemoDataError(
                f"{where}: hours: {day}: write each period as 08:00-17:00 (24-hour clock)"
            )
        hours[WEEKDAYS.index(day)] = [match.groups() for match in matches]
    return hours
