from django.conf import settings
from django.db import connection
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from programs import search as site_search
from programs.caching import cached_public_page, get_chrome
from programs.context_processors import get_lines, get_page_of_kind, get_program
from programs.models import Page, PageKind, Program, ResourceCategory
from programs.templatetags.glossary import Glossary


def _program_or_404(request) -> Program:
    program = get_program(request)
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
        "home_lines": [line for line in get_lines(request) if line.show_on_home],
        "conditions": list(program.conditions.published()),
        "eligibility_page": get_page_of_kind(request, PageKind.CONDITIONS),
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
    """What a page shows after its text; shared with the admin's draft preview."""
    program = page.program
    chrome = get_chrome(request)
    context = {
        "page": page,
        "stay_nearby_facts": chrome.stay_facts.get(page.pk, []) if chrome else [],
    }
    if page.kind == PageKind.TEAM:
        context["team_members"] = list(program.team_members.published())
    elif page.kind == PageKind.CONTACTS:
        context["lines"] = get_lines(request)
        context["coordinators"] = list(program.coordinators.published())
    elif page.kind == PageKind.CONDITIONS:
        context["conditions"] = list(program.conditions.published())
    elif page.kind == PageKind.JOURNEY:
        context["journey_steps"] = list(program.journey_steps.published())
    elif page.kind == PageKind.FAQ:
        context["faq_groups"] = _grouped(program.faqs.published(), key=lambda faq: faq.tr.category)
    elif page.kind == PageKind.GLOSSARY:
        terms = program.glossary_terms.published()
        context["glossary_terms"] = sorted(terms, key=lambda term: term.tr.term.casefold())
    elif page.kind == PageKind.STORIES:
        context["stories"] = list(program.stories.published())
    elif page.kind == PageKind.TRIALS:
        trials = program.trials.published().select_related("coordinator", "line")
        context["trials"] = list(trials)
    elif page.kind == PageKind.RESOURCES:
        by_category = dict(_grouped(program.resources.published(), key=lambda r: r.category))
        context["resource_groups"] = [
            (category, by_category[category.value])
            for category in ResourceCategory
            if category.value in by_category
        ]
    elif page.kind == PageKind.LANGUAGE_HELP:
        context["taglines"] = list(program.language_taglines.published())
    # The glossary page itself gets no links to itself.
    context["glossary"] = None if page.kind == PageKind.GLOSSARY else _glossary(request, program)
    return context


def _grouped(rows, *, key) -> list[tuple[str, list]]:
    """[(key, rows)] in the order each key first appears (rows come in their own order)."""
    groups: dict[str, list] = {}
    for row in rows:
        groups.setdefault(key(row), []).append(row)
    return list(groups.items())


def _glossary(request, program: Program) -> Glossary | None:
    """The published terms, for linking their first use in page text; None without a
    published glossary page. One query (the page comes with the site chrome's pages)."""
    glossary_page = get_page_of_kind(request, PageKind.GLOSSARY)
    if glossary_page is None or glossary_page.program_id != program.pk:
        return None
    terms = get_chrome(request).glossary_terms
    return Glossary(
        url=glossary_page.get_absolute_url(),
        terms=tuple((term.tr.term, term.slug) for term in terms),
    )


@require_safe
@cached_public_page
def family_guide(request):
    """One printable page: the journey, the warning signs, and every number to call."""
    program = _program_or_404(request)
    context = {
        "journey_steps": list(program.journey_steps.published()),
        "lines": get_lines(request),
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
        else:
            context["results"] = site_search.search(
                program=program, query=query, language=get_language()
            )
    return render(request, "programs/search.html", context)


@require_safe
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = ["User-agent: *", "Disallow: /search/", "Disallow: /request-a-call-back/thanks/"]
    if settings.ADMIN_URL == "admin/":  # a custom admin address is not advertised here
        lines.append("Disallow: /admin/")
    lines.append(f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}")
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
