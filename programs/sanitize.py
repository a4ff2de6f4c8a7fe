"""The one allowlist every stored rich text passes through, so nothing an editor pastes can run.
programs.fields.RichTextField is the only caller: it sanitizes whenever rich text is cleaned or
saved. One-line texts (site notices) keep only the allowlist's inline part."""

import re
import string
from html.parser import HTMLParser

import nh3

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s", "sub", "sup", "small",
    "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "q", "cite", "abbr", "a", "img", "figure",
    "figcaption", "table", "thead", "tbody", "tr", "th", "td", "caption", "span", "div", "section",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "abbr": {"title"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
    "*": {"id", "lang", "dir"},
}
# No javascript:, data: or vbscript: links; relative links stay allowed.
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}
# The part of the allowlist a one-line text keeps: links and emphasis.
INLINE_TAGS = ALLOWED_TAGS & {"a", "strong", "em", "b", "i", "br"}
INLINE_ATTRIBUTES = {"a": {"href"}}
# What the editor leaves in a field it was asked to empty.
EMPTY_ELEMENT = re.compile(r"^<(?P<tag>\w+)></(?P=tag)>$")


def _clean(html: str, *, tags: set, attributes: dict) -> str:
    if not html:
        return ""
    cleaned = nh3.clean(
        html,
        tags=tags,
        attributes=attributes,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()
    return "" if EMPTY_ELEMENT.match(cleaned) else cleaned


def sanitize_html(html: str) -> str:
    """Strip scripts, event handlers, inline styles and unsafe links; keep simple formatting."""
    return _clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES)


def sanitize_inline(html: str) -> str:
    """For one-line texts such as site notices: links and emphasis only."""
    return _clean(html, tags=INLINE_TAGS, attributes=INLINE_ATTRIBUTES)


# Content checks: what an editor's saved text gets wrong for people using screen readers, in the
# words we show them. Run on the sanitized body.
IMAGE_WITHOUT_ALT = (
    "Every image needs alt text that says what it shows. Add it to the image “{src}”."
)
HEADING_1_IN_BODY = (
    "Change the heading “{text}” to Heading 2. The page title is the page's only Heading 1."
)
HEADING_SKIPS_LEVEL = (
    "The heading “{text}” skips a level. Make it Heading {expected}, "
    "or put a Heading {expected} before it."
)
VAGUE_LINK = (
    "The link “{text}” to {href} does not say where it goes. "
    "Use words that name the page, like “Who CAR T-cell therapy is for”."
)
EMPTY_LINK = "The link to {href} has no words, so no one can tell where it goes. Add a few words."
VAGUE_LINK_TEXTS = {"click here", "here", "read more", "more", "link", "this link", "learn more"}
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}


class _ContentChecker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.level = 1  # the page title; the body starts at Heading 2
        self.heading: tuple[int, list[str]] | None = None  # (level, text) while inside one
        self.link: tuple[str, list[str]] | None = None  # (href, text and image alts)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "img":
            alt = (attrs.get("alt") or "").strip()
            if not alt:
                self.problems.append(IMAGE_WITHOUT_ALT.format(src=attrs.get("src") or ""))
            if self.link:
                self.link[1].append(f" {alt} ")  # a linked image's alt is the link's name
        elif tag == "a" and "href" in attrs:
            self.link = (attrs["href"] or "", [])
        elif tag in HEADINGS:
            self.heading = (HEADINGS[tag], [])

    def handle_data(self, data):
        for element in (self.heading, self.link):
            if element:
                element[1].append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self.link:
            self._check_link(self.link[0], _words(self.link[1]))
            self.link = None
        elif tag in HEADINGS and self.heading:
            self._check_heading(self.heading[0], _words(self.heading[1]))
            self.heading = None

    def _check_link(self, href: str, text: str) -> None:
        if not text:
            self.problems.append(EMPTY_LINK.format(href=href))
        elif text.strip(string.punctuation + "…“”‘’ ").lower() in VAGUE_LINK_TEXTS:
            self.problems.append(VAGUE_LINK.format(text=text, href=href))

    def _check_heading(self, level: int, text: str) -> None:
        if level == 1:
            self.problems.append(HEADING_1_IN_BODY.format(text=text))
        elif level > self.level + 1:
            self.problems.append(HEADING_SKIPS_LEVEL.format(text=text, expected=self.level + 1))
        self.level = level


def _words(parts: list[str]) -> str:
    return " ".join("".join(parts).split())


def content_problems(html: str) -> list[str]:
    """Accessibility mistakes in a page body, as plain sentences for the editor; [] when none."""
    checker = _ContentChecker()
    checker.feed(html or "")
    checker.close()
    return checker.problems
