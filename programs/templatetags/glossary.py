"""{{ page.tr.body|glossary_links:glossary|safe }}: medical words defined at first use.

The first use of each published glossary term in a page's text links to its definition on the
glossary page (plain-language guidance: explain each medical term the first time it appears).
Never inside a link or a heading; never on the glossary page itself (the view passes no glossary).
"""

import dataclasses
import html
import re
from html.parser import HTMLParser

from django import template
from django.utils.html import format_html

register = template.Library()

# Text inside these is never linked: a link cannot hold a link, and headings stay plain.
NO_LINKS_INSIDE = {"a", "h1", "h2", "h3", "h4", "h5", "h6"}
VOID_TAGS = {"area", "br", "col", "embed", "hr", "img", "input", "source", "track", "wbr"}
TAG_NAME = re.compile(r"^[a-z][a-z0-9]*$")
ATTRIBUTE_NAME = re.compile(r"^[a-z_:][-a-z0-9_:.]*$")


@dataclasses.dataclass(frozen=True)
class Glossary:
    """What the filter needs: the glossary page's address and (term as written, slug) pairs."""

    url: str
    terms: tuple[tuple[str, str], ...]

    @property
    def pattern(self) -> re.Pattern | None:
        """Any term as a whole word, longest first (so “B-cell ALL” wins over “B-cell”), with an
        optional plural “s”. Terms in capitals (CAR, CRS) match only in capitals: “car” is not
        “CAR”. Other terms match in any case."""
        alternatives = [
            re.escape(term) if term.isupper() else f"(?i:{re.escape(term)})"
            for term, _slug in sorted(self.terms, key=lambda pair: -len(pair[0]))
            if term.strip()
        ]
        if not alternatives:
            return None
        return re.compile(rf"(?<![\w-])(?P<term>{'|'.join(alternatives)})(?i:s)?(?![\w-])")


class _TermLinker(HTMLParser):
    """Re-emits already-sanitized HTML tag by tag, with text escaped again, linking terms."""

    def __init__(self, glossary: Glossary, pattern: re.Pattern):
        super().__init__(convert_charrefs=True)  # text arrives unescaped; we escape it again
        self.glossary = glossary
        self.pattern = pattern
        self.unlinked: dict[str, str] = {}
        for term, slug in glossary.terms:
            self.unlinked.setdefault(term.casefold(), slug)
        self.parts: list[str] = []
        self.depth_without_links = 0
        self.linked = 0

    def handle_starttag(self, tag, attrs):
        if not TAG_NAME.match(tag):
            return
        attributes = "".join(
            f' {name}="{html.escape(value, quote=True)}"' if value is not None else f" {name}"
            for name, value in attrs
            if ATTRIBUTE_NAME.match(name)
        )
        self.parts.append(f"<{tag}{attributes}>")
        if tag in NO_LINKS_INSIDE:
            self.depth_without_links += 1

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in NO_LINKS_INSIDE and TAG_NAME.match(tag):  # <a/> opens nothing
            self.depth_without_links -= 1

    def handle_endtag(self, tag):
        if not TAG_NAME.match(tag) or tag in VOID_TAGS:
            return
        self.parts.append(f"</{tag}>")
        if tag in NO_LINKS_INSIDE and self.depth_without_links:
            self.depth_without_links -= 1

    def handle_data(self, data):
        if self.depth_without_links or not self.unlinked:
            self.parts.append(html.escape(data, quote=False))
            return
        position = 0
        for match in self.pattern.finditer(data):
            slug = self.unlinked.pop(match.group("term").casefold(), None)
            if slug is None:  # linked before: only the first use links
                continue
            self.parts.append(html.escape(data[position : match.start()], quote=False))
            self.parts.append(
                format_html(
                    '<a class="term" href="{}#term-{}">{}</a>', self.glossary.url, slug, match[0]
                )
            )
            self.linked += 1
            position = match.end()
        self.parts.append(html.escape(data[position:], quote=False))


def link_terms(body: str, glossary: Glossary | None) -> str:
    """`body` (sanitized HTML) with the first use of each term linked; unchanged when there is no
    glossary or nothing to link."""
    pattern = glossary.pattern if glossary else None
    if not body or pattern is None:
        return body
    linker = _TermLinker(glossary, pattern)
    linker.feed(body)
    linker.close()
    if not linker.linked:
        return body
    return "".join(linker.parts)


@register.filter(is_safe=True)
def glossary_links(body: str, glossary: Glossary | None) -> str:
    """As safe as its input: the page body was sanitized when saved, and link_terms escapes
    every piece of text and every attribute it re-emits. The template still says `|safe`."""
    return link_terms(body, glossary)
