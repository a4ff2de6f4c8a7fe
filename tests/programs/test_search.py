"""Site search: only what families can already see, in their language, safely marked up.

Runs on SQLite (the simple fallback) and on PostgreSQL (full-text search) alike:
DATABASE_URL=postgres://… pytest tests/programs/test_search.py
"""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse
from django.utils import timezone, translation

from programs.models import PageKind
from programs.search import MAX_QUERY_LENGTH, SEARCH_EMPTY, SEARCH_TOO_LONG, sources
from tests.factories import (
    ClinicalTrialFactory,
    ConditionFactory,
    ContactLineFactory,
    CoordinatorFactory,
    FAQFactory,
    GlossaryTermFactory,
    JourneyStepFactory,
    LanguageTaglineFactory,
    PageFactory,
    PatientStoryFactory,
    ResourceFactory,
    StayNearbyFactFactory,
    TeamMemberFactory,
    WarningSignFactory,
)

pytestmark = pytest.mark.django_db

WAGON_BODY = "<p>Families can borrow a red wagon from the playroom on the fifth floor.</p>"


def search(client, query: str, prefix: str = "") -> str:
    response = client.get(f"{prefix}/search/", {"q": query})
    assert response.status_code == 200
    return response.content.decode().split('<main id="main"', 1)[1]


def results(html: str) -> str:
    return html.split('<ol class="search-results">', 1)[1] if "search-results" in html else ""


@pytest.fixture
def listing_pages(program):
    """A published page of each kind that lists searchable rows."""
    kinds = [PageKind.FAQ, PageKind.GLOSSARY, PageKind.STORIES, PageKind.TRIALS, PageKind.RESOURCES]
    return {kind: PageFactory(program=program, kind=kind, slug=kind) for kind in kinds}


@pytest.fixture
def block_pages(program):
    """A published page of each kind that shows rows after its text, at the demo's addresses."""
    slugs = {
        PageKind.JOURNEY: "how-it-works",
        PageKind.CONDITIONS: "who-it-is-for",
        PageKind.TEAM: "team",
        PageKind.CONTACTS: "contact",
        PageKind.LANGUAGE_HELP: "language-assistance",
    }
    return {
        kind: PageFactory(program=program, kind=kind, slug=slug) for kind, slug in slugs.items()
    }


def test_search_url_names_and_paths_match():
    assert reverse("programs:search") == "/search/"
    assert resolve("/search/").view_name == "programs:search"
    with translation.override("es"):
        assert reverse("programs:search") == "/es/search/"
        assert resolve("/es/search/").view_name == "programs:search"


def test_search_page_has_a_labelled_form_and_the_header_links_to_it(client, program):
    html = client.get("/search/").content.decode()
    assert '<label class="form-label" for="search-q">Search this site</label>' in html
    assert 'id="search-q" name="q"' in html and 'method="get"' in html
    assert 'href="/search/">Search</a>' in client.get("/").content.decode()


def test_search_finds_words_in_a_page_body_and_marks_them(client, program):
    page = PageFactory(program=program, title="Your stay", body=WAGON_BODY)
    html = results(search(client, "wagon playroom"))
    assert f'<a href="{page.get_absolute_url()}">Your stay</a>' in html
    assert "<mark>wagon</mark>" in html and "<mark>playroom</mark>" in html
    assert '<p class="result-kind mb-1">Page</p>' in html


def test_search_finds_words_in_a_page_title(client, program):
    PageFactory(program=program, title="Parking and directions", body="<p>Come by bus.</p>")
    assert "<mark>Parking</mark> and directions" in results(search(client, "parking"))


def test_search_never_finds_a_draft_or_an_unpublished_page(client, program):
    live = PageFactory(program=program, title="Live page", body="<p>Nothing special here.</p>")
    live.draft = {"body": "<p>The zeppelin plan is a secret draft.</p>"}
    live.save()
    PageFactory(program=program, body="<p>A zeppelin in an unpublished page.</p>", is_published=False)  # fmt: skip
    html = search(client, "zeppelin")
    assert "0 results" in html and "zeppelin plan" not in html


@pytest.mark.parametrize("window", ["not yet", "ended"])
def test_search_never_finds_a_page_outside_its_publish_window(client, program, window):
    now = timezone.now()
    hour = datetime.timedelta(hours=1)
    times = {"publish_at": now + hour} if window == "not yet" else {"unpublish_at": now - hour}
    PageFactory(program=program, body="<p>The zeppelin lands on Friday.</p>", **times)
    assert "0 results" in search(client, "zeppelin")


