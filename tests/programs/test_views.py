import datetime

import pytest
import time_machine
from django.template.loader import render_to_string
from django.urls import resolve, reverse

from programs.models import LinePurpose, PageKind
from tests.factories import (
    ConditionFactory,
    ContactLineFactory,
    CoordinatorFactory,
    OpeningHoursFactory,
    PageFactory,
    ProgramFactory,
    TeamMemberFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(program):
    """A program with one page of each kind, a few lines, people and conditions."""
    pages = {
        "what": PageFactory(
            program=program,
            slug="what-is-car-t",
            title="What is CAR T?",
            order=10,
            body="<p>Your child's own T-cells are changed in a lab.</p>",
        ),
        "eligibility": PageFactory(
            program=program,
            slug="who-it-is-for",
            title="Who it is for",
            kind=PageKind.CONDITIONS,
            order=30,
        ),
        "team": PageFactory(
            program=program, slug="team", title="Our team", kind=PageKind.TEAM, order=40
        ),
        "contact": PageFactory(
            program=program, slug="contact", title="Contact us", kind=PageKind.CONTACTS, order=50
        ),
    }
    lines = {
        "info": ContactLineFactory(
            program=program,
            name="Cancer information line",
            phone="(215) 555-0111",
            show_on_home=True,
            email="info@example.org",
        ),
        "urgent": ContactLineFactory(
            program=program,
            name="24/7 line for current patients",
            purpose=LinePurpose.CURRENT_PATIENTS,
            is_24_7=True,
            phone="(215) 555-0199",
        ),
    }
    OpeningHoursFactory(
        line=lines["info"], weekday=0, opens=datetime.time(8), closes=datetime.time(17)
    )
    TeamMemberFactory(program=program, name="Dr. Ana Reyes", role="Leukemia doctor")
    CoordinatorFactory(
        program=program, name="Jordan Lee", role="CAR T nurse coordinator", phone="(215) 555-0150"
    )
    ConditionFactory(program=program, name="B-cell acute lymphoblastic leukemia")
    return {"program": program, "pages": pages, "lines": lines}


def test_home_shows_the_program_and_key_lines(client, site):
    response = client.get(reverse("programs:home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Test CAR T Program" in html
    assert "A test program for children whose leukemia came back." in html
    assert "We treat children with CAR T-cell therapy." in html
    assert "Call our new-patient line." in html
    assert "Cancer information line" in html
    assert "B-cell acute lymphoblastic leukemia" in html


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("what", "Your child&#x27;s own T-cells are changed in a lab."),
        ("eligibility", "B-cell acute lymphoblastic leukemia"),
        ("team", "Dr. Ana Reyes"),
        ("contact", "Jordan Lee"),
    ],
)
def test_each_page_shows_its_content(client, site, key, expected):
    page = site["pages"][key]
    response = client.get(page.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<h1 id="page-title">{page.title}</h1>' in html
    assert expected in html or expected.replace("&#x27;", "'") in html
    assert f'<meta name="description" content="{page.summary}">' in html


def test_contacts_page_lists_every_line_with_hours(client, site):
    html = client.get(site["pages"]["contact"].get_absolute_url()).content.decode()
    assert "Cancer information line" in html and "24/7 line for current patients" in html
    assert "8 am to 5 pm" in html
    assert 'href="mailto:info@example.org"' in html
    assert "Answered 24 hours a day, 7 days a week." in html


def test_tel_links_carry_the_e164_number_and_show_it_formatted(client, site):
    html = client.get(site["pages"]["contact"].get_absolute_url()).content.decode()
    assert '<a href="tel:+12155550111">(215) 555-0111</a>' in html
    assert '<a href="tel:+12155550150">(215) 555-0150</a>' in html  # the coordinator


def test_open_now_label_follows_the_clock(client, site):
    url = site["pages"]["contact"].get_absolute_url()
    monday_noon = datetime.datetime(2026, 11, 23, 17, 0, tzinfo=datetime.UTC)  # 12:00 in New York
    with time_machine.travel(monday_noon, tick=False):
        html = client.get(url).content.decode()
    info = html.split("Cancer information line", 1)[1].split("</article>", 1)[0]
    assert "Open now" in info
    with time_machine.travel(monday_noon + datetime.timedelta(hours=6), tick=False):
        html = client.get(url).content.decode()
    info = html.split("Cancer information line", 1)[1].split("</article>", 1)[0]
    assert "Closed now" in info


def test_a_cached_page_does_not_say_open_after_the_line_closes(client, site):
    """The whole page is cached; it must not outlive the line's closing time (5 pm)."""
    url = site["pages"]["contact"].get_absolute_url()
    before_five = datetime.datetime(2026, 11, 23, 21, 59, tzinfo=datetime.UTC)  # 4:59 pm
    with time_machine.travel(before_five, tick=False):
        html = client.get(url).content.decode()
    assert "Open now" in html.split("Cancer information line", 1)[1].split("</article>", 1)[0]
    with time_machine.travel(before_five + datetime.timedelta(minutes=2), tick=False):
        html = client.get(url).content.decode()
    assert "Closed now" in html.split("Cancer information line", 1)[1].split("</article>", 1)[0]
    # ...and it opens again at 8 am the next Monday, without any content change in between.
    next_monday = datetime.datetime(2026, 11, 30, 13, 1, tzinfo=datetime.UTC)  # 8:01 am
    with time_machine.travel(next_monday, tick=False):
        html = client.get(url).content.decode()
    assert "Open now" in html.split("Cancer information line", 1)[1].split("</article>", 1)[0]


def test_unpublished_page_is_404_for_the_public(client, site):
    draft = PageFactory(
        program=site["program"], slug="draft-news", title="Draft news", is_published=False
    )
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 404
    assert "Draft news" not in response.content.decode()


def test_unknown_url_gets_the_branded_404(client, site):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "We can&#x27;t find that page" in html or "We can't find that page" in html
    assert "Test CAR T Program" in html  # the site's own header
    assert '<a href="tel:+12155550100">(215) 555-0100</a>' in html
    assert client.get("/a/deeper/path/").status_code == 404


def test_nav_lists_only_published_pages_in_order(client, site):
    program = site["program"]
    PageFactory(program=program, slug="hidden", title="Hidden draft", is_published=False, order=1)
    PageFactory(
        program=program, slug="not-in-menu", title="Not in menu", show_in_nav=False, order=2
    )
    PageFactory(program=program, slug="how-it-works", title="How it works", order=20)
    html = client.get(reverse("programs:home")).content.decode()
    nav = html.split('<nav class="site-nav" aria-label="Main">', 1)[1].split("</nav>", 1)[0]
    titles = [chunk.split("</a>")[0].split(">")[-1] for chunk in nav.split("<li>")[1:]]
    assert titles == ["What is CAR T?", "How it works", "Who it is for", "Our team", "Contact us"]


def test_nav_marks_the_current_page(client, site):
    html = client.get("/team/").content.decode()
    assert '<a href="/team/" aria-current="page">Our team</a>' in html


def test_footer_has_lines_and_emergency_guidance(client, site):
    html = client.get(reverse("programs:home")).content.decode()
    footer = html.split('<footer class="site-footer">', 1)[1]
    assert "For a medical emergency, call" in footer and 'href="tel:911"' in footer
    assert "call our 24/7 line now at" in footer
    assert '<a href="tel:+12155550199">(215) 555-0199</a>' in footer
    assert "Cancer information line" in footer


def test_other_programs_pages_are_not_served(client, site):
    other = ProgramFactory(slug="adult", name="Adult program")
    page = PageFactory(program=other, slug="adult-only", title="Adult only")
    assert client.get(page.get_absolute_url()).status_code == 404


# Queries: building the shared site chrome (once per content change, for every page and worker),
# then one page render with the chrome cached (the page cache skipped by a query string), then the
# same page from the page cache.
CHROME_BUILD = 14
RENDER = 3
CACHED = 1


def _budgets(client, path, django_assert_max_num_queries):
    with django_assert_max_num_queries(CHROME_BUILD):
        client.get(f"{path}?first=1")
    with django_assert_max_num_queries(RENDER):
        response = client.get(f"{path}?again=1")
    client.get(path)
    with django_assert_max_num_queries(CACHED):
        cached = client.get(path)
    assert cached.content == client.get(path).content
    return response


@pytest.mark.parametrize("members", [3, 30])
def test_team_page_query_count_does_not_grow_with_members(
    client, site, members, django_assert_max_num_queries
):
    TeamMemberFactory.create_batch(members, program=site["program"])
    response = _budgets(client, "/team/", django_assert_max_num_queries)
    assert response.content.decode().count('class="team-member"') == members + 1


@pytest.mark.parametrize("count", [3, 30])
def test_contacts_page_query_count_does_not_grow_with_lines(
    client, site, count, django_assert_max_num_queries
):
    for line in ContactLineFactory.create_batch(count, program=site["program"]):
        OpeningHoursFactory(line=line)
    CoordinatorFactory.create_batch(count, program=site["program"])
    response = _budgets(client, "/contact/", django_assert_max_num_queries)
    assert response.content.decode().count('class="line-card"') >= 2 * count


def test_sitemap_lists_published_pages_only(client, site):
    PageFactory(program=site["program"], slug="secret-draft", is_published=False)
    xml = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://127.0.0.1:8000/team/</loc>" in xml
    assert "<loc>http://127.0.0.1:8000/</loc>" in xml
    assert "secret-draft" not in xml


def test_robots_txt_points_to_the_sitemap(client, site):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /admin/" in body and "Sitemap: http://127.0.0.1:8000/sitemap.xml" in body


def test_favicon_is_served(client, site):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("img/favicon.ico")


def test_healthz_checks_the_database(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok", "database": "ok"}


def test_healthz_answers_a_plain_http_probe_behind_the_tls_proxy(client, db, production):
    assert production.SECURE_SSL_REDIRECT
    assert client.get("/healthz", HTTP_HOST="cart.example.org").status_code == 200
    response = client.get("/", HTTP_HOST="cart.example.org")
    assert response.status_code == 301  # every other address still goes to https


def test_healthz_reports_a_database_failure(client, db, monkeypatch):
    from django.db.backends.utils import CursorWrapper

    def broken(*args, **kwargs):
        raise OSError("database went away")

    monkeypatch.setattr(CursorWrapper, "execute", broken)
    response = client.get("/healthz")
    assert response.status_code == 503 and response.json()["database"] == "unavailable"


def test_500_page_renders_without_the_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        html = render_to_string("500.html")
    assert "Sorry, something went wrong on our side" in html and 'href="tel:911"' in html


def test_home_without_any_program_is_a_friendly_404(client, db):
    response = client.get("/")
    assert response.status_code == 404
    assert "We can" in response.content.decode()


@pytest.mark.parametrize(
    ("name", "kwargs", "path"),
    [
        ("programs:home", {}, "/"),
        ("programs:page_detail", {"slug": "team"}, "/team/"),
        ("robots_txt", {}, "/robots.txt"),
        ("sitemap", {}, "/sitemap.xml"),
        ("healthz", {}, "/healthz"),
    ],
)
def test_url_names_and_paths_match(name, kwargs, path):
    assert reverse(name, kwargs=kwargs) == path
    assert resolve(path).view_name == name
