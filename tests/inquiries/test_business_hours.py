"""The promise made to a family: a callback within N business hours of the routed line, counted
in the program's time zone, skipping weekends and US public holidays, rounded up to the quarter
hour."""

import datetime
import zoneinfo

import pytest
from django.template import Context, Template

from inquiries import business_hours
from inquiries.templatetags.callbacks import due_phrase
from tests.factories import ContactLineFactory, OpeningHoursFactory, ProgramFactory

pytestmark = pytest.mark.django_db

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
LOS_ANGELES = zoneinfo.ZoneInfo("America/Los_Angeles")


def at(*args, tz=NEW_YORK) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=tz)


def weekday_line(*, opens=8, closes=17, time_zone="America/New_York", **fields):
    """A line open Monday to Friday, `opens` to `closes`, of a program promising 9 hours."""
    program = ProgramFactory(time_zone=time_zone, response_hours=9)
    line = ContactLineFactory(program=program, **fields)
    for day in range(5):
        OpeningHoursFactory(
            line=line, weekday=day, opens=datetime.time(opens), closes=datetime.time(closes)
        )
    return line


@pytest.mark.parametrize(
    ("received", "due"),
    [
        # 2 h on Friday (3 to 5 pm), 7 h on Monday (8 am to 3 pm)
        (at(2026, 11, 20, 15), at(2026, 11, 23, 15)),
        # 1 h on Wednesday; Thursday is Thanksgiving; 8 h on Friday
        (at(2026, 11, 25, 16), at(2026, 11, 27, 16)),
        # 1 h on Thursday; Friday July 3 is Independence Day (observed); 8 h on Monday
        (at(2026, 7, 2, 16), at(2026, 7, 6, 16)),
        # Friday Dec 31, 2027 is New Year's Day (observed), a holiday of the year before
        (at(2027, 12, 30, 16), at(2028, 1, 3, 16)),
        # Clocks go back on Sunday Nov 1: still 3 pm on Monday, now EST
        (at(2026, 10, 30, 15), at(2026, 11, 2, 15)),
        # Monday 10 am: 7 h on Monday, 2 h on Tuesday
        (at(2026, 11, 23, 10), at(2026, 11, 24, 10)),
        # Before opening: counting starts at 8 am, 9 hours fill the day
        (at(2026, 11, 24, 6, 30), at(2026, 11, 24, 17)),
        # After closing: counting starts the next morning
        (at(2026, 11, 23, 18, 30), at(2026, 11, 24, 17)),
        # On Saturday: counting starts on Monday morning
        (at(2026, 11, 21, 11), at(2026, 11, 23, 17)),
    ],
    ids=[
        "friday-to-monday",
        "thanksgiving",
        "july-3-observed",
        "new-year-observed-in-december",
        "daylight-saving-ends",
        "overnight",
        "before-opening",
        "after-closing",
        "saturday",
    ],
)
def test_due_by_counts_only_open_business_hours(received, due):
    line = weekday_line()
    assert business_hours.due_by(line=line, received_at=received) == due


def test_the_holiday_calendar_knows_the_days_we_promise_around():
    assert datetime.date(2026, 7, 3) in business_hours.us_holidays(2026)
    assert datetime.date(2026, 11, 26) in business_hours.us_holidays(2026)
    assert not business_hours.is_business_day(datetime.date(2026, 7, 3))
    assert not business_hours.is_business_day(datetime.date(2026, 11, 21))  # a Saturday
    assert business_hours.is_business_day(datetime.date(2026, 11, 27))


def test_a_received_at_in_another_zone_is_read_in_the_programs_zone():
    line = weekday_line()
    received = datetime.datetime(2026, 11, 20, 20, tzinfo=datetime.UTC)  # Friday 3 pm in New York
    assert business_hours.due_by(line=line, received_at=received) == at(2026, 11, 23, 15)


def test_the_lines_own_promise_overrides_the_programs():
    line = weekday_line(response_hours=2)
    assert business_hours.due_by(line=line, received_at=at(2026, 11, 23, 10)) == at(
        2026, 11, 23, 12
    )


def test_the_programs_promise_applies_when_the_line_has_none():
    line = weekday_line()
    line.program.response_hours = 4
    line.program.save()
    assert business_hours.due_by(line=line, received_at=at(2026, 11, 23, 10)) == at(
        2026, 11, 23, 14
    )


def test_the_lines_own_hours_are_used():
    line = weekday_line(opens=9, closes=17)  # 8 hours a day
    assert business_hours.due_by(line=line, received_at=at(2026, 11, 23, 9)) == at(2026, 11, 24, 10)


def test_a_line_without_hours_counts_monday_to_friday_8_to_5():
    line = ContactLineFactory(program=ProgramFactory(response_hours=9))
    assert not line.hours.exists()
    assert business_hours.due_by(line=line, received_at=at(2026, 11, 20, 15)) == at(
        2026, 11, 23, 15
    )
    assert business_hours.due_by(line=line, received_at=at(2026, 11, 25, 16)) == at(
        2026, 11, 27, 16
    )


