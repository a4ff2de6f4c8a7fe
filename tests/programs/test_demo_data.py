"""The demo program's data files (programs/demo/): every file parses and says it is fiction, the
loader names the file and the field when something is wrong, a text can be rewrapped without
changing what is stored, and loading the demo twice changes nothing."""

import shutil
from io import StringIO

import pytest
import yaml
from django.apps import apps
from django.core.management import call_command

from inquiries.models import RoutingRule
from programs.demo import DEMO_DIR, LISTS, DemoDataError, data_files, demo_data, read_demo


def _relative(paths) -> set[str]:
    return {str(path.relative_to(DEMO_DIR)) for path in paths}


@pytest.mark.parametrize("path", data_files(), ids=lambda path: str(path.relative_to(DEMO_DIR)))
def test_every_data_file_parses_and_says_it_is_fictional_demo_content(path):
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert isinstance(data, dict | list) and data
    header = text.split("\n\n", 1)[0]
    assert all(line.startswith("#") for line in header.splitlines())
    assert "Fictional demo content" in header


def test_the_loader_reads_every_data_file_and_no_other():
    demo = demo_data()
    expected = {"program.yaml", "stay_nearby.yaml", "notice.yaml"}
    expected |= {f"{name}.yaml" for name in LISTS}
    expected |= {f"pages/{page['slug']}.yaml" for page in demo.all_pages}
    assert _relative(data_files()) == expected


def test_stored_texts_are_single_lines_with_tags_joined():
    demo = demo_data()
    rows = [demo.program, *demo.all_pages, demo.stay_nearby, demo.notice]
    rows += [row for name in LISTS for row in getattr(demo, name)]
    texts = [value for row in rows for value in row.values() if isinstance(value, str)]
    assert texts and not [text for text in texts if "\n" in text or text != text.strip()]
    body = demo.pages[0]["body"]
    assert body.startswith(
        "<p>CAR T-cell therapy is a treatment for some kinds of leukemia, a cancer of the blood. "
        "It uses your child's own T-cells."
    )
    assert "to fight leukemia too.</p><h2>How the T-cells" in body


