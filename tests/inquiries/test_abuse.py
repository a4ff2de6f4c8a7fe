"""The callback form against floods and bots: per-address rate limits (shared by every server
process through the database or Redis, and keyed by an address no client can choose), the
honeypot field, the minimum fill time, the signed `shown_at`, and bounded request bodies. A person
who trips any of them is never told off, and never loses the phone number."""

import datetime
import http.client
import os
import re
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode

import pytest
import time_machine
from django.core import signing
from django.test import RequestFactory
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from inquiries import ratelimit
from inquiries.forms import FILL_TIME_SALT, TRAP_FIELD
from inquiries.models import CallbackRequest, DroppedPost, DropReason
from inquiries.views import MAX_BODY_BYTES, MAX_FIELDS

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parents[2]
FORM_URL = reverse("inquiries:callback_create")
SENT_URL = reverse("inquiries:callback_sent")
# A fixed moment, a second into a minute: the per-minute window cannot roll over mid-test.
NOON = datetime.datetime(2026, 11, 23, 17, 0, 1, tzinfo=datetime.UTC)
LIMITS = [(5, 60), (20, 86400)]


@pytest.fixture
def limits(settings):
    settings.CALLBACK_RATE_LIMITS = LIMITS


def post(client, payload, address="198.51.100.7", **headers):
    return client.post(FORM_URL, payload, REMOTE_ADDR=address, **headers)


def assert_kind_slow_down_page(response):
    assert response.status_code == 429
    page = response.content.decode()
    assert "Please wait a moment" in page
    # The form again, with what was typed, to send later.
    assert 'value="Sam Rivera"' in page and 'value="(215) 555-0188"' in page
    assert 'href="tel:+12155550100"' in page and "(215) 555-0100" in page  # the program's number
    assert 'href="tel:911"' in page  # and the emergency numbers


def assert_dropped_quietly(response):
    """A bot's form (the trap field filled in): the neutral "sent" page, nothing saved or
    queued, and the drop counted for staff."""
    assert response.status_code == 302 and response["Location"] == SENT_URL
    assert CallbackRequest.objects.count() == 0
    assert DBTaskResult.objects.count() == 0
    assert DroppedPost.objects.get(reason=DropReason.HONEYPOT).count == 1


def assert_shown_again(response, reason):
    """Maybe a bot, maybe a parent: never a "thank you" without a row. The form again, every
    answer kept, to send again; counted for staff."""
    assert response.status_code == 200
    page = response.content.decode()
    assert "Please check your answers and send again" in page
    assert "Thank you" not in page
    for kept in ('value="Sam Rivera"', 'value="(215) 555-0188"', 'value="morning"'):
        assert kept in page
    assert CallbackRequest.objects.count() == 0
    assert DBTaskResult.objects.count() == 0
    assert DroppedPost.objects.get(reason=reason).count == 1
    return response


# --- Rate limits


def test_five_a_minute_pass_and_the_sixth_gets_the_kind_page(client, payload, fresh_token, limits):
    with time_machine.travel(NOON, tick=False):
        for _ in range(5):
            assert post(client, payload | {"submission_token": fresh_token()}).status_code == 302
        response = post(client, payload | {"submission_token": fresh_token()})
    assert_kind_slow_down_page(response)
    assert CallbackRequest.objects.count() == 5
    assert DBTaskResult.objects.count() == 5


def test_the_minute_limit_lifts_the_next_minute(client, payload, fresh_token, limits):
    with time_machine.travel(NOON, tick=False):
        for _ in range(6):
            post(client, payload | {"submission_token": fresh_token()})
    with time_machine.travel(NOON + datetime.timedelta(minutes=1), tick=False):
        assert post(client, payload | {"submission_token": fresh_token()}).status_code == 302
    assert CallbackRequest.objects.count() == 6


def test_another_address_is_not_limited(client, payload, fresh_token, limits):
    with time_machine.travel(NOON, tick=False):
        for _ in range(6):
            post(client, payload | {"submission_token": fresh_token()}, address="198.51.100.7")
        response = post(client, payload | {"submission_token": fresh_token()}, "203.0.113.50")
    assert response.status_code == 302
    assert CallbackRequest.objects.count() == 6


