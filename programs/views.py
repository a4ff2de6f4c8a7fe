from django.conf import settings
from django.db import connection
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.utils.translation import get_language, override
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from programs import kinds
from programs import search as site_search
from programs.caching import cached_public_page
from programs.chrome import get_chrome
from programs.models import Page, PageKind, Program


def _program_or_404(request) -> Program:
    program = get_chrome(request).program
    if program is None:
        raise Http404(
            "No program is set up yet. Run `manage.py load_demo` or add one in the admin."
        )
    return program


@require_safe
@cached_public_page
def home(request):
    program = _program_or_404(request)
    context = {
        "conditions": list(program.conditions.published()),
        "eligibility_page": get_chrome(request).page_of_kind(PageKind.CONDITIONS),
        "journey_steps": list(program.journey_steps.published()),  # the process picture
    }
    return render(request, "programs/home.html", context)


@require_safe
@cached_public_page
def page_detail(request, slug: str):
    program = _program_or_404(request)
    page = get_object_or_404(Page.objects.published(), program=program, slug=slug)
    page.program = program  # already loaded for this request
    return render(request, "programs/page_detail.html", page_context(request, page))


def page_context(request, page: Page) -> dict:
    """A page, and what its kind shows after its text (programs.kinds); shared with the
    admin's draft preview."""
    chrome = get_chrome(request)
    kind = kinds.kind_of(page)
    listed = kind.load(page.program, chrome)
    return {
        "page": page,
        "kind": kind,
        "stay_nearby_facts": chrome.stay_facts.get(page.pk, []),
        "glossary": chrome.glossary_for(page),
        "next_page": chrome.next_page(page),
        "english_update": english_update(page, listed),
        **listed,
    }


# What families read on a page: when its English changes, the Spanish page says so.
PAGE_TEXT_FIELDS = ("title", "summary", "body")


def _rows(listed: dict):
    """The rows a page's kind loaded (kinds.Kind.load): lists of rows, or of (heading, rows)."""
    for value in listed.values():
        for item in value if isinstance(value, list) else ():
            if isinstance(item, tuple):
                yield from (row for row in item[-1] if hasattr(row, "stale_translations"))
            elif hasattr(item, "stale_translations"):
                yield item


def english_update(page: Page, listed: dict) -> dict | None:
    """On a Spanish page whose Spanish was translated from an older English (its own text, or
    a row it lists): when the English changed, and the English page's address."""
    if get_language() == settings.LANGUAGE_CODE or not page.pk:
        return None
    dates = [
        row.english_updated_at or row.updated_at
        for row in _rows(listed)
        if row.stale_translations()
    ]
    if set(page.stale_translations()) & set(PAGE_TEXT_FIELDS):
        dates.append(page.english_updated_at or page.updated_at)
    if not dates:
        return None
    with override(settings.LANGUAGE_CODE):
        url = page.get_absolute_url()
    return {"date": max(dates), "url": url}


@require_safe
@cached_public_page
def family_guide(request):
    """One printable page: the journey, the warning signs, and every number to call."""
    program = _program_or_404(request)
    chrome = get_chrome(request)
    context = {
        "journey_steps": list(program.journey_steps.published()),
        "lines": chrome.lines,
        "coordinators": list(program.coordinators.published()),
    }
    return render(request, "programs/family_guide.html", context)


@require_safe
def search(request):
    """Search the published pages and families' content, in the page's language."""
    program = _program_or_404(request)
    query = request.GET.get("q")
    context = {"query": query or "", "results": None, "message": ""}
    if query is not None:
        problem = site_search.query_problem(query)
        if problem:
            context["message"] = problem
        elif not site_search.is_allowed(request):
            context["message"] = site_search.SEARCH_SLOW_DOWN
            return render(request, "programs/search.html", context, status=429)
        else:
            context["results"] = site_search.search(
                program=program,
                query=query,
                language=get_language(),
                facts=get_chrome(request).facts,
            )
    return render(request, "programs/search.html", context)


@require_safe
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = ["User-agent: *", "Disallow: /search/", "Disallow: /request-a-call-back/thanks/"]
    if settings.ADMIN_URL == "admin/":  # a custom admin address is not advertised here
        lines.append("Disallow: /admin/")
    lines.append(f"Sitemap: {settings.SITE_URL}/sitemap.xml")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
def favicon(request):
    """Browsers ask for /favicon.ico; the file itself is a hashed, long-cached static file."""
    return redirect(static("img/favicon.ico"), permanent=True)


@require_safe
@cache_control(no_store=True)
def ping(request):
    """Liveness: the process answers. No database, no template (also the benchmark's baseline)."""
    return HttpResponse("ok", content_type="text/plain")


@require_safe
@cache_control(no_store=True)
def healthz(request):
    """For a load balancer: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means "not healthy"
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
