"""Fast public pages without stale ones.

- The site chrome (program, menu and footer pages, phone lines with their hours, notices,
  warning signs, glossary terms, "staying near" facts) is built once per content version and
  kept in the cache: a page render then needs at most its own page and one list.
- Whole public pages, for visitors without a session, are cached per content version,
  language and path, compressed once, and answered with an ETag (304 on a repeat visit).
- Any save or delete of content bumps ContentVersion (signals, and content_changed() after
  bulk updates), so the next request in every worker sees the new version: no stale page after
  a publish. Timed publishing (publish at / unpublish at, notice start / end) needs no job:
  cached entries never outlive the next scheduled change, nor the next time a shown phone line
  opens or closes (its "Open now" label).
"""

import datetime
import gzip
import hashlib
from dataclasses import dataclass, field
from functools import wraps

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import F, Min, Q
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

PAGE_TTL = 600  # seconds; content changes are picked up at once through the version anyway
CHROME_TTL = 3600


def content_version() -> int:
    """One indexed read per request (plain SQL: it runs on every page, cached or not)."""
    from programs.models import ContentVersion

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT version FROM {ContentVersion._meta.db_table} WHERE id = 1")  # noqa: S608
        row = cursor.fetchone()
    return row[0] if row else 0


def content_changed() -> None:
    """Call after changing content without save() (bulk updates); signals do it otherwise."""
    from programs.models import ContentVersion

    # In the same transaction as the change: other workers see both at once, at commit.
    updated = ContentVersion.objects.filter(pk=1).update(
        version=F("version") + 1, changed_at=timezone.now()
    )
    if not updated:
        ContentVersion.objects.get_or_create(pk=1, defaults={"version": 2})


def _on_content_saved(sender, **kwargs):
    if kwargs.get("raw"):
        return
    content_changed()


def connect_signals() -> None:
    """Every model of the programs app (its history tables too, which change with them)."""
    for model in apps.get_app_config("programs").get_models():
        if model.__name__ == "ContentVersion":
            continue
        post_save.connect(_on_content_saved, sender=model, dispatch_uid=f"content-{model.__name__}")
        post_delete.connect(
            _on_content_saved, sender=model, dispatch_uid=f"content-del-{model.__name__}"
        )


@dataclass
class Chrome:
    program: object
    pages: list = field(default_factory=list)
    lines: list = field(default_factory=list)
    notices: list = field(default_factory=list)
    warning_signs: list = field(default_factory=list)
    glossary_terms: list = field(default_factory=list)
    stay_facts: dict = field(default_factory=dict)
    valid_until: datetime.datetime | None = None
    # Rendered header and footer, per language (and path), filled in by this process only:
    # they go when the chrome goes (a content change, or its valid_until passing).
    fragments: dict = field(default_factory=dict, compare=False)

    def __getstate__(self):
        return {**self.__dict__, "fragments": {}}


def _next_change(program, now) -> datetime.datetime | None:
    """The next moment something scheduled appears or disappears."""
    from programs.models import Page, SiteNotice

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
    times = []
    for day in range(8):  # a week ahead covers every weekday's hours
        date = local.date() + datetime.timedelta(days=day)
        for line in lines:
            if line.is_24_7:
                continue
            for hours in line._hours:
                if hours.weekday != date.weekday():
                    continue
                for at in (hours.opens, hours.closes):
                    moment = datetime.datetime.combine(date, at, tzinfo=tz)
                    if moment > now:
                        times.append(moment)
        if times:
            return min(times)
    return None


def build_chrome(program, now) -> Chrome:
    pages = list(program.pages.for_chrome())
    lines = list(program.lines.published().with_hours())
    for line in lines:
        line.program = program
    stay = {}
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
        valid_until=min((moment for moment in changes if moment), default=None),
    )


_process_chrome: dict = {}


def _seconds_left(valid_until, now, ttl: int) -> int:
    if valid_until is None:
        return ttl
    return max(1, min(ttl, int((valid_until - now).total_seconds())))


def get_chrome(request):
    """This request's chrome: from the cache when the content has not changed since."""
    if hasattr(request, "_carsite_chrome"):
        return request._carsite_chrome
    from programs.models import Program

    now = timezone.now()
    version = getattr(request, "_carsite_version", None) or content_version()
    request._carsite_version = version
    key = f"chrome:{settings.CARSITE_PROGRAM}:{version}"
    # This process's copy first: unpickling the chrome from the cache on every page cost more
    # than rendering it. The version in the key keeps every copy honest.
    chrome = _process_chrome.get(key) or cache.get(key)
    if chrome is None or (chrome.valid_until and chrome.valid_until <= now):
        program = Program.objects.for_site()
        chrome = build_chrome(program, now) if program else None
        timeout = _seconds_left(chrome.valid_until if chrome else None, now, CHROME_TTL)
        cache.set(key, chrome, timeout)
    _process_chrome.clear()
    _process_chrome[key] = chrome
    request._carsite_chrome = chrome
    return chrome


def cached_public_page(view):
    """Cache a public page's whole response for visitors without a session."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if (
            request.method not in ("GET", "HEAD")
            or request.GET
            or settings.SESSION_COOKIE_NAME in request.COOKIES  # staff: “Edit this page”, drafts
        ):
            return view(request, *args, **kwargs)
        version = content_version()
        request._carsite_version = version
        key = f"page:{version}:{get_language()}:{request.path}"
        entry = cache.get(key)
        if entry is None:
            response = view(request, *args, **kwargs)
            if (
                response.status_code != 200
                or response.streaming
                or response.has_header("Set-Cookie")
            ):
                return response
            body = response.content
            entry = {
                "body": body,
                "gzip": gzip.compress(body, 6, mtime=0),
                # Weak: the same page is sent gzipped or not, byte-different but equivalent.
                "etag": f'W/"{hashlib.md5(body, usedforsecurity=False).hexdigest()}"',
                "content_type": response["Content-Type"],
                "language": response.get("Content-Language", get_language()),
            }
            chrome = getattr(request, "_carsite_chrome", None)
            now = timezone.now()
            cache.set(
                key, entry, _seconds_left(chrome.valid_until if chrome else None, now, PAGE_TTL)
            )
        return _from_entry(request, entry)

    return wrapper


def _from_entry(request, entry) -> HttpResponse:
    wants_gzip = "gzip" in request.headers.get("Accept-Encoding", "")
    response = HttpResponse(
        entry["gzip"] if wants_gzip else entry["body"], content_type=entry["content_type"]
    )
    if wants_gzip:
        response["Content-Encoding"] = "gzip"  # GZipMiddleware leaves it as it is
    response["ETag"] = entry["etag"]
    response["Content-Language"] = entry["language"]
    patch_vary_headers(response, ["Accept-Encoding", "Cookie"])
    return response