def test_twenty_a_day_then_the_kind_page_until_tomorrow(client, payload, fresh_token, limits):
    sent = 0
    for minute in range(4):
        with time_machine.travel(NOON + datetime.timedelta(minutes=minute), tick=False):
            for _ in range(5):
                assert (
                    post(client, payload | {"submission_token": fresh_token()}).status_code == 302
                )
                sent += 1
    assert sent == 20
    with time_machine.travel(NOON + datetime.timedelta(minutes=10), tick=False):
        response = post(client, payload | {"submission_token": fresh_token()})
    assert_kind_slow_down_page(response)
    assert CallbackRequest.objects.count() == 20
    with time_machine.travel(NOON + datetime.timedelta(days=1), tick=False):
        assert post(client, payload | {"submission_token": fresh_token()}).status_code == 302


def test_the_sixth_invalid_post_in_a_minute_is_not_a_429(client, payload, fresh_token, limits):
    """A parent fighting the phone field is never limited by their own mistakes: only accepted
    requests count."""
    with time_machine.travel(NOON, tick=False):
        for _ in range(8):
            invalid = payload | {"phone": "555-01", "submission_token": fresh_token()}
            assert post(client, invalid).status_code == 200  # the form, with its errors
        for _ in range(5):
            assert post(client, payload | {"submission_token": fresh_token()}).status_code == 302
    assert CallbackRequest.objects.count() == 5


def test_refused_posts_do_not_count_toward_the_daily_limit(client, payload, fresh_token, limits):
    with time_machine.travel(NOON, tick=False):
        for _ in range(25):
            post(client, payload | {"patient_age": "-1", "submission_token": fresh_token()})
    with time_machine.travel(NOON + datetime.timedelta(minutes=5), tick=False):
        assert post(client, payload | {"submission_token": fresh_token()}).status_code == 302
    assert ratelimit.RateLimitCounter.objects.filter(count__gt=1).count() == 0


def test_a_limited_post_is_counted_for_staff(client, payload, fresh_token, limits):
    with time_machine.travel(NOON, tick=False):
        for _ in range(6):
            post(client, payload | {"submission_token": fresh_token()})
    assert DroppedPost.objects.get(reason=DropReason.RATE_LIMITED).count == 1


def test_the_default_limits_suit_a_shared_network():
    """A hospital's guest Wi-Fi: many families behind one address (README: how to tune)."""
    from carsite import settings as defaults  # the module, before the tests' own limits

    per_window = {window: limit for limit, window in defaults.CALLBACK_RATE_LIMITS}
    assert per_window[86400] >= 100 and per_window[60] >= 5


# --- Which address: the one our own proxies saw, never one the client wrote

PROXY = "10.0.0.2"  # the TLS proxy: every request behind it arrives from this address
FAMILIES = ["198.51.100.7", "203.0.113.50"]


@pytest.fixture(params=["database", "redis"])
def backend(request, settings):
    """Both counter stores: the database (default) and Redis (TEST_REDIS_URL, db 9 unless set).
    Each test counts under a key prefix of its own and deletes only its own keys afterwards, so
    parallel runs (xdist workers, another checkout) never share a counter or flush one another."""
    if request.param == "database":
        yield
        return
    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/9")
    redis = pytest.importorskip("redis")
    connection = redis.Redis.from_url(url)
    try:
        connection.ping()
    except redis.ConnectionError:
        pytest.skip(f"no Redis at {url}")
    prefix = f"carsite-test-{uuid.uuid4().hex}"
    settings.REDIS_URL = url
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": prefix,
        }
    }
    yield
    keys = connection.keys(f"{prefix}:*")
    if keys:
        connection.delete(*keys)


