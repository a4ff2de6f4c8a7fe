"""What a hospital's deployment depends on, tested in-process: absolute links come from the
configured origin (never the request's Host, so the shared page cache cannot be poisoned), and
forwarded headers are believed only from the configured proxies. The whole topology (nginx,
gunicorn, the worker, PostgreSQL, Redis, SMTP, the Observatory) is `make prod-check`
(deploy/prod_check.py)."""

import re

import pytest

pytestmark = pytest.mark.django_db

ORIGIN = "https://cart.example.org"
ODD_HOSTS = ["cart.example.org:6666", "127.0.0.1:6666", "localhost:1", "[::1]:8443"]


def absolute_links(html: str) -> list[str]:
    return re.findall(r'<link rel="(?:canonical|alternate)"[^>]* href="([^"]+)"', html)


@pytest.fixture
def origin(settings):
    settings.SITE_URL = ORIGIN
    settings.ALLOWED_HOSTS = ["cart.example.org", "127.0.0.1", "localhost", "[::1]"]
    return settings


@pytest.mark.parametrize(
    "path", ["/", "/team/", "/es/what-is-car-t/", "/could-car-t-be-an-option/"]
)
def test_canonical_and_hreflang_links_use_the_configured_origin(client, demo_program, origin, path):
    html = client.get(path, HTTP_HOST="127.0.0.1:6666").content.decode()
    links = absolute_links(html)
    assert len(links) == 4  # canonical, en, es, x-default
    assert all(link.startswith(ORIGIN + "/") for link in links), links
    assert f'<link rel="canonical" href="{ORIGIN}{path}">' in html


def test_odd_host_headers_cannot_poison_what_ordinary_visitors_get(client, demo_program, origin):
    for host in ODD_HOSTS:
        for path in ("/", "/team/", "/es/"):
            assert client.get(path, HTTP_HOST=host).status_code == 200
    for path in ("/", "/team/", "/es/"):
        response = client.get(path, HTTP_HOST="cart.example.org")
        html = response.content.decode()
        assert "6666" not in html and ":1/" not in html and "[::1]" not in html
        assert all(link.startswith(ORIGIN + "/") for link in absolute_links(html))


def test_unknown_hosts_are_refused(client, demo_program, origin):
    assert client.get("/", HTTP_HOST="evil.example").status_code == 400


def test_sitemap_and_robots_use_the_configured_origin(client, demo_program, origin):
    xml = client.get("/sitemap.xml", HTTP_HOST="127.0.0.1:6666").content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", xml)
    assert f"{ORIGIN}/" in locations and f"{ORIGIN}/team/" in locations
    assert all(location.startswith(ORIGIN + "/") for location in locations)
    robots = client.get("/robots.txt", HTTP_HOST="127.0.0.1:6666").content.decode()
    assert f"Sitemap: {ORIGIN}/sitemap.xml" in robots and "6666" not in robots


def test_the_staff_email_links_to_the_configured_origin(client, demo_program, origin, mailoutbox):
    from inquiries.notifications import notification_email
    from tests.factories import CallbackRequestFactory

    request = CallbackRequestFactory(program=demo_program)
    email = notification_email(request)
    assert f"{ORIGIN}/admin/inquiries/callbackrequest/{request.pk}/change/" in email.body


# --- Forwarded headers: believed only from the configured proxies

TOKEN_INPUT = re.compile(r'name="(submission_token|shown_at)" value="([^"]+)"')


def callback_form(client) -> dict:
    html = client.get("/request-a-call-back/").content.decode()
    return dict(TOKEN_INPUT.findall(html)) | {
        "asker": "parent",
        "topic": "is_cart_an_option",
        "patient_age": "9",
        "diagnosis": "b_all",
        "relapsed": "yes",
        "name": "Sam Rivera",
        "phone": "(215) 555-0188",
        "best_times": ["morning"],
        "language": "en",
        "consent_call": "on",
    }


def test_a_direct_client_with_a_forged_forwarded_for_gets_the_callback_limit(
    client, demo_program, settings
):
    """Production trusts one proxy (TRUSTED_PROXY_COUNT=1) at 127.0.0.1; a client reaching gunicorn
    from elsewhere writes a new X-Forwarded-For on every post, and is still stopped after 5."""
    import time_machine
    from django.utils import timezone

    from inquiries.models import CallbackRequest

    settings.TRUSTED_PROXY_COUNT = 1
    settings.TRUSTED_PROXY_ADDRESSES = ["127.0.0.1", "::1"]
    settings.CALLBACK_RATE_LIMITS = [(5, 60), (20, 86400)]  # production's defaults
    statuses = []
    with time_machine.travel(timezone.now().replace(second=5), tick=False):
        for i in range(8):
            client.cookies.pop("callback_sent", None)  # eight families, not one sending again
            data = callback_form(client) | {"phone": f"(215) 555-01{10 + i}"}
            response = client.post(
                "/request-a-call-back/",
                data,
                REMOTE_ADDR="198.51.100.7",
                HTTP_X_FORWARDED_FOR=f"203.0.113.{i}",
            )
            statuses.append(response.status_code)
    assert statuses == [302] * 5 + [429] * 3
    assert CallbackRequest.objects.count() == 5


