"""The Spanish site at /es/: every public page in Spanish (interface and demo content), with
hreflang links and a switcher to the same page in English; Spanish form errors and callback
promise; English wherever a Spanish text is missing; and staff still working in English."""

import datetime
import re
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.db import models
from django.template.loader import render_to_string
from django.utils import translation

from inquiries.models import Activity, CallbackRequest
from inquiries.notifications import notification_email
from inquiries.templatetags.callbacks import due_phrase
from programs.demo import demo_data
from programs.models import (
    FAQ,
    ClinicalTrial,
    Condition,
    ContactLine,
    Coordinator,
    GlossaryTerm,
    JourneyStep,
    LanguageTagline,
    Page,
    PatientStory,
    Program,
    Resource,
    SiteNotice,
    StayNearbyFact,
    TeamMember,
    WarningSign,
)
from programs.sanitize import content_problems, sanitize_html
from tests.factories import PageFactory

pytestmark = pytest.mark.django_db

# Monday, November 23, 2026, 10 am in Philadelphia
MONDAY_10AM = datetime.datetime(2026, 11, 23, 15, 0, tzinfo=datetime.UTC)
ENGLISH_INTERFACE = ("Skip to main content", "Request a call back", "Phone lines", "Search this")

# Every public address, with a Spanish phrase it must show (interface or demo content).
SPANISH_PAGES = {
    "/es/": "Sobre el programa",
    "/es/what-is-car-t/": "Cómo se cambian las células T",
    "/es/how-it-works/": "El camino, paso a paso",
    "/es/who-it-is-for/": "Enfermedades que tratamos",
    "/es/team/": "Las personas que cuidan a su hijo",
    "/es/contact/": "Sus coordinadores",
    "/es/faq/": "¿Quién paga el CAR T?",
    "/es/resources/": "Viaje y alojamiento",
    "/es/glossary/": "Palabras y lo que significan",
    "/es/stories/": "Las nuevas células T de Maya",
    "/es/clinical-trials/": "Quién puede participar",
    "/es/language-assistance/": "Ayuda gratis en su idioma",
    "/es/nondiscrimination/": "Si cree que lo tratamos de forma injusta",
    "/es/request-a-call-back/": "Sobre el paciente",
    "/es/request-a-call-back/sent/": "Si no sabe nada de nosotros",
    "/es/could-car-t-be-an-option/": "Responda 4 preguntas cortas",
    "/es/family-guide/": "Su guía familiar sobre la terapia de células CAR T",
    "/es/search/": "Buscar en este sitio",
    "/es/search/?q=hermanos": "para “hermanos”",
}


def get(client, path: str, status: int = 200) -> str:
    response = client.get(path)
    assert response.status_code == status, path
    return response.content.decode()


def english_twin(path: str) -> str:
    """/es/team/?q=1 -> /team/ (the switcher and hreflang links never carry the query)."""
    return path.split("?")[0].removeprefix("/es")


def callback_payload(client, **changes) -> dict:
    html = get(client, "/es/request-a-call-back/")
    return {
        "submission_token": re.search(r'name="submission_token" value="([^"]+)"', html)[1],
        "shown_at": re.search(r'name="shown_at" value="([^"]+)"', html)[1],
        "asker": "parent",
        "topic": "is_cart_an_option",
        "patient_age": "9",
        "diagnosis": "b_all",
        "relapsed": "yes",
        "name": "Ana Torres",
        "phone": "(215) 555-0188",
        "best_times": ["morning"],
        "language": "es",
        "consent_call": "on",
    } | changes


@pytest.mark.parametrize(("path", "phrase"), SPANISH_PAGES.items(), ids=list(SPANISH_PAGES))
def test_every_public_page_is_in_spanish(client, demo_program, path, phrase):
    html = get(client, path)
    assert '<html lang="es">' in html
    assert phrase in html
    for english in ENGLISH_INTERFACE:
        assert english not in html, f"{path} shows “{english}”"


@pytest.mark.parametrize("path", SPANISH_PAGES, ids=list(SPANISH_PAGES))
def test_hreflang_and_the_switcher_lead_to_the_same_page_in_the_other_language(
    client, demo_program, path
):
    english = english_twin(path)
    spanish = "/es" + english
    html = get(client, path)
    assert f'<link rel="alternate" hreflang="en" href="http://127.0.0.1:8000{english}">' in html
    assert f'<link rel="alternate" hreflang="es" href="http://127.0.0.1:8000{spanish}">' in html
    assert (
        f'<link rel="alternate" hreflang="x-default" href="http://127.0.0.1:8000{english}">' in html
    )
    assert (
        f'<a class="language-switch" href="{english}" hreflang="en" lang="en">English</a>' in html
    )

    back = get(client, english)
    assert '<html lang="en">' in back
    assert (
        f'<a class="language-switch" href="{spanish}" hreflang="es" lang="es">Español</a>' in back
    )


