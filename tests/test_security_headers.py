"""Every page a family or a staff member opens first, in English and in Spanish, scores on Mozilla's
HTTP Observatory scale (tests/observatory.py applies its table) with production's settings: at
least 125 as it is, and at least 130 (A+) once the host is on the HSTS preload list, the one
bonus a test cannot earn. Static files carry the same security headers. `check --deploy` finds
nothing to warn about, and production refuses to start without a secret key.

`pytest -s tests/test_security_headers.py` prints each page's scores and modifiers."""

import base64
import hashlib
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from carsite import settings as carsite_settings
from carsite.middleware import SECURITY_HEADERS, STATIC_CSP
from inquiries.models import CallbackRequest
from programs.models import Page
from tests import observatory

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parent.parent
PROSE_EDITOR_STYLE_HASH = django_settings.PROSE_EDITOR_STYLE_HASH
MIN_SCORE = 130  # A+, which needs the preload bonus on pages that set no cookie
MIN_SCORE_UNTIL_PRELOADED = 125
FOREIGN_ORIGIN = "https://evil.example"


@pytest.fixture
def production(settings):
    """What carsite/settings.py computes when DJANGO_HTTPS is on (it does so at import time)."""
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    settings.SESSION_COOKIE_NAME = "__Host-sessionid"
    settings.CSRF_COOKIE_NAME = "__Host-csrftoken"
    settings.ALLOWED_HOSTS = ["cart.example.org"]
    return settings


def get(client, path, **headers):
    return client.get(
        path, secure=True, HTTP_HOST="cart.example.org", HTTP_ORIGIN=FOREIGN_ORIGIN, **headers
    )


def public_paths(language: str = "en") -> dict[str, str]:
    with translation.override(language):
        paths = {
            "home": reverse("programs:home"),
            "family guide": reverse("programs:family_guide"),
            "checklist": reverse("inquiries:checklist"),
            "search": reverse("programs:search"),
            "search results": reverse("programs:search") + "?q=fever",
            "callback form": reverse("inquiries:callback_create"),
        }
        for page in Page.objects.published().order_by("slug"):
            paths[f"page /{page.slug}/"] = page.get_absolute_url()
    if language == "en":
        return paths
    assert all(path.startswith(f"/{language}/") for path in paths.values()), paths
    return {f"{language} {name}": path for name, path in paths.items()}


def thanks_path(client, language: str = "en") -> str:
    from tests.inquiries.conftest import SHOWN_AT_INPUT, TOKEN_INPUT

    with translation.override(language):
        form_url = reverse("inquiries:callback_create")
    before = CallbackRequest.objects.count()
    html = get(client, form_url).content.decode()
    response = client.post(
        form_url,
        {
            "submission_token": TOKEN_INPUT.search(html).group(1),
            "shown_at": SHOWN_AT_INPUT.search(html).group(1),
            "asker": "parent",
            "topic": "is_cart_an_option",
            "patient_age": "9",
            "diagnosis": "b_all",
            "relapsed": "yes",
            "name": "Sam Rivera",
            "phone": "(215) 555-0188",
            "language": "en",
            "consent_call": "on",
        },
        secure=True,
        HTTP_HOST="cart.example.org",
    )
    assert response.status_code == 302, response.content[:500]
    assert CallbackRequest.objects.count() == before + 1
    return response["Location"]


def all_paths(client) -> dict[str, str]:
    return {
        **public_paths("en"),
        "thanks": thanks_path(client, "en"),
        **public_paths("es"),
        "es thanks": thanks_path(client, "es"),
        "admin login": reverse("admin:login"),
    }


def report(name: str, score: int, preloaded: int, modifiers) -> str:
    parts = ", ".join(f"{m:+d} {result}" for m, result in modifiers if m)
    return f"{score:>4} {preloaded:>4}  {name:<37} {parts}"


