"""The editorial workflow as editors and clinical reviewers use it in the admin."""

import datetime
import io

import pytest
import time_machine
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from programs.admin import CONFLICT
from programs.models import IMAGE_ALT_REQUIRED, Page, TeamMember
from programs.sanitize import HEADING_SKIPS_LEVEL, IMAGE_WITHOUT_ALT, VAGUE_LINK
from tests.conftest import verified_login
from tests.factories import FactFactory, PageFactory, SiteNoticeFactory, StayNearbyFactFactory

pytestmark = pytest.mark.django_db

LIVE_BODY = "<p>Children stay near the center for at least 4 weeks.</p>"
NEW_BODY = "<p>Children stay near the center for at least 2 weeks.</p>"
HARD_TEXT = (
    "<p>Autologous chimeric antigen receptor T-lymphocyte immunotherapeutic administration "
    "necessitates comprehensive pharmacovigilance, encompassing neurotoxicity surveillance, "
    "cytokine-mediated inflammatory syndrome identification, and hematological reconstitution "
    "assessment throughout the posttransplantation convalescence interval, "
    "notwithstanding considerable interindividual heterogeneity.</p>"
)


def staff(username, group):
    user = get_user_model().objects.create_user(username, password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(staff_groups):
    return staff("drafter", "Content editors")


@pytest.fixture
def reviewer(staff_groups):
    return staff("doctor", "Clinical reviewers")


@pytest.fixture
def live_page(program):
    return PageFactory(
        program=program, slug="stay", title="Staying near", body=LIVE_BODY, is_published=True
    )


def change_url(page):
    return reverse("admin:programs_page_change", args=[page.pk])


def form_data(client, url, **changes):
    """The admin form as the browser would send it back, with some fields changed."""
    form = client.get(url).context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        if field.disabled or isinstance(field, forms.FileField):
            continue  # read-only, or a file the browser would not resend
        value = form[name].value()
        if isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = value
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def post(client, page, button, **changes):
    url = change_url(page)
    return client.post(url, {**form_data(client, url, **changes), button: "1"})


def public_body(client, page):
    client.logout()
    response = client.get(page.get_absolute_url())
    return response.status_code, response.content.decode()


def test_an_editors_change_to_a_live_page_stays_a_draft(client, editor, live_page):
    verified_login(client, editor)
    response = post(client, live_page, "_save_draft", body=NEW_BODY)
    assert response.status_code == 302
    live_page.refresh_from_db()
    assert live_page.body == LIVE_BODY and live_page.draft["body"] == NEW_BODY
    status, html = public_body(client, live_page)
    assert status == 200 and "at least 4 weeks" in html and "at least 2 weeks" not in html
    # The editor keeps working on the draft.
    verified_login(client, editor)
    assert "at least 2 weeks" in client.get(change_url(live_page)).content.decode()


def test_publishing_makes_the_draft_live(client, editor, reviewer, live_page):
    verified_login(client, editor)
    post(client, live_page, "_save_draft", body=NEW_BODY)
    verified_login(client, reviewer)
    response = post(client, live_page, "_publish")
    assert response.status_code == 302
    live_page.refresh_from_db()
    assert live_page.body == NEW_BODY and live_page.draft is None
    status, html = public_body(client, live_page)
    assert "at least 2 weeks" in html and "at least 4 weeks" not in html


def test_a_drafter_cannot_publish(client, editor, live_page):
    verified_login(client, editor)
    html = client.get(change_url(live_page)).content.decode()
    assert 'name="_publish"' not in html and 'name="_save_draft"' in html
    assert (
        client.post(
            change_url(live_page),
            {**form_data(client, change_url(live_page), body=NEW_BODY), "_publish": "1"},
        ).status_code
        == 403
    )
    # Nor unpublish: the published box is read-only for drafters.
    post(client, live_page, "_save_draft", is_published=None)
    live_page.refresh_from_db()
    assert live_page.is_published and live_page.body == LIVE_BODY


def test_a_new_page_from_a_drafter_is_not_published(client, editor, program):
    verified_login(client, editor)
    url = reverse("admin:programs_page_add")
    data = form_data(client, url, program=program.pk, title="Paying for care", slug="money", summary="Costs.",
                     body="<p>We can help with costs.</p>", kind="standard", is_published="on")  # fmt: skip
    assert client.post(url, {**data, "_save_draft": "1"}).status_code == 302
    page = Page.objects.get(slug="money")
    assert not page.is_published
    assert public_body(client, page)[0] == 404


def test_preview_shows_the_draft_to_staff_only(client, editor, live_page):
    verified_login(client, editor)
    post(client, live_page, "_save_draft", body=NEW_BODY)
    preview = reverse("admin:programs_page_preview", args=[live_page.pk])
    html = client.get(preview).content.decode()
    assert "Draft preview." in html and "at least 2 weeks" in html
    client.logout()
    response = client.get(preview)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_staff_see_an_edit_link_on_the_public_page(client, editor, live_page):
    assert "Edit this page" not in public_body(client, live_page)[1]
    verified_login(client, editor)
    html = client.get(live_page.get_absolute_url()).content.decode()
    assert f'<a href="{change_url(live_page)}">Edit this page</a>' in html


def test_publish_and_unpublish_times_are_honoured_without_a_job(client, program):
    now = timezone.now()
    page = PageFactory(program=program, is_published=True, publish_at=now + datetime.timedelta(hours=1),
                       unpublish_at=now + datetime.timedelta(days=1))  # fmt: skip
    assert client.get(page.get_absolute_url()).status_code == 404
    with time_machine.travel(now + datetime.timedelta(hours=2)):
        assert client.get(page.get_absolute_url()).status_code == 200
        assert page.title in client.get("/").content.decode()  # in the menu too
    with time_machine.travel(now + datetime.timedelta(days=2)):
        assert client.get(page.get_absolute_url()).status_code == 404
        assert page.title not in client.get("/").content.decode()


def test_revert_restores_an_earlier_body(client, reviewer, live_page):
    verified_login(client, reviewer)
    post(client, live_page, "_publish", body=NEW_BODY)
    old = live_page.history.filter(body=LIVE_BODY).earliest("history_date")
    url = reverse("admin:programs_page_simple_history", args=[live_page.pk, old.history_id])
    response = client.post(url, {**form_data(client, url), "_publish": "1"})
    assert response.status_code == 302
    live_page.refresh_from_db()
    assert live_page.body == LIVE_BODY
    assert live_page.history.first().history_user == reviewer


def test_history_lists_who_changed_what_with_a_readable_diff(client, reviewer, live_page):
    verified_login(client, reviewer)
    longer = (
        LIVE_BODY.replace("4 weeks", "2 weeks")
        + "<p>Your team will tell you how long is right for your child.</p>"
    )
    post(client, live_page, "_publish", body=longer)
    html = client.get(reverse("admin:programs_page_history", args=[live_page.pk])).content.decode()
    assert "doctor" in html
    assert "at least <del>4</del> <ins>2</ins> weeks. <ins>Your team will tell you" in html


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('<p>Look:</p><img src="/media/cells.png">', IMAGE_WITHOUT_ALT),
        ("<h2>Steps</h2><h4>Details</h4><p>Text.</p>", HEADING_SKIPS_LEVEL),
        ('<p>For costs, <a href="/money/">click here</a>.</p>', VAGUE_LINK),
    ],
)
def test_content_checks_refuse_a_body_on_save(client, reviewer, live_page, body, message):
    verified_login(client, reviewer)
    response = post(client, live_page, "_publish", body=body)
    assert response.status_code == 200
    html = response.content.decode()
    assert message.split("{")[0].strip()[:30] in html
    live_page.refresh_from_db()
    assert live_page.body == LIVE_BODY


