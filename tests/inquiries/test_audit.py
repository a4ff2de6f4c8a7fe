"""The access log of callback requests: who looked at or touched which request, and when, in
ids and field names only; nobody edits it, and only the privacy officer reads it."""

import csv
import datetime
import io
import uuid

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from inquiries.models import AccessAction, AccessLog, CallbackRequest
from inquiries.services import callback_request_create
from tests.conftest import verified_login
from tests.inquiries.test_admin import VALID

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("staff_groups")]

# Canaries: values that must never reach the log. (Age 13: the reference alphabet has no "1".)
CANARIES = {
    "name": "Zephyrine Quillfeather",
    "phone": "+12155550987",
    "email": "zq.canary@example.net",
    "note": "Canary note: the platelets were low",
    "patient_age": 13,
    "diagnosis": "lymphoma",
}
CANARY_TEXTS = [
    "Zephyrine",
    "Quillfeather",
    "5550987",
    "555-0987",
    "zq.canary",
    "example.net",
    "platelets",
    "Canary",
    "13",
    "lymphoma",
    "Lymphoma",
]


def make_user(username, group=None, **extra):
    user = get_user_model().objects.create_user(
        username=username, password="pw", is_staff=True, **extra
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def request_(demo_program) -> CallbackRequest:
    req, _ = callback_request_create(
        program=demo_program, submission_token=uuid.uuid4(), data={**VALID, **CANARIES}
    )
    return req


@pytest.fixture
def coordinator(demo_program):
    return make_user("coord", "Coordinators")


@pytest.fixture
def privacy_officer(demo_program):
    return make_user("privacy", "Privacy officers")


def log_rows():
    return list(AccessLog.objects.order_by("pk"))


def assert_no_canaries(row: AccessLog):
    texts = [row.username, row.action, row.reference, row.detail, str(row)]
    for text in texts:
        for canary in CANARY_TEXTS:
            assert canary not in text, (canary, text)


def assert_logged(row: AccessLog, *, user, action: str, req: CallbackRequest | None, detail=None):
    assert row.user == user
    assert row.username == user.username
    assert row.action == action
    assert abs(row.at - timezone.now()) < datetime.timedelta(seconds=30)
    if req is None:
        assert row.callback_request_id is None and row.reference == ""
    else:
        assert (row.callback_request_id, row.reference) == (req.pk, req.reference)
    if detail is not None:
        assert row.detail == detail
    assert_no_canaries(row)


def test_viewing_the_queue_is_logged(client, request_, coordinator):
    verified_login(client, coordinator)
    html = client.get(reverse("admin:inquiries_callbackrequest_changelist")).content.decode()
    assert request_.reference in html
    (row,) = log_rows()
    assert_logged(row, user=coordinator, action=AccessAction.LIST, req=None, detail="the queue")


def test_searching_the_queue_logs_no_search_words(client, request_, coordinator):
    verified_login(client, coordinator)
    client.get(reverse("admin:inquiries_callbackrequest_changelist"), {"q": "Quillfeather"})
    (row,) = log_rows()
    assert_logged(row, user=coordinator, action=AccessAction.LIST, req=None)


def test_viewing_a_request_and_its_history_is_logged(client, request_, coordinator):
    verified_login(client, coordinator)
    page = client.get(reverse("admin:inquiries_callbackrequest_change", args=[request_.pk]))
    assert "Zephyrine Quillfeather" in page.content.decode()  # coordinators do see it
    client.get(reverse("admin:inquiries_callbackrequest_history", args=[request_.pk]))
    view, history = log_rows()
    assert_logged(view, user=coordinator, action=AccessAction.VIEW, req=request_, detail="")
    assert_logged(
        history, user=coordinator, action=AccessAction.VIEW, req=request_, detail="history"
    )


def test_changing_a_request_is_logged_with_field_names_only(client, request_, coordinator):
    verified_login(client, coordinator)
    url = reverse("admin:inquiries_callbackrequest_change", args=[request_.pk])
    response = client.post(
        url,
        {
            "status": "attempted",
            "outcome": "",
            "assigned_to": coordinator.pk,
            "new_note": "Called Zephyrine at 215-555-0987, no answer",
            "call_attempt": "on",
            "activities-TOTAL_FORMS": "0",
            "activities-INITIAL_FORMS": "0",
            "_save": "1",
        },
    )
    assert response.status_code == 302
    (row,) = log_rows()
    assert_logged(row, user=coordinator, action=AccessAction.CHANGE, req=request_)
    assert set(row.detail.split(", ")) == {"assigned_to", "call_attempt", "new_note", "status"}


def test_exporting_is_logged_per_request(client, request_, demo_program, privacy_officer):
    other, _ = callback_request_create(
        program=demo_program, submission_token=uuid.uuid4(), data=VALID
    )
    verified_login(client, privacy_officer)
    response = client.post(
        reverse("admin:inquiries_callbackrequest_changelist"),
        {"action": "export_csv", "_selected_action": [request_.pk, other.pk]},
    )
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert {r["reference"] for r in rows} == {request_.reference, other.reference}
    logged = log_rows()
    assert {(r.action, r.callback_request_id) for r in logged} == {
        (AccessAction.EXPORT, request_.pk),
        (AccessAction.EXPORT, other.pk),
    }
    for row in logged:
        assert_logged(row, user=privacy_officer, action=AccessAction.EXPORT, req=row_req(row))


def row_req(row: AccessLog) -> CallbackRequest:
    return CallbackRequest.objects.get(pk=row.callback_request_id)


def test_deleting_a_request_is_logged_and_outlives_it(client, request_, privacy_officer):
    verified_login(client, privacy_officer)
    url = reverse("admin:inquiries_callbackrequest_delete", args=[request_.pk])
    assert client.get(url).status_code == 200  # the confirmation page: not a view of the request
    response = client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert not CallbackRequest.objects.filter(pk=request_.pk).exists()
    (row,) = log_rows()
    assert row.action == AccessAction.DELETE
    assert (row.callback_request_id, row.reference) == (request_.pk, request_.reference)
    assert row.user == privacy_officer
    assert_no_canaries(row)


def test_bulk_delete_is_logged_per_request(client, request_, demo_program, privacy_officer):
    other, _ = callback_request_create(
        program=demo_program, submission_token=uuid.uuid4(), data=VALID
    )
    verified_login(client, privacy_officer)
    response = client.post(
        reverse("admin:inquiries_callbackrequest_changelist"),
        {"action": "delete_selected", "_selected_action": [request_.pk, other.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert not CallbackRequest.objects.exists()
    deleted = AccessLog.objects.filter(action=AccessAction.DELETE)
    assert {(r.callback_request_id, r.detail) for r in deleted} == {
        (request_.pk, "bulk delete"),
        (other.pk, "bulk delete"),
    }
    for row in deleted:
        assert_no_canaries(row)


def test_a_refused_look_is_not_logged_as_a_view(client, request_, demo_program):
    editor = make_user("editor", "Content editors")
    verified_login(client, editor)
    for url in (
        reverse("admin:inquiries_callbackrequest_changelist"),
        reverse("admin:inquiries_callbackrequest_change", args=[request_.pk]),
        reverse("admin:inquiries_callbackrequest_history", args=[request_.pk]),
    ):
        assert client.get(url).status_code == 403
    assert not AccessLog.objects.exists()


# --- The log itself


@pytest.fixture
def a_log_row(request_, coordinator):
    return AccessLog.objects.create(
        user=coordinator,
        username=coordinator.username,
        action=AccessAction.VIEW,
        callback_request_id=request_.pk,
        reference=request_.reference,
    )


def log_urls(row) -> dict[str, str]:
    return {
        "list": reverse("admin:inquiries_accesslog_changelist"),
        "add": reverse("admin:inquiries_accesslog_add"),
        "change": reverse("admin:inquiries_accesslog_change", args=[row.pk]),
        "delete": reverse("admin:inquiries_accesslog_delete", args=[row.pk]),
        "history": reverse("admin:inquiries_accesslog_history", args=[row.pk]),
    }


def test_coordinators_cannot_see_or_edit_the_log(client, a_log_row, coordinator):
    verified_login(client, coordinator)
    for name, url in log_urls(a_log_row).items():
        assert client.get(url).status_code == 403, name
        assert client.post(url, {"detail": "x", "post": "yes"}).status_code == 403, name
    index = client.get(reverse("admin:index")).content.decode()
    assert "Access logs" not in index


def test_the_privacy_officer_reads_the_log(client, a_log_row, privacy_officer):
    verified_login(client, privacy_officer)
    html = client.get(reverse("admin:inquiries_accesslog_changelist")).content.decode()
    assert a_log_row.reference in html and "coord" in html
    assert client.get(reverse("admin:inquiries_accesslog_change", args=[a_log_row.pk])).status_code == 200  # fmt: skip


@pytest.mark.parametrize("who", ["privacy officer", "superuser"])
def test_nobody_adds_changes_or_deletes_log_rows(client, a_log_row, privacy_officer, who):
    user = privacy_officer if who == "privacy officer" else make_user("root", is_superuser=True)
    verified_login(client, user)
    before = list(AccessLog.objects.values())
    urls = log_urls(a_log_row)
    forged = {"username": "nobody", "action": "list", "detail": "forged", "reference": "ZZZZ-ZZZZ"}
    assert client.post(urls["add"], forged).status_code == 403
    assert client.post(urls["change"], forged).status_code == 403
    assert client.get(urls["delete"]).status_code == 403
    assert client.post(urls["delete"], {"post": "yes"}).status_code == 403
    response = client.post(
        urls["list"],
        {"action": "delete_selected", "_selected_action": [a_log_row.pk], "post": "yes"},
    )
    assert response.status_code in (200, 302)  # "no action selected": no such action here
    change_page = client.get(urls["change"]).content.decode()  # read-only: no field, no Save
    assert 'name="detail"' not in change_page and 'name="_save"' not in change_page
    assert list(AccessLog.objects.values()) == before
