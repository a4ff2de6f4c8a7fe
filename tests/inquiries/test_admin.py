"""The coordinators' queue as staff use it, and who may reach it."""

import csv
import datetime
import io
import uuid
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from inquiries.models import Activity, ActivityKind, CallbackRequest, Status
from inquiries.services import callback_request_create
from tests.conftest import verified_login

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("staff_groups")]

VALID = {
    "asker": "parent",
    "topic": "is_cart_an_option",
    "patient_age": 9,
    "diagnosis": "b_all",
    "relapsed": "yes",
    "name": "Sam Rivera",
    "phone": "+12155550111",
    "email": "",
    "best_times": ["morning"],
    "language": "en",
    "language_other": "",
    "needs_interpreter": False,
    "note": "",
    "consent_call": True,
    "consent_voicemail": False,
}


def make_request(program, **changes) -> CallbackRequest:
    req, _ = callback_request_create(
        program=program, submission_token=uuid.uuid4(), data={**VALID, **changes}
    )
    return req


def make_user(username, group=None, **extra):
    user = get_user_model().objects.create_user(
        username=username, password="pw", is_staff=True, **extra
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def coordinator(demo_program):
    return make_user("coord", "Coordinators")


@pytest.fixture
def editor(demo_program):
    return make_user("editor", "Content editors")


def urls_for(req, rule):
    return {
        "queue": reverse("admin:inquiries_callbackrequest_changelist"),
        "request": reverse("admin:inquiries_callbackrequest_change", args=[req.pk]),
        "history": reverse("admin:inquiries_callbackrequest_history", args=[req.pk]),
        "report": reverse("admin:inquiries_callbackrequest_report"),
        "add request": reverse("admin:inquiries_callbackrequest_add"),
        "delete request": reverse("admin:inquiries_callbackrequest_delete", args=[req.pk]),
        "rules": reverse("admin:inquiries_routingrule_changelist"),
        "rule": reverse("admin:inquiries_routingrule_change", args=[rule.pk]),
        "try routing": reverse("admin:inquiries_routingrule_try"),
        "add rule": reverse("admin:inquiries_routingrule_add"),
    }


ROLE_MATRIX = {
    # url name: (content editor, coordinator)
    "queue": (403, 200),
    "request": (403, 200),
    "history": (403, 200),
    "report": (403, 200),
    "add request": (403, 403),
    "delete request": (403, 403),
    "rules": (403, 200),
    "rule": (403, 200),
    "try routing": (403, 200),
    "add rule": (403, 403),
}


@pytest.mark.parametrize("name", ROLE_MATRIX)
def test_role_matrix_over_the_inquiries_admin(client, demo_program, editor, coordinator, name):
    req = make_request(demo_program)
    url = urls_for(req, demo_program.routing_rules.first())[name]
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]
    for user, expected in zip((editor, coordinator), ROLE_MATRIX[name], strict=True):
        verified_login(client, user)
        assert client.get(url).status_code == expected, (user.username, name)


def test_content_editors_do_not_see_callback_requests_in_the_menu(client, editor, coordinator):
    verified_login(client, editor)
    html = client.get(reverse("admin:index")).content.decode()
    assert "Pages" in html and "Callback requests" not in html
    verified_login(client, coordinator)
    assert "Callback requests" in client.get(reverse("admin:index")).content.decode()


def test_queue_lists_open_requests_most_urgent_first_and_closed_last(
    client, demo_program, coordinator
):
    later = make_request(demo_program, name="Later Family")
    sooner = make_request(demo_program, name="Sooner Family")
    closed = make_request(demo_program, name="Closed Family")
    now = timezone.now()
    CallbackRequest.objects.filter(pk=later.pk).update(due_by=now + datetime.timedelta(hours=5))
    CallbackRequest.objects.filter(pk=sooner.pk).update(due_by=now - datetime.timedelta(hours=2))
    CallbackRequest.objects.filter(pk=closed.pk).update(
        due_by=now - datetime.timedelta(days=3), status=Status.CLOSED, outcome="duplicate"
    )
    verified_login(client, coordinator)
    html = client.get(reverse("admin:inquiries_callbackrequest_changelist")).content.decode()
    positions = [html.index(r.reference) for r in (sooner, later, closed)]
    assert positions == sorted(positions)
    assert "OVERDUE by 2 h" in html  # in words, not only in colour