def test_a_line_with_a_lunch_break_does_not_count_it():
    program = ProgramFactory(response_hours=4)
    line = ContactLineFactory(program=program)
    OpeningHoursFactory(line=line, weekday=0, opens=datetime.time(13), closes=datetime.time(17))
    OpeningHoursFactory(line=line, weekday=0, opens=datetime.time(8), closes=datetime.time(12))
    # 2 h in the morning (10 to 12), 2 h after lunch (1 to 3 pm)
    assert business_hours.due_by(line=line, received_at=at(2026, 11, 23, 10)) == at(
        2026, 11, 23, 15
    )


def test_a_24_7_line_counts_the_whole_business_day():
    line = ContactLineFactory(program=ProgramFactory(response_hours=9), is_24_7=True)
    # 4 h on Monday evening (8 pm to midnight), 5 h on Tuesday
    assert business_hours.due_by(line=line, received_at=at(2026, 11, 23, 20)) == at(2026, 11, 24, 5)


def test_a_24_7_line_still_skips_weekends_and_holidays():
    line = ContactLineFactory(program=ProgramFactory(response_hours=9), is_24_7=True)
    # Wednesday 8 pm: 4 h that evening; Thanksgiving is skipped; 5 h on Friday
    assert business_hours.due_by(line=line, received_at=at(2026, 11, 25, 20)) == at(2026, 11, 27, 5)
    # Saturday: counting starts at midnight on Monday
    assert business_hours.due_by(line=line, received_at=at(2026, 11, 21, 10)) == at(2026, 11, 23, 9)


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (at(2026, 11, 23, 10, 7), at(2026, 11, 23, 11, 15)),
        (at(2026, 11, 23, 10, 15), at(2026, 11, 23, 11, 15)),
        (at(2026, 11, 23, 10, 0, 30), at(2026, 11, 23, 11, 15)),
        (at(2026, 11, 23, 10, 0, 0, 1), at(2026, 11, 23, 11, 15)),
        (at(2026, 11, 23, 10, 45), at(2026, 11, 23, 11, 45)),
        (at(2026, 11, 23, 10, 46), at(2026, 11, 23, 12)),
    ],
    ids=["10:07", "10:15-exact", "30-seconds", "1-microsecond", "10:45", "10:46"],
)
def test_due_by_is_rounded_up_to_the_quarter_hour(received, due):
    line = weekday_line(response_hours=1)
    assert business_hours.due_by(line=line, received_at=received) == due


def test_the_programs_time_zone_is_used_not_the_servers(settings):
    settings.TIME_ZONE = "Asia/Tokyo"
    line = weekday_line(time_zone="America/Los_Angeles", response_hours=4)
    received = datetime.datetime(2026, 11, 23, 20, tzinfo=datetime.UTC)  # Monday noon in LA
    due = business_hours.due_by(line=line, received_at=received)
    assert due == at(2026, 11, 23, 16, tz=LOS_ANGELES)
    # In New York the same moment is 3 pm: the promise would have been Tuesday 10 am there.
    assert due != at(2026, 11, 24, 10)


# --- due_phrase: the promise in the words families read


@pytest.mark.parametrize(
    ("due", "phrase"),
    [
        (at(2026, 11, 23, 17), "by 5 pm on Monday, November 23"),
        (at(2026, 11, 23, 14, 45), "by 2:45 pm on Monday, November 23"),
        (at(2026, 11, 24, 9), "by 9 am on Tuesday, November 24"),
        (at(2026, 11, 27, 12), "by 12 pm on Friday, November 27"),
        # A UTC moment is shown on the program's clock
        (
            datetime.datetime(2026, 11, 23, 22, tzinfo=datetime.UTC),
            "by 5 pm on Monday, November 23",
        ),
    ],
)
def test_due_phrase(due, phrase):
    assert due_phrase(due, NEW_YORK) == phrase


def test_due_phrase_in_a_template_uses_the_given_zone():
    due = datetime.datetime(2026, 11, 24, 1, tzinfo=datetime.UTC)
    template = Template("{% load callbacks %}{% due_phrase due tz %}")
    rendered = template.render(Context({"due": due, "tz": LOS_ANGELES}))
    assert rendered == "by 5 pm on Monday, November 23"


def test_a_line_open_only_at_weekends_is_promised_on_office_hours(program):
    line = ContactLineFactory(program=program)
    OpeningHoursFactory(line=line, weekday=5, opens=datetime.time(9), closes=datetime.time(12))
    friday_4pm = datetime.datetime(
        2026, 11, 20, 16, 0, tzinfo=zoneinfo.ZoneInfo("America/New_York")
    )
    due = business_hours.due_by(line=line, received_at=friday_4pm, hours=2)
    assert due == datetime.datetime(
        2026, 11, 23, 9, 0, tzinfo=zoneinfo.ZoneInfo("America/New_York")
    )
