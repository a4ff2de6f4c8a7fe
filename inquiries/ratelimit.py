"""Per-address limits on the callback form, shared by every worker and server.

With REDIS_URL set, counters live in Redis (atomic INCR); otherwise in the database
(RateLimitCounter, incremented with one atomic UPDATE). A request is checked first
(`limit_reached`, which counts nothing) and counted only once it is accepted (`count`). Counters are keyed by the client's
address (client_address, which django-axes uses for the staff lockout too), hashed: they never
hold an address.
"""

import datetime
import hashlib
import ipaddress

from django.conf import settings
from django.core.cache import caches
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from inquiries.models import RateLimitCounter


def client_address(request) -> str:
    """The client's address: REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT proxies the entry the
    outermost one appended to X-Forwarded-For (the N-th from the right; anything left of it was
    sent by the client and could say anything), only when the TCP peer is one of
    TRUSTED_PROXY_ADDRESSES. gunicorn sets REMOTE_ADDR to the TCP peer only."""
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0 or not is_trusted_proxy(remote):
        return remote  # a client that reaches the app directly could forge the header
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    if len(forwarded) < proxies:
        return remote  # not through every proxy: the peer is all we know
    try:
        return str(ipaddress.ip_address(forwarded[-proxies].strip()))
    except ValueError:
        return remote


def is_trusted_proxy(address: str) -> bool:
    """Whether the TCP peer is one of TRUSTED_PROXY_ADDRESSES (addresses or networks)."""
    try:
        peer = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(
        peer in ipaddress.ip_network(net, strict=False) for net in settings.TRUSTED_PROXY_ADDRESSES
    )


def client_key(request) -> str:
    address = client_address(request)
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]


def _keys(request, *, scope: str, limits: list[tuple[int, int]], now) -> list[tuple[str, int, int]]:
    """(key, limit, window) of each limit's current bucket for this address."""
    who = client_key(request)
    return [
        (f"rl:{scope}:{who}:{window}:{int(now.timestamp() // window)}", limit, window)
        for limit, window in limits
    ]


def _db_hit(key: str, window: int, now: datetime.datetime) -> None:
    expires = now + datetime.timedelta(seconds=window)
    if RateLimitCounter.objects.filter(key=key).update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            RateLimitCounter.objects.create(key=key, count=1, expires_at=expires)
    except IntegrityError:  # another worker created it first
        RateLimitCounter.objects.filter(key=key).update(count=F("count") + 1)


def limit_reached(request, *, scope: str, limits: list[tuple[int, int]]) -> bool:
    """Whether this address has used up any (count, seconds) allowance. Counts nothing: only
    what is accepted counts (see `count`), so a parent fighting the phone field is never
    limited by their own mistakes."""
    keys = _keys(request, scope=scope, limits=limits, now=timezone.now())
    if settings.REDIS_URL:
        counts = caches["default"].get_many([key for key, _limit, _window in keys])
    else:
        counts = dict(
            RateLimitCounter.objects.filter(key__in=[key for key, *_ in keys]).values_list(
                "key", "count"
            )
        )
    return any(counts.get(key, 0) >= limit for key, limit, _window in keys)


def count(request, *, scope: str, limits: list[tuple[int, int]]) -> None:
    """Count one accepted request against every allowance of this address. In the database
    store, call it inside the transaction that saves what was accepted: one commit for both."""
    now = timezone.now()
    for key, _limit, window in _keys(request, scope=scope, limits=limits, now=now):
        if settings.REDIS_URL:
            cache = caches["default"]
            cache.add(key, 0, timeout=window)
            cache.incr(key)
        else:
            _db_hit(key, window, now)


def is_allowed(request, *, scope: str, limits: list[tuple[int, int]]) -> bool:
    """For posts that cost work whether or not they succeed (a staff sign-in hashes a password):
    False once this address has used up an allowance, else count this one and say True. What is
    refused is not counted, since it cost nothing."""
    if limit_reached(request, scope=scope, limits=limits):
        return False
    count(request, scope=scope, limits=limits)
    return True


def counters_prune(*, now: datetime.datetime | None = None) -> int:
    deleted, _ = RateLimitCounter.objects.filter(expires_at__lt=now or timezone.now()).delete()
    return deleted
