"""The process picture: the journey's own steps (titles, typical times, icons) laid out as an
SVG, so the picture and the step list read from the same rows and cannot disagree."""

import dataclasses
import textwrap

from django import template
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.translation import gettext as _

from programs.models import StepPicture
from programs.templatetags.carsite import clock, journey_duration

register = template.Library()

WIDTH = 340
TITLE_CHARS = 22  # a 16 px bold line left of the loop (x 54 to 290), also in Spanish
LINE = 20  # px per title line
TIME_LINE = 19
GAP = 20


@dataclasses.dataclass
class Row:
    number: int
    icon: str
    title_lines: list[str]
    duration: str
    y: int  # the top of the row
    cy: int  # the centre of its circle

    @property
    def duration_y(self) -> int:
        return self.y + LINE * (len(self.title_lines) - 1) + 17  # just under the title


@register.simple_tag
def process_picture(steps) -> dict:
    """Rows for templates/programs/_process.html: where each step sits, its wrapped title, its
    duration, and the loop the cells make from being collected to the infusion."""
    rows, y = [], 8
    for number, step in enumerate(steps, start=1):
        lines = textwrap.wrap(step.tr.title, TITLE_CHARS) or [""]
        duration = journey_duration(step)
        rows.append(Row(number, step.picture or "dot", lines, duration, y, y + 17))
        y += LINE * len(lines) + (TIME_LINE if duration else 0) + GAP
    by_icon = {row.icon: row for row in rows}
    loop = None
    if (start := by_icon.get(StepPicture.COLLECT)) and (end := by_icon.get(StepPicture.INFUSE)):
        loop = {"y1": start.cy, "y2": end.cy, "mid": (start.cy + end.cy) // 2}
    last_cy = rows[-1].cy if rows else 0
    return {"rows": rows, "height": y, "width": WIDTH, "loop": loop, "last_cy": last_cy}


AVATAR_COLOURS = 6  # .avatar-0 … .avatar-5 in static/css/site.css


@register.filter
def initials(name: str) -> str:
    """“Anna Lindqvist” -> “AL”: the initials avatar shown when a person has no photo."""
    words = [word for word in name.split() if word[:1].isalpha() and not word.endswith(".")]
    if not words:
        return ""
    picked = words if len(words) < 3 else [words[0], words[-1]]
    return "".join(word[0].upper() for word in picked[:2])


@register.filter
def avatar_colour(name: str) -> int:
    """One of the calm avatar colours, the same for a name every time (a class, not a style
    attribute, which the CSP forbids)."""
    return sum(map(ord, name)) % AVATAR_COLOURS


PURPOSE_ICONS = {
    "information": "info",
    "new_patients": "person",
    "referrals": "doctor",
    "adult_program": "person",
    "current_patients": "clock",
    "trials": "study",
}


@register.filter
def purpose_icon(purpose: str) -> str:
    """The small icon beside a phone line's name, by what the line is for."""
    return PURPOSE_ICONS.get(purpose, "phone")


@register.filter
def hours_summary(line) -> str:
    """A line's week in a few words, for the printed guide: “Mon–Fri 8 am to 6 pm; Sat 9 am to
    1 pm”. Days with the same hours are joined; closed days are left out."""
    runs: list[list] = []  # [first day, last day, periods] of consecutive days alike
    for day in range(7):
        periods = tuple((h.opens, h.closes) for h in line._hours if h.weekday == day)
        if runs and runs[-1][2] == periods and runs[-1][1] == day - 1:
            runs[-1][1] = day
        else:
            runs.append([day, day, periods])
    parts = []
    for first, last, periods in runs:
        if not periods:
            continue
        days = (
            WEEKDAYS_ABBR[first]
            if first == last
            else f"{WEEKDAYS_ABBR[first]}–{WEEKDAYS_ABBR[last]}"
        )
        times = ", ".join(
            _("%(opens)s to %(closes)s") % {"opens": clock(opens), "closes": clock(closes)}
            for opens, closes in periods
        )
        parts.append(f"{days} {times}")
    return "; ".join(parts)
