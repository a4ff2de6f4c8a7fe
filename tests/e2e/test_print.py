"""What a family prints: no menus, links spelled out, and the family guide on one sheet."""

import re

import pytest
from playwright.sync_api import expect

from programs.models import FAQ
from tests.e2e.conftest import DESKTOP

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", [DESKTOP], ids=["desktop"], indirect=True)
def test_print_stylesheet_hides_navigation_and_keeps_warning_signs_together(
    live_server, page, demo_program
):
    page.goto(live_server.url + "/how-it-works/")
    expect(page.get_by_role("navigation", name="Main")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
    expect(page.get_by_role("link", name="Request a call back").first).to_be_hidden()
    block = page.locator(".warning-signs")
    assert block.evaluate("el => getComputedStyle(el).breakInside") == "avoid"
    link = page.locator("main a[href^='/']:not(.term)").first
    after = link.evaluate("el => getComputedStyle(el, '::after').content")
    assert after == f'" ({live_server.url}{link.get_attribute("href")})"'  # the full address


@pytest.mark.parametrize("viewport", [DESKTOP], ids=["desktop"], indirect=True)
def test_the_faq_prints_every_question_with_its_answer(live_server, page, demo_program):
    faq = FAQ.objects.get(question="Who pays for CAR T?")
    page.goto(live_server.url + "/faq/")
    question = page.locator(f"#faq-{faq.pk} > summary")
    answer = page.locator(f"#faq-{faq.pk} .faq-answer")
    expect(question).to_be_visible()
    expect(answer).to_be_hidden()  # on screen the answers open one at a time
    page.emulate_media(media="print")
    expect(question).to_be_visible()
    expect(question).to_have_text("Who pays for CAR T?")
    expect(answer).to_be_visible()
    expect(page.locator("details.faq-item:not([open]) .faq-answer").first).to_be_visible()


def _pdf_pages(page, paper: str) -> int:
    pdf = page.pdf(format=paper, print_background=True)
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


@pytest.mark.parametrize("viewport", [DESKTOP], ids=["desktop"], indirect=True)
@pytest.mark.parametrize("language", ["", "/es"], ids=["en", "es"])
def test_the_family_guide_fits_one_letter_and_one_a4_sheet(
    live_server, page, demo_program, language
):
    page.goto(live_server.url + language + "/family-guide/")
    page.emulate_media(media="print")
    printed = page.locator(".printed-on")
    expect(printed).to_be_visible()  # the date it was printed, in print only
    expect(printed.locator("time")).to_have_attribute("datetime", re.compile(r"^\d{4}-\d\d-\d\d$"))
    hours = "8 am to 6 pm" if not language else "8 a. m. a 6 p. m."
    expect(page.locator(".guide-numbers").get_by_text(hours).first).to_be_visible()
    assert {paper: _pdf_pages(page, paper) for paper in ("Letter", "A4")} == {"Letter": 1, "A4": 1}


@pytest.mark.parametrize("viewport", [DESKTOP], ids=["desktop"], indirect=True)
@pytest.mark.parametrize("language", ["", "/es"], ids=["en", "es"])
def test_the_contact_page_prints_on_at_most_two_pages(live_server, page, demo_program, language):
    page.goto(live_server.url + language + "/contact/")
    page.emulate_media(media="print")
    for hidden in (".action-bar", ".site-menu", ".next-page", ".notice-close"):
        assert page.locator(hidden).evaluate_all("els => els.every(e => !e.offsetParent)"), hidden
    pages = {paper: _pdf_pages(page, paper) for paper in ("Letter", "A4")}
    assert max(pages.values()) <= 2, pages


@pytest.mark.parametrize("viewport", [DESKTOP], ids=["desktop"], indirect=True)
def test_the_family_guide_prints_on_one_page(live_server, page, demo_program):
    page.goto(live_server.url + "/family-guide/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Your family guide to CAR T-cell therapy"
    )
    expect(page.get_by_role("button", name="Print this guide")).to_be_visible()  # shown by site.js
    expect(page.get_by_text("(215) 555-0150").first).to_be_visible()
    page.emulate_media(media="print")
    pdf = page.pdf(format="Letter", print_background=True)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages == 1, f"the guide prints on {pages} pages"