def request_from(address: str, forwarded: str | None = None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().post(FORM_URL, REMOTE_ADDR=address, **extra)


@pytest.mark.parametrize(
    ("proxies", "remote", "forwarded", "expected"),
    [
        (0, "198.51.100.7", None, "198.51.100.7"),
        (0, "198.51.100.7", "203.0.113.50", "198.51.100.7"),  # no proxy: the header is a lie
        (1, PROXY, "198.51.100.7", "198.51.100.7"),  # what the proxy appended
        (1, PROXY, "1.2.3.4, 198.51.100.7", "198.51.100.7"),  # the client's own entry is ignored
        (1, PROXY, None, PROXY),  # not through the proxy: only the peer is known
        (1, PROXY, "not-an-address", PROXY),
        (1, PROXY, "2001:db8::7", "2001:db8::7"),
        (2, "10.0.0.3", "1.2.3.4, 198.51.100.7, 10.0.0.2", "198.51.100.7"),  # the outer proxy's
        (2, "10.0.0.3", "198.51.100.7", "10.0.0.3"),
    ],
)
def test_client_address_trusts_only_what_our_proxies_appended(
    settings, proxies, remote, forwarded, expected
):
    settings.TRUSTED_PROXY_COUNT = proxies
    settings.TRUSTED_PROXY_ADDRESSES = ["10.0.0.0/8"]  # PROXY and 10.0.0.3 (test_production)
    assert ratelimit.client_address(request_from(remote, forwarded)) == expected


def test_without_a_proxy_a_forged_forwarded_for_changes_nothing(
    client, payload, fresh_token, limits, settings, backend
):
    settings.TRUSTED_PROXY_COUNT = 0
    plain = ratelimit.client_key(request_from(FAMILIES[0]))
    assert ratelimit.client_key(request_from(FAMILIES[0], "203.0.113.99")) == plain
    with time_machine.travel(NOON, tick=False):
        for i in range(5):
            forged = {"HTTP_X_FORWARDED_FOR": f"203.0.113.{i}"}
            data = payload | {"submission_token": fresh_token()}
            assert post(client, data, FAMILIES[0], **forged).status_code == 302
        forged = {"HTTP_X_FORWARDED_FOR": "203.0.113.200"}
        response = post(
            client, payload | {"submission_token": fresh_token()}, FAMILIES[0], **forged
        )
    assert_kind_slow_down_page(response)
    assert CallbackRequest.objects.count() == 5


def test_two_families_behind_one_proxy_have_their_own_limits(
    client, payload, fresh_token, limits, settings, backend
):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.TRUSTED_PROXY_ADDRESSES = [PROXY]
    first, second = ({"HTTP_X_FORWARDED_FOR": family} for family in FAMILIES)
    with time_machine.travel(NOON, tick=False):
        for _ in range(5):
            data = payload | {"submission_token": fresh_token()}
            assert post(client, data, PROXY, **first).status_code == 302
        data = payload | {"submission_token": fresh_token()}
        assert_kind_slow_down_page(post(client, data, PROXY, **first))
        # The second family shares the proxy's address, not the first family's allowance,
        for _ in range(5):
            data = payload | {"submission_token": fresh_token()}
            assert post(client, data, PROXY, **second).status_code == 302
        # and the first cannot start again by writing its own X-Forwarded-For entry.
        spoofed = {"HTTP_X_FORWARDED_FOR": f"192.0.2.1, {FAMILIES[0]}"}
        data = payload | {"submission_token": fresh_token()}
        assert post(client, data, PROXY, **spoofed).status_code == 429
    assert CallbackRequest.objects.count() == 10


def test_counters_hold_no_address(client, payload, limits):
    from inquiries.models import RateLimitCounter

    post(client, payload, address="198.51.100.7")
    keys = " ".join(RateLimitCounter.objects.values_list("key", flat=True))
    assert keys and "198.51.100.7" not in keys


# --- Bot traps


def test_a_filled_honeypot_is_dropped_quietly(client, payload):
    response = post(client, payload | {TRAP_FIELD: "http://spam.example"})
    assert_dropped_quietly(response)
    page = client.get(SENT_URL).content.decode()
    assert "Thank you" in page and "(215) 555-0100" in page


def test_the_trap_field_is_one_no_browser_autofills(client, demo_program):
    """Autofill and password managers match names, ids, labels and autocomplete tokens: the
    trap's carry none they know, and it says autocomplete="off"."""
    html = client.get(FORM_URL).content.decode()
    tag = re.search(rf'<input[^>]*name="{TRAP_FIELD}"[^>]*>', html).group(0)
    assert 'autocomplete="off"' in tag and 'tabindex="-1"' in tag
    autofill_words = ("name", "mail", "tel", "phone", "url", "website", "web", "address",
                      "company", "organization", "street", "city", "zip", "postal", "country",
                      "user", "login", "password")  # fmt: skip
    for word in autofill_words:
        assert word not in TRAP_FIELD
    label = re.search(rf'<label[^>]*for="id_{TRAP_FIELD}"[^>]*>(.*?)</label>', html, re.S)
    assert not any(word in label.group(1).lower() for word in autofill_words)


WRONG_ANSWERS = {"phone": "", "patient_age": "-4", "topic": "nonsense"}


@pytest.mark.parametrize("trap", ["honeypot", "over-long honeypot"])
def test_a_bot_with_wrong_answers_is_dropped_quietly_too(client, payload, settings, trap):
    """Wrong answers change nothing for a bot: no errors to learn from, the same quiet page."""
    data = payload | WRONG_ANSWERS
    if trap == "honeypot":
        data[TRAP_FIELD] = "http://spam.example"
    else:
        data[TRAP_FIELD] = "x" * 1000  # past the field's max_length: the field itself is invalid
    assert_dropped_quietly(post(client, data))


def test_a_person_with_wrong_answers_gets_the_form_back(client, payload):
    response = post(client, payload | WRONG_ANSWERS)
    assert response.status_code == 200
    assert response.context["form"].errors.keys() >= {"phone", "patient_age", "topic"}
    assert CallbackRequest.objects.count() == 0


def test_a_form_sent_too_fast_is_shown_again_with_every_answer(client, payload, settings):
    """A parent with autofill: the checklist filled five answers, one tap filled the rest."""
    settings.CALLBACK_MIN_FILL_SECONDS = 3
    response = assert_shown_again(post(client, payload), DropReason.TOO_FAST)
    # Sent again a moment later, it is saved: the form came back with a new time shown.
    again = response.context["form"].data
    with time_machine.travel(datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=5)):
        sent = post(client, {**again.dict(), "best_times": again.getlist("best_times")})
    assert sent.status_code == 302 and "/thanks/" in sent["Location"]
    assert CallbackRequest.objects.count() == 1


