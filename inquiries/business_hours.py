"""When a callback is due: a number of business hours after the request, counted only while the
routed line is open, skipping weekends and US public holidays, in the program's time zone.
"""

import datetime
from functools import lru_cache

import holidays

from programs.models import ContactLine

# Used when a line has no hours entered: Monday to Friday, 8 am to 5 pm.
DEFAULT_PERIODS = [(day, datetime.time(8), datetime.time(17)) for day in range(5)]
# A 24/7 line is open the whole day (weekends and holidays are still skipped for callbacks).
ALL_DAY = [(day, datetime.time(0), datetime.time.max) for day in range(7)]
MAX_DAYS = 366


@lru_cache(maxsize=8)
def us_holidays(year: int) -> holidays.HolidayBase:
    return holidays.US(years=year)


def is_business_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in us_holidays(day.year)


def add_business_hours(
    start: datetime.datetime,
    hours: float,
    *,
    periods: list[tuple[int, datetime.time, datetime.time]],
    tz: datetime.tzinfo,
) -> datetime.datetime:
    """Walk forward from `start` through the open periods until `hours` of open time are used."""
    remaining = datetime.timedelta(hours=hours)
    cursor = start.astimezone(tz)
    day = cursor.date()
    for _ in range(MAX_DAYS):
        if is_business_day(day):
            for weekday, opens, closes in sorted(periods, key=lambda p: p[1]):
                if weekday != day.weekday():
                    continue
                open_at = datetime.datetime.combine(day, opens, tzinfo=tz)
                close_at = datetime.datetime.combine(day, closes, tzinfo=tz)
                if closes == datetime.time.max:
                    # Open until midnight: without this, every day lost a microsecond and the
                    # promise rounded up to the next quarter hour.
                    close_at = datetime.datetime.combine(day, datetime.time(), tzinfo=tz)
                    close_at += datetime.timedelta(days=1)
                begin = max(cursor, open_at)
                if begin >= close_at:
                    continue
                if remaining <= close_at - begin:
                    return begin + remaining
                remaining -= close_at - begin
        day += datetime.timedelta(days=1)
    raise ValueError("No opening hours in the next year: cannot promise a callback time.")


def due_by(
    *, line: ContactLine, received_at: datetime.datetime, hours: int | None = None
) -> datetime.datetime:
    """The promised callback time for a request routed to `line`."""
    program = line.program
    if hours is None:
        hours = line.response_hours if line.response_hours is not None else program.response_hours
    if line.is_24_7:
        periods = ALL_DAY
    else:
        periods = [(h.weekday, h.opens, h.closes) for h in line.hours.all()]
    # A line with no weekday hours (none entered, or weekends only) is promised on office hours.
    if not any(weekday < 5 for weekday, _, _ in periods):
        periods = DEFAULT_PERIODS
    return round_up(add_business_hours(received_at, hours, periods=periods, tz=program.tz))


def round_up(moment: datetime.datetime, minutes: int = 15) -> datetime.datetime:
    """2:37 pm -> 2:45 pm: a promise a family can read at a glance, never earlier than computed."""
    moment = moment.replace(second=0, microsecond=0) + datetime.timedelta(
        minutes=0 if (moment.second or moment.microsecond) == 0 else 1
    )
    extra = -moment.minute % minutes
    return moment + datetime.timedelta(minutes=extra)
