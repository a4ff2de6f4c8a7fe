"""Fast public pages without stale ones.

- The site chrome (programs.chrome) is built once per content version and kept in the cache: a
  page render then needs at most its own page and one list.
- Whole public pages, for visitors without a session, are cached per content version,
  language and path, compressed once, and answered with an ETag (304 on a repeat visit).
- Any save or delete of content bumps ContentVersion (signals, and content_changed() after
  bulk updates), so the next request in every worker sees the new version: no stale page after
  a publish. Timed publishing (publish at / unpublish at, notice start / end) needs no job:
  cached entries never outlive the next scheduled change, nor the next time a shown phone line
  opens or closes (its "Open now" label).
"""

import gzip
import hashlib
from functools import wraps

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import F
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


def seconds_left(valid_until, now, ttl: int) -> int:
    """A cache timeout that never outlives `valid_until` (the next scheduled change)."""
    if valid_until is None:
        return ttl
    return max(1, min(ttl, int((valid_until - now).total_seconds())))


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
            valid_until = chrome.valid_until if chrome else None
            cache.set(key, entry, seconds_left(valid_until, timezone.now(), PAGE_TTL))
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
