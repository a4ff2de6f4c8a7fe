import datetime
import zoneinfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from programs.fields import INVALID_PHONE, format_phone, normalize_phone
from programs.models import Page, Program
from programs.sanitize import sanitize_html
from tests.factories import (
    ContactLineFactory,
    OpeningHoursFactory,
    PageFactory,
    ProgramFactory,
    TeamMemberFactory,
)

pytestmark = pytest.mark.django_db
EASTERN = zoneinfo.ZoneInfo("America/New_York")


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("(215) 555-0123", "+12155550123"),
        ("215.555.0123", "+12155550123"),
        ("+1 215 555 0123", "+12155550123"),
        ("+44 20 7946 0000", "+442079460000"),
    ],
)
def test_phone_numbers_are_stored_in_e164(typed, stored):
    assert normalize_phone(typed) == stored


@pytest.mark.parametrize("typed", ["12", "call me", "+1 215 555 01234567"])
def test_impossible_phone_numbers_are_refused(typed):
    with pytest.raises(ValidationError) as exc:
        normalize_phone(typed)
    assert exc.value.messages == [INVALID_PHONE]


def test_phone_is_shown_formatted():
    assert format_phone("+12155550123") == "(215) 555-0123"
    assert format_phone("+442079460000") == "+44 20 7946 0000"


def test_line_saves_the_normalized_number(program):
    line = ContactLineFactory(program=program, phone="215-555-0142")
    line.refresh_from_db()
    assert line.phone == "+12155550142"


def _eastern(*args):
    return datetime.datetime(*args, tzinfo=EASTERN)


@pytest.mark.parametrize(
    ("moment", "is_open"),
    [
        (_eastern(2026, 11, 23, 8, 0), True),  # Monday, opening minute
        (_eastern(2026, 11, 23, 16, 59), True),
        (_eastern(2026, 11, 23, 17, 0), False),  # closing time is exclusive
        (_eastern(2026, 11, 23, 7, 59), False),
        (_eastern(2026, 11, 24, 12, 0), False),  # Tuesday: no hours
        # 13:30 UTC on Monday is 8:30 in New York, though it is already afternoon in London
        (datetime.datetime(2026, 11, 23, 13, 30, tzinfo=datetime.UTC), True),
        (datetime.datetime(2026, 11, 23, 12, 30, tzinfo=datetime.UTC), False),
    ],
)
def test_open_now_follows_hours_in_the_program_time_zone(program, moment, is_open):
    line = ContactLineFactory(program=program)
    OpeningHoursFactory(line=line, weekday=0, opens=datetime.time(8), closes=datetime.time(17))
    line = type(line).objects.with_hours().get(pk=line.pk)
    with time_machine.travel(moment, tick=False):
        assert line.is_open_now() is is_open


def test_open_now_uses_the_program_zone_not_the_server_zone(settings):
    settings.TIME_ZONE = "UTC"
    program = ProgramFactory(time_zone="America/Los_Angeles")
    line = ContactLineFactory(program=program)
    OpeningHoursFactory(line=line, weekday=0, opens=datetime.time(9), closes=datetime.time(17))
    # Monday 16:00 UTC is 8:00 in Los Angeles: not yet open there.
    with time_machine.travel(
        datetime.datetime(2026, 11, 23, 16, 0, tzinfo=datetime.UTC), tick=False
    ):
        assert line.is_open_now() is False
    with time_machine.travel(
        datetime.datetime(2026, 11, 23, 17, 0, tzinfo=datetime.UTC), tick=False
    ):
        assert line.is_open_now() is True


def test_a_24_7_line_is_always_open(program):
    line = ContactLineFactory(program=program, is_24_7=True)
    with time_machine.travel(_eastern(2026, 11, 29, 3, 0), tick=False):  # Sunday, 3 am
        assert line.is_open_now() is True


@pytest.mark.parametrize(
    ("dirty", "forbidden"),
    [
        ("<p>Hi</p><script>alert(1)</script>", "<script"),
        ('<img src="x.png" alt="x" onerror="alert(1)">', "onerror"),
        ('<a href="javascript:alert(1)">link</a>', "javascript:"),
        ('<p style="color:red">Hi</p>', "style="),
        ('<iframe src="https://evil.example"></iframe>', "<iframe"),
        ('<a href="data:text/html,<script>alert(1)</script>">x</a>', "data:"),
        ('<svg onload="alert(1)"></svg>', "onload"),
    ],
)
def test_sanitizer_strips_what_could_run(dirty, forbidden):
    assert forbidden not in sanitize_html(dirty)


def test_sanitizer_keeps_simple_formatting():
    html = '<h2>Steps</h2><ul><li><strong>One</strong> <a href="/contact/">call</a></li></ul>'
    assert sanitize_html(html) == (
        "<h2>Steps</h2><ul><li><strong>One</strong> "
        '<a href="/contact/" rel="noopener noreferrer">call</a></li></ul>'
    )


def test_page_body_is_stored_sanitized(program):
    page = PageFactory(program=program, body='<p onclick="x()">Hello<script>bad()</script></p>')
    page.refresh_from_db()
    assert page.body == "<p>Hello</p>"


def test_published_queryset_and_is_live_agree(program):
    live = PageFactory(program=program, is_published=True)
    draft = PageFactory(program=program, is_published=False)
    published = set(Page.objects.published())
    assert live in published and live.is_live()
    assert draft not in published and not draft.is_live()


def test_only_one_program_can_be_the_default(program):
    with pytest.raises(IntegrityError):
        ProgramFactory(is_default=True)


def test_site_program_is_the_configured_one(settings, program):
    adult = ProgramFactory(slug="adult-cart", name="Adult CAR T Program")
    assert Program.objects.for_site() == program
    settings.CARSITE_PROGRAM = "adult-cart"
    assert Program.objects.for_site() == adult


def test_team_member_photo_needs_alt_text(program):
    member = TeamMemberFactory.build(program=program, photo="team/a.jpg", photo_alt="")
    with pytest.raises(ValidationError) as exc:
        member.full_clean()
    assert "photo_alt" in exc.value.message_dict


def test_hours_must_close_after_they_open(program):
    hours = OpeningHoursFactory.build(
        line=ContactLineFactory(program=program), opens=datetime.time(17), closes=datetime.time(9)
    )
    with pytest.raises(ValidationError):
        hours.full_clean()
