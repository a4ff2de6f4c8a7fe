"""What gives the site its face and its way around: the header's one number, the home heading,
the process picture drawn from the journey, the "More" group, each page's "Next" link, the
"Finding us" page, avatars and the printed guide's hours (issue 14)."""

import datetime
import re
from html import unescape
from urllib.parse import parse_qs, urlparse

import pytest

from programs.models import ContactLine, JourneyStep, LinePurpose, Page
from programs.templatetags.process import hours_summary, initials
from tests.factories import ContactLineFactory, OpeningHoursFactory

pytestmark = pytest.mark.django_db


def _header(html: str) -> str:
    return html.split("<header", 1)[1].split("<main", 1)[0]


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def test_the_header_calls_the_line_chosen_in_the_admin(client, demo_program):
    assert demo_program.header_line.purpose == LinePurpose.NEW_PATIENTS
    header = _header(client.get("/").content.decode())
    assert 'href="tel:+12155550120"' in header  # the new-patient line, as home tells families
    assert "555-0100" not in header  # the information line is not a second "main" number
    demo_program.header_line = ContactLine.objects.get(
        program=demo_program, purpose=LinePurpose.TRIALS
    )
    demo_program.save()
    header = _header(client.get("/").content.decode())
    assert 'href="tel:+12155550160"' in header and "555-0120" not in header


def test_without_a_published_header_line_the_header_shows_the_main_phone(client, demo_program):
    line = demo_program.header_line
    line.is_published = False
    line.save()
    header = _header(client.get("/").content.decode())
    assert 'href="tel:+12155550100"' in header and "555-0120" not in header


def test_the_home_heading_does_not_repeat_the_site_name(client, demo_program):
    html = client.get("/").content.decode()
    h1 = _text(re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)).strip()
    assert h1 == "CAR T-cell therapy for children and young adults with B-cell leukemia"
    assert demo_program.name not in h1
    spanish = client.get("/es/").content.decode()
    assert "Terapia de células CAR T para niños y jóvenes con leucemia de células B</h1>" in spanish


@pytest.mark.parametrize("path", ["/how-it-works/", "/"])
def test_the_process_picture_shows_every_step_with_its_time(client, demo_program, path):
    html = client.get(path).content.decode()
    svg = html.split('<figure class="process', 1)[1].split("</figure>", 1)[0]
    drawn = _text(svg.split("</desc>", 1)[1])  # the picture's visible words
    for number, step in enumerate(demo_program.journey_steps.published(), start=1):
        assert step.title.split()[0] in drawn, step.title
        assert f"{number}." in drawn
    assert "About 3 to 4 weeks" in drawn  # making the cells, from the step's own numbers
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    desc = _text(svg.split("<desc", 1)[1].split("</desc>", 1)[0])
    assert "3. Making the CAR T-cells: about 3 to 4 weeks." in desc


def test_the_picture_follows_the_steps_when_an_editor_changes_them(client, demo_program):
    step = JourneyStep.objects.get(program=demo_program, title="Making the CAR T-cells")
    step.duration_min, step.duration_max = 4, 6
    step.save()
    hidden = JourneyStep.objects.get(program=demo_program, title="Time in the hospital")
    hidden.is_published = False
    hidden.save()
    html = client.get("/how-it-works/").content.decode()
    svg = html.split('<figure class="process', 1)[1].split("</figure>", 1)[0]
    assert "About 4 to 6 weeks" in svg and "About 3 to 4 weeks" not in svg
    assert "Time in the hospital" not in svg


def test_the_process_picture_is_spanish_on_spanish_pages(client, demo_program):
    html = client.get("/es/how-it-works/").content.decode()
    svg = html.split('<figure class="process', 1)[1].split("</figure>", 1)[0]
    assert "Preparación de las células CAR T" in _text(svg)
    assert "semanas" in svg and "weeks" not in svg


def test_the_more_group_lists_trials_stories_glossary_and_finding_us(client, demo_program):
    header = _header(client.get("/").content.decode())
    more = header.split('class="nav-more"', 1)[1].split("</ul>", 1)[0]
    for name, href in [
        ("Glossary", "/glossary/"),
        ("Families' stories", "/stories/"),
        ("Clinical trials", "/clinical-trials/"),
        ("Finding us", "/finding-us/"),
    ]:
        assert f'href="{href}"' in more, name


