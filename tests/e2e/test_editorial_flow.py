"""An editor drafts a change to a live page, previews it, a clinical reviewer publishes it."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP, axe_violations, staff_sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
NEW_SENTENCE = "Ask us about free parking for families."


def log_in(page, live_server, username):
    user = get_user_model().objects.get(username=username)
    staff_sign_in(page, live_server, user, "a-long-test-password")


@pytest.fixture
def staff_accounts(demo_program):
    call_command("setup_roles", stdout=StringIO())
    for username, group in (("ed", "Content editors"), ("doc", "Clinical reviewers")):
        user = get_user_model().objects.create_user(
            username, password="a-long-test-password", is_staff=True
        )
        user.groups.add(Group.objects.get(name=group))


@pytest.mark.parametrize("viewport", [DESKTOP], ids=["desktop"], indirect=True)
def test_editor_drafts_previews_and_reviewer_publishes(live_server, page, staff_accounts, browser):
    log_in(page, live_server, "ed")
    page.get_by_role("link", name="Pages", exact=True).click()
    page.get_by_role("link", name="How CAR T-cell therapy works").click()
    editor = page.locator(".ProseMirror")
    editor.get_by_text("Every child's path is a little different.").click()
    page.keyboard.press("End")
    page.keyboard.type(" " + NEW_SENTENCE)
    expect(page.get_by_role("button", name="Publish")).to_have_count(0)  # drafters cannot
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Your changes are saved as a draft.")).to_be_visible()
    expect(page.locator(".messagelist").get_by_text("Reading level: grade")).to_be_visible()

    page.get_by_role("link", name="Preview draft").click()
    expect(page.get_by_text("Draft preview.")).to_be_visible()
    expect(page.get_by_text(NEW_SENTENCE)).to_be_visible()

    public = browser.new_page()
    public.goto(live_server.url + "/how-it-works/")
    expect(public.get_by_role("heading", level=1)).to_have_text("How CAR T-cell therapy works")
    expect(public.get_by_text(NEW_SENTENCE)).to_have_count(0)

    page.get_by_role("link", name="Log out").click() if page.get_by_role(
        "link", name="Log out"
    ).count() else None
    page.context.clear_cookies()
    log_in(page, live_server, "doc")
    page.goto(live_server.url + "/admin/programs/page/")
    page.get_by_role("link", name="How CAR T-cell therapy works").click()
    expect(page.get_by_text("unpublished changes")).to_be_visible()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("Published: families now see this version.")).to_be_visible()

    public.reload()
    expect(public.get_by_text(NEW_SENTENCE)).to_be_visible()
    assert axe_violations(public) == []
    public.close()


def test_a_family_can_close_the_notice_and_it_stays_closed(live_server, page, demo_program):
    page.goto(live_server.url + "/")
    notice = page.get_by_role("region", name="Notice")
    expect(notice).to_be_visible()
    assert axe_violations(page) == []
    notice.get_by_role("button", name="Close this notice").click()
    expect(notice).to_be_hidden()
    page.goto(live_server.url + "/team/")
    expect(page.get_by_role("region", name="Notice")).to_be_hidden()
    assert page.context.cookies() == []  # remembered in the browser's storage, not a cookie
