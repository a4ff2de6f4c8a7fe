"""What a family types is health information. Fuzzing the form never breaks it, script in a name
is shown as text wherever staff read it, and the family's details never leave the request: not
in the staff email, the task rows, the logs, the addresses the family is sent to, or an error
report."""

import csv
import io
import logging
import re
import sys
import uuid
from urllib.parse import quote_from_bytes

import pytest
from django.core.management import call_command
from django.core.signals import got_request_exception
from django.urls import reverse
from django.utils.html import escape
from django.views.debug import ExceptionReporter
from django_tasks_db.models import DBTaskResult
from hypothesis import HealthCheck, example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from inquiries import views
from inquiries.forms import TRAP_FIELD
from inquiries.models import CallbackRequest
from tests.conftest import verified_login

pytestmark = pytest.mark.django_db

FORM_URL = reverse("inquiries:callback_create")
SENT_URL = reverse("inquiries:callback_sent")
THANKS = re.compile(r"^/request-a-call-back/thanks/([A-Z0-9]{4}-[A-Z0-9]{4})/$")
LOCMEM = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}


def run_worker():
    call_command("db_worker", batch=True, startup_delay=False, interval=0, verbosity=0)


def form_body(fields: dict[str, list[str]]) -> bytes:
    """application/x-www-form-urlencoded, as a browser sends it. Lone surrogates cannot be
    UTF-8, so they go as the bytes a careless client would send (surrogatepass)."""
    return "&".join(
        f"{quote_from_bytes(key.encode('utf-8', 'surrogatepass'), safe='')}="
        f"{quote_from_bytes(value.encode('utf-8', 'surrogatepass'), safe='')}"
        for key, values in fields.items()
        for value in values
    ).encode("ascii")


def post_raw(client, fields: dict[str, list[str]], **extra):
    return client.post(
        FORM_URL, data=form_body(fields), content_type="application/x-www-form-urlencoded", **extra
    )


def as_fields(payload: dict) -> dict[str, list[str]]:
    return {k: v if isinstance(v, list) else [str(v)] for k, v in payload.items()}


# --- Fuzzing: never a server error; a row exactly when the family is thanked

TEXT_FIELDS = ["name", "phone", "email", "note", "language_other", "patient_age"]
CHOICE_FIELDS = ["asker", "topic", "diagnosis", "relapsed", "language", "best_times"]
OTHER_FIELDS = ["consent_call", "consent_voicemail", "needs_interpreter", "submission_token"]
TRAPS = [TRAP_FIELD, "shown_at"]
ODD = [
    "\x00", "\u200f", "\u200e", "\u202e", "\u2066", "\u061c", "\ufeff", "\ud800", "\udfff",
    "\ud83d", "\r\n", "\t", "\x7f", "\u0085", "\u2028", "<script>", "'", '"', "%00", "&", "+",
    "=", "ﷺ", "שלום", "مرحبا", "𝕏", "👩‍👧", "e\u0301", " ",
]  # fmt: skip
characters = st.characters(exclude_categories=())  # every code point, lone surrogates too
values = st.one_of(
    st.text(characters, max_size=60),
    st.lists(st.one_of(st.sampled_from(ODD), st.text(characters, max_size=4)), max_size=12).map(
        "".join
    ),
    st.builds(
        lambda c, n: c * n,
        st.sampled_from(["a", "é", "\u200f", "\x00", "😀"]),
        st.integers(90, 30_000),
    ),
    st.sampled_from(["", "0", "-1", "121", "9" * 40, "1e3", "Sam", "+1 215 555 0100", "a@b.co"]),
)
mutations = st.dictionaries(
    st.sampled_from([*TEXT_FIELDS, *CHOICE_FIELDS, *OTHER_FIELDS, *TRAPS, "unknown\u202e"]),
    st.one_of(st.none(), st.lists(values, min_size=1, max_size=3)),
    min_size=1,
    max_size=3,
)


