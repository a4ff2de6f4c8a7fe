"""Staff sign-in (carsite/staff_auth.py): a password alone opens nothing, the second step takes an
authenticator code or a one-time backup code, a first sign-in enrols the authenticator, repeated
failures lock a username at an address, and sessions end when idle or after 8 hours."""

import base64
import contextlib
import datetime
import html
import importlib
import os
import re
import subprocess
import sys
import uuid
from importlib import import_module
from pathlib import Path

import pytest
import time_machine
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import SESSION_KEY, get_user_model
from django.test import override_settings
from django.urls import clear_url_caches, reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from carsite import staff_auth
from carsite.middleware import SessionLifetimeMiddleware
from inquiries.services import callback_request_create
from tests.conftest import verified_login
from tests.inquiries.test_admin import VALID

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parent.parent
PASSWORD = "correct horse battery staple"
LOCKED_OUT = "Too many sign-in attempts failed for this account from this address"
# The throttle of django-otp: after a wrong code the next try waits 1 s (then 2 s, 4 s, ...).
AFTER_THROTTLE = datetime.timedelta(seconds=3)


def login_url() -> str:
    return reverse("admin:login")


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_user(
        username="nurse", password=PASSWORD, is_staff=True, is_superuser=True
    )


@pytest.fixture
def totp(staff):
    return TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)


def code_for(device: TOTPDevice) -> str:
    device.refresh_from_db()
    token = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token()
    return f"{token:0{device.digits}d}"


def wrong_code_for(device: TOTPDevice) -> str:
    return f"{(int(code_for(device)) + 1) % 10**device.digits:0{device.digits}d}"


def password_step(client, username="nurse", password=PASSWORD, **extra):
    return client.post(login_url(), {"username": username, "password": password}, **extra)


def code_step(client, code: str):
    return client.post(login_url(), {"code": code})


def session_data(client) -> dict:
    """The client's server-side session, without creating one (as `client.session` would)."""
    cookie = client.cookies.get(settings.SESSION_COOKIE_NAME)
    if cookie is None or not cookie.value:
        return {}
    return import_module(settings.SESSION_ENGINE).SessionStore(cookie.value).load()


def is_signed_in(client) -> bool:
    return SESSION_KEY in session_data(client)


def is_verified(client) -> bool:
    return DEVICE_ID_SESSION_KEY in session_data(client)


def assert_sent_to_sign_in(response):
    assert response.status_code == 302, response.status_code
    assert response["Location"].startswith(login_url() + "?next=")


@pytest.fixture
def callback(demo_program):
    req, _ = callback_request_create(
        program=demo_program, submission_token=uuid.uuid4(), data=VALID
    )
    return req


# --- Step one alone


def test_a_password_alone_reaches_no_admin_page(client, totp, callback):
    response = password_step(client)
    assert response.status_code == 302
    assert response["Location"] == f"{login_url()}?next=/admin/"
    assert is_signed_in(client) and not is_verified(client)
    for url in (
        reverse("admin:index"),
        reverse("admin:inquiries_callbackrequest_changelist"),
        reverse("admin:inquiries_callbackrequest_change", args=[callback.pk]),
        reverse("admin:programs_page_changelist"),
        reverse("admin:auth_user_change", args=[totp.user_id]),
    ):
        assert_sent_to_sign_in(client.get(url))
    # ... and the sign-in page asks for the code, not the password again.
    page = client.get(login_url()).content.decode()
    assert 'name="code"' in page and 'name="password"' not in page


def test_a_wrong_code_then_the_right_one_signs_in(client, totp):
    password_step(client)
    response = code_step(client, wrong_code_for(totp))
    assert response.status_code == 200
    assert staff_auth.CODE_INVALID in response.content.decode()
    assert not is_verified(client)
    assert_sent_to_sign_in(client.get(reverse("admin:index")))

    with time_machine.travel(timezone.now() + AFTER_THROTTLE):
        response = code_step(client, code_for(totp))
        assert response.status_code == 302 and response["Location"] == reverse("admin:index")
        assert is_verified(client)
        assert client.get(reverse("admin:index")).status_code == 200


