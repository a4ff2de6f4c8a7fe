"""A family asks for a call using only the keyboard; a coordinator finds, takes and closes it."""

import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from playwright.sync_api import expect

from inquiries.models import CallbackRequest, Status
from tests.e2e.conftest import DESKTOP, axe_violations, staff_sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def tab_to(page, locator, limit=200):
    """Press Tab until `locator` has focus, like a keyboard user would."""
    for _ in range(limit):
        if locator.evaluate("el => el === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"could not reach {locator} with the Tab key")


def choose_radio(page, group_label, option_label):
    radio = page.get_by_role("radio", name=option_label, exact=True)
    tab_to(
        page,
        page.get_by_role("radio")
        .and_(page.locator(f"[name='{radio.get_attribute('name')}']"))
        .first,
    )
    # Arrow keys move within a radio group and select.
    for _ in range(10):
        if radio.evaluate("el => el === document.activeElement"):
            break
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    expect(radio).to_be_checked()


def test_family_requests_a_call_back_with_the_keyboard_only(live_server, page, demo_program):
    page.goto(live_server.url + "/")
    link = page.get_by_role("link", name="Request a call back").first
    tab_to(page, link)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Request a call back")
    expect(page.get_by_text("This form is not for emergencies or symptoms")).to_be_visible()

    choose_radio(page, "Who is asking?", "A parent or caregiver")
    choose_radio(page, "What would you like to talk about?", "Could CAR T be an option?")
    tab_to(page, page.get_by_label("Patient's age in years"))
    page.keyboard.type("9")
    choose_radio(page, "What is the diagnosis?", "B-cell acute lymphoblastic leukemia (B-ALL)")
    choose_radio(page, "Did the cancer come back", "Yes")
    tab_to(page, page.get_by_label("Your name"))
    page.keyboard.type("Sam Rivera")
    page.keyboard.press("Tab")
    page.keyboard.type("(215) 555-0111")
    tab_to(page, page.get_by_label("Yes, you may call me at this number about this request."))
    page.keyboard.press("Space")
    tab_to(page, page.get_by_role("button", name="Request a call back"))
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("We got your request")
    reference = CallbackRequest.objects.get().reference
    expect(page.locator(".reference")).to_have_text(reference)
    expect(page.get_by_text("Ellen Marsh, RN, MSN")).to_be_visible()
    expect(page.get_by_text(re.compile(r"by \d{1,2}(:\d\d)? (am|pm) on \w+day"))).to_be_visible()
    assert "Sam" not in page.url and "555" not in page.url
    assert axe_violations(page) == []


def test_form_errors_keep_answers_and_are_accessible(live_server, page, demo_program):
    page.goto(live_server.url + "/request-a-call-back/")
    assert axe_violations(page) == []
    page.get_by_label("Your name").fill("Sam Rivera")
    page.get_by_label("Phone number").fill("12")
    page.get_by_role("button", name="Request a call back").click()
    expect(
        page.get_by_role("heading", name=re.compile(r"Please check \d+ answers"))
    ).to_be_visible()
    expect(page.get_by_label("Your name")).to_have_value("Sam Rivera")
    expect(page.get_by_text("Please enter a phone number we can call").first).to_be_visible()
    assert CallbackRequest.objects.count() == 0
    assert axe_violations(page) == []


# The coordinator's queue is a desktop task; the family's flow runs on a phone too.
@pytest.mark.parametrize("viewport", [DESKTOP], ids=["desktop"], indirect=True)
def test_coordinator_finds_takes_notes_and_closes_a_request(live_server, page, demo_program):
    call_command("setup_roles", stdout=StringIO())
    page.goto(live_server.url + "/request-a-call-back/")
    page.get_by_label("A parent or caregiver").check()
    page.get_by_label("Clinical trials").check()
    page.get_by_label("Patient's age in years").fill("12")
    page.get_by_label("Lymphoma", exact=True).check()
    page.get_by_label("Not sure", exact=True).check()
    page.get_by_label("Your name").fill("Jo Park")
    page.get_by_label("Phone number").fill("215-555-0133")
    page.get_by_label("Yes, you may call me at this number about this request.").check()
    page.get_by_role("button", name="Request a call back").click()
    reference = page.locator(".reference").inner_text()

    user = get_user_model().objects.create_user(
        "samuel", password="a-long-test-password", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Coordinators"))
    staff_sign_in(page, live_server, user, "a-long-test-password")
    page.get_by_role("link", name="Callback requests", exact=True).click()
    page.get_by_role("textbox", name="Search").fill(reference)
    page.keyboard.press("Enter")
    page.get_by_role("link", name=reference).click()
    expect(page.get_by_text("Clinical trials office")).to_be_visible()

    page.get_by_role("button", name="Take it (assign to me)").click()
    expect(page.get_by_text(f"{reference} is assigned to you.")).to_be_visible()
    page.get_by_label("Add a note").fill("Talked with mom; trial screening next week.")
    page.get_by_label("Status").select_option("closed")
    page.get_by_label("Outcome").select_option("scheduled")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Talked with mom; trial screening next week.")).to_be_visible()

    req = CallbackRequest.objects.get(reference=reference)
    assert req.status == Status.CLOSED and req.outcome == "scheduled" and req.assigned_to == user


def test_checklist_to_a_prefilled_callback_with_the_keyboard_only(live_server, page, demo_program):
    page.goto(live_server.url + "/")
    tab_to(
        page,
        page.get_by_role("link", name="Could CAR T be an option for my child? Answer 4 questions"),
    )
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Could CAR T be an option for my child?"
    )
    tab_to(page, page.get_by_label("How old is your child, in years?"))
    page.keyboard.type("9")
    choose_radio(page, "What is the diagnosis?", "B-cell acute lymphoblastic leukemia (B-ALL)")
    choose_radio(
        page,
        "Did the cancer come back, or not go away with treatment?",
        "It came back 2 or more times",
    )
    tab_to(page, page.get_by_role("button", name="See what this usually means"))
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", name="What your answers usually mean")).to_be_visible()
    expect(page.get_by_text("Ellen Marsh, RN, MSN")).to_be_visible()
    assert axe_violations(page) == []
    tab_to(page, page.get_by_role("button", name="Ask us to call you back"))
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Request a call back")
    expect(page.get_by_label("Patient's age in years")).to_have_value("9")
    expect(page.get_by_role("radio", name="A parent or caregiver")).to_be_checked()
    expect(page.get_by_role("radio", name="Could CAR T be an option?")).to_be_checked()
    expect(
        page.get_by_role("radio", name="B-cell acute lymphoblastic leukemia (B-ALL)")
    ).to_be_checked()
    assert CallbackRequest.objects.count() == 0  # nothing saved until the family sends the form
