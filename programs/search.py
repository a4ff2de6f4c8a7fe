"""Site search: the published pages and families' content, in the active language.

On PostgreSQL it uses full-text search (stemmed, so “children” also finds “child”, ranked by
where the words are). On any other database (SQLite in development) every word must appear
somewhere in the row. Both give the same results: a title, a type, a link and a snippet with the
words found wrapped in <mark>. Only what a family can already see is searched: published rows
whose listing page is published too, and never a page's unpublished draft. A result links to
the place on the page that shows the row (#faq-12), or to the heading of its list when the rows
carry no id of their own (the journey's steps, the team).

A search costs real work (a crafted one about 0.2 s uncached), so each address may search only
SEARCH_RATE_LIMITS times (is_allowed; the proxy limits it too, deploy/nginx.conf).
"""

import dataclasses
import functools
import html
import operator
import re
import time

from django.conf import settings
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.core.cache import cache
from django.db import connection
from django.db.models import F, Func, Model, Q, QuerySet, TextField, Value
from django.db.models.functions import Coalesce, Concat, NullIf
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from inquiries import ratelimit
from programs import kinds
from programs.kinds import Listing
from programs.models import Page, Program
from programs.readability import plain_text

MAX_QUERY_LENGTH = 200
MAX_RESULTS = 50
SNIPPET_CHARS = 220
SEARCH_EMPTY = _("Please type a word or two to search for, such as “insurance” or “school”.")
SEARCH_TOO_LONG = _(
    "That search is too long for us. Please use fewer words (up to 200 letters and spaces)."
)
SEARCH_SLOW_DOWN = _(
    "You searched many times in a short while. Please wait a minute, then search again."
)
# Private-use characters: never in real text, so they can mark matches through escaping.
START, STOP = "\ue000", "\ue001"
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


# Besides the rows each kind of page lists (programs.kinds): the pages themselves, and the
# "staying near" facts, shown on whichever page each one names.
PAGES = Listing("Page", _("Page"), "title", ("summary", "body"), frozenset({"body"}))
STAY_FACTS = Listing("StayNearbyFact", _("Page"), "heading", ("fda_text", "policy_text"), anchor="stay-{row.pk}", on_page="page")  # fmt: skip


def sources() -> list[tuple[str | None, Listing]]:
    """(the kind of page that lists the rows, or None, listing), in tie-break order."""
    return [(None, PAGES), *kinds.listings(), (None, STAY_FACTS)]


@dataclasses.dataclass
class Result:
    title: SafeString  # escaped, with <mark>
    kind: str
    url: str
    snippet: SafeString  # escaped, with <mark>
    rank: float


def clean_query(query: str) -> str:
    return " ".join(CONTROL_CHARACTERS.sub(" ", query).split())


def query_problem(query: str) -> str:
    """Why a query cannot be searched, in words for the family; "" when it can."""
    query = clean_query(query)
    if not query:
        return str(SEARCH_EMPTY)
    if len(query) > MAX_QUERY_LENGTH:
        return str(SEARCH_TOO_LONG)
    return ""


def is_allowed(request) -> bool:
    """Count one search from this address; False past SEARCH_RATE_LIMITS. Counted in the cache,
    not the database: a search writes nothing (shared by every worker with REDIS_URL; each
    process counts alone with the local-memory cache of a development run)."""
    now = int(time.time())
    who = ratelimit.client_key(request)
    allowed = True
    for limit, window in settings.SEARCH_RATE_LIMITS:
        key = f"rl:search:{who}:{window}:{now // window}"
        cache.add(key, 0, timeout=window)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            count = 1
        allowed = allowed and count <= limit
    return allowed