def test_a_code_cannot_be_used_twice(client, totp):
    password_step(client)
    code = code_for(totp)
    assert code_step(client, code).status_code == 302
    client.post(reverse("admin:logout"))
    password_step(client)
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=1)):
        response = code_step(client, code)  # same 30-second window: refused
    assert staff_auth.CODE_INVALID in response.content.decode()


def test_the_next_address_survives_the_second_step(client, totp):
    """A bookmarked queue filter (several query parameters) is where staff land after both steps."""
    target = (
        reverse("admin:inquiries_callbackrequest_changelist") + "?status__exact=new&due=overdue"
    )
    response = client.post(login_url(), {"username": "nurse", "password": PASSWORD, "next": target})
    second_step = response["Location"]
    page = client.get(second_step).content.decode()
    carried = html.unescape(re.search(r'name="next" value="([^"]*)"', page).group(1))
    assert carried == target
    response = client.post(second_step, {"code": code_for(totp), "next": carried})
    assert response["Location"] == target


def test_an_offsite_next_address_is_ignored(client, totp):
    password_step(client)
    response = client.post(login_url(), {"code": code_for(totp), "next": "https://evil.example/"})
    assert response["Location"] == reverse("admin:index")


def test_a_backup_code_works_exactly_once(client, totp):
    codes = staff_auth.backup_codes_create(totp.user)
    password_step(client)
    response = code_step(client, codes[0].upper())  # as read off paper: case does not matter
    assert response.status_code == 302
    assert is_verified(client)
    assert client.get(reverse("admin:index")).status_code == 200
    assert not StaticToken.objects.filter(token=codes[0]).exists()

    client.post(reverse("admin:logout"))
    assert not is_signed_in(client)
    password_step(client)
    response = code_step(client, codes[0])
    assert response.status_code == 200
    assert staff_auth.CODE_INVALID in response.content.decode()
    assert not is_verified(client)
    with time_machine.travel(timezone.now() + AFTER_THROTTLE):
        assert code_step(client, codes[1]).status_code == 302  # another one still works


def test_the_session_key_changes_after_the_second_step(client, totp):
    password_step(client)
    after_password = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert is_signed_in(client) and not is_verified(client)
    assert code_step(client, code_for(totp)).status_code == 302
    after_code = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert after_code != after_password and is_verified(client)
    # The key a password alone got is worth nothing now.
    stale = import_module(settings.SESSION_ENGINE).SessionStore(after_password)
    assert SESSION_KEY not in stale.load()


# --- Sign-in posts per address: before any password is hashed


def test_sign_in_posts_are_limited_per_address_whatever_the_username(client, totp, settings):
    """Random usernames, never the same twice (the lockout counts username + address): the
    11th post in a minute is refused before any password is checked."""
    settings.STAFF_SIGN_IN_RATE_LIMITS = [(10, 60), (60, 3600)]
    start = timezone.now().replace(second=1)
    with time_machine.travel(start, tick=False):
        for _ in range(10):
            response = password_step(
                client, username=uuid.uuid4().hex, password="x", REMOTE_ADDR="203.0.113.7"
            )
            assert response.status_code == 200
        stranger = uuid.uuid4().hex
        response = password_step(client, username=stranger, REMOTE_ADDR="203.0.113.7")
        assert response.status_code == 429
        assert "Too many sign-in attempts came from your address" in response.content.decode()
        # Refused before authentication (and its password hashing): axes never saw it.
        assert not AccessAttempt.objects.filter(username=stranger).exists()
        assert AccessAttempt.objects.count() == 10
        assert password_step(client, REMOTE_ADDR="203.0.113.7").status_code == 429  # even nurse
        assert not is_signed_in(client)
        # Another address is not affected.
        assert password_step(client, REMOTE_ADDR="198.51.100.23").status_code == 302
    client.logout()
    with time_machine.travel(start + datetime.timedelta(minutes=1), tick=False):
        assert password_step(client, REMOTE_ADDR="203.0.113.7").status_code == 302