def test_every_first_page_scores_125_and_130_once_the_host_is_preloaded(
    client, production, demo_program
):
    """The Observatory's table gives +5 for HSTS only to hosts on Chromium's preload list, which
    the deployed host joins by submission at hstspreload.org (our header qualifies). So each page
    is scored both ways: as it is, and as it will be once listed."""
    paths = all_paths(client)
    assert len(paths) > 30  # the demo's pages, in both languages
    assert "es thanks" in paths and paths["es thanks"].startswith("/es/")
    lines, failures = [], []
    for name, path in paths.items():
        response = get(client, path)
        assert response.status_code == 200, (name, path, response.status_code)
        score, modifiers = observatory.score(response, asked_origin=FOREIGN_ORIGIN)
        preloaded, preloaded_modifiers = observatory.score(
            response, asked_origin=FOREIGN_ORIGIN, hsts_preloaded=True
        )
        assert (0, "hsts-implemented-max-age-at-least-six-months") in modifiers, name
        assert (5, "hsts-preloaded") in preloaded_modifiers, name  # the header qualifies
        lines.append(report(name, score, preloaded, modifiers))
        if score < MIN_SCORE_UNTIL_PRELOADED or preloaded < MIN_SCORE:
            failures.append(lines[-1])
    print("\nHTTP Observatory score (2024-02-27 table), production settings:")
    print("now  once preloaded")
    print("\n".join(lines))
    assert not failures, "\n".join(failures)


def test_our_scripts_carry_subresource_integrity_that_matches_the_file(
    client, production, demo_program
):
    from django.contrib.staticfiles import finders

    html = get(client, reverse("programs:home")).content.decode()
    scripts = [s for s in observatory.scripts_in(html) if s.get("src")]
    assert scripts, "the home page loads site.js"
    for script in scripts:
        assert script["src"].startswith("/static/")
        path = script["src"].removeprefix("/static/")
        with open(finders.find(path), "rb") as file:
            digest = base64.b64encode(hashlib.sha384(file.read()).digest()).decode()
        assert script["integrity"] == f"sha384-{digest}"


NONCE_ATTR = re.compile(r'\bnonce="([^"]+)"')


def assert_security_headers(name: str, response) -> None:
    csp = observatory.csp_directives(response)
    # Scripts and styles: our own files, and inline ones only with this response's nonce. Django
    # puts the nonce in the header only when the page used it (public pages need none).
    html_nonces = {f"'nonce-{n.lower()}'" for n in NONCE_ATTR.findall(response.content.decode())}
    # The one hash: the admin editor's own stylesheet (see PROSE_EDITOR_STYLE_HASH).
    allowed = {"script-src": {"'self'"}, "style-src": {"'self'", PROSE_EDITOR_STYLE_HASH.lower()}}
    for directive in ("script-src", "style-src"):
        sources = csp[directive]
        nonces = {s for s in sources if s.startswith("'nonce-")}
        assert sources - nonces == allowed[directive], (name, directive, sources)
        assert all(observatory.NONCE.match(s) for s in nonces), (name, directive, nonces)
        assert html_nonces <= nonces, (name, directive, html_nonces, nonces)
    assert csp["default-src"] == {"'none'"}, name
    for directive in ("object-src", "base-uri", "frame-ancestors"):
        assert csp[directive] == {"'none'"}, (name, directive)
    assert csp["form-action"] == {"'self'"}, name

    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    permissions = {p.strip() for p in response["Permissions-Policy"].split(",")}
    assert {"camera=()", "microphone=()", "geolocation=()"} <= permissions, name
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "Access-Control-Allow-Origin" not in response


def test_every_first_page_sends_the_security_headers(client, production, demo_program):
    for name, path in all_paths(client).items():
        assert_security_headers(name, get(client, path))


def test_the_policy_asks_for_a_nonce_and_never_for_unsafe_sources(settings):
    from django.utils.csp import CSP

    assert settings.SECURE_CSP["script-src"] == [CSP.SELF, CSP.NONCE]
    assert settings.SECURE_CSP["style-src"] == [CSP.SELF, CSP.NONCE, PROSE_EDITOR_STYLE_HASH]
    flat = {source for sources in settings.SECURE_CSP.values() for source in sources}
    assert not flat & {CSP.UNSAFE_INLINE, CSP.UNSAFE_EVAL, "*", "https:", "http:"}


def test_the_allowed_style_hash_is_the_prose_editors_own_stylesheet():
    """Tiptap (in django-prose-editor's editor.js) injects its base CSS as a <style> element; the
    policy allows that text by its hash. An upgrade that changes the text must change the hash."""
    import django_prose_editor

    bundle = Path(django_prose_editor.__file__).parent / "static/django_prose_editor/editor.js"
    source = bundle.read_text()
    start = source.index("`.ProseMirror {") + 1
    css = source[start : source.index("`", start)]
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    assert f"'sha256-{digest}'" == PROSE_EDITOR_STYLE_HASH