def test_every_page_ends_with_the_next_in_reading_order(client, demo_program):
    order = [
        "/what-is-car-t/", "/how-it-works/", "/who-it-is-for/", "/team/", "/contact/", "/faq/",
        "/resources/", "/glossary/", "/stories/", "/clinical-trials/", "/finding-us/",
    ]  # fmt: skip
    for here, following in zip(order, order[1:], strict=False):
        html = client.get(here).content.decode()
        nav = html.split('class="next-page"', 1)[1].split("</nav>", 1)[0]
        assert f'href="{following}" rel="next"' in nav, here
    last = client.get(order[-1]).content.decode().split('class="next-page"', 1)[1]
    assert 'href="/request-a-call-back/"' in last.split("</nav>", 1)[0]
    footer_page = client.get("/nondiscrimination/").content.decode()
    assert 'href="/what-is-car-t/" rel="next"' in footer_page


def test_finding_us_has_the_address_a_map_and_a_maps_link(client, demo_program):
    html = client.get("/finding-us/").content.decode()
    assert "1200 Larkfield Avenue" in html and "Philadelphia, PA 19104" in html
    maps = re.search(r'href="(https://www\.google\.com/maps/search/\?[^"]+)"', html).group(1)
    query = parse_qs(urlparse(unescape(maps)).query)["query"][0]
    assert query.startswith("Larkfield Children's Hospital") and "1200 Larkfield Avenue," in query
    assert "Open in your phone&#x27;s maps app" in html or "Open in your phone's maps app" in html
    assert '<svg class="site-map"' in html and "<title" in html
    for heading in ("Parking", "The entrance to use", "By bus or train", "Where families stay"):
        assert f"<h2>{heading}</h2>" in html
    spanish = client.get("/es/finding-us/").content.decode()
    assert "Cómo llegar</h1>" in spanish and "Estacionamiento" in spanish
    assert "Torre B" in spanish  # the map's words are translated too


def test_the_stay_near_box_comes_after_the_steps_that_point_to_it(client, demo_program):
    for prefix in ("", "/es"):
        html = client.get(f"{prefix}/how-it-works/").content.decode()
        steps_end = html.index('<ol class="journey">') + html[
            html.index('<ol class="journey">') :
        ].index("</ol>")
        assert html.index('class="stay-nearby') > steps_end  # the box is drawn after every step
        steps = html[html.index('<ol class="journey">') : steps_end].lower()
        for wrong in ("box above", "recuadro de arriba", "cuadro de arriba"):
            assert wrong not in steps  # a step may say "below" (true), never "above"


def test_team_cards_show_initials_when_there_is_no_photo(client, demo_program):
    html = client.get("/team/").content.decode()
    assert '<span class="avatar avatar-' in html and ">AL</span>" in html  # Anna Lindqvist
    assert initials("Dr. Tomás Aguilar") == "TA"
    assert initials("Mary Anne de la Cruz") == "MC"


def test_the_guide_says_when_each_line_answers_and_the_printed_date(client, demo_program):
    html = client.get("/family-guide/").content.decode()
    table = _text(html.split('class="guide-numbers"', 1)[1].split("</table>", 1)[0])
    assert "New-patient line (215) 555-0120 Mon–Fri 8 am to 6 pm" in table
    assert "24 hours a day, 7 days a week" in table
    assert "Families who want to ask" not in table  # who a line is for is not when it answers
    assert "Printed on" in html and "<time data-today" in html


def test_hours_summary_joins_days_alike_and_leaves_out_closed_days(demo_program):
    line = ContactLineFactory(program=demo_program)
    for day in range(5):
        OpeningHoursFactory(line=line, weekday=day)
    OpeningHoursFactory(line=line, weekday=5, opens=datetime.time(9), closes=datetime.time(13))
    line = ContactLine.objects.with_hours().get(pk=line.pk)
    assert hours_summary(line) == "Mon–Fri 8 am to 5 pm; Sat 9 am to 1 pm"


def test_only_published_pages_are_in_the_more_group(client, demo_program):
    page = Page.objects.get(slug="stories")
    page.is_published = False
    page.save()
    header = _header(client.get("/").content.decode())
    assert 'href="/stories/"' not in header and 'href="/glossary/"' in header
