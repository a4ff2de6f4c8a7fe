"""How hard the demo program's family texts are to read, page by page, in both languages.

Core family pages (home, what CAR T is, how it works, who it is for, the warning signs, staying
near the center) aim at Flesch-Kincaid grade 6 and SMOG 8.5 at most; every other page at grade 8
and SMOG 10. Spanish is scored with Fernández-Huerta and Szigriszt-Pazos (INFLESZ): higher is
easier, 70 and up reads "fairly easy", 60 and up "normal".

The table of every page in both languages:
    DJANGO_ALLOW_ASYNC_UNSAFE=true .venv/bin/pytest tests/programs/test_demo_reading_level.py \
        -n 0 -q -s -k table
"""

import re

import pytest

from programs.demo import demo_data
from programs.readability import _textstat, plain_text

CORE_FK, CORE_SMOG = 6.0, 8.5
OTHER_FK, OTHER_SMOG = 8.0, 10.0
SPANISH_CORE_MIN = 70  # Fernández-Huerta: "fairly easy"
SPANISH_OTHER_MIN = 60  # "normal"

# What a family reads where a fact placeholder stands (see /work/notes/facts_contract.md).
FACTS = {
    "en": {
        "fda-stay-near": "at least 2 weeks",
        "fda-no-driving": "at least 2 weeks",
        "program-stay-near": "about 4 weeks",
        "fever": "100.4 °F (38 °C)",
        "line-24-7": "(215) 555-0150",
    },
    "es": {
        "fda-stay-near": "al menos 2 semanas",
        "fda-no-driving": "al menos 2 semanas",
        "program-stay-near": "unas 4 semanas",
        "fever": "38 °C (100.4 °F)",
        "line-24-7": "(215) 555-0150",
    },
}
PLACEHOLDER = re.compile(r"\[\[fact:([a-z0-9-]+)\]\]")


def _text(html: str, lang: str) -> str:
    return plain_text(PLACEHOLDER.sub(lambda m: FACTS[lang][m.group(1)], html))


def _field(row: dict, name: str, lang: str) -> str:
    return row.get(name if lang == "en" else f"{name}_es") or ""


def _fields(rows, names, lang) -> str:
    return " ".join(f"<p>{_field(row, name, lang)}</p>" for row in rows for name in names)


def texts(lang: str) -> dict[str, tuple[bool, str]]:
    """Each family page's reading matter: {name: (is core, plain text)}."""
    data = demo_data()
    pages = {page["slug"]: page for page in data.pages + data.families_pages}

    def page(slug, extra=""):
        row = pages[slug]
        return _field(row, "body", lang) + extra

    journey = _fields(data.journey, ("title", "what_happens", "family_does"), lang)
    stay = _fields([data.stay_nearby], ("fda_text", "policy_text"), lang)
    signs = "<ul>" + "".join(f"<li>{_field(s, 'text', lang)}</li>" for s in data.warning_signs)
    signs += "</ul>"
    html = {
        "home": (True, _fields([data.program], ("short_description", "about", "next_step"), lang)),
        "what-is-car-t": (True, page("what-is-car-t")),
        "how-it-works": (True, page("how-it-works", journey)),
        "who-it-is-for": (
            True,
            page("who-it-is-for", _fields(data.conditions, ("name", "description"), lang)),
        ),  # fmt: skip
        "warning signs": (True, signs),
        "staying near": (True, stay),
        "team": (False, page("team", _fields(data.team, ("role", "bio"), lang))),
        "contact": (False, page("contact")),
        "faq": (False, page("faq", _fields(data.faqs, ("question", "answer"), lang))),
        "resources": (
            False,
            page("resources", _fields(data.resources, ("title", "description"), lang)),
        ),  # fmt: skip
        "glossary": (False, page("glossary", _fields(data.glossary, ("term", "definition"), lang))),
        "stories": (False, page("stories", _fields(data.stories, ("title", "body"), lang))),
        "clinical-trials": (
            False,
            page("clinical-trials", _fields(data.trials, ("name", "for_whom"), lang)),
        ),  # fmt: skip
    }
    return {name: (core, _text(body, lang)) for name, (core, body) in html.items()}


def scores() -> list[tuple[str, bool, float, float, float, float]]:
    """(page, core, FK grade, SMOG, Fernández-Huerta, Szigriszt-Pazos) for every page."""
    textstat = _textstat()
    english, spanish = texts("en"), texts("es")
    rows = []
    for name, (core, text) in english.items():
        textstat.set_lang("en_US")
        fk, smog = textstat.flesch_kincaid_grade(text), textstat.smog_index(text)
        textstat.set_lang("es_ES")
        es_text = spanish[name][1]
        fh, sp = textstat.fernandez_huerta(es_text), textstat.szigriszt_pazos(es_text)
        rows.append((name, core, fk, smog, fh, sp))
    textstat.set_lang("en_US")
    return rows


@pytest.fixture(scope="module")
def table():
    return scores()


def test_print_the_table(table):
    print("\npage               core   FK  SMOG   Fernández-Huerta  Szigriszt-Pazos (INFLESZ)")
    for name, core, fk, smog, fh, sp in table:
        print(
            f"{name:<18} {'yes' if core else 'no ':<4} {fk:4.1f} {smog:5.1f} {fh:10.1f} {sp:14.1f}"
        )


def test_core_pages_read_at_grade_6_and_smog_8_5(table):
    too_hard = [
        (name, fk, smog)
        for name, core, fk, smog, _, _ in table
        if core and (fk > CORE_FK or smog > CORE_SMOG)
    ]
    assert too_hard == []


def test_other_pages_read_at_grade_8_and_smog_10(table):
    too_hard = [
        (name, fk, smog)
        for name, core, fk, smog, _, _ in table
        if not core and (fk > OTHER_FK or smog > OTHER_SMOG)
    ]
    assert too_hard == []


def test_spanish_reads_fairly_easy_on_core_pages_and_normal_elsewhere(table):
    too_hard = [
        (name, fh)
        for name, core, _, _, fh, _ in table
        if fh < (SPANISH_CORE_MIN if core else SPANISH_OTHER_MIN)
    ]
    assert too_hard == []


def test_the_measure_catches_hard_text():
    textstat = _textstat()
    hard = _text(
        "<p>Chimeric antigen receptor T-cell immunotherapy necessitates intensive "
        "multidisciplinary monitoring, notwithstanding considerable toxicities such as "
        "cytokine release syndrome and immune effector cell-associated neurotoxicity.</p>" * 3,
        "en",
    )
    assert textstat.flesch_kincaid_grade(hard) > OTHER_FK
    assert textstat.smog_index(hard) > OTHER_SMOG
