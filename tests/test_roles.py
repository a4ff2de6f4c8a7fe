"""Who reaches which admin page: every URL of every registered model (and the custom ones),
walked as each role that `setup_roles` creates, plus an anonymous visitor, against a table
written by hand from the policy in programs/management/commands/setup_roles.py.

`pytest -s tests/test_roles.py` prints the matrix (role × URL kind) at the end of the module."""

import re
import uuid
from collections import defaultdict

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from axes.models import AccessLog as AxesAccessLog
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from inquiries.models import AccessLog, CallbackRequest
from inquiries.services import callback_request_create
from programs.models import Page
from tests.conftest import verified_login
from tests.inquiries.test_admin import VALID

pytestmark = pytest.mark.django_db

ANON, EDITOR, REVIEWER, COORDINATOR, PRIVACY = (
    "anonymous",
    "content editor",
    "clinical reviewer",
    "coordinator",
    "privacy officer",
)
ROLES = [ANON, EDITOR, REVIEWER, COORDINATOR, PRIVACY]
GROUPS = {
    EDITOR: "Content editors",
    REVIEWER: "Clinical reviewers",
    COORDINATOR: "Coordinators",
    PRIVACY: "Privacy officers",
}
STANDARD_KINDS = ["changelist", "add", "change", "delete", "history"]

# --- The expectation table, by hand. Statuses for an anonymous visitor are always 302 to the
# sign-in page, so the table lists the four staff roles. The standard views come in this order:
#   changelist, add, change, delete (the confirmation page), history
ALL = (200, 200, 200, 200, 200)
NO_DELETE = (200, 200, 200, 403, 200)
VIEW_ONLY = (200, 403, 200, 403, 200)
VIEW_DELETE = (200, 403, 200, 200, 200)
NONE = (403, 403, 403, 403, 403)

#                                       editor     reviewer   coordinator privacy officer
EXPECTED_STANDARD = {
    # Accounts, devices, sign-in records and task rows: superusers only.
    "auth.group":                         (NONE,      NONE,      NONE,      NONE),
    "auth.user":                          (NONE,      NONE,      NONE,      NONE),
    "otp_totp.totpdevice":                (NONE,      NONE,      NONE,      NONE),
    "otp_static.staticdevice":            (NONE,      NONE,      NONE,      NONE),
    "axes.accessattempt":                 (NONE,      NONE,      NONE,      NONE),
    "axes.accesslog":                     (NONE,      NONE,      NONE,      NONE),
    "axes.accessfailurelog":              (NONE,      NONE,      NONE,      NONE),
    "django_tasks_database.dbtaskresult": (NONE,      NONE,      NONE,      NONE),
    # Site content: editors and reviewers edit it; coordinators see the lines and coordinators.
    "programs.program":                   (NO_DELETE, NO_DELETE, NONE,      NONE),
    "programs.page":                      (ALL,       ALL,       NONE,      NONE),
    # The review to-do list: pages (read-only here) for whoever may view pages.
    "programs.reviewduepage":             (VIEW_ONLY, VIEW_ONLY, NONE,      NONE),
    "programs.teammember":                (ALL,       ALL,       NONE,      NONE),
    "programs.contactline":               (NO_DELETE, NO_DELETE, VIEW_ONLY, NONE),
    "programs.coordinator":               (NO_DELETE, NO_DELETE, VIEW_ONLY, NONE),
    "programs.condition":                 (ALL,       ALL,       NONE,      NONE),
    "programs.journeystep":               (ALL,       ALL,       NONE,      NONE),
    "programs.warningsign":               (ALL,       ALL,       NONE,      NONE),
    "programs.staynearbyfact":            (NO_DELETE, NO_DELETE, NONE,      NONE),
    # Safety facts are live everywhere once saved: clinical reviewers change them.
    "programs.fact":                      (VIEW_ONLY, NO_DELETE, NONE,      NONE),
    "programs.sitenotice":                (ALL,       ALL,       NONE,      NONE),
    "programs.faq":                       (ALL,       ALL,       NONE,      NONE),
    "programs.glossaryterm":              (ALL,       ALL,       NONE,      NONE),
    "programs.patientstory":              (ALL,       ALL,       NONE,      NONE),
    "programs.clinicaltrial":             (ALL,       ALL,       NONE,      NONE),
    "programs.resource":                  (ALL,       ALL,       NONE,      NONE),
    "programs.languagetagline":           (ALL,       ALL,       NONE,      NONE),
    # Callback requests: coordinators work them (families add them; nobody adds one here),
    # the privacy officer reads, exports and deletes them. Nobody else sees them.
    "inquiries.callbackrequest":          (NONE,      NONE,      (200, 403, 200, 403, 200), VIEW_DELETE),
    "inquiries.routingrule":              (NONE,      NONE,      VIEW_ONLY, VIEW_ONLY),
    # The access log: the privacy officer reads it; nobody adds, changes or deletes a row.
    "inquiries.accesslog":                (NONE,      NONE,      NONE,      (200, 403, 200, 403, 200)),
}  # fmt: skip