def test_admin_pages_get_a_fresh_nonce_that_matches_their_html(client, production, admin_user):
    from tests.conftest import verified_login

    verified_login(client, admin_user)
    nonces = set()
    for _ in range(3):
        response = get(client, reverse("admin:index"))
        assert_security_headers("admin index", response)
        csp = observatory.csp_directives(response)
        (nonce,) = (s for s in csp["script-src"] if s.startswith("'nonce-"))
        assert f'nonce="{nonce[7:-1]}"'.lower() in response.content.decode().lower()
        nonces.add(nonce)
    assert len(nonces) == 3


def cookie_flags(morsel) -> dict:
    return {
        "secure": bool(morsel["secure"]),
        "httponly": bool(morsel["httponly"]),
        "samesite": morsel["samesite"],
        "path": morsel["path"],
        "domain": morsel["domain"],
    }


# The __Host- prefix is honoured by browsers only with Secure, Path=/ and no Domain.
HOST_COOKIE = {"secure": True, "httponly": True, "samesite": "Lax", "path": "/", "domain": ""}


def test_csrf_cookie_is_secure_httponly_and_host_bound(client, production, demo_program):
    response = get(client, reverse("inquiries:callback_create"))
    assert set(response.cookies) == {"__Host-csrftoken"}
    assert cookie_flags(response.cookies["__Host-csrftoken"]) == HOST_COOKIE
    score, modifiers = observatory.score(response)
    assert (5, "cookies-secure-with-httponly-sessions-and-samesite") in modifiers


def test_session_cookie_is_secure_httponly_and_host_bound(
    client, production, demo_program, admin_user
):
    response = client.post(
        reverse("admin:login"),
        {"username": admin_user.username, "password": "password"},
        secure=True,
        HTTP_HOST="cart.example.org",
    )
    assert response.status_code == 302  # on to the second step
    assert "__Host-sessionid" in response.cookies
    assert cookie_flags(response.cookies["__Host-sessionid"]) == HOST_COOKIE
    # The second-step page sets both cookies, and still scores.
    step_two = get(client, response["Location"])
    score, modifiers = observatory.score(step_two)
    assert score >= MIN_SCORE_UNTIL_PRELOADED, modifiers
    assert observatory.score(step_two, hsts_preloaded=True)[0] >= MIN_SCORE
    assert_security_headers("second step", step_two)


def test_plain_http_is_redirected_to_https(client, production, demo_program):
    response = client.get("/", HTTP_HOST="cart.example.org")
    assert response.status_code == 301
    assert response["Location"] == "https://cart.example.org/"


# --- Static files: WhiteNoise answers before most of the middleware, with the same headers


@pytest.fixture
def collected_static(settings, tmp_path):
    """Our own files collected as `make static` does (hashed names, a manifest, compressed
    copies) and served by WhiteNoise from STATIC_ROOT, as in production: the plain storage of
    tests/conftest.py is swapped back for the real one."""
    settings.STATIC_ROOT = tmp_path / "staticfiles"
    settings.STATICFILES_DIRS = [BASE_DIR / "static"]  # not the generated Bootstrap build
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": carsite_settings.STORAGES["staticfiles"],
    }
    call_command("collectstatic", "--noinput", verbosity=0)
    return staticfiles_storage


def fetch_static(client, path, **headers):
    response = get(client, path, **headers)
    assert response.status_code == 200, (path, response.status_code)
    assert b"".join(response.streaming_content)  # WhiteNoise streams the file itself
    return response


STATIC_FILES = ["js/site.js", "css/site.css", "img/favicon.svg"]


@pytest.mark.parametrize("name", STATIC_FILES)
def test_static_files_carry_the_security_headers(client, production, collected_static, name):
    hashed = collected_static.url(name)
    assert hashed != f"/static/{name}", "the manifest storage gives a hashed name"
    page = get(client, reverse("healthz"))  # a response of Django's, through every middleware
    for path, encoding in [(hashed, ""), (hashed, "gzip"), (f"/static/{name}", "")]:
        response = fetch_static(client, path, HTTP_ACCEPT_ENCODING=encoding)
        assert (
            response["Content-Security-Policy"]
            == STATIC_CSP
            == ("default-src 'none'; frame-ancestors 'none'")
        )
        assert response["X-Frame-Options"] == "DENY"
        for header, value in SECURITY_HEADERS.items():
            assert response[header] == value == page[header], (path, header)
        # And what SecurityMiddleware, which WhiteNoise sits inside, adds to every response.
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Strict-Transport-Security"] == page["Strict-Transport-Security"]
        assert response["Referrer-Policy"] == "same-origin"
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"
        assert observatory.x_frame_options(observatory.Page.from_response(response)) == (
            "x-frame-options-implemented-via-csp"
        )