def test_a_too_fast_form_with_wrong_answers_also_shows_what_to_fix(client, payload, settings):
    settings.CALLBACK_MIN_FILL_SECONDS = 3
    response = post(client, payload | {"patient_age": "-4"})
    assert response.status_code == 200
    assert "Please check your answers and send again" in response.content.decode()
    assert "patient_age" in response.context["form"].errors
    assert CallbackRequest.objects.count() == 0


def test_a_form_sent_after_reading_it_is_kept(client, payload, settings):
    settings.CALLBACK_MIN_FILL_SECONDS = 3
    with time_machine.travel(datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=5)):
        assert post(client, payload).status_code == 302
    assert CallbackRequest.objects.count() == 1


def forged_shown_at() -> dict[str, str]:
    """shown_at values no server of ours signed (or that no longer say what was shown)."""
    real = signing.TimestampSigner(salt=FILL_TIME_SALT).sign("callback")
    value, stamp, signature = real.rsplit(":", 2)
    older = signing.b62_encode(signing.b62_decode(stamp) - 3600)
    return {
        "missing": "",
        "empty": "",
        "garbage": "hello",
        "unsigned time": f"callback:{stamp}",
        "changed time": f"{value}:{older}:{signature}",
        "other salt": signing.TimestampSigner(salt="another.salt").sign("callback"),
        "other key": signing.TimestampSigner(key="not-our-key", salt=FILL_TIME_SALT).sign(
            "callback"
        ),
    }


@pytest.mark.parametrize(
    "case",
    ["missing", "empty", "garbage", "unsigned time", "changed time", "other salt", "other key"],
)
def test_a_missing_or_tampered_shown_at_shows_the_form_again(client, payload, case):
    data = payload | {"shown_at": forged_shown_at()[case]}
    if case == "missing":
        del data["shown_at"]
    reason = DropReason.NO_TIMESTAMP if case in ("missing", "empty") else DropReason.BAD_TIMESTAMP
    response = assert_shown_again(post(client, data), reason)
    assert signing.TimestampSigner(salt=FILL_TIME_SALT).unsign(
        response.context["form"].data["shown_at"]
    )


def test_dropped_posts_are_in_the_staff_report(client, payload, settings, admin_client):
    settings.CALLBACK_MIN_FILL_SECONDS = 3
    post(client, payload)
    post(client, payload | {TRAP_FIELD: "x"})
    html = admin_client.get(reverse("admin:inquiries_callbackrequest_report")).content.decode()
    report = html[html.index('id="dropped"') :]
    assert "Sent faster than a person reads" in report and "Trap field filled in" in report


# --- Bounded bodies


