"""The callback path on a phone, when things go wrong: cookies cleared before sending, an empty
send, sending again after Back. Nothing retyped, the problem first on screen, never a dead end.
Screenshots (375 px, English and Spanish) go to $SHOTS_DIR when it is set."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from inquiries.models import CallbackRequest, LaterSubmission
from tests.e2e.conftest import PHONE, axe_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SHOTS = Path(os.environ["SHOTS_DIR"]) if os.environ.get("SHOTS_DIR") else None
TITLES = {
    "en": {
        "form": "Request a call back",
        "again": "Please send your request again",
        "sent": "We got your request",
        "added": "We already have your request",
        "send": "Request a call back",
    },
    "es": {
        "form": "Pedir una llamada",
        "again": "Por favor, envíe su solicitud otra vez",
        "sent": "Recibimos su solicitud",
        "added": "Ya tenemos su solicitud",
        "send": "Pedir una llamada",
    },
}


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield context, page
    context.close()


def shot(page, name: str) -> None:
    if SHOTS:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"))


def form_url(live_server, language: str) -> str:
    return live_server.url + ("/es" if language == "es" else "") + "/request-a-call-back/"


def fill_in(page, *, phone_number="(215) 555-0111"):
    """A parent's answers, by field name (the same in both languages)."""
    page.locator("input[name=asker][value=parent]").check()
    page.locator("input[name=topic][value=is_cart_an_option]").check()
    page.locator("input[name=patient_age]").fill("9")
    page.locator("input[name=diagnosis][value=b_all]").check()
    page.locator("input[name=relapsed][value=yes]").check()
    page.locator("input[name=name]").fill("Sam Rivera")
    page.locator("input[name=phone]").fill(phone_number)
    page.locator("input[name=best_times][value=morning]").check()
    page.locator("textarea[name=note]").fill("Mornings are best")
    page.locator("input[name=consent_call]").check()


def send(page, language):
    page.get_by_role("button", name=TITLES[language]["send"]).click()


@pytest.mark.parametrize("language", ["en", "es"])
def test_cookies_cleared_before_sending_still_sends_with_nothing_retyped(
    live_server, phone, demo_program, language
):
    context, page = phone
    page.goto(form_url(live_server, language))
    fill_in(page)
    context.clear_cookies()  # blocked or cleared while the family was typing
    send(page, language)

    heading = page.locator("#error-summary-title")
    expect(heading).to_have_text(TITLES[language]["again"])
    expect(page.locator("#error-summary")).to_be_focused()
    expect(page.locator("#error-summary a[href^='tel:']")).to_have_count(1)
    expect(page.locator("input[name=name]")).to_have_value("Sam Rivera")
    expect(page.locator("input[name=phone]")).to_have_value("(215) 555-0111")
    expect(page.locator("textarea[name=note]")).to_have_value("Mornings are best")
    expect(page.locator("input[name=consent_call]")).to_be_checked()
    assert CallbackRequest.objects.count() == 0
    shot(page, f"csrf-recovery-{language}")
    assert axe_violations(page) == []

    send(page, language)  # nothing retyped
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLES[language]["sent"])
    saved = CallbackRequest.objects.get()
    assert (saved.name, saved.note, saved.best_times) == (
        "Sam Rivera",
        "Mornings are best",
        ["morning"],
    )


@pytest.mark.parametrize("language", ["en", "es"])
def test_after_a_failed_send_the_error_summary_is_first_on_screen_and_focused(
    live_server, phone, demo_program, language
):
    _context, page = phone
    page.goto(form_url(live_server, language))
    page.locator("input[name=name]").fill("Sam Rivera")
    page.locator("input[name=phone]").fill("555-0123")  # no area code
    send(page, language)

    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    box = summary.bounding_box()
    assert box["y"] >= 0 and box["y"] + 40 <= PHONE["height"], box  # on screen, its heading too
    # Nothing of the page's own content above it on screen: it is the first thing seen.
    above = page.evaluate(
        """(summary) => [...document.querySelectorAll('main h1, main .emergency, main .lead')]
             .filter(el => { const r = el.getBoundingClientRect();
                             return r.bottom > 0 && r.top < summary.getBoundingClientRect().top; })
             .length""",
        summary.element_handle(),
    )
    assert above == 0
    expect(page.locator("input[name=name]")).to_have_value("Sam Rivera")
    shot(page, f"error-state-{language}")
    assert axe_violations(page) == []


