import pytest

from programs import demo_content
from programs.sanitize import (
    EMPTY_LINK,
    HEADING_1_IN_BODY,
    HEADING_SKIPS_LEVEL,
    IMAGE_WITHOUT_ALT,
    VAGUE_LINK,
    content_problems,
    sanitize_html,
)

CLEAN = (
    "<h2>How it works</h2><p>Read <a href='/how-it-works/'>the steps of CAR T</a>.</p>"
    "<h3>Collecting the T-cells</h3><h4>At the clinic</h4><h2>Side effects</h2>"
    "<p><img src='/media/ward.jpg' alt='A nurse beside a child in bed'></p>"
    "<p><a href='/team/'><img src='/media/team.jpg' alt='Our team'></a></p>"
    "<p><a id='top'></a>Call <a href='tel:+12155550150'>(215) 555-0150</a>.</p>"
)


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (
            "<p><img src='/media/ward.jpg'></p>",
            IMAGE_WITHOUT_ALT.format(src="/media/ward.jpg"),
        ),
        (
            "<p><img src='/media/ward.jpg' alt='  '></p>",
            IMAGE_WITHOUT_ALT.format(src="/media/ward.jpg"),
        ),
        ("<h1>About CAR T</h1><p>Text.</p>", HEADING_1_IN_BODY.format(text="About CAR T")),
        (
            "<h2>The steps</h2><h4>Infusion  <em>day</em></h4>",
            HEADING_SKIPS_LEVEL.format(text="Infusion day", expected=3),
        ),
        ("<h3>Side effects</h3>", HEADING_SKIPS_LEVEL.format(text="Side effects", expected=2)),
        (
            "<p><a href='/faq/'>Click here</a></p>",
            VAGUE_LINK.format(text="Click here", href="/faq/"),
        ),
        ("<p><a href='/faq/'> here. </a></p>", VAGUE_LINK.format(text="here.", href="/faq/")),
        (
            "<p><a href='/faq/'>Read more…</a></p>",
            VAGUE_LINK.format(text="Read more…", href="/faq/"),
        ),
        (
            "<p><a href='/faq/'>(LEARN MORE)</a></p>",
            VAGUE_LINK.format(text="(LEARN MORE)", href="/faq/"),
        ),
        ("<p><a href='/faq/'>this link</a></p>", VAGUE_LINK.format(text="this link", href="/faq/")),
        ("<p><a href='/faq/'> &nbsp; </a></p>", EMPTY_LINK.format(href="/faq/")),
    ],
)
def test_each_problem_is_reported(body, problem):
    assert content_problems(body) == [problem]


def test_problem_messages_name_what_to_fix():
    assert content_problems("<img src='/media/ward.jpg'>") == [
        "Every image needs alt text that says what it shows. Add it to the image “/media/ward.jpg”."
    ]
    assert content_problems("<h2>Steps</h2><h4>Infusion day</h4>") == [
        "The heading “Infusion day” skips a level. Make it Heading 3, or put a Heading 3 before it."
    ]


def test_clean_body_has_no_problems():
    assert content_problems(CLEAN) == []
    assert content_problems("") == []


@pytest.mark.parametrize("page", demo_content.PAGES, ids=lambda page: page["slug"])
def test_demo_pages_have_no_problems(page):
    assert content_problems(sanitize_html(page["body"])) == []


def test_all_problems_are_reported_in_order():
    body = (
        "<h2>Steps</h2><h4>Infusion</h4><p><a href='/faq/'>more</a> and "
        "<a href='/team/'><img src='/media/team.jpg' alt=''></a></p><h2>Help</h2>"
    )
    assert content_problems(body) == [
        HEADING_SKIPS_LEVEL.format(text="Infusion", expected=3),
        VAGUE_LINK.format(text="more", href="/faq/"),
        IMAGE_WITHOUT_ALT.format(src="/media/team.jpg"),
        EMPTY_LINK.format(href="/team/"),
    ]
