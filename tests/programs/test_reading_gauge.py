"""The editor's reading gauge: Flesch-Kincaid and SMOG, the sentences that push the grade up,
and medical words used without a glossary entry."""

import pytest
from django.urls import reverse

from programs.models import GlossaryTerm
from programs.readability import gauge
from tests.factories import PageFactory
from tests.programs.test_editorial import form_data

pytestmark = pytest.mark.django_db

EASY = "<p>We take some of your child's T-cells. We change them in a lab so they find the leukemia.</p>"
HARD = (
    "<p>The cells come back to your child. Lymphodepleting chemotherapy necessitates "
    "comprehensive hematological monitoring throughout the posttransplantation convalescence "
    "interval, notwithstanding considerable interindividual heterogeneity in toxicity. Then "
    "your child rests. We watch for a fever. We call you every day. You can call us any time. "
    "Apheresis takes a few hours.</p>"
)


def test_the_gauge_names_the_hardest_sentence_and_medical_words_without_an_entry():
    result = gauge(HARD * 2, glossary_terms=["apheresis"])
    assert result.grade > 6 and result.smog is not None
    assert result.hard_sentences[0].text.startswith("Lymphodepleting chemotherapy necessitates")
    assert result.hard_sentences[0].long_words >= 10
    assert len({s.text for s in result.hard_sentences}) == len(result.hard_sentences)
    assert "lymphodepleting" in result.unglossed_terms
    assert "chemotherapy" in result.unglossed_terms
    assert "apheresis" not in result.unglossed_terms  # it has its entry
    text = " ".join(result.messages)
    assert "SMOG grade" in text and "Sentences that push the grade up: “Lymphodepleting" in text


def test_an_easy_text_has_nothing_to_point_at():
    result = gauge(EASY * 4, glossary_terms=["T-cells", "leukemia"])
    assert result.grade <= 6 and result.hard_sentences and result.unglossed_terms == []
    assert not any("push the grade up" in line for line in result.messages)


def test_the_spanish_text_gets_its_own_reading_ease():
    spanish = "<p>Tomamos algunas células T de su hijo. Las cambiamos en un laboratorio.</p>" * 4
    assert gauge(EASY * 4, spanish_html=spanish).spanish_ease > 70


def test_the_editor_sees_the_gauge_after_saving(program, staff_client):
    GlossaryTerm.objects.create(program=program, term="Apheresis", slug="apheresis", definition="x")
    page = PageFactory(program=program, is_published=False)
    url = reverse("admin:programs_page_change", args=[page.pk])
    response = staff_client.post(url, form_data(staff_client, url, body=HARD * 2), follow=True)
    shown = [str(message) for message in response.context["messages"]]
    assert any(line.startswith("SMOG grade") for line in shown)
    assert any("Sentences that push the grade up" in line for line in shown)
    assert any("chemotherapy" in line and "glossary" in line for line in shown)
    assert not any("apheresis" in line.split(":")[-1] for line in shown if "glossary" in line)
