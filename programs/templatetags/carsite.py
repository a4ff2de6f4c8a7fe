"""Template helpers for phone numbers and local times."""

import base64
import datetime
import functools
import hashlib

from django import template
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.template.loader import get_template
from django.templatetags.static import static
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from programs.chrome import Chrome, get_chrome
from programs.fields import format_phone

register = template.Library()


@register.filter
def phone(e164: str) -> str:
    """+12155550100 -> (215) 555-0100"""
    return format_phone(e164)


@register.filter
def tel_href(e164: str) -> str:
    """+12155550100 -> tel:+12155550100 (E.164 dials from anywhere)."""
    return f"tel:{e164}" if e164 else ""


@register.filter
def clock(value: datetime.time) -> str:
    """9:00 -> 9 am, 17:30 -> 5:30 pm (in Spanish: 9 a. m., 5:30 p. m.)"""
    if value is None:
        return ""
    hour = value.hour % 12 or 12
    time = f"{hour}" if value.minute == 0 else f"{hour}:{value.minute:02d}"
    if value.hour < 12:
        return _("%(time)s am") % {"time": time}
    return _("%(time)s pm") % {"time": time}


def language_paths(path: str) -> list[dict]:
    """`path` in each language: for the switcher and the hreflang links."""
    current = get_language()
    return [
        {
            "code": code,
            "name": name,
            "path": translate_url(path, code),  # never the query: it may hold answers
            "is_current": code == current,
        }
        for code, name in settings.LANGUAGES
    ]


@register.simple_tag
def absolute_url(path: str) -> str:
    """`path` on the site's configured origin (SITE_URL), never on the request's Host header:
    whole pages are cached and shared, so one visitor's Host must not reach another's links."""
    return settings.SITE_URL + path


@register.simple_tag(takes_context=True)
def language_versions(context) -> list[dict]:
    """This page in each language, with absolute addresses for the hreflang links."""
    request = context["request"]
    return [
        {**version, "url": absolute_url(version["path"])}
        for version in language_paths(request.path)
    ]


MAX_FRAGMENTS = 500  # the header is kept per path: unknown paths must not grow it without end


@register.simple_tag(takes_context=True)
def chrome_part(context, template_name: str, per_path: bool = False) -> str:
    """The header or the footer, rendered once per content version and language (and path, for
    the header's current-page mark and language links) and kept with the site chrome.

    Rendered from the chrome, the language and the path alone, never from the page's context:
    nothing of one visitor's (their account, a form, a message) can reach another's page."""
    request = context.get("request")
    chrome = get_chrome(request) if request is not None else Chrome()
    path = request.path if request is not None and per_path else ""
    key = (template_name, get_language(), path)
    html = chrome.fragments.get(key)
    if html is None:
        html = render_chrome_part(template_name, chrome=chrome, path=path)
        if len(chrome.fragments) < MAX_FRAGMENTS:
            chrome.fragments[key] = html
    return html


def render_chrome_part(template_name: str, *, chrome: Chrome, path: str) -> str:
    context = {"chrome": chrome, "program": chrome.program, "path": path}
    if path:
        context["versions"] = language_paths(path)
    return get_template(template_name).render(context)


@register.filter
def journey_duration(step) -> str:
    """“About 3 to 4 weeks”, “About 5 days”, “Under 1 hour”, in the active language."""
    low, high, unit = step.duration_min, step.duration_max, step.duration_unit
    if low is None and high is None:
        return ""
    names = {
        "hours": lambda n: ngettext("%(n)s hour", "%(n)s hours", n) % {"n": n},
        "days": lambda n: ngettext("%(n)s day", "%(n)s days", n) % {"n": n},
        "weeks": lambda n: ngettext("%(n)s week", "%(n)s weeks", n) % {"n": n},
        "months": lambda n: ngettext("%(n)s month", "%(n)s months", n) % {"n": n},
    }[unit]
    if low is None:
        return _("Up to %(time)s") % {"time": names(high)}
    if high is None or high == low:
        return _("About %(time)s") % {"time": names(low)}
    return _("About %(low)s to %(time)s") % {"low": low, "time": names(high)}


WARNING_GROUP_HEADINGS = {
    "crs": gettext_lazy("Fever and body signs (cytokine release syndrome, CRS)"),
    "nervous": gettext_lazy("Brain and nerve signs"),
    "infection": gettext_lazy("Signs of infection or low blood counts"),
}


@register.filter
def warning_groups(signs) -> list[tuple[str, list]]:
    """Signs grouped under plain headings, in the order staff gave them."""
    groups: dict[str, list] = {}
    for sign in signs:
        groups.setdefault(sign.group, []).append(sign)
    return [(WARNING_GROUP_HEADINGS.get(group, group), items) for group, items in groups.items()]


@register.simple_tag
def script(path: str) -> str:
    """<script defer> for one of our static files, with its Subresource Integrity hash."""
    return format_html(
        '<script src="{}" integrity="{}" defer></script>', static(path), _integrity(path)
    )


@functools.cache
def _integrity(path: str) -> str:
    found = finders.find(path)
    if found:
        with open(found, "rb") as file:
            content = file.read()
    else:  # collected only (production): read it back from the static storage
        with staticfiles_storage.open(path) as file:
            content = file.read()
    return "sha384-" + base64.b64encode(hashlib.sha384(content).digest()).decode()
