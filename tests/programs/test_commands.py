import re
from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.test import RequestFactory

from programs.demo import data_files
from programs.management.commands.build_css import subset_css
from programs.models import (
    Condition,
    ContactLine,
    Coordinator,
    LinePurpose,
    OpeningHours,
    Page,
    Program,
    TeamMember,
)

pytestmark = pytest.mark.django_db
CORE_SLUGS = {"what-is-car-t", "how-it-works", "who-it-is-for", "team", "contact"}


def _counts():
    return [
        m.objects.count() for m in (Program, Page, TeamMember, ContactLine, Coordinator, Condition)
    ]


def test_load_demo_is_idempotent(demo_program):
    first = _counts()
    hours = sorted(OpeningHours.objects.values_list("line__name", "weekday", "opens", "closes"))
    call_command("load_demo", stdout=StringIO())
    assert _counts() == first
    assert (
        sorted(OpeningHours.objects.values_list("line__name", "weekday", "opens", "closes"))
        == hours
    )


def test_demo_program_has_what_the_site_needs(demo_program):
    program = Program.objects.get()
    assert program.is_default
    assert set(program.pages.published().values_list("slug", flat=True)) >= CORE_SLUGS
    assert program.team_members.count() >= 6
    purposes = set(program.lines.values_list("purpose", flat=True))
    assert purposes >= {
        LinePurpose.INFORMATION,
        LinePurpose.NEW_PATIENTS,
        LinePurpose.REFERRALS,
        LinePurpose.ADULT_PROGRAM,
        LinePurpose.CURRENT_PATIENTS,
    }
    assert program.lines.get(purpose=LinePurpose.CURRENT_PATIENTS).is_24_7
    assert program.coordinators.count() >= 1
    assert program.conditions.count() >= 3


def test_demo_uses_only_fictional_numbers_and_emails(demo_program):
    numbers = [p.main_phone for p in Program.objects.all()]
    numbers += list(ContactLine.objects.values_list("phone", flat=True))
    numbers += list(Coordinator.objects.values_list("phone", flat=True))
    assert all(re.fullmatch(r"\+1\d{3}55501\d\d", n) for n in numbers), numbers
    emails = list(ContactLine.objects.exclude(email="").values_list("email", flat=True))
    emails += list(Coordinator.objects.exclude(email="").values_list("email", flat=True))
    assert emails and all(e.endswith("@example.org") for e in emails)


def test_demo_keeps_an_editors_unrelated_changes(demo_program):
    Page.objects.create(
        program=Program.objects.get(), title="Our news", slug="news", summary="News"
    )
    call_command("load_demo", stdout=StringIO())
    assert Page.objects.filter(slug="news").exists()


def test_demo_text_names_no_real_number_outside_the_fiction_range():
    files = data_files()
    assert {"program.yaml", "lines.yaml", "what-is-car-t.yaml"} <= {path.name for path in files}
    text = "\n".join(path.read_text(encoding="utf-8") for path in files)
    numbers = re.findall(r"\(\d{3}\)\s+\d{3}-\d{4}", text)  # a line break may fall inside one
    assert numbers
    for number in numbers:
        assert re.fullmatch(r"\(\d{3}\)\s+555-01\d\d", number), number
    for link in re.findall(r"tel:[^\"'<\s]*", text):
        assert re.fullmatch(r"tel:\+1\d{3}55501\d\d", link), link
    emails = re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", text)
    assert emails and all(email.endswith("@example.org") for email in emails), emails


def test_create_admin_prints_a_random_password_once_and_it_works():
    out = StringIO()
    call_command("create_admin", stdout=out)
    password = re.search(r"password: (\S+)", out.getvalue()).group(1)
    assert len(password) >= 16
    request = RequestFactory().post("/admin/login/")
    assert authenticate(request, username="admin", password=password) is not None
    assert get_user_model().objects.get(username="admin").is_superuser

    again = StringIO()
    call_command("create_admin", stdout=again)
    assert password not in again.getvalue() and "exists" in again.getvalue()


def test_two_admin_accounts_never_share_a_password():
    first, second = StringIO(), StringIO()
    call_command("create_admin", username="a1", stdout=first)
    call_command("create_admin", username="a2", stdout=second)
    pw = [re.search(r"password: (\S+)", s.getvalue()).group(1) for s in (first, second)]
    assert pw[0] != pw[1]


def test_css_subset_keeps_used_rules_and_drops_unused_ones():
    css = ".btn{color:red}.carousel{color:blue}.btn:hover,.modal .btn{x:y}h1{margin:0}@media (min-width:1px){.carousel{a:b}.btn{a:c}}"
    out = subset_css(css, {"btn"})
    assert ".btn{color:red}" in out and "h1{margin:0}" in out
    assert ".carousel" not in out and ".modal" not in out and ".btn:hover" in out
    assert "@media (min-width:1px){.btn{a:c}}" in out