def search(*, program: Program, query: str, language: str, facts=None) -> list[Result]:
    """The best matches for `query`, best first, in `language` (falling back to English).
    `facts`: the program's safety facts by slug (the site chrome has them), for the snippets."""
    query = clean_query(query)
    if query_problem(query):
        return []
    language = (language or "en")[:2]
    all_sources = sources()
    listing_pages = {}
    for page in (
        Page.objects.published()
        .filter(program=program, kind__in=[kind for kind, _source in all_sources if kind])
        .order_by("order", "pk")
    ):
        listing_pages.setdefault(page.kind, page.get_absolute_url())
    find = _postgres_results if connection.vendor == "postgresql" else _simple_results
    results = []
    for page_kind, source in all_sources:  # one query each, however many rows match
        if source.on_page:
            shown_on = Page.objects.published().filter(program=program)
            rows = source.model.objects.filter(
                program=program, **{f"{source.on_page}__in": shown_on}
            ).select_related(source.on_page)
        elif page_kind and page_kind not in listing_pages:
            continue  # nowhere to show these rows
        else:
            rows = source.model.objects.published().filter(program=program)

        def url(row, source=source, page_kind=page_kind) -> str:
            if source.on_page:
                page_url = getattr(row, source.on_page).get_absolute_url()
            elif page_kind is None:
                return row.get_absolute_url()
            else:
                page_url = listing_pages[page_kind]
            return f"{page_url}#{source.anchor.format(row=row)}"

        results += find(source, rows, query=query, language=language, url=url)
    results.sort(key=lambda result: -result.rank)  # stable: ties keep the SOURCES order
    return _with_facts(results[:MAX_RESULTS], program=program, facts=facts)


def _with_facts(results: list[Result], *, program: Program, facts) -> list[Result]:
    """A snippet shows a safety fact's phrase (as words), not its [[fact:…]] placeholder."""
    from django.utils.html import escape, strip_tags

    from programs.templatetags.facts import PLACEHOLDER

    if not any("[[" in result.snippet for result in results):
        return results
    if facts is None:
        facts = {fact.slug: fact for fact in program.facts.select_related("line")}

    def phrase(match) -> str:
        fact = facts.get(match["slug"])
        return escape(strip_tags(fact.phrase())) if fact else ""

    def unmarked(match) -> str:  # PostgreSQL's ts_headline may mark a word inside a placeholder
        return match[0].replace("<mark>", "").replace("</mark>", "")

    for result in results:
        snippet = MARKED_PLACEHOLDER.sub(unmarked, result.snippet)
        result.snippet = mark_safe(PLACEHOLDER.sub(phrase, snippet))
    return results


MARKED_PLACEHOLDER = re.compile(r"\[\[[^\]]*\]\]")


def _in_language(model: type[Model], field: str, language: str):
    """The field's text in `language`: its twin (title_es) when filled in, else the English."""
    twin = f"{field}_{language}"
    if language != "en" and any(f.name == twin for f in model._meta.get_fields()):
        text = TextField()
        return Coalesce(NullIf(F(twin), Value(""), output_field=text), F(field), output_field=text)
    return F(field)


# --- PostgreSQL: full-text search ---------------------------------------------------------------


def _postgres_results(source, rows: QuerySet, *, query: str, language: str, url) -> list[Result]:
    config = "spanish" if language == "es" else "english"
    title = _in_language(source.model, source.title, language)
    texts = []
    for field in source.fields:
        text = _in_language(source.model, field, language)
        if field in source.rich:
            # Tags out, so the snippet shows words only; entities are decoded in Python.
            text = Func(
                text,
                Value("<[^>]*>"),
                Value(" "),
                Value("g"),
                function="regexp_replace",
                output_field=TextField(),
            )
        texts.append(text)
    if not texts:  # the title is all there is (a warning sign)
        text = Value("", output_field=TextField())
    elif len(texts) == 1:
        text = texts[0]
    else:
        text = Concat(*_spaced(texts), output_field=TextField())
    search_query = SearchQuery(query, search_type="websearch", config=config)
    vector = SearchVector(title, weight="A", config=config) + SearchVector(
        text, weight="B", config=config
    )
    marks = {"start_sel": START, "stop_sel": STOP}
    found = (
        rows.annotate(document=vector)
        .filter(document=search_query)
        .annotate(
            rank=SearchRank(vector, search_query),
            title_marked=SearchHeadline(
                title, search_query, config=config, highlight_all=True, **marks
            ),
            snippet_marked=SearchHeadline(
                text,
                search_query,
                config=config,
                max_words=35,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=" … ",
                **marks,
            ),
        )
        .order_by("-rank")[:MAX_RESULTS]
    )
    return [
        Result(
            title=_marked(html.unescape(row.title_marked)),
            kind=source.label,
            url=url(row),
            snippet=_marked(html.unescape(row.snippet_marked)),
            rank=row.rank,
        )
        for row in found
    ]