def test_staff_pages_carry_no_stray_nonce_text(client, staff, totp):
    """admin/login.html renders a bare `nonce="…"` in <head> when the page has no form."""
    pages = [client.get(login_url()).content.decode()]
    for _ in range(5):
        password_step(client, password="wrong", REMOTE_ADDR="203.0.113.7")
    pages.append(password_step(client, REMOTE_ADDR="203.0.113.7").content.decode())  # lockout
    password_step(client, REMOTE_ADDR="203.0.113.8")
    pages.append(client.get(login_url()).content.decode())  # the code step
    TOTPDevice.objects.filter(user=staff).delete()
    client.logout()
    password_step(client, REMOTE_ADDR="203.0.113.9")
    client.get(login_url())
    pending = TOTPDevice.objects.get(user=staff, confirmed=False)
    pages.append(code_step(client, code_for(pending)).content.decode())  # the backup codes
    assert "Your backup codes" in pages[-1] and LOCKED_OUT in pages[1]
    for page in pages:
        head = page.split("</head>", 1)[0]
        for line in head.splitlines():
            assert not line.strip().startswith("nonce="), line
        assert head.count("login.css") == 1


# --- First sign-in: enrolment


def test_first_sign_in_enrols_an_authenticator_and_shows_backup_codes(client, staff):
    password_step(client)
    page = client.get(login_url()).content.decode()
    assert "Set up your second step" in page
    assert re.search(r'<img src="data:image/svg\+xml[^"]+" alt="QR code', page)
    key = re.search(r"Key: <code>([A-Z2-7 ]+)</code>", page).group(1)
    pending = TOTPDevice.objects.get(user=staff, confirmed=False)
    assert base64.b32decode(key.replace(" ", "")) == pending.bin_key

    response = code_step(client, wrong_code_for(pending))
    assert response.status_code == 200
    assert staff_auth.CODE_INVALID in response.content.decode()
    assert "Set up your second step" in response.content.decode()
    assert not is_verified(client)
    assert_sent_to_sign_in(client.get(reverse("admin:index")))

    with time_machine.travel(timezone.now() + AFTER_THROTTLE):
        response = code_step(client, code_for(pending))
        page = response.content.decode()
        assert response.status_code == 200
        assert "Your backup codes" in page
        shown = re.findall(r"<li><code>([a-z0-9]+)</code></li>", page)
        assert len(shown) == staff_auth.BACKUP_CODES == 10
        assert set(shown) == set(
            StaticToken.objects.filter(device__user=staff).values_list("token", flat=True)
        )
        assert is_verified(client)
        pending.refresh_from_db()
        assert pending.confirmed
        assert client.get(reverse("admin:index")).status_code == 200


def test_the_next_sign_in_asks_for_a_code_not_enrolment(client, totp):
    password_step(client)
    page = client.get(login_url()).content.decode()
    assert "Second step" in page and "data:image/svg+xml" not in page
    assert not TOTPDevice.objects.filter(confirmed=False).exists()


# --- Who may sign in


def test_a_non_staff_account_is_refused(client, db):
    get_user_model().objects.create_user(username="parent", password=PASSWORD)
    response = password_step(client, username="parent")
    assert response.status_code == 200
    assert staff_auth.NOT_STAFF in response.content.decode()
    assert not is_signed_in(client)


def test_a_non_staff_session_is_signed_out_at_the_sign_in_page(client, db):
    user = get_user_model().objects.create_user(username="parent", password=PASSWORD)
    client.force_login(user)
    response = client.get(login_url())
    assert staff_auth.NOT_STAFF in response.content.decode()
    assert not is_signed_in(client)


# --- Lockout (django-axes): a username at an address


def test_five_failures_lock_a_username_at_an_address(client, totp):
    for _ in range(5):
        response = password_step(client, password="wrong", REMOTE_ADDR="203.0.113.7")
        assert not is_signed_in(client)
    response = password_step(client, REMOTE_ADDR="203.0.113.7")  # the right password, too late
    assert response.status_code == 429
    page = response.content.decode()
    assert LOCKED_OUT in page and "it is locked for 15 minutes." in page  # not "PT15M"
    assert "PT15M" not in page
    assert not is_signed_in(client)
    assert settings.SESSION_COOKIE_NAME not in response.cookies


