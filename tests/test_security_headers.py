"""The security headers we promise, on every page a family or a staff member opens first (every
published page, each tool, the callback form and its thanks page, in English and in Spanish, and
the admin's sign-in), under production's settings: the Content Security Policy exactly as written,
HSTS for a year with subdomains and preload, no sniffing, same-origin referrers, no powerful
browser features, same-origin opener and resources, no framing, host-bound secure cookies,
integrity on our script, and nothing loaded from another origin. Static files carry the same
headers. `check --deploy` finds nothing to warn about, and production refuses to start without a
secret key."""

import base64
import hashlib
import re
import secrets
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

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
from tests.conftest import production_environ, settings_module_under

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parent.parent
HOST = "cart.example.org"
ORIGIN = f"https://{HOST}"
PROSE_EDITOR_STYLE_HASH = django_settings.PROSE_EDITOR_STYLE_HASH
FOREIGN_ORIGIN = "https://evil.example"
HSTS = "max-age=31536000; includeSubDomains; preload"  # a year, subdomains, preload-list ready
# The policy, directive by directive: what every page must send (plus its nonces, if it has any).
CSP = {
    "default-src": {"'none'"},
    "script-src": {"'self'"},
    "style-src": {"'self'", PROSE_EDITOR_STYLE_HASH},  # the admin editor's own stylesheet
    "img-src": {"'self'", "data:"},
    "font-src": {"'self'"},
    "connect-src": {"'self'"},
    "form-action": {"'self'"},
    "base-uri": {"'none'"},
    "object-src": {"'none'"},
    "frame-ancestors": {"'none'"},
    "manifest-src": {"'self'"},
}
NONCE = re.compile(r"^'nonce-[A-Za-z0-9+/_=-]{16,}'$")


def get(client, path, **headers):
    return client.get(path, secure=True, HTTP_HOST=HOST, HTTP_ORIGIN=FOREIGN_ORIGIN, **headers)


def csp_directives(response) -> dict[str, set[str]]:
    directives = {}
    for directive in response["Content-Security-Policy"].split(";"):
        name, *sources = directive.split()
        assert name not in directives, f"{name} twice"
        directives[name] = set(sources)
    return directives