def test_a_request_whose_email_keeps_failing_is_marked_and_filtered(
    client, demo_program, coordinator
):
    failing = make_request(demo_program, name="Failing Family")
    sent = make_request(demo_program, name="Sent Family")
    queued = make_request(demo_program, name="Queued Family")
    CallbackRequest.objects.filter(pk=failing.pk).update(
        notify_attempts=3, notify_error="SMTPServerDisconnected"
    )
    CallbackRequest.objects.filter(pk=sent.pk).update(notified_at=timezone.now())
    verified_login(client, coordinator)
    url = reverse("admin:inquiries_callbackrequest_changelist")
    html = client.get(url).content.decode()
    row = html.split(failing.reference, 1)[1].split("</tr>", 1)[0]
    assert "⚠ Failing" in row and "SMTPServerDisconnected" in row
    html = client.get(url, {"notified": "failing"}).content.decode()
    assert failing.reference in html
    assert sent.reference not in html and queued.reference not in html


def test_overdue_and_assigned_to_me_filters(client, demo_program, coordinator):
    mine = make_request(demo_program)
    overdue = make_request(demo_program)
    CallbackRequest.objects.filter(pk=overdue.pk).update(
        due_by=timezone.now() - datetime.timedelta(minutes=5)
    )
    CallbackRequest.objects.filter(pk=mine.pk).update(assigned_to=coordinator)
    verified_login(client, coordinator)
    url = reverse("admin:inquiries_callbackrequest_changelist")
    html = client.get(url, {"due": "overdue"}).content.decode()
    assert overdue.reference in html and mine.reference not in html
    html = client.get(url, {"assigned": "me"}).content.decode()
    assert mine.reference in html and overdue.reference not in html


@pytest.mark.parametrize(
    "term",
    ["{reference}", "{compact}", "{lower}", "Rivera", "(215) 555-0111", "215.555.0111"],
)
def test_search_finds_a_request_by_reference_name_or_phone(client, demo_program, coordinator, term):
    req = make_request(demo_program)
    other = make_request(demo_program, name="Alex Kim", phone="+12155550122")
    q = term.format(
        reference=req.reference, compact=req.reference.replace("-", ""), lower=req.reference.lower()
    )
    verified_login(client, coordinator)
    html = client.get(
        reverse("admin:inquiries_callbackrequest_changelist"), {"q": q}
    ).content.decode()
    assert req.reference in html and other.reference not in html


def test_coordinator_takes_notes_and_closes_a_request(client, demo_program, coordinator):
    req = make_request(demo_program)
    verified_login(client, coordinator)
    url = reverse("admin:inquiries_callbackrequest_change", args=[req.pk])
    form = {"status": "new", "outcome": "", "assigned_to": "", "new_note": ""}
    form |= {"activities-TOTAL_FORMS": "0", "activities-INITIAL_FORMS": "0"}  # as the page sends

    response = client.post(url, {**form, "_take": "Take it"})
    assert response.status_code == 302
    req.refresh_from_db()
    assert req.assigned_to == coordinator

    client.post(
        url,
        {
            **form,
            "assigned_to": coordinator.pk,
            "new_note": "Left a message.",
            "call_attempt": "on",
            "_continue": "1",
        },
    )
    req.refresh_from_db()
    assert req.status == Status.ATTEMPTED and req.first_contact_at is None

    client.post(
        url, {**form, "status": "contacted", "assigned_to": coordinator.pk, "_continue": "1"}
    )
    req.refresh_from_db()
    assert req.status == Status.CONTACTED and req.first_contact_at is not None

    response = client.post(
        url, {**form, "status": "closed", "assigned_to": coordinator.pk, "_continue": "1"}
    )
    assert response.status_code == 200
    assert "Choose an outcome to close the request." in response.content.decode()
    req.refresh_from_db()
    assert req.status == Status.CONTACTED

    client.post(
        url,
        {
            **form,
            "status": "closed",
            "outcome": "scheduled",
            "assigned_to": coordinator.pk,
            "new_note": "Consult booked.",
            "_save": "1",
        },
    )
    req.refresh_from_db()
    assert req.status == Status.CLOSED and req.outcome == "scheduled" and req.closed_at is not None

    log = list(req.activities.values_list("kind", "author__username", "text"))
    assert (ActivityKind.ASSIGNMENT, "coord", "Assigned to coord.") in log
    assert (ActivityKind.ATTEMPT, "coord", "Left a message.") in log
    assert (ActivityKind.NOTE, "coord", "Consult booked.") in log
    assert (
        ActivityKind.STATUS,
        "coord",
        "Talked with the family → Closed (Visit or consult scheduled).",
    ) in log
    assert log[0][0] == ActivityKind.RECEIVED