@pytest.fixture
def copy(tmp_path):
    """A copy of the data files, to break on purpose (named as the real ones in messages)."""
    directory = tmp_path / "programs" / "demo"
    shutil.copytree(DEMO_DIR, directory, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return directory


def _change(directory, name: str, change) -> None:
    path = directory / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_a_text_can_be_rewrapped_without_changing_what_is_stored(copy):
    path = copy / "pages" / "what-is-car-t.yaml"
    text = path.read_text(encoding="utf-8")
    rewraps = [
        # a new line break, indented further (a space, as before)
        (" It uses\n    your child's own T-cells.", "\n      It uses your child's own T-cells."),
        # a blank line between two paragraphs (nothing, as before)
        ("</p>\n    <h2>How the T-cells", "</p>\n\n    <h2>How the T-cells"),
        # two lines made one
        ("teaches them\n    to fight", "teaches them to fight"),
    ]
    for old, new in rewraps:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    assert read_demo(copy) == demo_data()


BROKEN = {
    "unknown field in a list": (
        "team.yaml",
        lambda team: team[0].update(favourite_colour="blue"),
        "programs/demo/team.yaml, item 1 (“Anna Lindqvist”): unknown field “favourite_colour” "
        "(TeamMember has no such field to fill in)",
    ),
    "unknown field in a page": (
        "pages/faq.yaml",
        lambda page: page.update(colour="red"),
        "programs/demo/pages/faq.yaml (“faq”): unknown field “colour” (Page has no such field",
    ),
    "a field set by load_demo": (
        "faqs.yaml",
        lambda faqs: faqs[1].update(program="pediatric-cart"),
        "programs/demo/faqs.yaml, item 2 (“Could CAR T be right for my child?”): "
        "“program” is not set in a data file (load_demo fills it in)",
    ),
    "natural key missing": (
        "glossary.yaml",
        lambda terms: terms[2].pop("slug"),
        "programs/demo/glossary.yaml, item 3: missing “slug”",
    ),
    "a third language": (
        "conditions.yaml",
        lambda conditions: conditions[0]["name"].update(fr="Leucémie"),
        "programs/demo/conditions.yaml, item 1 (“B-cell ALL that did not respond to treatment, or "
        "came back two or more times”): “name” has fr; only en (English) and es (Spanish)",
    ),
    "Spanish written apart": (
        "coordinators.yaml",
        lambda people: people[0].update(role_es="Enfermera"),
        "programs/demo/coordinators.yaml, item 1 (“Ellen Marsh”): write “role_es” beside the "
        "English, as role: {en: ..., es: ...}",
    ),
    "Spanish the model has no field for": (
        "coordinators.yaml",
        lambda people: people[0].update(phone={"en": "(215) 555-0171", "es": "(215) 555-0171"}),
        "programs/demo/coordinators.yaml, item 1 (“Ellen Marsh”): “phone” has no Spanish version "
        "in Coordinator",
    ),
    "opening hours not a period": (
        "lines.yaml",
        lambda lines: lines[0]["hours"].update(monday=1020),  # what YAML makes of 17:00
        "programs/demo/lines.yaml, “Cancer information line”: hours: monday: write each period "
        "as 08:00-17:00",
    ),
    "a weekday misspelt": (
        "lines.yaml",
        lambda lines: lines[1]["hours"].update(munday="08:00-17:00"),
        "programs/demo/lines.yaml, “New-patient line”: hours: “munday” is not a weekday",
    ),
    "unknown routing condition": (
        "routing_rules.yaml",
        lambda rules: rules[0]["when"].update(postcode="19104"),
        "programs/demo/routing_rules.yaml, “Referring clinicians”, when: unknown field “postcode” "
        "(RoutingRule has no such field",
    ),
    "two items with one name": (
        "team.yaml",
        lambda team: team.append(team[0]),
        "programs/demo/team.yaml: two items have the name “Anna Lindqvist”",
    ),
    "a page's own reviewer": (
        "pages/contact.yaml",
        lambda page: page.update(reviewer_role={"en": "a nurse"}),
        "programs/demo/pages/contact.yaml: the reviewer role is set once, in program.yaml",
    ),
    "a page not listed": (
        "program.yaml",
        lambda setup: setup["pages"]["families"].remove("glossary"),
        "programs/demo/pages/glossary.yaml: not listed in program.yaml (pages: core or families)",
    ),
    "a listed page without a file": (
        "program.yaml",
        lambda setup: setup["pages"]["core"].append("news"),
        "programs/demo/pages/news.yaml: the file is missing",
    ),
}


@pytest.mark.parametrize(("name", "change", "message"), BROKEN.values(), ids=list(BROKEN))
def test_the_loader_names_the_file_and_the_field_that_is_wrong(copy, name, change, message):
    _change(copy, name, change)
    with pytest.raises(DemoDataError) as error:
        read_demo(copy)
    assert str(error.value).startswith(message), str(error.value)


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("notice.yaml", "text: {en: [unclosed\n", "programs/demo/notice.yaml: not valid YAML: "),
        ("faqs.yaml", "question: Why?\n", "programs/demo/faqs.yaml: expected a list"),
        ("stay_nearby.yaml", "- page\n", "programs/demo/stay_nearby.yaml: expected fields"),
        ("program.yaml", "program: {}\n", "programs/demo/program.yaml: missing “pages”"),
    ],
)
def test_a_file_of_the_wrong_shape_is_named(copy, name, text, message):
    (copy / name).write_text(text, encoding="utf-8")
    with pytest.raises(DemoDataError) as error:
        read_demo(copy)
    assert str(error.value).startswith(message), str(error.value)


def _snapshot() -> dict[str, list[dict]]:
    models = [*apps.get_app_config("programs").get_models(), RoutingRule]
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in models}


@pytest.mark.django_db
def test_load_demo_twice_changes_nothing_and_prints_the_same_summary():
    demo = demo_data()
    first, second = StringIO(), StringIO()
    call_command("load_demo", stdout=first)
    before = _snapshot()
    call_command("load_demo", stdout=second)
    assert _snapshot() == before  # not one field, timestamp or history entry more
    assert (
        second.getvalue()
        == first.getvalue()
        == (
            "Demo program “Pediatric CAR T-Cell Therapy Program” ready: "
            f"{len(demo.all_pages)} pages, {len(demo.team)} team members, {len(demo.lines)} phone "
            f"lines, {len(demo.coordinators)} coordinators, {len(demo.conditions)} conditions, "
            f"{len(demo.routing_rules)} routing rules, {len(demo.faqs)} questions, "
            f"{len(demo.glossary)} glossary terms, {len(demo.stories)} stories, {len(demo.trials)} "
            f"trials, {len(demo.resources)} resources, {len(demo.taglines)} language taglines, "
            f"{len(demo.facts)} safety facts.\n"
        )
    )
    assert len(before["Page"]) == 13 and len(before["OpeningHours"]) == 25  # with “Finding us”