def test_an_over_long_body_gets_413_and_saves_nothing(client, payload):
    body = urlencode(payload | {"note": "x" * (MAX_BODY_BYTES + 1)}, doseq=True)
    assert len(body.encode()) > MAX_BODY_BYTES
    response = client.post(FORM_URL, body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 413
    assert "That was too much to send" in response.content.decode()
    assert CallbackRequest.objects.count() == 0


def test_too_many_fields_get_413(client, payload):
    extra = {f"field{i}": "1" for i in range(MAX_FIELDS)}
    response = client.post(FORM_URL, payload | extra)
    assert response.status_code == 413
    assert CallbackRequest.objects.count() == 0


def test_one_field_repeated_too_often_gets_413(client, payload):
    response = client.post(FORM_URL, payload | {"best_times": ["morning"] * (MAX_FIELDS + 1)})
    assert response.status_code == 413
    assert CallbackRequest.objects.count() == 0


def test_a_full_honest_form_is_well_inside_the_bounds(client, payload):
    payload |= {"note": "n" * 500, "best_times": ["morning", "afternoon", "evening"]}
    payload |= {"email": "a" * 60 + "@example.org", "language_other": "x" * 60}
    assert len(urlencode(payload, doseq=True)) < MAX_BODY_BYTES
    assert post(client, payload).status_code == 302


# --- The limit across two server processes sharing one database


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(db_path: Path) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CALLBACK_"))}
    keep.pop("DATABASE_URL", None)
    keep.pop("REDIS_URL", None)
    return keep | {
        "DJANGO_SECRET_KEY": "two-servers-" + uuid.uuid4().hex,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "SQLITE_PATH": str(db_path),
        "CALLBACK_MIN_FILL_SECONDS": "0",
        "CALLBACK_RATE_PER_MINUTE": "5",
        "CALLBACK_RATE_PER_DAY": "100",
        "LOG_LEVEL": "WARNING",
    }


def manage(*args, env, timeout=120):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def wait_until_up(port: int, process, deadline: float) -> None:
    while time.monotonic() < deadline:
        assert process.poll() is None, f"server on {port} exited with {process.returncode}"
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"server on {port} did not start")


class Browser:
    """Just enough of a browser: one cookie jar per server, no redirects followed."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: str | None = None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=20)
        headers = {"Host": f"127.0.0.1:{self.port}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        content = response.read().decode()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, value = header.split(";", 1)[0].split("=", 1)
            self.cookies[name.strip()] = value.strip()
        connection.close()
        return response.status, content

    def send_form(self, answers: dict) -> int:
        status, page = self.request("GET", FORM_URL)
        assert status == 200, page[:300]
        hidden = {
            name: re.search(rf'name="{name}" value="([^"]+)"', page).group(1)
            for name in ("csrfmiddlewaretoken", "submission_token", "shown_at")
        }
        status, _ = self.request("POST", FORM_URL, urlencode(answers | hidden, doseq=True))
        return status


ANSWERS = {
    "asker": "parent",
    "topic": "is_cart_an_option",
    "patient_age": "9",
    "diagnosis": "b_all",
    "relapsed": "yes",
    "name": "Sam Rivera",
    "phone": "(215) 555-0188",
    "language": "en",
    "consent_call": "on",
}


@pytest.mark.slow  # two servers in processes of their own
def test_the_limit_holds_across_two_server_processes(tmp_path, static_collected):
    db_path = tmp_path / "shared.sqlite3"
    env = server_env(db_path)
    manage("migrate", "--noinput", "-v", "0", env=env)
    manage("load_demo", "-v", "0", env=env)
    ports = [free_port(), free_port()]
    while ports[0] == ports[1]:
        ports[1] = free_port()
    servers = []
    try:
        for port in ports:
            servers.append(
                subprocess.Popen(
                    [sys.executable, "manage.py", "runserver", "--noreload", "--nothreading",
                     f"127.0.0.1:{port}"],
                    cwd=BASE_DIR,
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            )  # fmt: skip
        deadline = time.monotonic() + 60
        for port, process in zip(ports, servers, strict=True):
            wait_until_up(port, process, deadline)
        browsers = [Browser(port) for port in ports]
        # Six posts take well under a second; start them early in a minute, so the per-minute
        # window does not roll over between them.
        if time.time() % 60 > 50:
            time.sleep(60 - time.time() % 60 + 0.5)
        statuses = [browsers[i % 2].send_form(ANSWERS) for i in range(6)]
    finally:
        for process in servers:
            process.terminate()
        for process in servers:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
    assert statuses == [302, 302, 302, 302, 302, 429]
