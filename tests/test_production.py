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
