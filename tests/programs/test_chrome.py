"""The site chrome and the page-kind registry: one home for what every page shows around its
content and for what each kind of page shows after its text."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.template.loader import get_template
from django.utils import translation

from programs import kinds
from programs.chrome import get_chrome
from programs.models import PageKind
from tests.factories import ContactLineFactory, PageFactory, SiteNoticeFactory

pytestmark = pytest.mark.django_db


def _part(html: str, tag: str) -> str:
    match = re.search(rf"<{tag} class=\"site-{tag}\">.*?</{tag}>", html, re.S)
    assert match, f"no <{tag}> in the page"
    return match[0]


@pytest.fixture
def site(program):
    PageFactory(program=program, title="What is CAR T", slug="what-is-car-t", title_es="Qué es")
    PageFactory(
        program=program, kind=PageKind.LANGUAGE_HELP, slug="language-help", show_in_nav=False
    )
    ContactLineFactory(program=program, name="Cancer information line", show_in_footer=True)
    SiteNoticeFactory(program=program, text="Closed on Thanksgiving.")
    return program


@pytest.mark.parametrize("path", ["/", "/what-is-car-t/", "/es/what-is-car-t/"])
def test_header_and_footer_are_the_same_for_every_visitor(client, staff_client, site, path):
    """Rendered from the chrome alone: a staff member's account, messages or forms never reach
    them, so the copy kept for everyone carries nothing of one visitor's."""
    from django.test import Client

    anonymous = Client().get(path).content.decode()
    staff = staff_client.get(path).content.decode()
    assert "Edit this page" in staff or path == "/"  # the staff page differs elsewhere …
    for tag in ("header", "footer"):
        assert _part(anonymous, tag) == _part(staff, tag)  # … but not in its chrome
    assert "Cancer information line" in _part(anonymous, "footer")


def test_header_and_footer_differ_by_language_only(client, site):
    english = client.get("/what-is-car-t/").content.decode()
    spanish = client.get("/es/what-is-car-t/").content.decode()
    assert _part(english, "header") != _part(spanish, "header")
    assert 'href="/es/what-is-car-t/"' in _part(english, "header")  # the language switch
    assert "Qué es" in _part(spanish, "header")
    assert "Language assistance" in _part(english, "footer")


def test_the_chrome_parts_see_only_the_chrome(rf, site, admin_user):
    """Even a template that asked for the visitor would get nothing: the context has no user,
    request, form or message."""
    request = rf.get("/")
    request.user = admin_user
    chrome = get_chrome(request)
    from programs.templatetags.carsite import render_chrome_part

    with translation.override("en"):
        html = render_chrome_part("includes/_header.html", chrome=chrome, path="/")
    assert admin_user.username not in html
    template = get_template("includes/_header.html")
    assert "user" not in template.template.source


def test_every_page_kind_has_an_entry_and_its_partial_exists():
    assert set(kinds.KINDS) == set(PageKind.values)
    for kind in kinds.KINDS.values():
        if kind.partial:
            get_template(kind.partial)
        for listing in kind.listings:
            fields = {field.name for field in listing.model._meta.get_fields()}
            assert {listing.title, *listing.fields} <= fields


def test_the_footer_the_glossary_and_the_more_group_come_with_the_chrome():
    assert set(kinds.linked_kinds()) == {
        PageKind.GLOSSARY,
        PageKind.LANGUAGE_HELP,
        PageKind.NONDISCRIMINATION,
        PageKind.STORIES,
        PageKind.TRIALS,
        PageKind.FINDING_US,
    }
    assert kinds.more_kinds() == [
        PageKind.GLOSSARY,
        PageKind.STORIES,
        PageKind.TRIALS,
        PageKind.FINDING_US,
    ]
    assert [kind for kind, _label in kinds.footer_kinds()] == [
        PageKind.LANGUAGE_HELP,
        PageKind.NONDISCRIMINATION,
    ]


def test_no_template_or_view_branches_on_the_page_kind():
    import pathlib

    root = pathlib.Path(__file__).resolve().parents[2]
    checked = [
        *root.glob("templates/**/*.html"),
        *root.glob("programs/**/*.py"),
        *root.glob("inquiries/**/*.py"),
    ]
    offenders = [
        str(path.relative_to(root))
        for path in checked
        if "migrations" not in path.parts
        and re.search(r"\.kind\s*==|kind\s*==\s*PageKind\.|page\.kind\s*==", path.read_text())
    ]
    assert offenders == []


def test_migrate_makes_the_staff_groups(transactional_db):
    Group.objects.all().delete()
    call_command("migrate", verbosity=0)
    names = set(Group.objects.values_list("name", flat=True))
    assert names == {"Content editors", "Clinical reviewers", "Coordinators", "Privacy officers"}
    reviewers = Group.objects.get(name="Clinical reviewers")
    assert reviewers.permissions.filter(codename="publish_page").exists()
