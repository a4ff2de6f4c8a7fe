"""Speed and weight as a family experiences them, tested functionally (bench/ does the timing)."""

import gzip
import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from programs.models import JourneyStep, Page
from tests.conftest import verified_login
from tests.factories import (
    ContactLineFactory,
    CoordinatorFactory,
    JourneyStepFactory,
    OpeningHoursFactory,
    TeamMemberFactory,
)

pytestmark = pytest.mark.django_db
BUDGET = 30 * 1024  # gzip bytes of HTML + CSS + JS per page, images apart
RENDER_QUERIES = 3  # a page rendered with the site chrome cached
PUBLIC_PATHS = [
    "/", "/what-is-car-t/", "/how-it-works/", "/who-it-is-for/", "/team/", "/contact/", "/faq/",
    "/resources/", "/glossary/", "/stories/", "/clinical-trials/", "/language-assistance/",
    "/nondiscrimination/", "/family-guide/", "/request-a-call-back/", "/could-car-t-be-an-option/",
    "/search/?q=T-cells", "/es/", "/es/how-it-works/", "/finding-us/", "/es/finding-us/",
]  # fmt: skip


def weight(client, path: str) -> dict:
    html = client.get(path).content
    total = {"html": len(gzip.compress(html, 9)), "assets": 0}
    text = html.decode()
    for asset in re.findall(
        r'<link rel="stylesheet" href="/static/([^"]+)"(?! media="print")', text
    ) + re.findall(r'<script src="/static/([^"]+)"', text):
        with open(finders.find(asset), "rb") as file:
            total["assets"] += len(gzip.compress(file.read(), 9))
    return total


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_every_public_page_weighs_under_30_kb_compressed(client, demo_program, path):
    size = weight(client, path)
    assert size["html"] + size["assets"] <= BUDGET, size


@pytest.mark.parametrize(
    "path",
    [p for p in PUBLIC_PATHS if "?" not in p and p not in ("/request-a-call-back/",)],
)
def test_public_pages_render_in_at_most_3_queries_once_the_chrome_is_cached(
    client, demo_program, path, django_assert_max_num_queries
):
    client.get(path + "?warm=1")
    with django_assert_max_num_queries(RENDER_QUERIES):
        assert client.get(path + "?again=1").status_code == 200


@pytest.mark.parametrize("count", [3, 30])
def test_query_budget_does_not_grow_with_members_lines_or_steps(
    client, demo_program, count, django_assert_num_queries
):
    program = Page.objects.get(slug="team").program
    TeamMemberFactory.create_batch(count, program=program)
    for line in ContactLineFactory.create_batch(count, program=program):
        OpeningHoursFactory(line=line)
    CoordinatorFactory.create_batch(count, program=program)
    JourneyStepFactory.create_batch(count, program=program)
    counts = {}
    for path in ("/team/", "/contact/", "/how-it-works/", "/family-guide/"):
        client.get(path + "?warm=1")
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            client.get(path + "?again=1")
        counts[path] = len(queries)
    assert all(n <= RENDER_QUERIES for n in counts.values()), counts


def test_a_cached_page_costs_one_query_and_is_the_same_page(
    client, demo_program, django_assert_num_queries
):
    first = client.get("/how-it-works/")
    with django_assert_num_queries(1):  # the content version
        again = client.get("/how-it-works/")
    assert again.content == first.content


def test_publishing_is_visible_on_the_next_request(client, demo_program):
    assert "A brand new sentence." not in client.get("/how-it-works/").content.decode()
    page = Page.objects.get(slug="how-it-works")
    page.body += "<p>A brand new sentence.</p>"
    page.save()
    assert "A brand new sentence." in client.get("/how-it-works/").content.decode()


def test_unpublishing_removes_the_page_and_its_menu_entry_at_once(client, demo_program):
    client.get("/faq/")
    Page.objects.filter(slug="faq").update(is_published=False)  # a bulk change: no signal
    from programs.caching import content_changed

    content_changed()
    assert client.get("/faq/").status_code == 404
    assert 'href="/faq/"' not in client.get("/").content.decode()


def test_a_new_journey_step_shows_without_waiting(client, demo_program):
    client.get("/how-it-works/")
    JourneyStep.objects.create(
        program=Page.objects.get(slug="how-it-works").program,
        title="A new step",
        what_happens="x.",
        order=999,
    )
    assert "A new step" in client.get("/how-it-works/").content.decode()


def test_staff_get_fresh_pages_with_the_edit_link(client, demo_program, admin_user):
    client.get("/how-it-works/")  # cached for visitors
    verified_login(client, admin_user)
    html = client.get("/how-it-works/").content.decode()
    assert "Edit this page" in html


def test_a_repeat_visit_gets_304(client, demo_program):
    first = client.get("/team/")
    assert first.status_code == 200 and first["ETag"]
    repeat = client.get("/team/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert repeat.status_code == 304 and repeat.content == b""
    assert client.get("/team/", HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_pages_are_sent_compressed(client, demo_program):
    response = client.get("/how-it-works/", HTTP_ACCEPT_ENCODING="gzip, br")
    assert response["Content-Encoding"] == "gzip"
    assert b"How CAR T-cell therapy works" in gzip.decompress(response.content)
    assert "Accept-Encoding" in response["Vary"]


def test_the_callback_form_is_never_cached_and_has_its_own_token(client, demo_program):
    first = client.get(reverse("inquiries:callback_create")).content.decode()
    second = client.get(reverse("inquiries:callback_create")).content.decode()
    token = re.compile(r'name="submission_token" value="([^"]+)"')
    assert token.search(first).group(1) != token.search(second).group(1)


@pytest.mark.slow  # load: gunicorn with 4 workers and 60 concurrent forms
def test_fifty_families_at_once_lose_nothing(static_collected):
    """A small `make bench-load`: 50 concurrent submissions and 10 replays against gunicorn
    (4 workers, its own database: SQLite, or PostgreSQL when DATABASE_URL is set)."""
    import os

    from bench.common import Server, Site
    from bench.load import burst, database_check, run_worker

    url = os.environ.get("DATABASE_URL", "")
    if url:
        url = url.rstrip("/") + "_loadcheck"
    site = Site(database_url=url).prepare()
    server = Server(site, workers=4).start()
    try:
        result = burst([server], count=50, replays=10, concurrency=60)
        run_worker(site)
        check = database_check(site, result["references"])
    finally:
        server.stop()
        site.cleanup()
    assert result["statuses"] == {302: 60}
    assert result["acknowledged_forms"] == check["rows"] == check["distinct_tokens"] == 50
    assert check["with_job"] == check["notified"] == 50
    assert check["acknowledged_but_missing"] == 0