def test_the_lock_holds_only_for_that_username_at_that_address(client, totp):
    get_user_model().objects.create_user(username="doctor", password=PASSWORD, is_staff=True)
    for _ in range(5):
        password_step(client, password="wrong", REMOTE_ADDR="203.0.113.7")
    assert password_step(client, REMOTE_ADDR="203.0.113.7").status_code == 429

    other_address = password_step(client, REMOTE_ADDR="198.51.100.23")
    assert other_address.status_code == 302 and is_signed_in(client)
    client.logout()

    other_user = password_step(client, username="doctor", REMOTE_ADDR="203.0.113.7")
    assert other_user.status_code == 302 and is_signed_in(client)


def test_the_lock_ends_after_the_cool_off(client, totp, settings):
    for _ in range(5):
        password_step(client, password="wrong", REMOTE_ADDR="203.0.113.7")
    with time_machine.travel(timezone.now() + settings.AXES_COOLOFF_TIME + AFTER_THROTTLE):
        assert password_step(client, REMOTE_ADDR="203.0.113.7").status_code == 302


def test_the_lockout_counts_by_the_rate_limits_address():
    assert settings.AXES_CLIENT_IP_CALLABLE == "inquiries.ratelimit.client_address"


def test_without_a_proxy_a_forged_forwarded_for_does_not_dodge_the_lock(client, totp, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    for i in range(5):
        password_step(
            client, password="wrong", REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR=f"192.0.2.{i}"
        )
    response = password_step(client, REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="192.0.2.99")
    assert response.status_code == 429
    assert not is_signed_in(client)


def test_behind_one_proxy_the_lock_holds_for_the_address_the_proxy_saw(client, totp, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.TRUSTED_PROXY_ADDRESSES = ["10.0.0.2"]
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for _ in range(5):
        password_step(client, password="wrong", HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy)
    # An entry of the client's own, left of the proxy's, changes nothing,
    forged = password_step(client, HTTP_X_FORWARDED_FOR="192.0.2.1, 203.0.113.7", **proxy)
    assert forged.status_code == 429
    # while a colleague elsewhere, arriving through the same proxy, signs in.
    colleague = password_step(client, HTTP_X_FORWARDED_FOR="198.51.100.23", **proxy)
    assert colleague.status_code == 302 and is_signed_in(client)


def test_a_client_reaching_the_app_directly_cannot_dodge_the_lock_with_a_forged_header(
    client, totp, settings
):
    """TRUSTED_PROXY_COUNT=1 as in production, but the peer is not the proxy: its header is
    ignored, so changing X-Forwarded-For on each try neither spreads the failures nor lets it in."""
    settings.TRUSTED_PROXY_COUNT = 1
    settings.TRUSTED_PROXY_ADDRESSES = ["127.0.0.1"]
    direct = {"REMOTE_ADDR": "203.0.113.7"}
    for i in range(5):
        password_step(client, password="wrong", HTTP_X_FORWARDED_FOR=f"192.0.2.{i}", **direct)
    response = password_step(client, HTTP_X_FORWARDED_FOR="198.51.100.23", **direct)
    assert response.status_code == 429
    assert not is_signed_in(client)


# --- Sessions: idle limit and absolute limit


def test_the_session_cookie_lasts_the_idle_limit_and_is_renewed_on_each_request(
    client, staff, settings
):
    assert settings.SESSION_COOKIE_AGE == 15 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST
    verified_login(client, staff)
    first = client.get(reverse("admin:index"))
    cookie = first.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == settings.SESSION_COOKIE_AGE
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=10)):
        again = client.get(reverse("admin:index"))
        assert again.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == settings.SESSION_COOKIE_AGE
        assert again.status_code == 200


def test_an_idle_session_ends(client, staff, settings):
    verified_login(client, staff)
    assert client.get(reverse("admin:index")).status_code == 200
    start = timezone.now()
    with time_machine.travel(start + datetime.timedelta(minutes=14)):
        assert client.get(reverse("admin:index")).status_code == 200  # renewed here
    idle = datetime.timedelta(minutes=14) + datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    with time_machine.travel(start + idle + datetime.timedelta(seconds=5)):
        assert_sent_to_sign_in(client.get(reverse("admin:index")))
        assert not is_signed_in(client)