def test_hashed_static_files_are_cached_for_good_and_plain_ones_for_an_hour(
    client, production, collected_static
):
    hashed = fetch_static(client, collected_static.url("js/site.js"))
    assert hashed["Cache-Control"] == "max-age=315360000, public, immutable"  # WhiteNoise.FOREVER
    plain = fetch_static(client, "/static/js/site.js")
    assert plain["Cache-Control"] == f"max-age={django_settings.WHITENOISE_MAX_AGE}, public"
    compressed = fetch_static(
        client, collected_static.url("js/site.js"), HTTP_ACCEPT_ENCODING="gzip"
    )
    assert compressed["Content-Encoding"] == "gzip"
    assert compressed["Cache-Control"] == hashed["Cache-Control"]


# --- The scorer itself: a few rows of the Observatory's table, so a bug in it cannot hide one in
# the site. (A minimal response object, as the test client gives one.)


class FakeRequest:
    def __init__(self, url):
        self.url = url

    def build_absolute_uri(self):
        return self.url


def fake_response(headers: dict, body: str = "", cookies=None, url="https://cart.example.org/"):
    from http.cookies import SimpleCookie

    from django.http import HttpResponse

    response = HttpResponse(body, content_type="text/html")
    for name, value in headers.items():
        response[name] = value
    response.cookies = SimpleCookie()
    for name, flags in (cookies or {}).items():
        response.cookies[name] = "x"
        for flag, value in flags.items():
            response.cookies[name][flag] = value
    response.wsgi_request = FakeRequest(url)
    return response


@pytest.mark.parametrize(
    ("headers", "body", "cookies", "expected_score", "expected"),
    [
        ({}, "", None, 100 - 25 - 20 - 5 - 20, {"csp-not-implemented", "hsts-not-implemented", "x-frame-options-not-implemented"}),
        (
            {"Content-Security-Policy": "default-src 'self'; script-src 'self' 'unsafe-inline'",
             "Strict-Transport-Security": "max-age=300", "X-Content-Type-Options": "nosniff",
             "X-Frame-Options": "DENY"},
            '<script src="https://cdn.example.net/x.js"></script>',
            {"sessionid": {"secure": True}},
            100 - 20 - 10 - 5 - 30,
            {"csp-implemented-with-unsafe-inline", "hsts-implemented-max-age-less-than-six-months",
             "sri-not-implemented-but-external-scripts-loaded-securely",
             "cookies-session-without-httponly-flag"},
        ),
        (
            {"Content-Security-Policy": "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'self'",
             "Strict-Transport-Security": "max-age=31536000", "X-Content-Type-Options": "nosniff",
             "Referrer-Policy": "unsafe-url", "Access-Control-Allow-Origin": "*"},
            '<script src="/static/a.js"></script>',
            {"csrftoken": {"secure": True, "httponly": True}},
            100 - 5 - 20,  # 75: under 90, so the frame-ancestors bonus (+5) is not given
            {"csp-implemented-with-unsafe-inline-in-style-src-only", "referrer-policy-unsafe",
             "cookies-anticsrf-without-samesite-flag", "x-frame-options-implemented-via-csp",
             "sri-not-implemented-but-all-scripts-loaded-from-secure-origin",
             "cross-origin-resource-sharing-implemented-with-public-access"},
        ),
        (
            {"Content-Security-Policy": "default-src 'none'; script-src 'self'; frame-ancestors 'none'",
             "Strict-Transport-Security": "max-age=63072000; includeSubDomains; preload",
             "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"},
            '<script src="/static/a.js" integrity="sha384-abc"></script>',
            {"__Host-sessionid": {"secure": True, "httponly": True, "samesite": "Strict"}},
            130,  # 135 once the host is on the preload list (next test)
            {"csp-implemented-with-no-unsafe-default-src-none",
             "hsts-implemented-max-age-at-least-six-months",
             "sri-implemented-and-all-scripts-loaded-securely",
             "cookies-secure-with-httponly-sessions-and-samesite"},
        ),
    ],
    ids=["nothing", "weak", "bonus-withheld-under-90", "best"],
)  # fmt: skip
def test_scorer_applies_the_observatory_table(headers, body, cookies, expected_score, expected):
    score, modifiers = observatory.score(fake_response(headers, body, cookies))
    assert {name for _, name in modifiers} >= expected
    assert score == expected_score, modifiers