def test_the_thanks_page_says_who_calls_and_by_when_in_spanish(client, demo_program):
    with time_machine.travel(MONDAY_10AM, tick=False):
        response = client.post("/es/request-a-call-back/", callback_payload(client))
        assert response.status_code == 302
        assert response["Location"].startswith("/es/request-a-call-back/thanks/")
        html = get(client, response["Location"])
    callback = CallbackRequest.objects.get()
    assert '<html lang="es">' in html and "Recibimos su solicitud" in html
    assert f'<strong class="reference">{callback.reference}</strong>' in html
    assert "Lucía Herrera, RN, BSN, Enfermera coordinadora de CAR T" in html  # speaks Spanish
    with translation.override("es"):
        promise = due_phrase(callback.due_by, demo_program.tz)
    assert promise.startswith("antes de la") and " del martes 24 de noviembre" in promise
    assert promise in html
    for english in ENGLISH_INTERFACE:
        assert english not in html


def test_a_form_error_is_shown_in_spanish(client, demo_program):
    payload = callback_payload(client)
    del payload["consent_call"]
    html = client.post("/es/request-a-call-back/", payload).content.decode()
    assert "<title>Revise sus respuestas: Pedir una llamada" in html
    assert "Revise 1 respuesta" in html
    assert "Solo podemos llamarle si usted está de acuerdo. Por favor, marque esta casilla." in html
    assert "Please tick this box" not in html
    assert CallbackRequest.objects.count() == 0


def test_choices_families_read_are_in_spanish(client, demo_program):
    html = get(client, "/es/request-a-call-back/")
    for label in (
        "Una madre, un padre o un cuidador",
        "Otra persona",
        "Viajes, alojamiento o dinero",
    ):
        assert label in html
    assert "Mañana (de 8 a. m. a mediodía)" in html
    assert "A parent or caregiver" not in html


def test_the_spanish_form_offers_a_call_in_spanish(client, demo_program):
    selected = re.compile(r'<option value="(\w+)" selected>')
    assert selected.findall(get(client, "/es/request-a-call-back/")) == ["es"]
    assert selected.findall(get(client, "/request-a-call-back/")) == ["en"]


@pytest.mark.parametrize(
    ("due", "spanish", "english"),
    [
        (
            datetime.datetime(2026, 11, 23, 17),
            "antes de las 5 p. m. del lunes 23 de noviembre",
            "by 5 pm on Monday, November 23",
        ),
        (
            datetime.datetime(2026, 11, 24, 13, 30),
            "antes de la 1:30 p. m. del martes 24 de noviembre",
            "by 1:30 pm on Tuesday, November 24",
        ),
        (
            datetime.datetime(2026, 11, 27, 9),
            "antes de las 9 a. m. del viernes 27 de noviembre",
            "by 9 am on Friday, November 27",
        ),
    ],
)
def test_the_due_by_phrase_is_natural_in_both_languages(due, spanish, english):
    tz = ZoneInfo("America/New_York")
    due = due.replace(tzinfo=tz)
    with translation.override("es"):
        assert due_phrase(due, tz) == spanish
    assert due_phrase(due, tz) == english


def test_content_falls_back_to_english_when_a_spanish_field_is_empty(client, program):
    PageFactory(program=program, slug="parking", title="Parking", title_es="", body="<p>Lot B.</p>")
    PageFactory(program=program, slug="meals", title="Meals", title_es="Comidas", body="<p>Hi.</p>")
    assert '<h1 id="page-title">Parking</h1>' in get(client, "/es/parking/")
    html = get(client, "/es/meals/")
    assert '<h1 id="page-title">Comidas</h1>' in html and "<p>Hi.</p>" in html  # body_es empty
    assert '<h1 id="page-title">Meals</h1>' in get(client, "/meals/")


def test_a_request_from_a_spanish_page_reaches_staff_in_english(client, demo_program):
    payload = callback_payload(client, asker="other", topic="other", diagnosis="other")
    assert client.post("/es/request-a-call-back/", payload).status_code == 302
    callback = CallbackRequest.objects.get()
    assert callback.line.name == "Cancer information line"
    assert Activity.objects.get().text.startswith("Routed to Cancer information line")
    with translation.override("es"):  # as when the job runs in the family's request
        email = notification_email(callback)
    assert "Routed to: Cancer information line (Cancer information line)" in email.body
    assert re.search(r"Please call by \d{1,2}(:\d\d)? [ap]m on \w+day, \w+ \d+", email.body)
    assert "Línea" not in email.body and "antes de" not in email.subject


# --- The demo content in Spanish ------------------------------------------------------------

