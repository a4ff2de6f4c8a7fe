"""Per-address limits on the callback form, shared by every worker and server.

With REDIS_URL set, counters live in Redis (atomic INCR); otherwise in the database
(RateLimitCounter, incremented with one atomic UPDATE). Counters are keyed by the client's
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


def _db_hit(key: str, window: int, now: datetime.datetime) -> int:
    expires = now + datetime.timedelta(seconds=window)
    updated = RateLimitCounter.objects.filter(key=key).update(count=F("count") + 1)
    if not updated:
        try:
            with transaction.atomic():
                RateLimitCounter.objects.create(key=key, count=1, expires_at=expires)
            return 1
        except IntegrityError:  # another worker created it first
            RateLimitCounter.objects.filter(key=key).update(count=F("count") + 1)
    return RateLimitCounter.objects.filter(key=key).values_list("count", flat=True).get()


def _redis_hit(key: str, window: int) -> int:
    cache = caches["default"]
    cache.add(key, 0, timeout=window)
    return cache.incr(key)


def is_allowed(request, *, scope: str, limits: list[tuple[int, int]]) -> bool:
    """Count one request; False when any (count, seconds) limit is exceeded for this address."""
    now = timezone.now()
    who = client_key(request)
    allowed = True
    for limit, window in limits:
        bucket = int(now.timestamp() // window)
        key = f"rl:{scope}:{who}:{window}:{bucket}"
        count = _redis_hit(key, window) if settings.REDIS_URL else _db_hit(key, window, now)
        allowed = allowed and count <= limit
    return allowed


def counters_prune(*, now: datetime.datetime | None = None) -> int:
    deleted, _ = RateLimitCounter.objects.filter(expires_at__lt=now or timezone.now()).delete()
    return deleted