def test_scripts_in_a_body_are_removed_on_save(client, reviewer, live_page):
    verified_login(client, reviewer)
    post(
        client,
        live_page,
        "_publish",
        body='<p onclick="x()">Hello<script>steal()</script> <a href="javascript:alert(1)">our team</a></p>',
    )
    live_page.refresh_from_db()
    assert (
        "<script" not in live_page.body
        and "onclick" not in live_page.body
        and "javascript:" not in live_page.body
    )
    assert "Hello" in live_page.body


def _png(size=(900, 600)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (10, 120, 130)).save(buffer, "PNG")
    return SimpleUploadedFile("photo.png", buffer.getvalue(), content_type="image/png")


def test_a_team_photo_needs_alt_text_unless_decorative(client, reviewer, program):
    verified_login(client, reviewer)
    url = reverse("admin:programs_teammember_add")
    base = form_data(
        client, url, program=program.pk, name="Dr. Kim", role="Leukemia doctor", is_published="on"
    )
    response = client.post(url, {**base, "photo": _png()})
    assert response.status_code == 200 and IMAGE_ALT_REQUIRED in response.content.decode()
    assert not TeamMember.objects.exists()

    assert (
        client.post(url, {**base, "photo": _png(), "photo_is_decorative": "on"}).status_code == 302
    )
    assert (
        client.post(
            url, {**base, "name": "Dr. Lee", "photo": _png(), "photo_alt": "Dr. Lee smiling"}
        ).status_code
        == 302
    )
    member = TeamMember.objects.get(name="Dr. Lee")
    assert [v["width"] for v in member.photo_variants] == [160, 320, 640]
    team_page = PageFactory(program=program, slug="team", kind="team")
    html = client.get(team_page.get_absolute_url()).content.decode()
    assert (
        'alt="Dr. Lee smiling"' in html
        and 'width="640" height="427"' in html
        and 'loading="lazy"' in html
    )


