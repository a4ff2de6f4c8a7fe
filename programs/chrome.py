"""The site chrome: what every public page shows around its content (the program, the main menu,
the footer's lines and links, notices, warning signs, the glossary's terms, the "staying near"
blocks and the safety facts that text shows by placeholder). One object, built once per content
version for the whole site and kept in the cache (programs.caching), which a view gets from
get_chrome(request).

The rendered header and footer are kept with it (programs.templatetags.carsite.chrome_part).
They are rendered from the chrome alone, never from a visitor's context, so they cannot carry
anything of one visitor's to another.
"""

import dataclasses
import datetime

from django.conf import settings
from django.core.cache import cache
from django.db.models import Min, Q
from django.utils import timezone

from programs import kinds
from programs.caching import CHROME_TTL, content_version, seconds_left
from programs.models import LinePurpose, Page, PageKind, Program, SiteNotice
from programs.templatetags.glossary import Glossary


@dataclasses.dataclass
class Chrome:
    program: Program | None = None
    pages: list = dataclasses.field(default_factory=list)  # the menu's and kinds.linked_kinds()
    lines: list = dataclasses.field(default_factory=list)  # every published line, with hours
    notices: list = dataclasses.field(default_factory=list)
    warning_signs: list = dataclasses.field(default_factory=list)
    glossary_terms: list = dataclasses.field(default_factory=list)
    stay_facts: dict = dataclasses.field(default_factory=dict)  # page id -> its blocks
    facts: dict = dataclasses.field(default_factory=dict)  # slug -> safety Fact ([[fact:slug]])
    valid_until: datetime.datetime | None = None  # the next scheduled change, if any
    # Rendered header and footer, per language (and path), filled in by this process only:
    # they go when the chrome goes (a content change, or its valid_until passing).
    fragments: dict = dataclasses.field(default_factory=dict, compare=False)

    def __getstate__(self):
        return {**self.__dict__, "fragments": {}}

    @property
    def nav_pages(self) -> list[Page]:
        """Page.objects.for_nav(), picked from the pages loaded with the chrome."""
        return [page for page in self.pages if page.show_in_nav]

    @property
    def more_pages(self) -> list[Page]:
        """The menu's "More" group: the pages of kinds.more_kinds() not in the menu itself."""
        more = kinds.more_kinds()
        return [page for page in self.pages if page.kind in more and not page.show_in_nav]

    @property
    def reading_order(self) -> list[Page]:
        """The menu's pages, then the "More" group's: the order a family reads the site in,
        which each page's "Next" link follows."""
        return [*self.nav_pages, *self.more_pages]

    def next_page(self, page: Page | None) -> Page | None:
        """The page after `page` in reading_order; the first page after a page outside it (the
        footer's pages); None after the last."""
        order = self.reading_order
        ids = [each.pk for each in order]
        if page is None or page.pk not in ids:
            return order[0] if order and (page is None or order[0].pk != page.pk) else None
        index = ids.index(page.pk)
        return order[index + 1] if index + 1 < len(order) else None

    @property
    def footer_pages(self) -> list[tuple[Page, str]]:
        """(page, the footer's name for it): language help and the nondiscrimination notice."""
        return [
            (page, label)
            for kind, label in kinds.footer_kinds()
            if (page := self.page_of_kind(kind)) is not None
        ]

    @property
    def footer_lines(self) -> list:
        return [line for line in self.lines if line.show_in_footer]

    @property
    def home_lines(self) -> list:
        return [line for line in self.lines if line.show_on_home]

    @property
    def header_line(self):
        """The line the header calls (Program.header_line), while it is published."""
        if self.program is None or self.program.header_line_id is None:
            return None
        return next((ln for ln in self.lines if ln.pk == self.program.header_line_id), None)

    @property
    def header_phone(self) -> str:
        """The one number in the header: the header line's, else the program's main phone."""
        line = self.header_line
        return line.phone if line else (self.program.main_phone if self.program else "")

    @property
    def urgent_line(self):
        """The 24/7 line for current patients, named wherever warning signs are: the line of the
        safety fact “line-24-7” (one source for its number), else the current patients' line."""
        fact = self.facts.get("line-24-7")
        if fact is not None and fact.line_id:
            return next((ln for ln in self.lines if ln.pk == fact.line_id), fact.line)
        return next((ln for ln in self.footer_lines if ln.purpose == LinePurpose.CURRENT_PATIENTS), None)  # fmt: skip

    def page_of_kind(self, kind: str) -> Page | None:
        """The site's first published page of a kind loaded with the chrome (or in the menu)."""
        first: dict[str, Page] = {}
        for page in self.pages:  # in menu order
            first.setdefault(page.kind, page)
        return first.get(kind)

    def glossary_for(self, page: Page | None) -> Glossary | None:
        """The terms to link in a page's text: none on the glossary page itself, none without a
        published glossary page of the page's own program."""
        glossary_page = self.page_of_kind(PageKind.GLOSSARY)
        if glossary_page is None or (page is not None and kinds.kind_of(page).linked_from_text):
            return None  # (the glossary's own page does not link its terms to itself)
        if page is not None and glossary_page.program_id != page.program_id:
            return None
        return Glossary(
            url=glossary_page.get_absolute_url(),
            terms=tuple((term.tr.term, term.slug) for term in self.glossary_terms),
        )