@pytest.mark.parametrize("language", ["en", "es"])
def test_back_fix_resend_makes_one_linked_request(live_server, phone, demo_program, language):
    _context, page = phone
    page.goto(form_url(live_server, language))
    fill_in(page, phone_number="(215) 555-0177")  # a typo
    send(page, language)
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLES[language]["sent"])
    expect(page.locator(".next-step")).to_contain_text("0177")
    page.go_back()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLES[language]["form"])
    fill_in(page, phone_number="(215) 555-0111")
    send(page, language)

    expect(page.get_by_role("heading", level=1)).to_have_text(TITLES[language]["added"])
    request = CallbackRequest.objects.get()
    expect(page.locator("#added-notice .reference")).to_have_text(request.reference)
    expect(page.locator(".next-step")).to_contain_text("0111")
    assert LaterSubmission.objects.get().callback_request == request
    shot(page, f"duplicate-notice-{language}")
    assert axe_violations(page) == []


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_confirmation_on_a_phone(live_server, phone, demo_program, language):
    _context, page = phone
    page.goto(form_url(live_server, language))
    fill_in(page, phone_number="(215) 555-0123")
    send(page, language)
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLES[language]["sent"])
    expect(page.locator(".next-step")).to_contain_text("0123")
    shot(page, f"confirmation-{language}")
    if SHOTS:
        page.screenshot(path=str(SHOTS / f"confirmation-{language}-full.png"), full_page=True)
    assert axe_violations(page) == []


def post_from_page(page, url: str, fields: dict) -> None:
    """Submit a form the way a browser does (what a bot or an old tab would send)."""
    with page.expect_navigation():
        page.evaluate(
            """([url, fields]) => {
             const form = document.createElement('form');
             form.method = 'post'; form.action = url;
             for (const [name, value] of Object.entries(fields)) {
               const input = document.createElement('input');
               input.type = 'hidden'; input.name = name; input.value = value;
               form.appendChild(input);
             }
             document.body.appendChild(form);
             setTimeout(() => form.submit(), 0);
           }""",
            [url, fields],
        )


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_new_page_is_axe_clean(live_server, phone, demo_program, settings, language):
    """The re-shown form, the 429 and 413 pages, the closed and expired confirmations and the
    CSRF page for other forms."""
    from inquiries.services import callback_request_update

    _context, page = phone
    url = form_url(live_server, language)
    checked = {}

    settings.CALLBACK_MIN_FILL_SECONDS = 600  # every send is "too fast"
    page.goto(url)
    fill_in(page)
    send(page, language)
    expect(page.locator("#error-summary")).to_be_focused()
    checked["check again"] = axe_violations(page)
    settings.CALLBACK_MIN_FILL_SECONDS = 0

    settings.CALLBACK_RATE_LIMITS = [(0, 60)]  # the limit is reached
    send(page, language)
    expect(page.locator("#error-summary")).to_be_focused()
    expect(page.locator("input[name=name]")).to_have_value("Sam Rivera")
    checked["429"] = axe_violations(page)
    settings.CALLBACK_RATE_LIMITS = [(10_000, 60)]

    page.locator("textarea[name=note]").evaluate("el => el.removeAttribute('maxlength')")
    page.locator("textarea[name=note]").fill("x" * 25_000)
    send(page, language)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    checked["413"] = axe_violations(page)

    page.goto(url)
    fill_in(page)
    send(page, language)
    request = CallbackRequest.objects.get()
    callback_request_update(callback_request=request, by=None, status="closed", outcome="scheduled")
    page.reload()
    expect(page.locator(".reference")).to_have_text(request.reference)
    checked["closed"] = axe_violations(page)

    settings.CALLBACK_CONFIRMATION_DAYS = 0
    page.reload()
    expect(page.locator(".reference")).to_have_count(0)
    checked["expired"] = axe_violations(page)

    page.goto(live_server.url + ("/es/" if language == "es" else "/"))
    post_from_page(page, page.url, {"q": "x"})
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Please try again" if language == "en" else "Por favor, inténtelo otra vez"
    )
    checked["csrf elsewhere"] = axe_violations(page)

    assert checked == {name: [] for name in checked}