def _spaced(expressions: list) -> list:
    spaced = [expressions[0]]
    for expression in expressions[1:]:
        spaced += [Value(" "), expression]
    return spaced


def _marked(text: str) -> SafeString:
    """Text from ts_headline: escaped first, then its match markers turned into <mark>."""
    escaped = escape(" ".join(text.replace(START + STOP, "").split()))
    return mark_safe(escaped.replace(START, "<mark>").replace(STOP, "</mark>"))


# --- Elsewhere (SQLite): every word appears -----------------------------------------------------
# No stemming, and SQLite compares letters outside A-Z case-sensitively (“Él” is not “él”).


def _simple_results(source, rows: QuerySet, *, query: str, language: str, url) -> list[Result]:
    words = _words(query)
    if not words:
        return []
    names = [source.title, *source.fields]
    rows = rows.annotate(
        **{f"search_{name}": _in_language(source.model, name, language) for name in names}
    )
    for word in words:  # every word, in any of the fields
        rows = rows.filter(
            functools.reduce(
                operator.or_, (Q(**{f"search_{name}__icontains": word}) for name in names)
            )
        )
    pattern = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)), re.I)
    results = []
    for row in rows[: MAX_RESULTS * 2]:
        title = getattr(row, f"search_{source.title}")
        text = " ".join(
            plain_text(value) if name in source.rich else value
            for name in source.fields
            if (value := getattr(row, f"search_{name}"))
        )
        # The database also matched inside HTML tags; count only words a reader sees.
        if not all(re.search(re.escape(word), f"{title} {text}", re.I) for word in words):
            continue
        results.append(
            Result(
                title=_mark_words(title, pattern),
                kind=source.label,
                url=url(row),
                snippet=_mark_words(_snippet(text, pattern), pattern),
                rank=10 * len(pattern.findall(title)) + len(pattern.findall(text)),
            )
        )
    return results


def _words(query: str) -> list[str]:
    """The words to find, without websearch syntax: quotes and “or” are dropped, and so are
    words after a minus (“-word”, which PostgreSQL reads as “without this word”)."""
    words = []
    for token in query.split():
        if not token.startswith("-") and token.lower() != "or":
            words += re.findall(r"\w[\w'’-]*", token)
    return list(dict.fromkeys(words))


def _snippet(text: str, pattern: re.Pattern) -> str:
    """About SNIPPET_CHARS of `text` around the first match, cut at spaces."""
    match = pattern.search(text)
    if len(text) <= SNIPPET_CHARS:
        return text
    start = max(0, (match.start() if match else 0) - SNIPPET_CHARS // 3)
    if start:
        start = text.find(" ", start) + 1 or start
    end = start + SNIPPET_CHARS
    if end < len(text):
        end = text.rfind(" ", start, end) if " " in text[start:end] else end
    return f"{'… ' if start else ''}{text[start:end].strip()}{' …' if end < len(text) else ''}"


def _mark_words(text: str, pattern: re.Pattern) -> SafeString:
    """Each match wrapped in <mark>, everything escaped."""
    parts, position = [], 0
    for match in pattern.finditer(text):
        parts += [escape(text[position : match.start()]), f"<mark>{escape(match[0])}</mark>"]
        position = match.end()
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))