def _next_change(program, now) -> datetime.datetime | None:
    """The next moment something scheduled appears or disappears."""
    times = []
    for model, fields in (
        (Page, ("publish_at", "unpublish_at")),
        (SiteNotice, ("starts_at", "ends_at")),
    ):
        found = model.objects.filter(program=program).aggregate(
            **{name: Min(name, filter=Q(**{f"{name}__gt": now})) for name in fields}
        )
        times += [value for value in found.values() if value]
    return min(times, default=None)


def _next_opening_or_closing(lines, tz, now) -> datetime.datetime | None:
    """When the first shown line opens or closes: its "Open now" / "Closed now" flips then."""
    local = now.astimezone(tz)
    for day in range(8):  # a week ahead covers every weekday's hours
        date = local.date() + datetime.timedelta(days=day)
        times = [
            moment
            for line in lines
            if not line.is_24_7
            for hours in line._hours
            if hours.weekday == date.weekday()
            for at in (hours.opens, hours.closes)
            if (moment := datetime.datetime.combine(date, at, tzinfo=tz)) > now
        ]
        if times:
            return min(times)
    return None


def chrome_build(program: Program, now: datetime.datetime) -> Chrome:
    pages = list(program.pages.for_chrome(kinds.linked_kinds()))
    lines = list(program.lines.published().with_hours())
    for line in lines:
        line.program = program
    stay: dict[int, list] = {}
    for fact in program.stay_nearby_facts.all():
        stay.setdefault(fact.page_id, []).append(fact)
    changes = (_next_change(program, now), _next_opening_or_closing(lines, program.tz, now))
    return Chrome(
        program=program,
        pages=pages,
        lines=lines,
        notices=list(program.notices.current(now)),
        warning_signs=list(program.warning_signs.published()),
        glossary_terms=list(program.glossary_terms.published().only("term", "term_es", "slug")),
        stay_facts=stay,
        facts={fact.slug: fact for fact in program.facts.select_related("line")},
        valid_until=min((moment for moment in changes if moment), default=None),
    )


_process_chrome: dict = {}


def get_chrome(request) -> Chrome:
    """This request's chrome: from the cache when the content has not changed since. Before any
    program is set up, a chrome without a program."""
    if hasattr(request, "_carsite_chrome"):
        return request._carsite_chrome
    now = timezone.now()
    version = getattr(request, "_carsite_version", None) or content_version()
    request._carsite_version = version
    key = f"chrome:{settings.CARSITE_PROGRAM}:{version}"
    # This process's copy first: unpickling the chrome from the cache on every page cost more
    # than rendering it. The version in the key keeps every copy honest.
    chrome = _process_chrome.get(key) or cache.get(key)
    if chrome is None or (chrome.valid_until and chrome.valid_until <= now):
        program = Program.objects.for_site()
        chrome = chrome_build(program, now) if program else Chrome()
        cache.set(key, chrome, seconds_left(chrome.valid_until, now, CHROME_TTL))
    _process_chrome.clear()
    _process_chrome[key] = chrome
    request._carsite_chrome = chrome
    return chrome