# Custom views, with the method they are used with.
#                                               editor reviewer coordinator privacy
EXPECTED_CUSTOM = {
    "auth_user_password_change (GET)":         (403,   403,     403,        403),
    "otp_totp_totpdevice_config (GET)":        (403,   403,     403,        403),
    "otp_totp_totpdevice_qrcode (GET)":        (403,   403,     403,        403),
    "programs_page_preview (GET)":             (200,   200,     403,        403),
    "programs_page_discard (POST)":            (302,   302,     403,        403),
    "programs_page_move (POST)":               (302,   302,     403,        403),
    "programs_teammember_move (POST)":         (302,   302,     403,        403),
    "programs_contactline_move (POST)":        (302,   302,     403,        403),
    "programs_coordinator_move (POST)":        (302,   302,     403,        403),
    "programs_condition_move (POST)":          (302,   302,     403,        403),
    "programs_journeystep_move (POST)":        (302,   302,     403,        403),
    "programs_warningsign_move (POST)":        (302,   302,     403,        403),
    "programs_faq_move (POST)":                (302,   302,     403,        403),
    "programs_patientstory_move (POST)":       (302,   302,     403,        403),
    "programs_clinicaltrial_move (POST)":      (302,   302,     403,        403),
    "programs_resource_move (POST)":           (302,   302,     403,        403),
    "programs_languagetagline_move (POST)":    (302,   302,     403,        403),
    # A past version of a content row (django-simple-history): whoever may view the row.
    "programs_program_simple_history (GET)":   (200,   200,     403,        403),
    "programs_page_simple_history (GET)":      (200,   200,     403,        403),
    "programs_teammember_simple_history (GET)": (200,  200,     403,        403),
    "programs_contactline_simple_history (GET)": (200, 200,     200,        403),
    "programs_coordinator_simple_history (GET)": (200, 200,     200,        403),
    "programs_condition_simple_history (GET)": (200,   200,     403,        403),
    "programs_journeystep_simple_history (GET)": (200, 200,     403,        403),
    "programs_warningsign_simple_history (GET)": (200, 200,     403,        403),
    "programs_staynearbyfact_simple_history (GET)": (200, 200,  403,        403),
    "programs_fact_simple_history (GET)":      (200,   200,     403,        403),
    "programs_sitenotice_simple_history (GET)": (200,  200,     403,        403),
    "programs_faq_simple_history (GET)":       (200,   200,     403,        403),
    "programs_glossaryterm_simple_history (GET)": (200, 200,    403,        403),
    "programs_patientstory_simple_history (GET)": (200, 200,    403,        403),
    "programs_clinicaltrial_simple_history (GET)": (200, 200,   403,        403),
    "programs_resource_simple_history (GET)":  (200,   200,     403,        403),
    "programs_languagetagline_simple_history (GET)": (200, 200, 403,        403),
    "inquiries_callbackrequest_report (GET)":  (403,   403,     200,        200),
    "inquiries_routingrule_try (GET)":         (403,   403,     200,        200),
}  # fmt: skip