@time_machine.travel(datetime.datetime(2026, 11, 21, 12, tzinfo=datetime.UTC), tick=False)
def test_overdue_reviews_are_listed_and_counted(client, reviewer, program):
    today = datetime.date(2026, 11, 21)
    overdue = PageFactory(
        program=program,
        title="Old facts",
        reviewed_at=today - datetime.timedelta(days=400),
        reviewer_role="a pediatric oncologist",
    )
    soon = PageFactory(
        program=program, title="Due soon", reviewed_at=today - datetime.timedelta(days=350)
    )
    never = PageFactory(program=program, title="Never checked")
    PageFactory(program=program, title="Fresh", reviewed_at=today - datetime.timedelta(days=10))
    PageFactory(program=program, title="Contact", needs_review=False)
    assert set(Page.objects.overdue_for_review()) == {overdue, never}
    assert set(Page.objects.due_for_review()) == {overdue, soon, never}

    verified_login(client, reviewer)
    index = client.get(reverse("admin:index")).content.decode()
    assert (
        "2 health pages overdue or never reviewed" in index
        and "3 due within 30 days or overdue in all" in index
    )
    listing = client.get(reverse("admin:programs_reviewduepage_changelist")).content.decode()
    assert "Old facts" in listing and "Due soon" in listing and "Never checked" in listing
    assert "Fresh" not in listing

    response = client.post(
        change_url(overdue), {**form_data(client, change_url(overdue)), "_mark_reviewed": "1"}
    )
    assert response.status_code == 302
    overdue.refresh_from_db()
    assert overdue.reviewed_at == today and overdue.reviewed_by == reviewer
    assert overdue.review_due == datetime.date(2027, 11, 21)
    reason = overdue.history.first().history_change_reason
    assert reason.startswith("Marked reviewed by doctor (revision ")
    html = public_body(client, overdue)[1]
    assert "Last reviewed November 21, 2026 by a pediatric oncologist." in html


def test_only_clinical_reviewers_can_mark_a_page_reviewed(client, editor, live_page):
    verified_login(client, editor)
    assert 'name="_mark_reviewed"' not in client.get(change_url(live_page)).content.decode()
    response = client.post(
        change_url(live_page), {**form_data(client, change_url(live_page)), "_mark_reviewed": "1"}
    )
    assert response.status_code == 403


def test_a_hard_text_gets_the_reading_level_warning(client, reviewer, live_page):
    verified_login(client, reviewer)
    response = post(client, live_page, "_publish", body=HARD_TEXT)
    html = client.get(response["Location"]).content.decode()
    assert "above grade 8" in html
    live_page.refresh_from_db()
    assert live_page.reading_grade > 8
    listing = client.get(reverse("admin:programs_page_changelist")).content.decode()
    assert f"<strong>⚠ {live_page.reading_grade}</strong>" in listing


def test_the_demo_pages_get_no_reading_level_warning(client, reviewer, demo_program):
    verified_login(client, reviewer)
    for page in Page.objects.all():
        assert page.reading_grade is not None and page.reading_grade <= 6, page.slug
        html = client.get(change_url(page)).content.decode()
        assert "above grade 8" not in html and "Good: at or below grade 6." in html


