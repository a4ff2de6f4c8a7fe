"""Site search: only what families can already see, in their language, safely marked up.

Runs on SQLite (the simple fallback) and on PostgreSQL (full-text search) alike:
DATABASE_URL=postgres://… pytest tests/programs/test_search.py
"""

import datetime

import pytest
from django.urls import resolve, reverse
from django.utils import timezone, translation

from programs.models import PageKind
from programs.search import MAX_QUERY_LENGTH, SEARCH_EMPTY, SEARCH_TOO_LONG
from tests.factories import (
    ClinicalTrialFactory,
    FAQFactory,
    GlossaryTermFactory,
    PageFactory,
    PatientStoryFactory,
    ResourceFactory,
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
    assert '<a href="/search/">Search</a>' in client.get("/").content.decode()


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