# The admin site's own pages.
#                         editor reviewer coordinator privacy
EXPECTED_SITE = {
    "index":               (200,  200,     200,        200),
    "app programs":        (200,  200,     200,        404),
    "app inquiries":       (404,  404,     200,        200),
    "app auth":            (404,  404,     404,        404),
    "password_change":     (200,  200,     200,        200),
}  # fmt: skip

# The bulk actions on the callback queue each role is offered.
EXPECTED_ACTIONS = {
    COORDINATOR: {"take_selected"},
    PRIVACY: {"export_csv", "delete_selected"},
}


# --- The data: a row of every registered model


@pytest.fixture
def world(demo_program, staff_groups):
    callback_request_create(program=demo_program, submission_token=uuid.uuid4(), data=VALID)
    users = {}
    for role, group in GROUPS.items():
        user = get_user_model().objects.create_user(
            username=role.replace(" ", "_"), password="pw", is_staff=True
        )
        user.groups.add(Group.objects.get(name=group))
        users[role] = user
    StaticDevice.objects.create(user=users[EDITOR], name="Backup codes")
    TOTPDevice.objects.create(user=users[EDITOR], name="phone", confirmed=True)
    AccessAttempt.objects.create(username="x", ip_address="203.0.113.1", failures_since_start=1)
    AxesAccessLog.objects.create(
        username="x", ip_address="203.0.113.1", attempt_time=timezone.now()
    )
    AccessFailureLog.objects.create(
        username="x", ip_address="203.0.113.1", attempt_time=timezone.now()
    )
    AccessLog.objects.create(username="x", action="view", reference="ABCD-EFGH")
    # One health page never reviewed, so the review to-do list has a row (whatever is saved).
    Page.objects.filter(pk=Page.objects.filter(needs_review=True).last().pk).update(
        reviewed_at=None, review_due=None
    )
    return users


@pytest.fixture(scope="module")
def matrix():
    """Statuses seen, by URL group and kind, per role; printed after the module (pytest -s)."""
    seen: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    yield seen
    print(f"\n{'model / URL kind':<46}" + "".join(f"{role:>18}" for role in ROLES))
    for key in sorted(seen):
        cells = ("/".join(str(s) for s in sorted(seen[key][r])) or "-" for r in ROLES)
        print(f"{key:<46}" + "".join(f"{cell:>18}" for cell in cells))


def matrix_row(label: str, kind: str) -> str:
    if label.startswith(("inquiries.", "programs.page", "site")):
        group = label
    elif label.startswith("programs."):
        group = "programs (other content)"
    else:
        group = "auth, otp, axes, tasks"
    return f"{group:<28} {kind}"


def a_row(model):
    if model._meta.label_lower == "programs.reviewduepage":
        return Page.objects.due_for_review().first()
    return model._default_manager.order_by("pk").first()


def admin_urls() -> list[tuple[str, str, str, str]]:
    """(model label, kind, method, url) for every URL of every registered ModelAdmin."""
    found = []
    for model, model_admin in admin.site._registry.items():
        row = a_row(model)
        assert row is not None, f"no {model._meta.label} row to walk its admin with"
        label = model._meta.label_lower
        prefix = f"{model._meta.app_label}_{model._meta.model_name}_"
        for pattern in model_admin.get_urls():
            name = pattern.name
            kind = name.removeprefix(prefix) if name else "object redirect"
            if name is None:
                url = reverse(f"admin:{prefix}changelist") + f"{row.pk}/"
                found.append((label, kind, "GET", url))
                continue
            if kind == "simple_history":
                version = row.history.order_by("history_id").first()
                url = reverse(f"admin:{name}", args=[row.pk, version.history_id])
            elif kind in ("changelist", "add", "report", "try"):
                url = reverse(f"admin:{name}")
            elif kind == "move":
                url = reverse(f"admin:{name}", args=[row.pk, "down"])
            else:
                url = reverse(f"admin:{name}", args=[row.pk])
            method = "POST" if kind in ("move", "discard") else "GET"
            found.append((label, kind, method, url))
    return sorted(found, key=lambda row: row[2] == "POST")  # the POSTs (moves) last