def test_the_activity_log_cannot_be_edited_or_deleted_from_the_request_page(
    client, demo_program, coordinator
):
    req = make_request(demo_program)
    verified_login(client, coordinator)
    html = client.get(
        reverse("admin:inquiries_callbackrequest_change", args=[req.pk])
    ).content.decode()
    assert "activities-0-text" not in html and "activities-0-DELETE" not in html
    assert "Routed to Ellen Marsh" in html
    assert Activity.objects.filter(callback_request=req).count() == 1


def test_assignment_choices_are_only_people_who_work_the_queue(
    client, demo_program, coordinator, editor
):
    req = make_request(demo_program)
    verified_login(client, coordinator)
    html = client.get(
        reverse("admin:inquiries_callbackrequest_change", args=[req.pk])
    ).content.decode()
    select = html.split('name="assigned_to"', 1)[1].split("</select>", 1)[0]
    assert ">coord<" in select and ">editor<" not in select


def test_csv_export_needs_the_export_permission(client, demo_program, coordinator):
    req = make_request(demo_program)
    verified_login(client, coordinator)
    url = reverse("admin:inquiries_callbackrequest_changelist")
    assert "export_csv" not in client.get(url).content.decode()
    response = client.post(url, {"action": "export_csv", "_selected_action": [req.pk]})
    assert response.get("Content-Type", "").startswith("text/html")


def test_csv_export_neutralizes_spreadsheet_formulas(client, demo_program):
    exporter = make_user("exporter", "Coordinators")
    from django.contrib.auth.models import Permission

    exporter.user_permissions.add(Permission.objects.get(codename="export_callbackrequest"))
    req = make_request(demo_program, name="=cmd|' /C calc'!A0", note="+SUM(1,2)\n@risky")
    verified_login(client, exporter)
    response = client.post(
        reverse("admin:inquiries_callbackrequest_changelist"),
        {"action": "export_csv", "_selected_action": [req.pk]},
    )
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0]["reference"] == req.reference
    assert rows[0]["name"] == "'=cmd|' /C calc'!A0"
    assert rows[0]["note"].startswith("'+SUM")
    assert rows[0]["phone"] == "'+12155550111"


def test_report_shows_open_and_overdue_per_line_and_median_first_contact(
    client, demo_program, coordinator
):
    a, b = make_request(demo_program), make_request(demo_program, topic="trials")
    CallbackRequest.objects.filter(pk=a.pk).update(
        due_by=timezone.now() - datetime.timedelta(hours=1)
    )
    CallbackRequest.objects.filter(pk=b.pk).update(
        first_contact_at=b.received_at + datetime.timedelta(hours=3)
    )
    verified_login(client, coordinator)
    html = client.get(reverse("admin:inquiries_callbackrequest_report")).content.decode()
    assert '<th scope="row">New-patient line</th><td>1</td><td>1</td>' in html
    assert '<th scope="row">Clinical trials office</th><td>1</td><td>0</td>' in html
    assert "Median: <strong>3.0 hours</strong>" in html


def test_try_routing_shows_the_destination_and_the_rule(client, demo_program, coordinator):
    verified_login(client, coordinator)
    response = client.get(
        reverse("admin:inquiries_routingrule_try"),
        {"program": demo_program.pk, "asker": "clinician", "topic": "trials", "age": 30, "diagnosis": "lymphoma",
         "relapsed": "yes", "language": "en"},
    )  # fmt: skip
    html = response.content.decode()
    assert "Referral line for doctors and nurses" in html and "10: Referring clinicians" in html