@pytest.mark.slow  # fuzz: a thousand generated forms
@hypothesis_settings(
    max_examples=1000,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(changes=mutations)
@example(changes={"name": ["Sam\x00Rivera"]})
@example(changes={"name": ["\ud800"]})
@example(changes={"note": ["\u202eevil\u202c note with RTL"]})
@example(changes={"name": ["a" * 30_000]})
@example(changes={"best_times": ["morning"] * 50})
def test_fuzzed_forms_never_fail_and_save_exactly_when_thanked(client, payload, changes):
    fields = as_fields(payload) | {"submission_token": [str(uuid.uuid4())]}
    for key, new in changes.items():
        if new is None:
            fields.pop(key, None)
        else:
            fields[key] = new
    before = CallbackRequest.objects.count()
    response = post_raw(client, fields)
    after = CallbackRequest.objects.count()

    assert response.status_code < 500, (response.status_code, changes)
    location = response.get("Location", "")
    thanked = THANKS.match(location)
    if response.status_code == 302 and thanked:
        assert after == before + 1
        saved = CallbackRequest.objects.get(reference=thanked.group(1))
        for name in ("name", "note", "language_other"):
            sent = fields.get(name, [""])[-1]  # a repeated field: Django keeps the last value
            if changes.get(name) and not any("\ud800" <= char <= "\udfff" for char in sent):
                assert getattr(saved, name) == sent.strip(), name
    else:
        assert after == before, (response.status_code, location, changes)
        assert response.status_code in (200, 302, 413), response.status_code
        if response.status_code == 302:
            assert location == SENT_URL  # only the trap field redirects without saving
            assert TRAP_FIELD in changes


@pytest.mark.slow  # fuzz: 150 generated bodies
@hypothesis_settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(body=st.binary(max_size=3000))
def test_arbitrary_bytes_never_fail(client, demo_program, body):
    before = CallbackRequest.objects.count()
    response = client.post(FORM_URL, data=body, content_type="application/x-www-form-urlencoded")
    assert response.status_code < 500
    assert CallbackRequest.objects.count() == before


@pytest.mark.parametrize(
    ("name", "saved"),
    [
        ("Sam\x00Rivera", False),  # control characters: refused
        ("Sam\x07", False),
        ("Sam\u200f Rivera", False),  # text-direction marks: refused kindly (test_forms)
        ("\u202bسام\u202c", False),
        ("سام", True),  # right-to-left letters need no marks
        ("a" * 101, False),  # too long
        ("\ud800", True),  # a lone surrogate arrives as U+FFFD (decoding replaces it)
    ],
)
def test_name_edge_cases(client, payload, name, saved):
    response = post_raw(client, as_fields(payload | {"name": name}))
    assert CallbackRequest.objects.count() == (1 if saved else 0)
    assert response.status_code == (302 if saved else 200)


# --- Script in a name or a note is only ever text

XSS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg/onload=alert(1)>",
    "<svg><script>alert&#40;1&#41;</script>",
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    '<a href="javascript:alert(1)">call me</a>',
    "<iframe src=javascript:alert(1)>",
    "<body onload=alert(1)>",
    "<style>body{display:none}</style>",
    "<base href=//evil.example/>",
    '<meta http-equiv="refresh" content="0;url=//evil.example">',
    "<form action=//evil.example><button>Go</button></form>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<img src=x onerror=&#97;lert(1)>",
    "<<script>>alert(1)<</script>>",
    "<scr<script>ipt>alert(1)</script>",
    "<!--<script>alert(1)//-->",
    '<div style="background:url(javascript:alert(1))">',
    "<object data=javascript:alert(1)>",
    '=HYPERLINK("http://evil.example","<b>x</b>")',
    "+<i>1</i>+1",
    "-<u>2</u>+3",
    "@<s>SUM</s>(1)",
    "{{ request.META }}<b>{% debug %}</b>",
]
assert len(XSS) >= 20


def html_has_raw(html: str, payload: str) -> bool:
    return payload in html


@pytest.fixture
def xss_requests(client, payload, fresh_token, mailoutbox, settings):
    settings.MAILERS = LOCMEM
    references = []
    for text in XSS:
        response = client.post(
            FORM_URL, payload | {"submission_token": fresh_token(), "name": text, "note": text}
        )
        assert response.status_code == 302, (text, response.content[:400])
        references.append(THANKS.match(response["Location"]).group(1))
        thanks = client.get(response["Location"]).content.decode()
        assert not html_has_raw(thanks, text), text
    return [CallbackRequest.objects.get(reference=ref) for ref in references]


def test_script_in_names_and_notes_is_text_in_every_staff_view(client, admin_user, xss_requests):
    verified_login(client, admin_user)
    queue = client.get(reverse("admin:inquiries_callbackrequest_changelist")).content.decode()
    search = client.get(
        reverse("admin:inquiries_callbackrequest_changelist"), {"q": "<script>"}
    ).content.decode()
    for req in xss_requests:
        for html in (queue, search):
            assert not html_has_raw(html, req.name), req.name
        change = client.get(
            reverse("admin:inquiries_callbackrequest_change", args=[req.pk])
        ).content.decode()
        assert not html_has_raw(change, req.name), req.name
        assert escape(req.name) in change  # shown, as text
        history = client.get(
            reverse("admin:inquiries_callbackrequest_history", args=[req.pk])
        ).content.decode()
        assert not html_has_raw(history, req.name), req.name


def test_script_in_names_is_inert_data_in_the_csv_export(client, admin_user, xss_requests):
    verified_login(client, admin_user)
    response = client.post(
        reverse("admin:inquiries_callbackrequest_changelist"),
        {"action": "export_csv", "_selected_action": [r.pk for r in xss_requests]},
    )
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment;")  # never rendered inline
    assert response["X-Content-Type-Options"] == "nosniff"
    rows = {r["reference"]: r for r in csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))}  # fmt: skip
    for req in xss_requests:
        row = rows[req.reference]
        for column in ("name", "note"):
            value = getattr(req, column)
            if value.startswith(("=", "+", "-", "@")):
                assert row[column] == "'" + value, (column, value)  # no formula in a spreadsheet
            else:
                assert row[column] == value, (column, value)