@pytest.mark.parametrize(
    ("header", "listed", "expected"),
    [
        ("max-age=63072000; includeSubDomains; preload", False, "hsts-implemented-max-age-at-least-six-months"),
        ("max-age=63072000; includeSubDomains; preload", True, "hsts-preloaded"),
        ("max-age=31536000; includeSubDomains", True, "hsts-implemented-max-age-at-least-six-months"),
        ("max-age=15552000; includeSubDomains; preload", True, "hsts-implemented-max-age-at-least-six-months"),
    ],
)  # fmt: skip
def test_the_preload_bonus_is_for_listed_hosts_with_a_qualifying_header(header, listed, expected):
    """Eligible is not preloaded: the +5 needs the host on the list (the caller's word)."""
    page = observatory.Page.from_response(fake_response({"Strict-Transport-Security": header}))
    assert observatory.strict_transport_security(page, preloaded=listed) == expected


def test_scorer_sees_unsafe_eval_and_insecure_schemes():
    page = observatory.Page.from_response(
        fake_response({"Content-Security-Policy": "default-src 'none'; script-src 'unsafe-eval'"})
    )
    assert observatory.content_security_policy(page) == "csp-implemented-with-unsafe-eval"
    page = observatory.Page.from_response(
        fake_response({"Content-Security-Policy": "default-src 'none'; script-src http://x.org"})
    )
    assert observatory.content_security_policy(page) == "csp-implemented-with-insecure-scheme"


# --- manage.py check --deploy, as `make check-deploy` runs it


def production_env() -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "SQLITE_", "ADMIN_URL"))
    }
    return env | {
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(48)[:64],
        "DJANGO_ALLOWED_HOSTS": "cart.example.org",
        "DJANGO_HTTPS": "true",
        "DJANGO_CSRF_TRUSTED_ORIGINS": "https://cart.example.org",
        # Production sends real email: without EMAIL_HOST staff notifications would only be
        # printed on the console, and the check rightly fails (mail.E001).
        "EMAIL_HOST": "smtp.example.org",
    }


def manage_check_deploy(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.slow  # manage.py check --deploy in a process of its own
def test_check_deploy_passes_with_production_environment():
    env = production_env()
    assert len(env["DJANGO_SECRET_KEY"]) == 64
    result = manage_check_deploy(env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"System check identified no issues", result.stdout), result.stdout


@pytest.mark.slow
def test_production_refuses_to_start_without_a_secret_key():
    env = production_env()
    del env["DJANGO_SECRET_KEY"]
    result = manage_check_deploy(env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert carsite_settings.SECRET_KEY_MISSING in result.stderr


@pytest.mark.slow
@pytest.mark.parametrize(
    "key",
    [carsite_settings.INSECURE_DEFAULT_KEY, "django-insecure-" + "k3y" * 20, "too-short", "a" * 64],
    ids=["embedded development key", "django-insecure prefix", "short", "too few characters"],
)
def test_check_deploy_fails_on_a_weak_key(key):
    result = manage_check_deploy(production_env() | {"DJANGO_SECRET_KEY": key})
    assert result.returncode != 0
    assert "security.W009" in result.stdout + result.stderr


@pytest.mark.slow  # gunicorn in a process of its own
@pytest.mark.parametrize("https", ["true", "false"])
def test_gunicorn_refuses_to_serve_without_a_secret_key(https):
    """With DJANGO_HTTPS on, settings refuse (whenever the app is loaded); without it,
    carsite/gunicorn.py does, before it serves anything."""
    env = production_env() | {"DJANGO_HTTPS": https}
    del env["DJANGO_SECRET_KEY"]
    gunicorn = Path(sys.executable).with_name("gunicorn")
    result = subprocess.run(
        [
            str(gunicorn),
            "carsite.wsgi",
            "-c",
            "carsite/gunicorn.py",
            "--no-control-socket",
            "--bind",
            "127.0.0.1:0",
        ],  # fmt: skip
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "set DJANGO_SECRET_KEY" in result.stdout + result.stderr