def test_search_finds_each_kind_of_content_with_a_link_to_it(client, program, listing_pages):
    faq = FAQFactory(program=program, question="Can we bring a hamster?")
    term = GlossaryTermFactory(program=program, term="hamster", slug="hamster")
    story = PatientStoryFactory(program=program, body="<p>Maya missed her hamster.</p>")
    trial = ClinicalTrialFactory(program=program, for_whom="Children who own a hamster.")
    resource = ResourceFactory(program=program, description="Hamster sitting while you stay.")
    html = results(search(client, "hamster"))
    for url, kind in [
        (f"/faq/#faq-{faq.pk}", "Question"),
        (f"/glossary/#term-{term.slug}", "Medical word"),
        (f"/stories/#story-{story.pk}", "Family story"),
        (f"/trials/#trial-{trial.pk}", "Clinical trial"),
        (f"/resources/#resource-{resource.pk}", "Resource"),
    ]:
        assert f'href="{url}"' in html, url
        assert f">{kind}</p>" in html, kind


def test_search_leaves_out_unpublished_rows_and_rows_without_a_published_page(
    client, program, listing_pages
):
    FAQFactory(program=program, question="Is the aquarium open?", is_published=False)
    PatientStoryFactory(program=program, body="<p>The aquarium.</p>", is_published=False)
    listing_pages[PageKind.RESOURCES].is_published = False
    listing_pages[PageKind.RESOURCES].save()
    ResourceFactory(program=program, description="Free aquarium tickets.")
    assert "0 results" in search(client, "aquarium")


def test_spanish_search_uses_the_spanish_text(client, program, listing_pages):
    faq = FAQFactory(
        program=program,
        question="How much does it cost?",
        question_es="¿Cuánto cuesta el tratamiento?",
        answer="<p>Most plans pay.</p>",
        answer_es="<p>La mayoría de los seguros lo pagan.</p>",
    )
    html = results(search(client, "seguros", prefix="/es"))
    assert f'href="/es/faq/#faq-{faq.pk}"' in html
    assert "¿Cuánto cuesta el tratamiento?" in html and "<mark>seguros</mark>" in html
    # English pages search the English text.
    assert "0 results" in search(client, "seguros")


def test_spanish_search_falls_back_to_the_english_text(client, program):
    PageFactory(program=program, title="Your stay", body=WAGON_BODY)
    html = results(search(client, "wagon", prefix="/es"))
    assert "<mark>wagon</mark>" in html and 'href="/es/' in html


@pytest.mark.parametrize("query", ["", "   "])
def test_an_empty_search_gets_a_kind_message(client, program, query):
    html = search(client, query)
    assert str(SEARCH_EMPTY) in html
    assert "search-results" not in html


def test_a_search_page_without_a_query_shows_just_the_form(client, program):
    html = client.get("/search/").content.decode()
    assert 'class="search-message"' not in html and "results-title" not in html


def test_an_over_long_search_gets_a_kind_message(client, program):
    PageFactory(program=program, body=WAGON_BODY)
    html = search(client, "wagon " * 40)
    assert str(SEARCH_TOO_LONG) in html
    assert "<mark>" not in html
    longest = "wagon " + "a" * (MAX_QUERY_LENGTH - 6)
    assert "That search is too long" not in search(client, longest)


def test_a_script_in_the_query_is_shown_escaped(client, program):
    html = search(client, "<script>alert(1)</script>")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_markup_in_found_text_is_escaped_before_marking(client, program, listing_pages):
    ResourceFactory(program=program, title="Snacks & <b>drinks</b>", description="Free snacks.")
    html = results(search(client, "snacks"))
    assert "<b>" not in html and "&lt;b&gt;" in html and "&amp;" in html
    assert "<mark>Snacks</mark>" in html


@pytest.mark.parametrize("query", ["\x00wagon", "wagon\x00", '"borrow a" -wagon OR', "(((", "'"])
def test_odd_queries_do_not_crash(client, program, query):
    PageFactory(program=program, body=WAGON_BODY)
    search(client, query)


# --- What families read after a page's text: the journey, signs, team, lines … ------------------


def test_search_finds_a_phrase_only_in_a_journey_step_and_links_to_the_journey(
    client, program, block_pages
):
    JourneyStepFactory(
        program=program,
        title="Collecting the T-cells",
        what_happens="A machine gently filters the blood through a soft catheter.",
        family_does="Bring a favourite blanket and a tablet with films.",
    )
    JourneyStepFactory(
        program=program, what_happens="The unpublished gondola ride.", is_published=False
    )
    html = results(search(client, "favourite blanket"))
    assert '<a href="/how-it-works/#journey-title">Collecting the T-cells</a>' in html
    assert "The journey, step by step</p>" in html
    assert "<mark>blanket</mark>" in html  # the excerpt shows where the words were found
    assert "0 results" in search(client, "gondola")
    journey = client.get("/how-it-works/").content.decode()
    assert 'id="journey-title"' in journey  # the anchor the result links to is there


def test_a_journey_step_is_found_in_spanish_with_the_spanish_link(client, program, block_pages):
    JourneyStepFactory(
        program=program,
        title="Collecting the T-cells",
        title_es="Recolectar las células T",
        what_happens="A machine filters the blood.",
        what_happens_es="Una máquina filtra la sangre con suavidad.",
    )
    html = results(search(client, "suavidad", prefix="/es"))
    assert '<a href="/es/how-it-works/#journey-title">Recolectar las células T</a>' in html
    assert "<mark>suavidad</mark>" in html


