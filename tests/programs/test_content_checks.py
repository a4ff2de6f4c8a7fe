import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from programs.admin import HEADING_TOO_BIG, checked_rich_text
from programs.demo import demo_data
from programs.models import FAQ, PatientStory
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


@pytest.mark.parametrize("page", demo_data().pages, ids=lambda page: page["slug"])
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


# --- The same checks on FAQ answers and family stories, which sit under a Heading 2 ---------


@pytest.mark.parametrize(
    ("text", "problems"),
    [
        ("<p>Text.</p><h3>Cost</h3><h4>Insurance</h4><h3>Travel</h3>", []),
        ("<h4>Insurance</h4>", [HEADING_SKIPS_LEVEL.format(text="Insurance", expected=3)]),
        ("<h2>Cost &amp; travel</h2>", [HEADING_TOO_BIG.format(text="Cost & travel", first=3, under=2)]),
        ("<h1>Cost</h1>", [HEADING_1_IN_BODY.format(text="Cost")]),
        ("<p><a href='/faq/'>click here</a></p>", [VAGUE_LINK.format(text="click here", href="/faq/")]),
        ("<p><img src='/media/x.jpg'></p>", [IMAGE_WITHOUT_ALT.format(src="/media/x.jpg")]),
    ],
)  # fmt: skip
def test_text_under_a_heading_2_starts_its_headings_at_heading_3(text, problems):
    if problems:
        with pytest.raises(ValidationError) as refused:
            checked_rich_text(text, under=2)
        assert refused.value.messages == problems
    else:
        assert checked_rich_text(text, under=2) == text


def test_a_page_body_still_starts_at_heading_2():
    assert checked_rich_text("<h2>Cost</h2><h3>Travel</h3>") == "<h2>Cost</h2><h3>Travel</h3>"


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["answer", "answer_es"])
def test_a_faq_answer_with_content_problems_is_refused(staff_client, program, field):
    bad = "<h4>Who pays</h4><p>For costs, <a href='/money/'>click here</a>.</p>"
    data = {"program": program.pk, "question": "Who pays?", "answer": "<p>Insurance.</p>"}
    response = staff_client.post(
        reverse("admin:programs_faq_add"), {**data, field: bad, "is_published": "on"}
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors[field] == [
        HEADING_SKIPS_LEVEL.format(text="Who pays", expected=3),
        VAGUE_LINK.format(text="click here", href="/money/"),
    ]
    html = response.content.decode()
    assert "The heading “Who pays” skips a level. Make it Heading 3" in html
    assert not FAQ.objects.exists()

    good = "<h3>Who pays</h3><p>See <a href='/money/'>help with costs</a>.<script>x()</script></p>"
    response = staff_client.post(
        reverse("admin:programs_faq_add"), {**data, field: good, "is_published": "on"}
    )
    assert response.status_code == 302
    assert "<script" not in getattr(FAQ.objects.get(), field)


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["body", "body_es"])
def test_a_story_heading_as_big_as_the_story_title_is_refused(staff_client, program, field):
    data = {"program": program.pk, "title": "Maya", "name_shown": "Maya, age 9"}
    data |= {"privacy_note": "Names are changed.", "body": "<p>Maya is back at school.</p>"}
    url = reverse("admin:programs_patientstory_add")
    response = staff_client.post(url, {**data, field: "<h2>At home</h2><p>Text.</p>"})
    assert response.status_code == 200
    assert response.context["adminform"].form.errors[field] == [
        HEADING_TOO_BIG.format(text="At home", first=3, under=2)
    ]
    assert not PatientStory.objects.exists()
    assert staff_client.post(url, {**data, field: "<h3>At home</h3>"}).status_code == 302
