"""Promised callback times in words families read: “by 2 pm on Monday, November 23”, or in
Spanish “antes de las 2 p. m. del lunes 23 de noviembre”."""

import datetime

from django import template
from django.utils import formats
from django.utils.translation import ngettext, pgettext

from programs.templatetags.carsite import clock

register = template.Library()


@register.simple_tag
def due_phrase(due_by: datetime.datetime, tz: datetime.tzinfo) -> str:
    """In the active language. Staff emails call it inside translation.override("en")."""
    local = due_by.astimezone(tz)
    # Translators: a Django date format (as for the |date filter) for the day of a promised
    # call: “Monday, November 23”. Escape plain letters with a backslash.
    day = formats.date_format(local, pgettext("due-by day", "l, F j"))
    hour = local.hour % 12 or 12
    # The count is the clock hour, so languages can say “a la 1” but “a las 5”.
    phrase = ngettext("by %(time)s on %(day)s", "by %(time)s on %(day)s", hour)
    return phrase % {"time": clock(local.time().replace(second=0, microsecond=0)), "day": day}
