"""Reviews that mean something, and Spanish texts that cannot silently go stale."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from programs.admin.base import SPANISH_OUT_OF_DATE
from programs.models import FAQ, Page, WarningSign
from tests.factories import FactFactory, PageFactory
from tests.programs.test_editorial import form_data, post, reviewer  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

LIVE_BODY = "<p>Children stay near the center after the infusion day, with an adult.</p>"
CHANGED_BODY = "<p>Children stay near the center after the infusion day, with two adults.</p>"


@pytest.fixture
def reviewed_page(program):
    return PageFactory(
        program=program,
        slug="stay",
        title="Staying near",
        body=LIVE_BODY,
        body_es="<p>Los niños se quedan cerca del centro, con un adulto.</p>",
        is_published=True,
        needs_review=True,
        reviewer_role="a pediatric oncologist",
        reviewed_at=datetime.date(2026, 10, 4),
    )


def public(path: str) -> str:
    response = Client().get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def test_a_published_medical_change_shows_as_pending_review_until_marked_reviewed(
    reviewed_page,
    staff_client,
    client,
    reviewer,  # noqa: F811
):
    assert "Last reviewed October 4, 2026" in public("/stay/")
    post(staff_client, reviewed_page, "_publish", body=CHANGED_BODY)
    reviewed_page.refresh_from_db()
    assert reviewed_page.review_pending and "body" in reviewed_page.review_pending_reason

    html = public("/stay/")
    assert "two adults" in html
    assert "the medical review of this change is pending." in html
    assert "Updated " in html and "Last reviewed" not in html
    assert "la revisión médica de este cambio está pendiente" in public("/es/stay/")

    listing = staff_client.get(reverse("admin:programs_reviewduepage_changelist")).content.decode()
    assert "Staying near" in listing and "Changed since review" in listing
    pages = staff_client.get(reverse("admin:programs_page_changelist") + "?review=changed")
    assert "Staying near" in pages.content.decode()

    from tests.conftest import verified_login

    verified_login(client, reviewer)
    post(client, reviewed_page, "_mark_reviewed")
    reviewed_page.refresh_from_db()
    assert not reviewed_page.review_pending
    # The revision the reviewer read: the changed text, named in the history's entry.
    read = reviewed_page.history.get(history_id=reviewed_page.reviewed_revision)
    assert read.body == CHANGED_BODY
    marked = reviewed_page.history.order_by("-history_id").first()
    assert marked.history_change_reason.endswith(f"(revision {read.history_id})")
    assert "Last reviewed" in public("/stay/")
    assert "pending" not in public("/stay/")


def test_a_draft_is_not_a_published_change(reviewed_page, staff_client):
    post(staff_client, reviewed_page, "_save_draft", body=CHANGED_BODY)
    reviewed_page.refresh_from_db()
    assert reviewed_page.has_draft and not reviewed_page.review_pending


def test_an_english_change_flags_the_spanish_in_the_admin_and_on_the_spanish_page(
    reviewed_page, staff_client
):
    faq = FAQ.objects.create(
        program=reviewed_page.program,
        question="How long do we stay?",
        question_es="¿Cuánto tiempo nos quedamos?",
        answer="<p>About a month.</p>",
        answer_es="<p>Cerca de un mes.</p>",
    )
    assert faq.stale_translations() == []
    url = reverse("admin:programs_faq_change", args=[faq.pk])
    staff_client.post(url, form_data(staff_client, url, answer="<p>About four weeks.</p>"))
    faq.refresh_from_db()
    assert faq.answer == "<p>About four weeks.</p>" and faq.stale_translations() == ["answer"]

    changelist = reverse("admin:programs_faq_changelist")
    assert "Out of date" in staff_client.get(changelist).content.decode()
    assert (
        "How long do we stay?" in staff_client.get(changelist + "?spanish=stale").content.decode()
    )
    assert "How long" not in staff_client.get(changelist + "?spanish=current").content.decode()
    index = staff_client.get(reverse("admin:index")).content.decode()
    assert "Spanish out of date" in index and "?spanish=stale" in index
    form = staff_client.get(url).content.decode()
    assert "Out of date." in form and "<del>a month.</del>" in form.replace("\n", "")
    assert "<ins>four weeks.</ins>" in form

    # The Spanish page of a page whose English changed says so, and links to the English.
    post(staff_client, reviewed_page, "_publish", body=CHANGED_BODY)
    html = public("/es/stay/")
    assert "La versión en inglés de esta página se actualizó el" in html
    assert 'href="/stay/" hreflang="en"' in html
    assert "version of this page was updated" not in public("/stay/")
    # Bringing the Spanish up to date removes the note.
    post(staff_client, reviewed_page, "_publish", body_es="<p>Con dos adultos.</p>")
    assert "La versión en inglés" not in public("/es/stay/")


def test_a_warning_sign_cannot_be_published_with_an_out_of_date_spanish(program, staff_client):
    sign = WarningSign.objects.create(
        program=program, text="Trouble breathing", text_es="Problemas para respirar"
    )
    url = reverse("admin:programs_warningsign_change", args=[sign.pk])
    response = staff_client.post(url, form_data(staff_client, url, text="Fast or hard breathing"))
    assert response.status_code == 200
    assert SPANISH_OUT_OF_DATE.replace("“", "&ldquo;")[:40] in response.content.decode() or (
        SPANISH_OUT_OF_DATE[:40] in response.content.decode()
    )
    sign.refresh_from_db()
    assert sign.text == "Trouble breathing"  # nothing was saved
    response = staff_client.post(
        url,
        form_data(
            staff_client,
            url,
            text="Fast or hard breathing",
            text_es="Respirar rápido o con esfuerzo",
        ),
    )
    assert response.status_code == 302
    sign.refresh_from_db()
    assert sign.text == "Fast or hard breathing" and sign.stale_translations() == []


def test_a_safety_fact_cannot_be_saved_with_an_out_of_date_spanish_note(program, staff_client):
    fact = FactFactory(program=program, note="From day 0.", note_es="Desde el día 0.")
    url = reverse("admin:programs_fact_change", args=[fact.pk])
    response = staff_client.post(
        url, form_data(staff_client, url, note="Counted from the infusion day (day 0).")
    )
    assert response.status_code == 200
    fact.refresh_from_db()
    assert fact.note == "From day 0."
    # The Spanish still says the same: the editor confirms it.
    response = staff_client.post(
        url,
        form_data(
            staff_client,
            url,
            note="Counted from the infusion day (day 0).",
            spanish_up_to_date="on",
        ),
    )
    assert response.status_code == 302
    fact.refresh_from_db()
    assert fact.note.startswith("Counted") and fact.stale_translations() == []


def test_spanish_pages_show_the_spanish_twins_of_short_fields(demo_program):
    html = public("/es/team/")
    assert "Habla inglés" in html or "inglés y español" in html.lower()
    assert "English, Spanish" not in html
    assert "(ficticio)" in public("/es/clinical-trials/")
    assert Page.objects.filter(program=demo_program).exists()


def test_a_spanish_page_says_when_the_english_of_a_row_it_lists_changed(demo_program):
    faq = FAQ.objects.filter(program=demo_program).exclude(answer_es="").first()
    assert "La versión en inglés" not in public("/es/faq/")
    faq.answer = faq.answer.replace("</p>", " More words.</p>", 1)
    faq.save()
    html = public("/es/faq/")
    assert "La versión en inglés de esta página se actualizó el" in html
    assert 'href="/faq/" hreflang="en"' in html
    faq.mark_translated()
    faq.save()
    assert "La versión en inglés" not in public("/es/faq/")


def test_the_demo_loads_with_every_spanish_text_up_to_date(demo_program):
    from django.apps import apps

    stale = [
        f"{model.__name__} “{row}”: {row.stale_translations()}"
        for model in apps.get_app_config("programs").get_models()
        if hasattr(model, "stale_translations") and not model._meta.proxy
        for row in model.objects.all()
        if row.stale_translations()
    ]
    assert stale == []