# The worker closes "old" connections between jobs: on PostgreSQL that needs real transactions.
@pytest.mark.django_db(transaction=True)
def test_the_staff_email_holds_no_name_or_note(xss_requests, mailoutbox):
    run_worker()
    assert len(mailoutbox) == len(xss_requests)
    for message in mailoutbox:
        text = "\n".join([message.subject, message.body, *message.to])
        for html in (alt[0] for alt in getattr(message, "alternatives", [])):
            text += html
        for req in xss_requests:
            assert req.name not in text and req.note not in text
        assert "script" not in text


# --- Canaries: the family's details go nowhere but the request row

CANARY = {
    "name": "Quorra Canarywood",
    "phone": "(215) 555-0987",
    "email": "quorra.canary@example.net",
    "note": "CANARY-NOTE platelets low since May",
    "patient_age": "117",
    "diagnosis": "lymphoma",
    "asker": "parent",
}
CANARY_STRINGS = [
    "Quorra",
    "Canarywood",
    "+12155550987",
    "2155550987",
    "(215) 555-0987",
    "215-555-0987",
    "215 555 0987",
    "215.555.0987",
    "555-0987",
    "5550987",
    "quorra.canary",
    "quorra",
    "example.net",
    "CANARY-NOTE",
    "platelets",
    "lymphoma",
    "Lymphoma",
]
AGE = re.compile(r"(?<![0-9])117(?![0-9])")


def assert_no_canary(text: str, where: str):
    for canary in CANARY_STRINGS:
        assert canary.lower() not in text.lower(), (where, canary)
    assert not AGE.search(text), (where, "age")


@pytest.fixture
def every_logger_at_debug(caplog):
    for name in ["", *logging.root.manager.loggerDict]:
        caplog.set_level(logging.DEBUG, logger=name)
    return caplog


@pytest.mark.django_db(transaction=True)
def test_canaries_stay_out_of_email_tasks_logs_and_addresses(
    client, payload, admin_user, mailoutbox, settings, every_logger_at_debug
):
    settings.MAILERS = LOCMEM
    caplog = every_logger_at_debug
    response = client.post(FORM_URL, payload | CANARY, follow=True)
    assert response.status_code == 200
    req = CallbackRequest.objects.get()
    assert req.name == CANARY["name"] and req.patient_age == 117  # saved where it belongs
    for url, _status in response.redirect_chain:
        assert_no_canary(url, "redirect")
    assert response.redirect_chain[-1][0] == reverse(
        "inquiries:callback_thanks", kwargs={"reference": req.reference}
    )

    run_worker()
    verified_login(client, admin_user)
    client.get(reverse("admin:inquiries_callbackrequest_changelist"))
    client.get(reverse("admin:inquiries_callbackrequest_change", args=[req.pk]))
    client.get(reverse("admin:inquiries_callbackrequest_changelist"), {"q": "Quorra"})

    (message,) = mailoutbox
    assert_no_canary("\n".join([message.subject, message.body]), "email")

    (task,) = DBTaskResult.objects.all()
    assert task.args_kwargs == {"args": [], "kwargs": {"callback_request_id": req.pk}} or (
        task.args_kwargs == {"args": [req.pk], "kwargs": {}}
    )
    for field in ("args_kwargs", "return_value", "traceback", "exception_class_path"):
        assert_no_canary(str(getattr(task, field)), f"task {field}")

    assert caplog.records, "the logs were captured"
    for record in caplog.records:
        assert_no_canary(record.getMessage(), f"log {record.name}")
        assert_no_canary(repr(record.args), f"log args {record.name}")
        assert_no_canary(str(getattr(record, "request", "")), f"log request {record.name}")


def test_a_forced_error_report_masks_every_post_value(client, payload, monkeypatch):
    """sensitive_post_parameters() on the view: Django's error reports (the email to ADMINS,
    the DEBUG page) show the form's values as stars."""

    def broken(*args, **kwargs):
        raise RuntimeError("forced")

    monkeypatch.setattr(views.ratelimit, "limit_reached", broken)
    caught = {}

    def keep(sender, request, **kwargs):
        caught["request"] = request
        caught["exc_info"] = sys.exc_info()

    got_request_exception.connect(keep)
    try:
        client.raise_request_exception = False
        response = client.post(FORM_URL, payload | CANARY)
    finally:
        got_request_exception.disconnect(keep)
    assert response.status_code == 500
    request = caught["request"]
    reporter = ExceptionReporter(request, *caught["exc_info"])
    text = reporter.get_traceback_text()
    html = reporter.get_traceback_html()
    data = reporter.get_traceback_data()
    post = data["filtered_POST_items"]
    assert {key for key, _ in post} >= {"name", "phone", "email", "note", "patient_age"}
    assert all(value == "********************" for _, value in post)
    for report, where in ((text, "text report"), (html, "html report")):
        assert_no_canary(report, where)
    assert CallbackRequest.objects.count() == 0
