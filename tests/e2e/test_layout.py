"""The site on a phone, measured in Chromium from the rendered page (issue 14): how much of the
first screen the header takes, the menu behind its button with and without JavaScript, the call
bar that stays while scrolling, form controls people can see (contrast computed from the
rendered styles, which axe does not check), type that heads its text, and numbers that never
break."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONES = {"375": {"width": 375, "height": 812}, "320": {"width": 320, "height": 812}}
AT_PHONES = pytest.mark.parametrize(
    "viewport", list(PHONES.values()), ids=list(PHONES), indirect=True
)
HEADER_SHARE = 0.30  # of the first screen's height
FORMS = ["/request-a-call-back/", "/could-car-t-be-an-option/", "/search/"]

# Relative luminance and contrast ratio (WCAG 2.2), of the colours the browser computed. A
# control's boundary is its border; its background is the first opaque one behind it.
CONTRAST_JS = """
(selector) => {
  const rgb = (text) => (text.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const c = [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const behind = (el) => {
    for (let node = el.parentElement; node; node = node.parentElement) {
      const colour = rgb(getComputedStyle(node).backgroundColor);
      if (colour.length === 3 || colour[3] > 0) return colour.slice(0, 3);
    }
    return [255, 255, 255];
  };
  return [...document.querySelectorAll(selector)].filter((el) => el.offsetParent !== null && !el.closest(".hp")).map((el) => {
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    return {
      name: el.name || el.id || el.type,
      type: el.type,
      border: ratio(rgb(style.borderTopColor), behind(el)),
      borderWidth: parseFloat(style.borderTopWidth),
      width: box.width, height: box.height,
    };
  });
}
"""


def _chrome_height(page) -> float:
    """Everything above the content: the notice, the header and the call bar."""
    return page.evaluate("document.querySelector('main').getBoundingClientRect().top")


@AT_PHONES
@pytest.mark.parametrize("language", ["", "/es"], ids=["en", "es"])
@pytest.mark.parametrize("path", ["/", "/how-it-works/", "/request-a-call-back/"])
def test_the_header_takes_at_most_30_percent_of_a_phone_screen(
    live_server, page, demo_program, viewport, language, path
):
    page.goto(live_server.url + language + path)
    expect(page.locator(".site-notice")).to_be_visible()  # the notice is there, folded to a line
    notice = page.locator(".notice-body > summary")
    assert notice.evaluate("el => el.getClientRects().length") == 1
    height = _chrome_height(page)
    assert height <= HEADER_SHARE * viewport["height"], f"{height:.0f}px of {viewport['height']}"


@pytest.mark.parametrize("viewport", [PHONES["320"]], ids=["320"], indirect=True)
def test_without_javascript_the_header_is_as_small_and_the_menu_opens(
    live_server, browser, demo_program, viewport
):
    context = browser.new_context(viewport=viewport, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/es/")
    assert _chrome_height(page) <= HEADER_SHARE * viewport["height"]
    menu = page.get_by_role("navigation", name="Principal")
    expect(menu).to_be_hidden()
    page.get_by_text("Menú", exact=True).click()
    expect(menu).to_be_visible()
    menu.get_by_role("link", name="Cómo llegar").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cómo llegar")
    context.close()


@AT_PHONES
def test_the_menu_opens_with_its_button_and_escape_closes_it(live_server, page, demo_program):
    page.goto(live_server.url + "/")
    menu = page.get_by_role("navigation", name="Main")
    expect(menu).to_be_hidden()
    button = page.get_by_text("Menu", exact=True)
    button.focus()
    page.keyboard.press("Enter")
    expect(menu).to_be_visible()
    for name in ("Clinical trials", "Stories", "Glossary", "Finding us"):
        expect(menu.get_by_role("link", name=name)).to_be_visible()
    page.keyboard.press("Tab")
    page.keyboard.press("Escape")
    expect(menu).to_be_hidden()
    expect(button).to_be_focused()


@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 900}], ids=["desktop"], indirect=True
)
def test_a_wide_screen_shows_the_menu_without_a_button(live_server, page, demo_program):
    page.goto(live_server.url + "/")
    expect(page.get_by_role("navigation", name="Main")).to_be_visible()
    expect(page.get_by_text("Menu", exact=True)).to_be_hidden()
    expect(page.get_by_role("link", name="Español")).to_be_visible()


@AT_PHONES
def test_call_and_call_back_stay_one_tap_away_while_scrolling(live_server, page, demo_program):
    page.goto(live_server.url + "/how-it-works/")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    call = page.locator(".action-bar").get_by_role("link", name="(215) 555-0120")
    back = page.locator(".action-bar").get_by_role("link", name="Request a call back")
    for link in (call, back):
        expect(link).to_be_in_viewport()
        box = link.bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44, box
    expect(call).to_have_attribute("href", "tel:+12155550120")


@pytest.mark.parametrize(
    "viewport",
    [PHONES["375"], {"width": 1280, "height": 900}],
    ids=["375", "desktop"],
    indirect=True,
)
@pytest.mark.parametrize("language", ["", "/es"], ids=["en", "es"])
def test_form_controls_have_a_3_to_1_boundary_and_24px_targets(
    live_server, page, demo_program, language
):
    weak = {}
    for path in FORMS:
        page.goto(live_server.url + language + path)
        controls = page.evaluate(CONTRAST_JS, "input:not([type=hidden]), select, textarea")
        assert controls, path
        for control in controls:
            problems = []
            if control["border"] < 3 or control["borderWidth"] < 1:
                problems.append(f"boundary {control['border']:.2f}:1, {control['borderWidth']}px")
            if min(control["width"], control["height"]) < 24:
                problems.append(f"{control['width']:.0f}x{control['height']:.0f}px")
            if problems:
                weak[f"{path} {control['name']}"] = problems
    assert weak == {}


@pytest.mark.parametrize("viewport", [PHONES["375"]], ids=["375"], indirect=True)
def test_every_control_shows_where_the_keyboard_is(live_server, page, demo_program):
    page.goto(live_server.url + "/request-a-call-back/")
    unseen = []
    for _ in range(40):
        page.keyboard.press("Tab")
        focus = page.evaluate(
            """() => { const el = document.activeElement; const s = getComputedStyle(el);
                return {tag: el.tagName, name: el.name || el.textContent.trim().slice(0, 30),
                        outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,
                        shadow: s.boxShadow !== 'none'}; }"""
        )
        if focus["tag"] == "BODY":
            break
        if not (focus["outline"] or focus["shadow"]):
            unseen.append(f"{focus['tag']} {focus['name']}")
    assert unseen == []


@pytest.mark.parametrize("viewport", [PHONES["375"]], ids=["375"], indirect=True)
@pytest.mark.parametrize(
    "path", ["/how-it-works/", "/contact/", "/request-a-call-back/", "/es/how-it-works/"]
)
def test_headings_are_never_smaller_than_their_text(live_server, page, demo_program, path):
    page.goto(live_server.url + path)
    smaller = page.evaluate(
        """() => [...document.querySelectorAll('h2, h3')].filter(h => h.offsetParent !== null).flatMap(h => {
            const next = h.nextElementSibling;
            const text = next && (next.matches('p, ul, ol') ? (next.querySelector('li') || next) : null);
            if (!text) return [];
            const [a, b] = [h, text].map(el => parseFloat(getComputedStyle(el).fontSize));
            return a < b ? [`${h.textContent.trim().slice(0, 40)}: ${a}px < ${b}px`] : [];
        })"""
    )
    assert smaller == []


@pytest.mark.parametrize("viewport", [PHONES["375"]], ids=["375"], indirect=True)
@pytest.mark.parametrize("path", ["/team/", "/contact/"])
def test_names_are_stronger_than_roles(live_server, page, demo_program, path):
    page.goto(live_server.url + path)
    pairs = page.evaluate(
        """() => [...document.querySelectorAll('.person-name')].map(name => {
            const role = name.parentElement.querySelector('.team-role');
            return [parseInt(getComputedStyle(name).fontWeight), parseInt(getComputedStyle(role).fontWeight)];
        })"""
    )
    assert pairs and all(name > role for name, role in pairs), pairs


@pytest.mark.parametrize("viewport", [PHONES["320"]], ids=["320"], indirect=True)
def test_phone_numbers_never_break_across_lines(live_server, page, demo_program):
    broken = {}
    for path in ["/", "/contact/", "/how-it-works/", "/family-guide/", "/request-a-call-back/",
                 "/es/", "/es/contact/", "/es/family-guide/", "/finding-us/"]:  # fmt: skip
        page.goto(live_server.url + path)
        lines = page.evaluate(
            """() => [...document.querySelectorAll('a[href^="tel:"]')].filter(a => a.offsetParent !== null)
                .filter(a => /\\d{3}-\\d{4}/.test(a.textContent))
                .map(a => { const r = document.createRange(); r.selectNodeContents(a.querySelector('.phone-number') || a);
                  return [a.textContent.trim(), new Set([...r.getClientRects()].map(x => Math.round(x.top))).size]; })"""
        )
        if wrapped := [text for text, rows in lines if rows > 1]:
            broken[path] = wrapped
    assert broken == {}


@pytest.mark.parametrize("viewport", [PHONES["320"]], ids=["320"], indirect=True)
@pytest.mark.parametrize("language", ["", "/es"], ids=["en", "es"])
def test_the_journey_pairs_stack_on_a_narrow_screen(live_server, page, demo_program, language):
    page.goto(live_server.url + language + "/how-it-works/")
    pairs = page.evaluate(
        """() => [...document.querySelectorAll('.journey-facts > div')].map(pair => {
            const [dt, dd] = [pair.querySelector('dt'), pair.querySelector('dd')].map(e => e.getBoundingClientRect());
            return {stacked: dd.top >= dt.bottom - 1, width: dd.width};
        })"""
    )
    assert pairs and all(pair["stacked"] and pair["width"] > 200 for pair in pairs), pairs


@pytest.mark.parametrize("viewport", [PHONES["375"]], ids=["375"], indirect=True)
def test_the_process_picture_leads_how_it_works(live_server, page, demo_program):
    page.goto(live_server.url + "/how-it-works/")
    picture = page.get_by_role("img", name="CAR T-cell therapy, step by step")
    expect(picture).to_be_visible()
    heading = page.get_by_role("heading", level=1).bounding_box()
    box = picture.bounding_box()
    assert box["y"] < heading["y"] + 300 and box["width"] >= 300
    assert picture.evaluate("el => getComputedStyle(el.querySelector('text')).fontSize") != "0px"
    expect(picture).to_contain_text("1. Referral and first call")