def test_setup_roles_is_idempotent(demo_program):
    before = {
        g.name: set(g.permissions.values_list("codename", flat=True)) for g in Group.objects.all()
    }
    call_command("setup_roles", stdout=StringIO())
    after = {
        g.name: set(g.permissions.values_list("codename", flat=True)) for g in Group.objects.all()
    }
    assert before == after
    assert not any(
        p.startswith(("view_callback", "change_callback")) for p in after["Content editors"]
    )
    assert "export_callbackrequest" not in after["Coordinators"]


def test_demo_coordinator_account_is_linked_and_works_the_queue(client, demo_program):
    out = StringIO()
    call_command("create_admin", "--demo-coordinator", stdout=out)
    user = get_user_model().objects.get(username="coordinator")
    assert user.is_staff and not user.is_superuser and user.coordinator.name == "Ellen Marsh"
    assert out.getvalue().count("password: ") == 2
    verified_login(client, user)
    assert client.get(reverse("admin:inquiries_callbackrequest_changelist")).status_code == 200


def bulk_requests(program, count: int) -> None:
    """`count` requests spread over every line, coordinator, status and assignee, as the queue
    fills up over months (bulk-created: routing is tested elsewhere)."""
    template = make_request(program)
    lines = list(program.lines.all())
    people = [*program.coordinators.all(), None]
    users = [*get_user_model().objects.filter(is_staff=True), None]
    statuses = [Status.NEW, Status.ATTEMPTED, Status.CONTACTED, Status.CLOSED]
    now = timezone.now()
    rows = []
    for i in range(count - 1):
        status = statuses[i % len(statuses)]
        rows.append(
            CallbackRequest(
                **{
                    field.attname: getattr(template, field.attname)
                    for field in CallbackRequest._meta.concrete_fields
                    if not field.primary_key and not field.generated
                }
                | {
                    "reference": f"TEST-{i:04d}",
                    "submission_token": uuid.uuid4(),
                    "name": f"Family {i}",
                    "line_id": lines[i % len(lines)].pk,
                    "coordinator_id": getattr(people[i % len(people)], "pk", None),
                    "assigned_to_id": getattr(users[i % len(users)], "pk", None),
                    "status": status,
                    "outcome": "scheduled" if status == Status.CLOSED else "",
                    "due_by": now + datetime.timedelta(minutes=37 * i - 3000),
                }
            )
        )
    CallbackRequest.objects.bulk_create(rows)


@pytest.mark.parametrize(
    "query", ["", "?due=overdue", "?assigned=me", "?status__exact=new", "?q=Family"]
)
def test_queue_query_count_is_the_same_for_3_and_300_requests(
    client, demo_program, coordinator, query
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    verified_login(client, coordinator)
    url = reverse("admin:inquiries_callbackrequest_changelist") + query
    counts = {}
    for total in (3, 300):
        CallbackRequest.objects.all().delete()
        bulk_requests(demo_program, total)
        client.get(url)  # warm per-process caches (content types, permissions)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        counts[total] = len(queries)
    assert counts[3] == counts[300], counts
    assert counts[300] <= 15, counts


def test_queue_never_counts_past_its_cap_and_says_so(
    client, demo_program, coordinator, monkeypatch
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from inquiries.admin import CappedCountPaginator

    monkeypatch.setattr(CappedCountPaginator, "CAP", 100)
    bulk_requests(demo_program, 300)
    verified_login(client, coordinator)
    url = reverse("admin:inquiries_callbackrequest_changelist")
    with CaptureQueriesContext(connection) as queries:
        html = client.get(url).content.decode()
    assert "More than 100 callback requests" in html
    counts = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]
    assert counts and all("LIMIT 101" in sql for sql in counts), counts
    # The last page within the cap still opens, and shows the least urgent requests counted.
    assert client.get(url, {"p": 2}).status_code == 200
    # A filter under the cap shows its exact count.
    html = client.get(url, {"status__exact": "new"}).content.decode()
    new = CallbackRequest.objects.filter(status=Status.NEW).count()
    assert new < 100 and f"{new} callback requests" in html


def test_closed_requests_leave_the_open_queue_however_they_are_closed(demo_program):
    req = make_request(demo_program)
    assert CallbackRequest.objects.open().filter(pk=req.pk).exists()
    CallbackRequest.objects.filter(pk=req.pk).update(status=Status.CLOSED, outcome="duplicate")
    assert not CallbackRequest.objects.open().filter(pk=req.pk).exists()
    assert CallbackRequest.objects.get(pk=req.pk).is_closed is True
