import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import VIEWPORTS, axe_violations, open_menu

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NAV = [
    ("What is CAR T", "What is CAR T-cell therapy?"),
    ("How it works", "How CAR T-cell therapy works"),
    ("Who it is for", "Who CAR T-cell therapy is for"),
    ("Our team", "Our team"),
    ("Contact us", "Contact us"),
    ("Questions", "Questions families ask"),
    ("Family resources", "Help for your family"),
]
PUBLIC_PATHS = [
    *("/", "/what-is-car-t/", "/how-it-works/", "/who-it-is-for/", "/team/", "/contact/"),
    *("/faq/", "/glossary/", "/stories/", "/clinical-trials/", "/resources/", "/finding-us/"),
    *("/language-assistance/", "/nondiscrimination/", "/search/", "/search/?q=side+effects"),
    *("/request-a-call-back/", "/could-car-t-be-an-option/", "/family-guide/"),
]
# Each page's Spanish twin: /es/ + the path (a search looks for Spanish words).
SPANISH = {path: "/es" + path for path in PUBLIC_PATHS} | {
    "/search/?q=side+effects": "/es/search/?q=efectos+secundarios"
}
# The layout and axe checks also run 320 px wide, where long Spanish words must still wrap.
ALL_VIEWPORTS = pytest.mark.parametrize(
    "viewport", list(VIEWPORTS.values()), ids=list(VIEWPORTS), indirect=True
)


def test_family_reaches_each_page_from_home_through_the_menu(live_server, page, demo_program):
    page.goto(live_server.url + "/")
    # The header names the program; the home heading says what it does.
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "CAR T-cell therapy for children and young adults with B-cell leukemia"
    )
    for link_name, heading in NAV:
        open_menu(page)
        menu = page.get_by_role("navigation", name="Main")
        menu.get_by_role("link", name=link_name, exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        open_menu(page)
        expect(menu.get_by_role("link", name=link_name, exact=True)).to_have_attribute(
            "aria-current", "page"
        )
        page.get_by_role(
            "link", name=re.compile("Pediatric CAR T-Cell Therapy Program")
        ).first.click()
        expect(page).to_have_url(live_server.url + "/")


@ALL_VIEWPORTS
def test_nothing_is_wider_than_the_screen(live_server, page, demo_program):
    wider = {}
    for path in [*PUBLIC_PATHS, *SPANISH.values()]:
        assert page.goto(live_server.url + path).status == 200, path
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 0:
            wider[path] = f"scrolls sideways by {overflow}px"
    assert wider == {}


def test_phone_numbers_can_be_tapped_to_call(live_server, page, demo_program):
    page.goto(live_server.url + "/contact/")
    line = page.get_by_role("article", name="24/7 line for current patients")
    expect(line.get_by_role("link", name="(215) 555-0150")).to_have_attribute(
        "href", "tel:+12155550150"
    )
    expect(line.get_by_text("Open now")).to_be_visible()


def test_skip_link_is_first_and_moves_to_the_content(live_server, page, demo_program):
    page.goto(live_server.url + "/how-it-works/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


@ALL_VIEWPORTS
def test_axe_finds_no_wcag_aa_violations(live_server, page, demo_program):
    """Every public page in both languages, and the 404 page: one test per screen size, so the
    demo loads once (the failure lists each address with its violations)."""
    found = {}
    for address in [*PUBLIC_PATHS, *SPANISH.values(), "/no-such-page/", "/es/no-such-page/"]:
        status = page.goto(live_server.url + address).status
        if status != (404 if "no-such-page" in address else 200):
            found[address] = [f"status {status}"]
        elif violations := axe_violations(page):
            found[address] = violations
    assert found == {}


def test_hours_open_and_close_with_the_keyboard(live_server, page, demo_program):
    page.goto(live_server.url + "/contact/")
    summary = page.get_by_role("article", name="New-patient line").locator("summary")
    summary.focus()
    page.keyboard.press("Enter")
    expect(
        page.get_by_role("article", name="New-patient line").get_by_text("Monday")
    ).to_be_visible()


def test_a_link_to_a_question_shows_it_and_the_keyboard_opens_it(live_server, page, demo_program):
    from programs.models import FAQ

    faq = FAQ.objects.get(question="Who pays for CAR T?")
    page.goto(f"{live_server.url}/faq/#faq-{faq.pk}")
    question = page.locator(f"#faq-{faq.pk}")
    expect(question).to_be_in_viewport()
    answer = page.get_by_text("CAR T costs a lot. The list price")
    expect(answer).to_be_hidden()
    question.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(answer).to_be_visible()


def test_a_medical_word_links_to_its_meaning(live_server, page, demo_program):
    page.goto(live_server.url + "/what-is-car-t/")
    page.locator("main").get_by_role("link", name="leukemia", exact=True).first.click()
    expect(page).to_have_url(re.compile(r"/glossary/#term-leukemia$"))
    expect(page.locator("#term-leukemia")).to_have_text("leukemia")


def test_search_from_the_header(live_server, page, demo_program):
    page.goto(live_server.url + "/")
    open_menu(page)
    page.get_by_role("link", name="Search", exact=True).click()
    page.get_by_label("Search this site").fill("brothers and sisters")
    page.keyboard.press("Enter")
    results = page.locator(".search-results")
    expect(results.get_by_role("link", name="Can brothers and sisters visit?")).to_be_visible()
    expect(results.locator("mark").first).to_be_visible()


def test_the_language_switcher_opens_the_same_page_in_spanish_and_back(
    live_server, page, demo_program
):
    page.goto(live_server.url + "/how-it-works/")
    open_menu(page)
    page.get_by_role("link", name="Español").click()
    expect(page).to_have_url(live_server.url + "/es/how-it-works/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Cómo funciona la terapia de células CAR T"
    )
    open_menu(page)
    expect(page.get_by_role("navigation", name="Principal")).to_be_visible()
    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(live_server.url + "/how-it-works/")
    expect(page.get_by_role("heading", level=1)).to_have_text("How CAR T-cell therapy works")
