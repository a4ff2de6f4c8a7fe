"""Safety facts in text: `[[fact:<slug>]]` becomes the fact's phrase when text is rendered.

    {{ page.tr.body|safe|facts:chrome|glossary_links:glossary }}   rich text (stored sanitized)
    {{ sign.tr.text|facts:chrome }}                                 plain text: escaped first
    {% fact "fever" %}                                              in a template

A fact is kept once (programs.models.Fact), so a changed number shows on every page on the next
request (the chrome, which holds the facts, is rebuilt per content version), in both languages.
An unknown slug renders as nothing: the admin's checks and the tests report it instead.
"""

import re

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe

register = template.Library()

PLACEHOLDER = re.compile(r"\[\[\s*fact:\s*(?P<slug>[-\w]+)\s*\]\]")
UNKNOWN_FACT = (
    "“[[fact:{slug}]]” names no fact, so families see nothing there. Known facts: {known}."
)


def placeholders(text: str) -> list[str]:
    """The fact slugs a text uses, in order (repeated as often as they appear)."""
    return PLACEHOLDER.findall(text or "")


def expand_facts(html: str, facts: dict) -> str:
    """`html` (already safe HTML) with each placeholder replaced by its fact's phrase in the
    active language; an unknown one by nothing."""
    if not html or "[[" not in html:
        return html

    def phrase(match: re.Match) -> str:
        fact = facts.get(match["slug"])
        return fact.phrase() if fact is not None else ""

    return PLACEHOLDER.sub(phrase, html)


def unknown_facts(text: str, known) -> list[str]:
    """Problems to show an editor: each placeholder in `text` that names no fact in `known`."""
    known = set(known)
    return [
        UNKNOWN_FACT.format(slug=slug, known=", ".join(sorted(known)) or "none yet")
        for slug in dict.fromkeys(placeholders(text))
        if slug not in known
    ]


@register.filter(needs_autoescape=True)
def facts(text, chrome, autoescape=True):
    """Plain text is escaped first (nothing typed runs as HTML); text marked safe (rich text,
    sanitized when stored; or the output of linebreaksbr) is expanded as it is."""
    if text is None or text == "":
        return ""
    if autoescape and not isinstance(text, SafeData):
        text = conditional_escape(text)
    return mark_safe(expand_facts(str(text), getattr(chrome, "facts", None) or {}))


@register.simple_tag(takes_context=True)
def fact(context, slug: str) -> str:
    """One fact's phrase in the active language (nothing for an unknown slug)."""
    found = (getattr(context.get("chrome"), "facts", None) or {}).get(slug)
    return mark_safe(found.phrase()) if found is not None else ""


@register.filter
def get_fact(facts: dict, slug: str):
    """{% with stay=chrome.facts|get_fact:"fda-stay-near" %}: the Fact, or None."""
    return (facts or {}).get(slug)