@pytest.mark.parametrize(
    ("peer", "forwarded", "expected"),
    [
        ("127.0.0.1", "198.51.100.7", "198.51.100.7"),  # through the proxy
        ("::1", "198.51.100.7", "198.51.100.7"),
        ("198.51.100.9", "203.0.113.1", "198.51.100.9"),  # straight to gunicorn: a lie
        ("10.1.2.3", "203.0.113.1", "10.1.2.3"),
    ],
)
def test_the_client_address_comes_from_the_header_only_through_a_configured_proxy(
    settings, peer, forwarded, expected
):
    from django.test import RequestFactory

    from inquiries.ratelimit import client_address

    settings.TRUSTED_PROXY_COUNT = 1
    settings.TRUSTED_PROXY_ADDRESSES = ["127.0.0.1", "::1"]
    request = RequestFactory().get("/", REMOTE_ADDR=peer, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected


def test_networks_can_name_the_proxies(settings):
    from django.test import RequestFactory

    from inquiries.ratelimit import client_address

    settings.TRUSTED_PROXY_COUNT = 1
    settings.TRUSTED_PROXY_ADDRESSES = ["10.0.0.0/24"]
    behind = RequestFactory().get("/", REMOTE_ADDR="10.0.0.7", HTTP_X_FORWARDED_FOR="192.0.2.4")
    outside = RequestFactory().get("/", REMOTE_ADDR="10.0.1.7", HTTP_X_FORWARDED_FOR="192.0.2.4")
    assert client_address(behind) == "192.0.2.4" and client_address(outside) == "10.0.1.7"


# --- Search: a per-address limit (each search is a full-text query)


@pytest.mark.parametrize("prefix", ["", "/es"])
def test_searches_are_limited_per_address(client, demo_program, settings, prefix):
    settings.SEARCH_RATE_LIMITS = [(3, 60)]
    import time_machine
    from django.utils import timezone

    with time_machine.travel(timezone.now().replace(second=1), tick=False):
        for word in ("fever", "school", "insurance"):
            response = client.get(prefix + "/search/", {"q": word}, REMOTE_ADDR="203.0.113.7")
            assert response.status_code == 200
        crafted = client.get(
            prefix + "/search/", {"q": "e a i o u s t r n l"}, REMOTE_ADDR="203.0.113.7"
        )
        assert crafted.status_code == 429
        html = crafted.content.decode()
        assert 'class="search-message" role="status"' in html
        assert 'value="e a i o u s t r n l"' in html  # what was typed is kept
        assert "search-results" not in html
        if prefix:
            assert "Espere un minuto" in html
        # Someone else searches as usual.
        other = client.get(prefix + "/search/", {"q": "fever"}, REMOTE_ADDR="198.51.100.7")
        assert other.status_code == 200


# --- Bad input from clients: a clear 400, and one line in the log

BODY = b"csrfmiddlewaretoken=\xff\xfe&name=Sam\xe9&phone=2155550188"


@pytest.mark.parametrize("charset", ["latin-1", "utf-16", "windows-1252"])
@pytest.mark.parametrize("path", ["/request-a-call-back/", "/", "/admin/login/", "/es/search/"])
def test_a_form_post_in_another_charset_gets_a_clear_400(demo_program, charset, path):
    from django.test import Client

    from carsite.middleware import FORM_ENCODING_REFUSED

    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.get("/request-a-call-back/")  # with a CSRF cookie, as a browser would
    assert client.cookies.get("csrftoken")
    content_type = f"application/x-www-form-urlencoded; charset={charset}"
    response = client.generic("POST", path, BODY, content_type=content_type)
    assert response.status_code == 400
    assert response.content.decode() == FORM_ENCODING_REFUSED
    # ... and the site goes on as before.
    assert client.get("/").status_code == 200


@pytest.fixture
def console_log():
    """What the console handler (the one operators read) writes, through its own filters."""
    import io
    import logging

    handler = next(h for h in logging.getLogger().handlers if getattr(h, "name", "") == "console")
    stream = io.StringIO()
    old = handler.setStream(stream)
    yield stream
    handler.setStream(old)


def test_expected_client_errors_log_one_line_not_a_traceback(client, demo_program, console_log):
    from django.test import Client

    client.raise_request_exception = False
    assert client.get("/", HTTP_HOST="evil.example").status_code == 400  # DisallowedHost
    strict = Client(enforce_csrf_checks=True, raise_request_exception=False)
    assert strict.post("/request-a-call-back/", {"name": "x"}).status_code == 403  # CSRF
    charset = "application/x-www-form-urlencoded; charset=latin-1"
    assert client.generic("POST", "/", BODY, content_type=charset).status_code == 400
    assert client.get("/no-such-page/").status_code == 404
    text = console_log.getvalue()
    assert "Invalid HTTP_HOST header" in text and "Forbidden (CSRF" in text
    assert "Traceback" not in text
    assert len(text.strip().splitlines()) <= 4, text


def test_server_errors_keep_their_traceback():
    import logging
    import sys

    from carsite.logs import ClientErrorsOnOneLine

    try:
        raise RuntimeError("boom")
    except RuntimeError:
        exc_info = sys.exc_info()
    for status, kept in ((500, True), (503, True), (403, False), (400, False)):
        record = logging.LogRecord("django.request", logging.ERROR, "", 0, "x", (), exc_info)
        record.status_code = status
        assert ClientErrorsOnOneLine().filter(record)
        assert bool(record.exc_info) is kept, status


# --- deploy/nginx.conf: what `make prod-check` runs, checked without starting anything


def prod_check_module():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "deploy" / "prod_check.py"
    spec = importlib.util.spec_from_file_location("prod_check", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def nginx_directives(text: str, name: str) -> list[str]:
    """Every `name …;` directive (comments dropped, multi-line values joined)."""
    code = re.sub(r"#[^\n]*", "", text)
    return [" ".join(m.split()) for m in re.findall(rf"(?<![\w$]){name}\s+([^;{{]*);", code)]


def test_the_proxy_logs_no_query_string_referrer_or_header():
    from pathlib import Path

    text = (Path(__file__).resolve().parent.parent / "deploy" / "nginx.conf").read_text()
    (log_format,) = nginx_directives(text, "log_format")
    for variable in ("$request ", "$request_uri", "$args", "$query_string", "$http_", "$arg_"):
        assert variable not in log_format + " ", variable
    assert "$uri" in log_format
    assert nginx_directives(text, "access_log") == ["@@LOG_DIR@@/nginx-access.log carsite"]


def test_the_proxy_buffers_limits_and_replaces_forwarded_headers():
    from pathlib import Path

    text = (Path(__file__).resolve().parent.parent / "deploy" / "nginx.conf").read_text()
    assert nginx_directives(text, "proxy_request_buffering") == ["on"]
    assert nginx_directives(text, "proxy_buffering") == ["on"]
    headers = nginx_directives(text, "proxy_set_header")
    assert "X-Forwarded-For $remote_addr" in headers  # replaced, never appended to
    assert "X-Forwarded-Proto https" in headers
    assert not any("$proxy_add_x_forwarded_for" in h for h in headers)
    zones = nginx_directives(text, "limit_req_zone")
    assert any("zone=sign_in" in z and "rate=10r/m" in z for z in zones)
    assert any("zone=search" in z for z in zones)
    assert nginx_directives(text, "root") == [] and nginx_directives(text, "alias") == []
    # Every location either proxies to the app or refuses: nginx serves no file of its own.
    assert len(nginx_directives(text, "proxy_pass")) == 3


def test_nginx_accepts_the_rendered_config(tmp_path):
    import shutil
    import subprocess

    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not shutil.which(nginx):
        pytest.skip(
            "Debian's nginx is not installed (.ci/run installs it: apt-get install nginx-light)"
        )
    prod_check = prod_check_module()
    for sub in ("run", "logs"):
        (tmp_path / sub).mkdir()
    ca, cert, key = prod_check.make_certificate(tmp_path)
    conf = prod_check.render_nginx_conf(tmp_path, cert, key)
    assert not re.findall(r"@@\w+@@", conf.read_text())
    result = subprocess.run(
        [nginx, "-t", "-p", str(tmp_path), "-c", str(conf), "-e", str(tmp_path / "logs" / "e.log")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("site_url", "warned"),
    [
        ("https://cart.example.org", False),
        ("http://127.0.0.1:8000", True),  # the embedded default, left in production
        ("http://cart.example.org", True),
        ("https://elsewhere.example", True),
    ],
)
def test_check_deploy_warns_when_site_url_is_not_the_public_origin(settings, site_url, warned):
    from carsite.checks import site_url_is_the_public_origin

    settings.HTTPS = True
    settings.ALLOWED_HOSTS = ["cart.example.org"]
    settings.SITE_URL = site_url
    messages = site_url_is_the_public_origin(None)
    assert [m.id for m in messages] == (["carsite.W001"] if warned else [])