def test_a_session_ends_8_hours_after_signing_in_even_while_active(client, staff, settings):
    assert settings.SESSION_MAX_LIFETIME == 8 * 3600
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        verified_login(client, staff)
        assert client.get(reverse("admin:index")).status_code == 200
        assert SessionLifetimeMiddleware.KEY in session_data(client)
    step = datetime.timedelta(minutes=14)  # never idle long enough to be signed out for that
    elapsed = step
    while elapsed <= datetime.timedelta(hours=8):
        with time_machine.travel(start + elapsed, tick=False):
            assert client.get(reverse("admin:index")).status_code == 200, elapsed
        elapsed += step
    with time_machine.travel(start + datetime.timedelta(hours=8, minutes=1), tick=False):
        assert_sent_to_sign_in(client.get(reverse("admin:index")))
        assert not is_signed_in(client)


# --- The admin's address comes from ADMIN_URL


@contextlib.contextmanager
def admin_mounted_at(prefix: str):
    """carsite/urls.py reads ADMIN_URL when it is imported: import it again around the test."""
    import carsite.urls

    try:
        with override_settings(ADMIN_URL=prefix):
            importlib.reload(carsite.urls)
            clear_url_caches()
            yield
    finally:
        importlib.reload(carsite.urls)
        clear_url_caches()


def test_the_admin_can_live_at_another_address(client, totp):
    with admin_mounted_at("staff-7f3k/"):
        assert reverse("admin:index") == "/staff-7f3k/"
        assert client.get("/admin/").status_code == 404
        assert client.get("/admin/login/").status_code == 404
        response = client.get("/staff-7f3k/")
        assert response.status_code == 302
        assert response["Location"] == "/staff-7f3k/login/?next=/staff-7f3k/"
        response = client.post("/staff-7f3k/login/", {"username": "nurse", "password": PASSWORD})
        assert response["Location"] == "/staff-7f3k/login/?next=/staff-7f3k/"
        assert client.post("/staff-7f3k/login/", {"code": code_for(totp)}).status_code == 302
        assert client.get("/staff-7f3k/").status_code == 200
        assert "/staff-7f3k/" not in client.get("/robots.txt").content.decode()
    assert reverse("admin:index") == "/admin/"
    assert client.get("/admin/").status_code == 200  # the same session, back at /admin/


@pytest.mark.slow  # manage.py in a process of its own
def test_admin_url_comes_from_the_environment():
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env |= {"DJANGO_SECRET_KEY": "t", "ADMIN_URL": "/staff-7f3k"}
    script = (
        "from django.urls import reverse, resolve\n"
        "print(reverse('admin:index'), reverse('admin:login'), resolve('/admin/').view_name)\n"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", script],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    # /admin/ is then only a would-be page address (a 404), not the admin.
    assert result.stdout.split() == ["/staff-7f3k/", "/staff-7f3k/login/", "programs:page_detail"]


def test_staff_login_never_logs_the_password_or_code(client, totp, caplog):
    caplog.set_level("DEBUG")
    password_step(client, password="wrong-Secret-123")
    password_step(client)
    code = code_for(totp)
    code_step(client, code)
    assert "wrong-Secret-123" not in caplog.text and PASSWORD not in caplog.text
    assert code not in caplog.text


def test_a_user_without_a_device_cannot_skip_enrolment_with_a_backup_code(client, staff):
    StaticDevice.objects.create(user=staff, name="Backup codes").token_set.create(token="abcd1234")
    password_step(client)
    response = code_step(client, "abcd1234")
    assert response.status_code == 200
    assert "Set up your second step" in response.content.decode()
    assert not is_verified(client)


def test_nobody_reads_an_authenticator_key_back_from_the_admin(client, totp, staff):
    """The key is shown once, at enrolment; afterwards not even a superuser can see it."""
    verified_login(client, staff)  # a superuser
    for name in ("otp_totp_totpdevice_config", "otp_totp_totpdevice_qrcode"):
        assert client.get(reverse(f"admin:{name}", args=[totp.pk])).status_code == 403, name
    page = client.get(reverse("admin:otp_totp_totpdevice_change", args=[totp.pk]))
    assert page.status_code == 200
    assert totp.key not in page.content.decode()
    assert 'name="key"' not in page.content.decode()