def site_urls() -> dict[str, str]:
    return {
        "index": reverse("admin:index"),
        "app programs": reverse("admin:app_list", args=["programs"]),
        "app inquiries": reverse("admin:app_list", args=["inquiries"]),
        "app auth": reverse("admin:app_list", args=["auth"]),
        "password_change": reverse("admin:password_change"),
    }


def request(client, method, url):
    return client.post(url) if method == "POST" else client.get(url)


def expected_for(label, kind, method, role_index):
    if kind in STANDARD_KINDS:
        return EXPECTED_STANDARD[label][role_index][STANDARD_KINDS.index(kind)]
    if kind == "object redirect":
        return 302  # to the change page, which then decides
    prefix = label.replace(".", "_")
    return EXPECTED_CUSTOM[f"{prefix}_{kind} ({method})"][role_index]


def test_the_tables_cover_every_registered_model_and_custom_view(world):
    urls = admin_urls()
    labels = {label for label, *_ in urls}
    assert labels == set(EXPECTED_STANDARD)
    custom = {
        f"{label.replace('.', '_')}_{kind} ({method})"
        for label, kind, method, _ in urls
        if kind not in (*STANDARD_KINDS, "object redirect")
    }
    assert custom == set(EXPECTED_CUSTOM)


def test_anonymous_visitors_are_sent_to_sign_in_from_every_admin_url(client, world, matrix):
    login = reverse("admin:login")
    for label, kind, method, url in [*admin_urls(), *(("site", k, "GET", u) for k, u in site_urls().items())]:  # fmt: skip
        response = request(client, method, url)
        matrix[matrix_row(label, kind)][ANON].add(response.status_code)
        assert response.status_code == 302, (label, kind, url, response.status_code)
        assert response["Location"].startswith(f"{login}?next="), (label, kind, url)


@pytest.mark.parametrize("role", [EDITOR, REVIEWER, COORDINATOR, PRIVACY])
def test_role_matrix_over_every_admin_url(client, world, role, matrix):
    index = ROLES.index(role) - 1
    verified_login(client, world[role])
    wrong = []
    for label, kind, method, url in admin_urls():
        status = request(client, method, url).status_code
        matrix[matrix_row(label, kind)][role].add(status)
        expected = expected_for(label, kind, method, index)
        if status != expected:
            wrong.append(f"{label} {kind} {method} {url}: {status}, expected {expected}")
    for kind, url in site_urls().items():
        status = client.get(url).status_code
        matrix[matrix_row("site", kind)][role].add(status)
        if status != EXPECTED_SITE[kind][index]:
            wrong.append(f"site {kind} {url}: {status}, expected {EXPECTED_SITE[kind][index]}")
    assert not wrong, "\n".join(wrong)


def offered_actions(html: str) -> set[str]:
    select = re.search(r'<select name="action"[^>]*>(.*?)</select>', html, re.S)
    return set(re.findall(r'value="([a-z_]+)"', select.group(1))) if select else set()


@pytest.mark.parametrize("role", [COORDINATOR, PRIVACY])
def test_only_the_privacy_officer_is_offered_bulk_delete_and_export(client, world, role):
    verified_login(client, world[role])
    html = client.get(reverse("admin:inquiries_callbackrequest_changelist")).content.decode()
    assert offered_actions(html) == EXPECTED_ACTIONS[role]


@pytest.mark.parametrize("role", [COORDINATOR, PRIVACY])
def test_actions_cannot_be_forced_by_posting_them(client, world, role):
    """A hidden action is refused too, not just left out of the menu."""
    verified_login(client, world[role])
    req = CallbackRequest.objects.get()
    url = reverse("admin:inquiries_callbackrequest_changelist")
    for action in {"take_selected", "export_csv", "delete_selected"} - EXPECTED_ACTIONS[role]:
        response = client.post(url, {"action": action, "_selected_action": [req.pk], "post": "yes"})
        assert not response.get("Content-Type", "").startswith("text/csv"), action
        assert CallbackRequest.objects.filter(pk=req.pk).exists(), action
    req.refresh_from_db()
    assert req.assigned_to is None
