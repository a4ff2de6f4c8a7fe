"""No dead ends: a CSRF failure, a 429 and a 413 each show a page in the family's language with
the phone number, and the CSRF and 429 pages give back the form as it was typed, ready to send."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from inquiries.models import CallbackRequest, DroppedPost, DropReason
from inquiries.views import MAX_BODY_BYTES

pytestmark = pytest.mark.django_db
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def form_fields(html: str) -> dict:
    """What a browser would send back from the page's form, as rendered."""
    form = html[html.index("<form") : html.index("</form>")]
    fields: dict = {}
    for tag in re.findall(r"<input[^>]*>", form):
        name = re.search(r'name="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if not name or name.group(1) == "submit":
            continue
        kind = re.search(r'type="([^"]+)"', tag)
        ticks = kind and kind.group(1) in ("checkbox", "radio")
        if ticks and "checked" not in tag:
            continue
        default = "on" if ticks else ""
        fields.setdefault(name.group(1), []).append(value.group(1) if value else default)
    for name, body in re.findall(r'<select name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', body)
        fields[name] = [chosen.group(1) if chosen else ""]
    for name, text in re.findall(r'<textarea name="([^"]+)"[^>]*>(.*?)</textarea>', form, re.S):
        fields[name] = [text.strip()]
    return {
        k: [v.replace("&amp;", "&").replace("&#x27;", "'") for v in vs] for k, vs in fields.items()
    }


@pytest.fixture
def strict_client():
    return Client(enforce_csrf_checks=True)


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_post_without_the_csrf_cookie_gets_the_form_back_and_sends_the_second_time(
    strict_client, payload, language
):
    with translation.override(language):
        url = reverse("inquiries:callback_create")
    # The cookie was cleared (or blocked) after the page loaded: the token no longer matches.
    response = strict_client.post(url, payload | {"csrfmiddlewaretoken": "x" * 64})
    assert response.status_code == 403
    page = response.content.decode()
    title = (
        "Please send your request again"
        if language == "en"
        else "Por favor, envíe su solicitud otra vez"
    )
    assert title in page
    assert f'<html lang="{language}"' in page
    assert 'href="tel:+12155550100"' in page  # the program's number
    assert 'value="Sam Rivera"' in page and 'value="(215) 555-0188"' in page
    assert "autofocus" in page
    assert CallbackRequest.objects.count() == 0
    assert DroppedPost.objects.get(reason=DropReason.CSRF).count == 1
    # A fresh token in the page and its cookie in the response: pressing Send again works.
    assert CSRF_INPUT.search(page)
    again = strict_client.post(url, form_fields(page))
    assert again.status_code == 302 and "/thanks/" in again["Location"]
    saved = CallbackRequest.objects.get()
    assert (saved.name, saved.phone, saved.best_times) == (
        "Sam Rivera",
        "+12155550188",
        ["morning"],
    )


def test_a_csrf_failure_elsewhere_is_a_kind_page_with_the_number(strict_client, demo_program):
    response = strict_client.post("/search/", {"q": "x"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "Please try again" in page and 'href="tel:+12155550100"' in page
    assert "CSRF verification failed" not in page


def test_the_429_page_gives_back_the_form_with_the_number(client, payload, fresh_token, settings):
    settings.CALLBACK_RATE_LIMITS = [(1, 60)]
    url = reverse("inquiries:callback_create")
    assert client.post(url, payload).status_code == 302
    response = client.post(url, payload | {"submission_token": fresh_token(), "name": "Ana"})
    assert response.status_code == 429
    page = response.content.decode()
    assert "Please wait a moment" in page and 'href="tel:+12155550100"' in page
    assert 'value="Ana"' in page and "<form" in page
    assert CallbackRequest.objects.count() == 1


def test_the_413_page_is_kind_and_has_the_number(client, payload):
    response = client.post(
        reverse("inquiries:callback_create"), payload | {"note": "x" * MAX_BODY_BYTES}
    )
    assert response.status_code == 413
    page = response.content.decode()
    assert "That was too much to send" in page and 'href="tel:+12155550100"' in page
    assert DroppedPost.objects.get(reason=DropReason.TOO_LARGE).count == 1