def test_a_second_editor_saving_an_old_copy_gets_a_clear_message(
    client, editor, reviewer, live_page
):
    verified_login(client, editor)
    stale = form_data(client, change_url(live_page), body="<p>Editor one's words.</p>")
    verified_login(client, reviewer)
    post(client, live_page, "_publish", body="<p>Reviewer's words, saved first.</p>")
    verified_login(client, editor)
    response = client.post(change_url(live_page), {**stale, "_save_draft": "1"})
    assert response.status_code == 200
    assert CONFLICT.split("{")[0] in response.content.decode()  # “Someone else saved this …”
    live_page.refresh_from_db()
    assert live_page.body == "<p>Reviewer's words, saved first.</p>" and live_page.draft is None


def test_move_up_and_down_reorders_the_menu(client, reviewer, program):
    pages = [
        PageFactory(program=program, title=t, order=i)
        for i, t in enumerate(["Alpha", "Beta", "Gamma"])
    ]
    verified_login(client, reviewer)
    url = reverse("admin:programs_page_move", args=[pages[2].pk, "up"])
    assert client.post(url).status_code == 302
    assert [p.title for p in Page.objects.for_nav()] == ["Alpha", "Gamma", "Beta"]
    assert client.get(url).status_code == 403  # only by POST


def test_stay_nearby_block_shows_fda_minimum_and_our_policy_side_by_side(client, live_page):
    program = live_page.program
    StayNearbyFactFactory(program=program, page=live_page)
    FactFactory(program=program)
    FactFactory(program=program, slug="program-stay-near", qualifier="about", number=4,
                source="Program family guide", label_revision="")  # fmt: skip
    html = client.get(live_page.get_absolute_url()).content.decode()
    assert "The FDA&#x27;s minimum" in html or "The FDA's minimum" in html
    assert "Stay near the treatment center: at least 2 weeks after the infusion day." in html
    assert "Stay near the center: about 4 weeks after the infusion day." in html
    assert "stay close for about 4 weeks." in html  # the block's text, through the placeholder
    assert "FDA label change, June 2025 (revised 12/2025). Checked September 1, 2026." in html


def test_site_notice_shows_until_it_ends_and_can_be_closed_without_cookies(client, live_page):
    notice = SiteNoticeFactory(
        program=live_page.program, ends_at=timezone.now() + datetime.timedelta(days=1)
    )
    response = client.get("/")
    html = response.content.decode()
    assert "Our offices are closed on Thursday." in html
    assert f'data-notice-key="notice-{notice.pk}-{notice.version}"' in html and "js/site.js" in html
    assert not response.cookies  # nothing set to remember a closed notice
    with time_machine.travel(timezone.now() + datetime.timedelta(days=2)):
        assert "Our offices are closed" not in client.get("/").content.decode()


def test_site_notice_text_is_sanitized(program):
    notice = SiteNoticeFactory(
        program=program, text='<b onclick="x()">Hi</b><script>bad()</script><h2>Big</h2>'
    )
    assert notice.text == "<b>Hi</b>Big"


def test_groups_separate_drafting_from_publishing(staff_groups):
    editors = set(
        Group.objects.get(name="Content editors").permissions.values_list("codename", flat=True)
    )
    reviewers = set(
        Group.objects.get(name="Clinical reviewers").permissions.values_list("codename", flat=True)
    )
    assert (
        "change_page" in editors and "publish_page" not in editors and "review_page" not in editors
    )
    assert {"publish_page", "review_page", "change_page"} <= reviewers
    assert not any("callbackrequest" in p for p in editors | reviewers)


def test_history_shows_what_a_draft_would_change(client, editor, live_page):
    verified_login(client, editor)
    post(
        client,
        live_page,
        "_save_draft",
        body=NEW_BODY + "<p>Bring a list of questions to each visit.</p>",
    )
    html = client.get(reverse("admin:programs_page_history", args=[live_page.pk])).content.decode()
    assert "Draft (compared with the live text)" in html
    assert "<del>4</del> <ins>2</ins>" in html and "Draft saved" in html


# --- Spanish text and pictures go through the same checks and drafts as the English text ---

LIVE_BODY_ES = "<p>Los niños se quedan cerca del centro al menos 4 semanas.</p>"
NEW_BODY_ES = "<p>Los niños se quedan cerca del centro al menos 2 semanas.</p>"


