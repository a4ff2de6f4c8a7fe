"""The site chrome every template needs: the program, the main menu and the footer's lines and
links (language assistance, nondiscrimination notice), notices and warning signs.

Loaded lazily, once per content version for the whole site (programs.caching), so a page costs
no query for it once the chrome is in the cache.
"""

from django.utils.functional import SimpleLazyObject

from programs.caching import get_chrome
from programs.models import ContactLine, LinePurpose, Page, PageKind, Program

FOOTER_PAGE_KINDS = (PageKind.LANGUAGE_HELP, PageKind.NONDISCRIMINATION)


def get_program(request) -> Program | None:
    chrome = get_chrome(request)
    return chrome.program if chrome else None


def get_lines(request) -> list[ContactLine]:
    """Every published line of the program with its hours: one load serves footer and page."""
    chrome = get_chrome(request)
    return chrome.lines if chrome else []


def get_site_pages(request) -> list[Page]:
    """The published pages every page links to: the main menu's, the footer's and the glossary
    (Page.objects.for_chrome())."""
    chrome = get_chrome(request)
    return chrome.pages if chrome else []


def get_page_of_kind(request, kind: str) -> Page | None:
    """The site's first published page of one of models.LINKED_PAGE_KINDS, e.g. the glossary."""
    return next((page for page in get_site_pages(request) if page.kind == kind), None)


def site(request) -> dict:
    program = SimpleLazyObject(lambda: get_program(request))
    # Page.objects.for_nav(), picked from the pages loaded for the whole site chrome.
    nav_pages = SimpleLazyObject(
        lambda: [page for page in get_site_pages(request) if page.show_in_nav]
    )
    footer_pages = SimpleLazyObject(
        lambda: [
            page
            for kind in FOOTER_PAGE_KINDS
            if (page := get_page_of_kind(request, kind)) is not None
        ]
    )
    footer_lines = SimpleLazyObject(lambda: [ln for ln in get_lines(request) if ln.show_in_footer])
    urgent_line = SimpleLazyObject(
        lambda: next(
            (line for line in footer_lines if line.purpose == LinePurpose.CURRENT_PATIENTS), None
        )
    )
    notices = SimpleLazyObject(lambda: get_chrome(request).notices if get_chrome(request) else [])
    warning_signs = SimpleLazyObject(
        lambda: get_chrome(request).warning_signs if get_chrome(request) else []
    )
    return {
        "program": program,
        "notices": notices,
        "warning_signs": warning_signs,
        "nav_pages": nav_pages,
        "footer_pages": footer_pages,
        "footer_lines": footer_lines,
        "urgent_line": urgent_line,
    }
