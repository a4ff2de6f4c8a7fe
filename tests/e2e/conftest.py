"""Browser tests: Playwright drives Debian's Chromium (/usr/bin/chromium) against live_server."""

import os

import pytest

# live_server runs Django in a thread while Playwright's sync API runs an event loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
# The narrowest common screen (and 1280 px zoomed to 400 %, WCAG 1.4.10 Reflow). Used by the
# layout and axe checks, which take it explicitly: `parametrize("viewport", VIEWPORTS, …)`.
NARROW = {"width": 320, "height": 640}
VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE, "narrow": NARROW}
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(params=[DESKTOP, PHONE], ids=["desktop", "phone"])
def viewport(request):
    return request.param


@pytest.fixture
def page(browser, viewport):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def axe_violations(page) -> list[str]:
    """axe-core's WCAG 2.2 A/AA violations (2.0, 2.1 and 2.2 rules) on the current page, as
    readable lines."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]


def staff_sign_in(page, live_server, user, password: str) -> None:
    """Sign in to the admin as a person does: password, then the authenticator app's code."""
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice
    from playwright.sync_api import expect

    device, _ = TOTPDevice.objects.get_or_create(
        user=user, confirmed=True, defaults={"name": "phone"}
    )
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill(user.get_username())
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Next").click()
    code = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token()
    page.get_by_label("Code").fill(f"{code:0{device.digits}d}")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text(f"Welcome, {user.get_username()}", exact=False)).to_be_visible()


def open_menu(page) -> None:
    """Open the menu as a person does on a phone (the "Menu" button); wide screens show it open."""
    button = page.get_by_text("Menu", exact=True).or_(page.get_by_text("Menú", exact=True))
    if button.first.is_visible() and page.locator("details.site-menu[open]").count() == 0:
        button.first.click()