def test_content_checks_refuse_a_spanish_body_on_save(client, reviewer, live_page):
    verified_login(client, reviewer)
    response = post(
        client, live_page, "_publish", body_es="<h2>Los pasos</h2><h4>Detalles</h4><p>Texto.</p>"
    )
    assert response.status_code == 200
    assert HEADING_SKIPS_LEVEL.format(text="Detalles", expected=3) in response.content.decode()
    live_page.refresh_from_db()
    assert live_page.body_es == "" and live_page.draft is None


def test_scripts_in_a_spanish_body_are_removed_on_save(client, reviewer, live_page):
    verified_login(client, reviewer)
    post(client, live_page, "_publish", body_es="<p>Hola<script>steal()</script></p>")
    live_page.refresh_from_db()
    assert live_page.body_es == "<p>Hola</p>"


def test_a_spanish_change_to_a_live_page_stays_a_draft_until_published(
    client, editor, reviewer, live_page
):
    live_page.title_es, live_page.body_es = "Quedarse cerca", LIVE_BODY_ES
    live_page.save()
    verified_login(client, editor)
    response = post(
        client, live_page, "_save_draft", title_es="Cerca del centro", body_es=NEW_BODY_ES
    )
    assert response.status_code == 302
    live_page.refresh_from_db()
    assert live_page.title_es == "Quedarse cerca" and live_page.body_es == LIVE_BODY_ES
    assert live_page.draft["title_es"] == "Cerca del centro"
    assert live_page.draft["body_es"] == NEW_BODY_ES
    client.logout()
    html = client.get("/es/stay/").content.decode()
    assert "al menos 4 semanas" in html and "Quedarse cerca" in html
    assert "al menos 2 semanas" not in html

    verified_login(client, reviewer)
    assert post(client, live_page, "_publish").status_code == 302
    client.logout()
    html = client.get("/es/stay/").content.decode()
    assert "al menos 2 semanas" in html and "Cerca del centro" in html
    assert "al menos 4 semanas" not in html


def test_a_new_picture_on_a_live_page_stays_a_draft_until_published(
    client, editor, reviewer, live_page
):
    verified_login(client, editor)
    url = change_url(live_page)
    data = form_data(client, url, image_alt="A nurse reading to a child")
    assert client.post(url, {**data, "image": _png(), "_save_draft": "1"}).status_code == 302
    live_page.refresh_from_db()
    assert not live_page.image and live_page.image_variants == []
    assert live_page.image_alt == "" and live_page.draft["image"].startswith("pages/")
    assert [v["width"] for v in live_page.draft["image_variants"]] == [160, 320, 640]
    assert "page-image" not in public_body(client, live_page)[1]

    verified_login(client, editor)
    preview = client.get(reverse("admin:programs_page_preview", args=[live_page.pk]))
    assert 'alt="A nurse reading to a child"' in preview.content.decode()

    verified_login(client, reviewer)
    assert post(client, live_page, "_publish").status_code == 302
    live_page.refresh_from_db()
    assert live_page.image.name == preview.context["page"].image.name
    assert live_page.image_alt == "A nurse reading to a child" and live_page.draft is None
    html = public_body(client, live_page)[1]
    assert 'alt="A nurse reading to a child"' in html and 'width="640" height="427"' in html


def test_changing_or_removing_the_picture_of_a_live_page_stays_a_draft(
    client, editor, reviewer, live_page
):
    verified_login(client, reviewer)
    url = change_url(live_page)
    data = form_data(client, url, image_alt="A nurse reading to a child")
    assert client.post(url, {**data, "image": _png(), "_publish": "1"}).status_code == 302
    live_page.refresh_from_db()
    picture, variants = live_page.image.name, live_page.image_variants
    assert picture and variants

    verified_login(client, editor)
    post(client, live_page, "_save_draft", image_alt="Nurse Ana reads a book with a boy")
    live_page.refresh_from_db()
    assert live_page.image_alt == "A nurse reading to a child"
    assert live_page.draft["image_alt"] == "Nurse Ana reads a book with a boy"
    assert live_page.draft["image"] == picture and live_page.draft["image_variants"] == variants
    assert 'alt="A nurse reading to a child"' in public_body(client, live_page)[1]

    verified_login(client, editor)
    post(client, live_page, "_save_draft", **{"image-clear": "on"})
    live_page.refresh_from_db()
    assert live_page.image.name == picture and live_page.image_variants == variants
    assert live_page.draft["image"] == "" and live_page.draft["image_variants"] == []
    assert 'alt="A nurse reading to a child"' in public_body(client, live_page)[1]
