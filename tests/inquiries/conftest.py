import re

import pytest
from django.urls import reverse

TOKEN_INPUT = re.compile(r'name="submission_token" value="([0-9a-f-]{36})"')
SHOWN_AT_INPUT = re.compile(r'name="shown_at" value="([^"]+)"')


@pytest.fixture(autouse=True)
def requests_are_not_linked(settings):
    """Most tests send one family's form many times and mean many requests: linking a later
    form to the first request (same phone or browser) is off here, and on in test_duplicates."""
    settings.CALLBACK_DUPLICATE_DAYS = 0


@pytest.fixture
def fresh_token(client, demo_program):
    """Open the form and read its one-time token, as a browser sends it back."""

    def fresh_token() -> str:
        html = client.get(reverse("inquiries:callback_create")).content.decode()
        return TOKEN_INPUT.search(html).group(1)

    return fresh_token


@pytest.fixture
def shown_at(client, demo_program) -> str:
    """The signed time the form was shown, as a browser sends it back."""
    html = client.get(reverse("inquiries:callback_create")).content.decode()
    return SHOWN_AT_INPUT.search(html).group(1)


@pytest.fixture
def payload(fresh_token, shown_at) -> dict:
    """A complete, valid form as a parent would fill it in. Tests change one answer at a time."""
    return {
        "submission_token": fresh_token(),
        "shown_at": shown_at,
        "asker": "parent",
        "topic": "is_cart_an_option",
        "patient_age": "9",
        "diagnosis": "b_all",
        "relapsed": "yes",
        "name": "Sam Rivera",
        "phone": "(215) 555-0188",
        "email": "",
        "best_times": ["morning"],
        "language": "en",
        "language_other": "",
        "note": "",
        "consent_call": "on",
    }