DEMO = demo_data()
DEMO_ROWS = [
    (Program, [DEMO.program]),
    (Page, DEMO.all_pages),
    (TeamMember, DEMO.team),
    (ContactLine, DEMO.lines),
    (Coordinator, DEMO.coordinators),
    (Condition, DEMO.conditions),
    (StayNearbyFact, [DEMO.stay_nearby]),
    (JourneyStep, DEMO.journey),
    (WarningSign, DEMO.warning_signs),
    (FAQ, DEMO.faqs),
    (GlossaryTerm, DEMO.glossary),
    (PatientStory, DEMO.stories),
    (ClinicalTrial, DEMO.trials),
    (Resource, DEMO.resources),
    (LanguageTagline, DEMO.taglines),
    (SiteNotice, [DEMO.notice]),
]


def spanish_fields(model) -> dict[str, models.Field]:
    return {f.name: f for f in model._meta.get_fields() if f.name.endswith("_es")}


@pytest.mark.parametrize(("model", "rows"), DEMO_ROWS, ids=[m.__name__ for m, _ in DEMO_ROWS])
def test_demo_content_has_spanish_for_everything_families_read(model, rows):
    fields = spanish_fields(model)
    assert fields
    for row in rows:
        for name, field in fields.items():
            english = row.get(name.removesuffix("_es"))
            if english:
                assert row.get(name), f"{model.__name__} “{english}” has no {name}"
            if field.max_length and row.get(name):  # PostgreSQL enforces it; SQLite does not
                assert len(row[name]) <= field.max_length, (name, row[name])


@pytest.mark.parametrize("page", DEMO.all_pages, ids=lambda page: page["slug"])
def test_demo_spanish_pages_have_no_content_problems(page):
    assert content_problems(sanitize_html(page["body_es"])) == []
    assert 'href="/' not in page["body_es"].replace('href="/es/', "")  # links stay in Spanish


def test_load_demo_fills_the_spanish_fields_and_refresh_keeps_one_notice(demo_program):
    call_command("load_demo", "--refresh", stdout=StringIO())
    notice = SiteNotice.objects.get()
    assert notice.text_es.startswith("Desde junio de 2025")
    assert demo_program.name_es == "Programa de terapia de células CAR T para niños"
    assert Page.objects.get(slug="contact").title_es == "Contáctenos"
    assert set(ContactLine.objects.values_list("name_es", flat=True)) >= {
        "Línea para pacientes nuevos",
        "Línea 24/7 para pacientes actuales",
    }
    assert not GlossaryTerm.objects.filter(term_es="").exists()
    assert not PatientStory.objects.filter(privacy_note_es="").exists()


def test_a_medical_word_links_to_its_spanish_meaning(client, demo_program):
    html = get(client, "/es/what-is-car-t/")
    assert 'href="/es/glossary/#term-leukemia">leucemia</a>' in html
    glossary = get(client, "/es/glossary/")
    assert '<dt id="term-apheresis">aféresis</dt>' in glossary
    assert "a-fur-EE-sis" not in glossary  # the English pronunciation does not help here


def test_the_404_page_is_in_spanish(client, demo_program):
    html = get(client, "/es/no-such-page/", status=404)
    assert '<html lang="es">' in html and "No encontramos esa página" in html


def test_the_500_page_follows_the_language_without_context():
    with translation.override("es"):
        html = render_to_string("500.html")
    assert '<html lang="es">' in html and "Lo sentimos, algo salió mal" in html
    assert 'href="/es/"' in html
    assert '<html lang="en">' in render_to_string("500.html")


def test_a_reviewed_page_names_its_reviewer_in_spanish(client, demo_program):
    html = get(client, "/es/what-is-car-t/")
    assert "por un oncólogo pediátrico de nuestro equipo de CAR T." in html
    assert "pediatric oncologist" not in html
    assert "by a pediatric oncologist on our CAR T team." in get(client, "/what-is-car-t/")
    # Every demo page with a reviewer role has it in Spanish, and loading again changes nothing.
    call_command("load_demo", stdout=StringIO())
    health_pages = [p for p in DEMO_ROWS[1][1] if p.get("needs_review", True)]
    reviewed = Page.objects.exclude(reviewer_role="")
    assert reviewed.count() == len(health_pages) == 8
    assert not reviewed.filter(reviewer_role_es="").exists()


def test_a_page_shows_the_spanish_reviewer_role_its_editor_wrote(client, program):
    PageFactory(
        program=program,
        slug="fever",
        reviewed_at=datetime.date(2026, 11, 2),
        reviewer_role="a pediatric oncologist",
        reviewer_role_es="una oncóloga pediátrica",
    )
    assert "Última revisión: 2 de noviembre de 2026, por una oncóloga pediátrica." in get(
        client, "/es/fever/"
    )
