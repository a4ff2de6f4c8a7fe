"""Safety facts kept once: what families read in their place, in both languages, on every page
and printout that shows them; and what an editor changing one sets off."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.translation import override

from programs import services
from programs.models import (
    FAQ,
    Fact,
    JourneyStep,
    Page,
    Program,
    SiteNotice,
    StayNearbyFact,
    WarningSign,
)
from programs.templatetags.facts import UNKNOWN_FACT, expand_facts, placeholders
from tests.factories import ContactLineFactory, FactFactory, PageFactory
from tests.programs.test_editorial import form_data

pytestmark = pytest.mark.django_db

CONTRACT = {  # facts_contract.md: what each demo fact reads as, in English and in Spanish
    "fda-stay-near": ("at least 2 weeks", "al menos 2 semanas"),
    "fda-no-driving": ("at least 2 weeks", "al menos 2 semanas"),
    "program-stay-near": ("about 4 weeks", "unas 4 semanas"),
    "fever": ("100.4 °F (38 °C)", "38 °C (100.4 °F)"),
    "line-24-7": (
        '<a href="tel:+12155550150">(215) 555-0150</a>',
        '<a href="tel:+12155550150">(215) 555-0150</a>',
    ),
}


def anonymous_get(path: str) -> str:
    response = Client().get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def test_each_demo_fact_reads_as_the_contract_says_in_both_languages(demo_program):
    facts = {fact.slug: fact for fact in demo_program.facts.all()}
    assert set(facts) == set(CONTRACT)
    for slug, (english, spanish) in CONTRACT.items():
        assert facts[slug].phrase("en") == english, slug
        assert facts[slug].phrase("es") == spanish, slug
        assert facts[slug].source and facts[slug].source_es and facts[slug].checked_at, slug


def test_a_placeholder_becomes_the_phrase_and_an_unknown_one_nothing(program):
    fact = FactFactory(program=program, slug="fever", kind="temperature", number="100.4")
    facts = {"fever": fact}
    with override("en"):
        assert expand_facts("<p>A fever of [[fact:fever]] or higher</p>", facts) == (
            "<p>A fever of 100.4 °F (38 °C) or higher</p>"
        )
        assert expand_facts("<p>Stay [[fact:no-such-fact]] near.</p>", facts) == (
            "<p>Stay  near.</p>"
        )
    with override("es"):
        assert expand_facts("[[ fact:fever ]]", facts) == "38 °C (100.4 °F)"


def test_plain_text_is_escaped_before_the_facts_are_put_in(program, client):
    line = ContactLineFactory(program=program, phone="(215) 555-0150", purpose="current_patients")
    FactFactory(program=program, slug="line-24-7", kind="line", line=line, number=None)
    page = PageFactory(program=program, kind="journey", is_published=True)
    WarningSign.objects.create(
        program=program, text="<b>Call</b> [[fact:line-24-7]] <script>x()</script>"
    )
    JourneyStep.objects.create(program=program, title="Step", what_happens="x")
    html = client.get(page.get_absolute_url()).content.decode()
    assert (
        '&lt;b&gt;Call&lt;/b&gt; <a href="tel:+12155550150">(215) 555-0150</a> '
        "&lt;script&gt;x()&lt;/script&gt;"
    ) in html


def test_the_demo_texts_name_only_facts_that_exist(demo_program):
    known = set(demo_program.facts.values_list("slug", flat=True))
    used = set()
    for model, fields in TEXTS.items():
        for row in model.objects.filter(**program_filter(model, demo_program)):
            for name in fields:
                for value in (getattr(row, name), getattr(row, f"{name}_es", "")):
                    used |= set(placeholders(value))
    assert used <= known, used - known
    assert {"fda-stay-near", "fda-no-driving", "program-stay-near"} <= used  # the stay block


def test_an_unknown_placeholder_is_refused_with_its_name(program, staff_client):
    page = PageFactory(program=program, is_published=False)
    FactFactory(program=program)
    url = reverse("admin:programs_page_change", args=[page.pk])
    response = staff_client.post(
        url, form_data(staff_client, url, body="<p>Stay [[fact:fda-stay-nearr]] near.</p>")
    )
    assert response.status_code == 200  # the form again, with the error
    assert (
        UNKNOWN_FACT.format(slug="fda-stay-nearr", known="fda-stay-near").replace("“", "&ldquo;")
        in response.content.decode()
        or UNKNOWN_FACT.format(slug="fda-stay-nearr", known="fda-stay-near")
        in response.content.decode()
    )
    page.refresh_from_db()
    assert "nearr" not in page.body


# Where families read prose: page text, the home page, questions, the journey, warning signs,
# the notice and the stay block. A placeholder, never the number itself (facts_contract.md).
TEXTS = {
    Page: ("title", "summary", "body"),
    Program: ("short_description", "about", "next_step"),
    FAQ: ("question", "answer"),
    JourneyStep: ("title", "what_happens", "duration_note", "family_does"),
    WarningSign: ("text",),
    SiteNotice: ("text",),
    StayNearbyFact: ("heading", "fda_text", "policy_text"),
}
RAW_FACTS = re.compile(
    r"(?<!1 to )(?<!1 a )(?<!1-)(?<!1–)\b2 (?:weeks?|semanas?)\b"  # the FDA minimums (not the
    # hospital stay or CRS onset of “1 to 2 weeks”, which are ranges, not the rule)
    r"|(?<!3 to )(?<!3 a )(?<!3-)(?<!3–)\b4 (?:weeks?|semanas?)\b"  # the policy (not “3 to 4 weeks”)
    r"|100[.,]4|\b38 ?°? ?C\b"  # the fever threshold
    r"|555[-. ]?0150",  # the 24/7 line
    re.IGNORECASE,
)


def program_filter(model, program) -> dict:
    return {"pk": program.pk} if model is Program else {"program": program}


def test_no_demo_prose_types_a_safety_number_outside_a_placeholder(demo_program):
    """The numbers live in the facts; prose says [[fact:…]]. (Checked in the database after
    load_demo, so it checks whatever the data files say.)"""
    violations = []
    for model, fields in TEXTS.items():
        for row in model.objects.filter(**program_filter(model, demo_program)):
            for name in fields:
                for field in (name, f"{name}_es"):
                    text = re.sub(r"<[^>]+>", " ", str(getattr(row, field, "") or ""))
                    for match in RAW_FACTS.finditer(text):
                        start = max(0, match.start() - 40)
                        where = f"{model.__name__} “{row}” {field}"
                        violations.append(f"{where}: …{text[start : match.end() + 20]}…")
    assert violations == []


# The stay block on a page, and its short form in the printed family guide.
def stay_shown(weeks: int) -> re.Pattern:
    return re.compile(
        rf"Stay near the treatment center: at least {weeks} weeks"
        rf"|Staying near:</strong> at least {weeks} weeks after the infusion day and no driving"
    )


def every_public_path(program) -> list[str]:
    pages = [page.get_absolute_url() for page in program.pages.published()]
    return ["/", reverse("programs:family_guide"), *pages]


def test_changing_the_stay_near_fact_in_the_admin_changes_every_page_and_lists_them_for_review(
    demo_program, staff_client
):
    fact = demo_program.facts.get(slug="fda-stay-near")
    using = services.pages_using_fact(program=demo_program, slug="fda-stay-near")
    assert "how-it-works" in {page.slug for page in using}  # its “Staying near” block
    before = {path: anonymous_get(path) for path in every_public_path(demo_program)}
    shown = [path for path, html in before.items() if stay_shown(2).search(html)]
    assert {"/how-it-works/", "/family-guide/"} <= set(shown)  # the page and the printout

    url = reverse("admin:programs_fact_change", args=[fact.pk])
    response = staff_client.post(url, form_data(staff_client, url, number="3"))
    assert response.status_code == 302, response.content.decode()[:2000]

    using_paths = {page.get_absolute_url() for page in using if page.is_live()}
    for path in {*shown, *using_paths}:
        with override("en"):
            assert "at least 3 weeks" in anonymous_get(path), path
        spanish = "/es" + path
        assert "al menos 3 semanas" in anonymous_get(spanish), spanish
    for path in every_public_path(demo_program):  # the old value is gone from every page
        assert not stay_shown(2).search(anonymous_get(path)), path
    assert stay_shown(3).search(anonymous_get("/family-guide/"))
    assert "al menos 3 semanas después del día de la infusión y sin manejar" in anonymous_get(
        "/es/family-guide/"
    )

    health = [page for page in using if page.needs_review and page.is_published]
    assert health
    review_list = staff_client.get(reverse("admin:programs_reviewduepage_changelist"))
    html = review_list.content.decode()
    for page in health:
        page.refresh_from_db()
        assert page.review_pending and "FDA minimum stay" in page.review_pending_reason
        assert page.title in html
    assert "Changed since review" in html
    assert html.count("Changed since review") >= len(health)


def test_an_unchanged_fact_save_lists_nothing_for_review(demo_program, staff_client):
    fact = demo_program.facts.get(slug="fever")
    url = reverse("admin:programs_fact_change", args=[fact.pk])
    changes = {"label_revision": "revised 01/2026", "label_revision_es": "revisada en 01/2026"}
    staff_client.post(url, form_data(staff_client, url, **changes))
    assert not Page.objects.changed_since_review().exists()
    fact.refresh_from_db()
    assert fact.label_revision == "revised 01/2026"


def test_the_24_7_line_shown_everywhere_is_the_facts_line(demo_program):
    fact = Fact.objects.get(program=demo_program, slug="line-24-7")
    other = demo_program.lines.exclude(pk=fact.line_id).first()
    fact.line = other
    fact.save()
    html = anonymous_get(reverse("programs:family_guide"))
    assert f'Call the 24/7 line now: <a href="tel:{other.phone}">' in html


def test_search_shows_the_facts_phrase_never_the_placeholder(demo_program):
    html = anonymous_get("/search/?q=drive")
    assert "Staying near the center" in html
    assert "[[fact:" not in html and "at least 2 weeks" in html
    assert "[[fact:" not in anonymous_get("/es/search/?q=manejar")
