"""The checklist's result, now that its answers are posted (never in a URL): on every screen
size it fits, axe finds nothing, and the browser's address never shows an answer."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import VIEWPORTS, axe_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", list(VIEWPORTS.values()), ids=list(VIEWPORTS), indirect=True)
@pytest.mark.parametrize("prefix", ["", "/es"])
def test_the_posted_result_fits_passes_axe_and_keeps_answers_out_of_the_url(
    live_server, page, demo_program, prefix
):
    page.goto(live_server.url + prefix + "/could-car-t-be-an-option/")
    page.locator("#id_age").fill("9")
    page.locator('input[name="diagnosis"][value="b_all"]').check()
    page.locator('input[name="relapse"][value="more"]').check()
    page.locator('button[name="see"], input[name="see"]').click()
    expect(page.locator(".checklist-result")).to_be_visible()
    assert page.url == live_server.url + prefix + "/could-car-t-be-an-option/"
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    assert axe_violations(page) == []
    page.locator('button[name="then"][value="callback"]').click()
    expect(page.locator("#id_patient_age")).to_have_value("9")
    assert "age=" not in page.url and "diagnosis" not in page.url