class Tags(HTMLParser):
    """Every start tag of a page, with its attributes."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def scripts(self) -> list[dict]:
        return [attrs for tag, attrs in self.tags if tag == "script"]


def is_ours(url: str) -> bool:
    parts = urlsplit(url)
    if not parts.scheme and not parts.netloc:
        return True  # /static/…, #main, ?q=…
    if parts.scheme == "data":
        return True  # inline (the enrolment QR code): nothing is fetched
    return f"{parts.scheme}://{parts.netloc}" == ORIGIN


def assert_security_headers(name: str, response) -> None:
    csp = csp_directives(response)
    html = response.content.decode()
    # Inline scripts and styles only with this response's nonce. Django puts the nonce in the
    # header only when the page used it (public pages need none).
    html_nonces = {f"'nonce-{n}'" for n in re.findall(r'\bnonce="([^"]+)"', html)}
    nonces = {
        d: {s for s in csp[d] if s.startswith("'nonce-")} for d in ("script-src", "style-src")
    }
    assert {d: sources - nonces.get(d, set()) for d, sources in csp.items()} == CSP, name
    for directive, sources in nonces.items():
        assert all(NONCE.match(s) for s in sources), (name, directive, sources)
        assert html_nonces <= sources, (name, directive, html_nonces, sources)
    flat = {source for sources in csp.values() for source in sources}
    assert not flat & {"'unsafe-inline'", "'unsafe-eval'", "*", "http:", "https:"}, name

    assert response["Strict-Transport-Security"] == HSTS, name
    assert response["X-Content-Type-Options"] == "nosniff", name
    assert response["Referrer-Policy"] == "same-origin", name
    permissions = {p.strip() for p in response["Permissions-Policy"].split(",")}
    assert {"camera=()", "microphone=()", "geolocation=()", "payment=()"} <= permissions, name
    assert all(p.endswith("=()") for p in permissions), (name, permissions)  # all off
    assert response["Cross-Origin-Opener-Policy"] == "same-origin", name
    assert response["Cross-Origin-Resource-Policy"] == "same-origin", name
    assert response["X-Frame-Options"] == "DENY", name
    assert "Access-Control-Allow-Origin" not in response, name  # asked from a foreign Origin


def assert_loads_only_our_own_files(name: str, response) -> None:
    """Scripts from our origin, our own (static/js) with Subresource Integrity, inline ones with
    the nonce; no src, stylesheet, icon or form target anywhere else. Links out (an <a> to a
    government site, say) are https and load nothing."""
    tags = Tags(response.content.decode())
    for script in tags.scripts():
        if script.get("src"):
            assert script["src"].startswith("/static/"), (name, script)
            if script["src"].startswith("/static/js/"):
                assert (script.get("integrity") or "").startswith("sha384-"), (name, script)
        else:
            assert script.get("nonce"), (name, script)
    for tag, attrs in tags.tags:
        for attribute in ("src", "srcset", "poster", "data", "action") + (
            ("href",) if tag == "link" else ()
        ):
            if attrs.get(attribute):
                assert is_ours(attrs[attribute]), (name, tag, attribute, attrs[attribute])
        if tag == "a" and attrs.get("href") and not is_ours(attrs["href"]):
            assert urlsplit(attrs["href"]).scheme in ("https", "tel", "mailto"), (name, attrs)


# The __Host- prefix is honoured by browsers only with Secure, Path=/ and no Domain.
HOST_COOKIE = {"secure": True, "httponly": True, "samesite": "Lax", "path": "/", "domain": ""}


def cookie_flags(morsel) -> dict:
    return {
        "secure": bool(morsel["secure"]),
        "httponly": bool(morsel["httponly"]),
        "samesite": morsel["samesite"],
        "path": morsel["path"],
        "domain": morsel["domain"],
    }


def assert_host_bound_cookies(name: str, response) -> None:
    for cookie, morsel in response.cookies.items():
        assert cookie.startswith("__Host-"), (name, cookie)
        assert cookie_flags(morsel) == HOST_COOKIE, (name, cookie)


def thanks_path(client, language: str) -> str:
    from tests.inquiries.conftest import SHOWN_AT_INPUT, TOKEN_INPUT

    with translation.override(language):
        form_url = reverse("inquiries:callback_create")
    before = CallbackRequest.objects.count()
    client.cookies.pop("callback_sent", None)  # another family each time: not a request sent again
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
            "phone": f"(215) 555-01{50 + before:02d}",  # another family's number each time
            "language": "en",
            "consent_call": "on",
        },
        secure=True,
        HTTP_HOST=HOST,
    )
    assert response.status_code == 302, response.content[:500]
    assert CallbackRequest.objects.count() == before + 1
    return response["Location"]


def first_pages(client, group: str, language: str = "en") -> list[str]:
    """The addresses of one kind of page a visitor may open first."""
    if group == "admin login":
        return [reverse("admin:login")]
    if group == "thanks":
        paths = [thanks_path(client, language)]
    else:
        with translation.override(language):
            paths = {
                "home": lambda: [reverse("programs:home")],
                "content pages": lambda: [
                    page.get_absolute_url() for page in Page.objects.published().order_by("slug")
                ],
                "tools": lambda: [
                    reverse("programs:family_guide"),
                    reverse("inquiries:checklist"),
                    reverse("programs:search"),
                    reverse("programs:search") + "?q=fever",
                ],
                "callback form": lambda: [reverse("inquiries:callback_create")],
            }[group]()
    if language != "en":
        assert all(path.startswith(f"/{language}/") for path in paths), paths
    return paths


PUBLIC_GROUPS = ["home", "content pages", "tools", "callback form", "thanks"]
FIRST_PAGES = [(g, lang) for lang in ("en", "es") for g in PUBLIC_GROUPS] + [("admin login", "en")]


@pytest.mark.parametrize(
    ("group", "language"), FIRST_PAGES, ids=[f"{lang} {g}" for g, lang in FIRST_PAGES]
)
def test_every_first_page_sends_the_promised_headers(
    client, production, demo_program, group, language
):
    for path in first_pages(client, group, language):
        response = get(client, path)
        assert response.status_code == 200, (path, response.status_code)
        assert_security_headers(path, response)
        assert_loads_only_our_own_files(path, response)
        assert_host_bound_cookies(path, response)


def test_the_first_pages_are_every_published_page_in_both_languages(
    client, production, demo_program
):
    paths = [
        p for lang in ("en", "es") for g in PUBLIC_GROUPS for p in first_pages(client, g, lang)
    ]
    assert len(paths) > 30 and len(set(paths)) == len(paths)  # the demo's pages, both languages
    assert any(
        path.startswith("/es/request-a-call-back/") for path in first_pages(client, "thanks", "es")
    )


def test_production_settings_are_what_carsite_settings_computes_for_https():
    production = settings_module_under(production_environ())
    assert (production.DEBUG, production.HTTPS) == (False, True)
    assert production.ALLOWED_HOSTS == [HOST]
    assert production.SECURE_PROXY_SSL_HEADER == ("HTTP_X_FORWARDED_PROTO", "https")
    assert production.SECURE_SSL_REDIRECT is True
    assert production.SECURE_REDIRECT_EXEMPT == [r"^healthz$"]
    assert production.SECURE_HSTS_SECONDS == 365 * 24 * 3600
    assert production.SECURE_HSTS_INCLUDE_SUBDOMAINS is True
    assert production.SECURE_HSTS_PRELOAD is True
    assert production.SESSION_COOKIE_SECURE is production.CSRF_COOKIE_SECURE is True
    assert production.SESSION_COOKIE_HTTPONLY is production.CSRF_COOKIE_HTTPONLY is True
    assert (production.SESSION_COOKIE_NAME, production.CSRF_COOKIE_NAME) == (
        "__Host-sessionid",
        "__Host-csrftoken",
    )
    assert production_environ()["DJANGO_SECRET_KEY"] == production.SECRET_KEY


def test_plain_http_settings_send_no_hsts_and_keep_the_usual_cookie_names(client, demo_program):
    """Local runs (no DJANGO_HTTPS): a browser must not learn HSTS for 127.0.0.1."""
    response = client.get(reverse("inquiries:callback_create"))
    assert response.status_code == 200
    assert "Strict-Transport-Security" not in response
    assert set(response.cookies) == {"csrftoken"}


def test_our_scripts_carry_subresource_integrity_that_matches_the_file(
    client, production, demo_program
):
    from django.contrib.staticfiles import finders

    html = get(client, reverse("programs:home")).content.decode()
    scripts = [s for s in Tags(html).scripts() if s.get("src")]
    assert scripts, "the home page loads site.js"
    for script in scripts:
        assert script["src"].startswith("/static/")
        path = script["src"].removeprefix("/static/")
        with open(finders.find(path), "rb") as file:
            digest = base64.b64encode(hashlib.sha384(file.read()).digest()).decode()
        assert script["integrity"] == f"sha384-{digest}"


def test_the_policy_asks_for_a_nonce_and_never_for_unsafe_sources(settings):
    from django.utils.csp import CSP as SOURCES

    assert settings.SECURE_CSP["script-src"] == [SOURCES.SELF, SOURCES.NONCE]
    assert settings.SECURE_CSP["style-src"] == [
        SOURCES.SELF,
        SOURCES.NONCE,
        PROSE_EDITOR_STYLE_HASH,
    ]
    flat = {source for sources in settings.SECURE_CSP.values() for source in sources}
    assert not flat & {SOURCES.UNSAFE_INLINE, SOURCES.UNSAFE_EVAL, "*", "https:", "http:"}


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
        assert_loads_only_our_own_files("admin index", response)
        csp = csp_directives(response)
        (nonce,) = (s for s in csp["script-src"] if s.startswith("'nonce-"))
        assert f'nonce="{nonce[7:-1]}"' in response.content.decode()
        nonces.add(nonce)
    assert len(nonces) == 3


def test_csrf_cookie_is_secure_httponly_and_host_bound(client, production, demo_program):
    response = get(client, reverse("inquiries:callback_create"))
    assert set(response.cookies) == {"__Host-csrftoken"}
    assert cookie_flags(response.cookies["__Host-csrftoken"]) == HOST_COOKIE


def test_session_cookie_is_secure_httponly_and_host_bound(
    client, production, demo_program, admin_user
):
    response = client.post(
        reverse("admin:login"),
        {"username": admin_user.username, "password": "password"},
        secure=True,
        HTTP_HOST=HOST,
    )
    assert response.status_code == 302  # on to the second step
    assert "__Host-sessionid" in response.cookies
    assert cookie_flags(response.cookies["__Host-sessionid"]) == HOST_COOKIE
    # The second-step page sets both cookies, with the same flags and headers as every page.
    step_two = get(client, response["Location"])
    assert step_two.status_code == 200
    assert set(step_two.cookies) == {"__Host-sessionid", "__Host-csrftoken"}
    assert_host_bound_cookies("second step", step_two)
    assert_security_headers("second step", step_two)
    assert_loads_only_our_own_files("second step", step_two)


def test_plain_http_is_redirected_to_https(client, production, demo_program):
    response = client.get("/", HTTP_HOST=HOST)
    assert response.status_code == 301
    assert response["Location"] == f"{ORIGIN}/"


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


# --- manage.py check --deploy, as `make check-deploy` runs it


def production_env() -> dict[str, str]:
    """Production's environment (tests/conftest.py) with a fresh random key, on SQLite.
    (EMAIL_HOST is in it: production sends real email, and without it the check rightly fails,
    mail.E001.)"""
    env = {
        key: value
        for key, value in production_environ().items()
        if not key.startswith(("DATABASE_URL", "SQLITE_", "ADMIN_URL"))
    }
    return env | {"DJANGO_SECRET_KEY": secrets.token_urlsafe(48)[:64]}


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