def test_no_journey_step_is_found_without_a_published_journey_page(client, program, block_pages):
    JourneyStepFactory(program=program, what_happens="The gondola ride to the clinic.")
    block_pages[PageKind.JOURNEY].is_published = False
    block_pages[PageKind.JOURNEY].save()
    assert "0 results" in search(client, "gondola")


def test_search_finds_every_block_a_page_shows_with_a_link_to_it(client, program, block_pages):
    stay_page = PageFactory(program=program, slug="staying-close")
    stay = StayNearbyFactFactory(
        program=program, page=stay_page, policy_text="Stay close to the lighthouse."
    )
    condition = ConditionFactory(program=program, description="Leukemia near the lighthouse.")
    coordinator = CoordinatorFactory(program=program, role="Lighthouse coordinator")
    line = ContactLineFactory(program=program, audience="Lighthouse keepers")
    WarningSignFactory(program=program, text="Seeing a lighthouse that is not there")
    TeamMemberFactory(program=program, bio="Sails to the lighthouse.")
    LanguageTaglineFactory(program=program, tagline="Lighthouse help in Vietnamese.")
    html = results(search(client, "lighthouse"))
    for url, kind in [
        (f"/staying-close/#stay-{stay.pk}", "Page"),
        (f"/who-it-is-for/#condition-{condition.pk}", "Conditions we treat"),
        (f"/contact/#coordinator-{coordinator.pk}", "Your coordinators"),
        (f"/contact/#line-{line.pk}", "Phone lines"),
        ("/how-it-works/#warning-signs-journey", "Warning signs after CAR T"),
        ("/team/#team-title", "The people who care for your child"),
        ("/language-assistance/#taglines-title", "Free help in your language"),
    ]:
        assert f'href="{url}"' in html, url
        assert f">{kind}</p>" in html, kind
    assert "<mark>lighthouse</mark>" in html
    # Each anchor is on the page it links to.
    for url in re.findall(r'href="([^"#]+#[^"]+)"', html):
        path, anchor = url.split("#")
        assert f'id="{anchor}"' in client.get(path).content.decode(), url


def test_search_leaves_out_unpublished_blocks_and_facts_on_unpublished_pages(
    client, program, block_pages
):
    hidden_page = PageFactory(program=program, slug="draft-stay", is_published=False)
    StayNearbyFactFactory(program=program, page=hidden_page, policy_text="The walrus rule.")
    StayNearbyFactFactory(program=program, page=None, policy_text="The walrus rule, unplaced.")
    ConditionFactory(program=program, description="Walrus fever.", is_published=False)
    CoordinatorFactory(program=program, role="Walrus coordinator", is_published=False)
    ContactLineFactory(program=program, audience="Walrus keepers", is_published=False)
    WarningSignFactory(program=program, text="Walrus whiskers", is_published=False)
    TeamMemberFactory(program=program, bio="Studies the walrus.", is_published=False)
    LanguageTaglineFactory(program=program, tagline="Walrus help.", is_published=False)
    assert "0 results" in search(client, "walrus")


def test_a_warning_sign_is_found_by_its_words_with_the_spanish_text(client, program, block_pages):
    WarningSignFactory(
        program=program,
        text="Shaking or a seizure",
        text_es="Temblores o una convulsión",
    )
    assert "<mark>Shaking</mark> or a seizure" in results(search(client, "shaking"))
    html = results(search(client, "temblores", prefix="/es"))
    assert 'href="/es/how-it-works/#warning-signs-journey"' in html
    assert "Señales de alarma después del CAR T</p>" in html


@pytest.mark.parametrize("count", [1, 10])
def test_search_costs_the_same_queries_however_many_rows_match(
    client, program, listing_pages, block_pages, count
):
    """The content version, the listing pages, then one query per kind of content: never one
    per row."""
    stay_page = PageFactory(program=program, slug="staying-close")
    for factory in (
        FAQFactory, GlossaryTermFactory, PatientStoryFactory, ClinicalTrialFactory,
        ResourceFactory, JourneyStepFactory, WarningSignFactory, ConditionFactory,
        TeamMemberFactory, CoordinatorFactory, ContactLineFactory, LanguageTaglineFactory,
    ):  # fmt: skip
        factory.create_batch(count, program=program)
    StayNearbyFactFactory.create_batch(count, program=program, page=stay_page)
    client.get("/search/")  # the site chrome, cached from here on
    with CaptureQueriesContext(connection) as queries:
        html = results(search(client, "stay"))  # found in each fact, whose link needs its page
    assert len(queries) == 2 + len(sources()), [q["sql"][:80] for q in queries]
    assert html.count('href="/staying-close/#stay-') == count
