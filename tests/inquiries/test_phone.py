"""A number someone can call: checked against the full phone-number metadata, with a kind,
specific message; extensions kept for the coordinator; the confirmation shows the number back,
partly masked."""

import html
import re

import pytest
from django.urls import reverse

from inquiries import forms
from inquiries.models import CallbackRequest

pytestmark = pytest.mark.django_db
URL = reverse("inquiries:callback_create")

# typed → (stored E.164, extension) or the message the family reads
PHONE_TABLE = {
    "US, usual way": ("(215) 555-0188", ("+12155550188", "")),
    "US, dots": ("215.555.0188", ("+12155550188", "")),
    "US, with the 1": ("1 215 555 0188", ("+12155550188", "")),
    "US, no area code": ("555-0123", forms.PHONE_ADD_AREA_CODE),
    "US, area code starting with 0": ("(015) 555-0123", forms.PHONE_CHECK_AREA_CODE),
    "US, area code starting with 1": ("(115) 555-0123", forms.PHONE_CHECK_AREA_CODE),
    "US, area code not in service": ("(999) 555-1234", forms.PHONE_CHECK_AREA_CODE),
    "US, exchange starting with 1": ("(215) 155-0123", forms.PHONE_CHECK_AREA_CODE),
    "US, extension ext": ("(215) 555-0188 ext 4", ("+12155550188", "4")),
    "US, extension x": ("215-555-0188 x1234", ("+12155550188", "1234")),
    "US, extension comma words": ("215 555 0188 extension 22", ("+12155550188", "22")),
    "international, UK": ("+44 20 7946 0000", ("+442079460000", "")),
    "international, France": ("+33 1 23 45 67 89", ("+33123456789", "")),
    "international, Mexico City": ("+52 55 1234 5678", ("+525512345678", "")),
    "international, too short": ("+44 20 7946", forms.PHONE_INVALID),
    "words": ("call me", forms.PHONE_INVALID),
    "too short": ("911", forms.PHONE_INVALID),
}


def field_error(page: str) -> str | None:
    found = re.search(r'id="error_1_id_phone"><strong>(.*?)</strong>', page, re.S)
    return html.unescape(found.group(1)) if found else None


@pytest.mark.parametrize(("typed", "expected"), list(PHONE_TABLE.values()), ids=list(PHONE_TABLE))
def test_the_phone_table(client, payload, typed, expected):
    response = client.post(URL, payload | {"phone": typed})
    if isinstance(expected, tuple):
        assert response.status_code == 302, field_error(response.content.decode())
        saved = CallbackRequest.objects.get()
        assert (saved.phone, saved.phone_extension) == expected
    else:
        page = response.content.decode()
        assert response.status_code == 200
        assert field_error(page) == str(expected)
        assert f'value="{html.escape(typed)}"' in page  # kept as typed, to fix
        assert CallbackRequest.objects.count() == 0


def test_the_extension_is_shown_to_the_coordinator(client, payload, admin_client):
    client.post(URL, payload | {"phone": "(215) 555-0188 ext 4"})
    saved = CallbackRequest.objects.get()
    page = admin_client.get(
        reverse("admin:inquiries_callbackrequest_change", args=[saved.pk])
    ).content.decode()
    assert 'href="tel:+12155550188;ext=4"' in page and "(215) 555-0188</a> ext. 4" in page


def test_the_confirmation_shows_the_number_ending_and_what_to_do_if_wrong(client, payload):
    response = client.post(URL, payload | {"phone": "(215) 555-0123"}, follow=True)
    page = response.content.decode()
    assert "the number ending 0123" in page
    assert "555-0123" not in page.replace('href="tel:', "")  # never the whole number
    assert "If this is not your number" in page
