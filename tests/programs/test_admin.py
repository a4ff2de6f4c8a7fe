import pytest
from django.contrib import admin
from django.urls import reverse

from programs.admin import ReviewDuePage
from programs.models import ContactLine, Page, WarningSign
from tests.factories import (
    ClinicalTrialFactory,
    ConditionFactory,
    ContactLineFactory,
    CoordinatorFactory,
    FactFactory,
    FAQFactory,
    GlossaryTermFactory,
    JourneyStepFactory,
    LanguageTaglineFactory,
    OpeningHoursFactory,
    PageFactory,
    PatientStoryFactory,
    ResourceFactory,
    SiteNoticeFactory,
    StayNearbyFactFactory,
    TeamMemberFactory,
    WarningSignFactory,
)

pytestmark = pytest.mark.django_db

PROGRAM_MODELS = [model for model in admin.site._registry if model._meta.app_label == "programs"]


@pytest.fixture
def content(program):
    line = ContactLineFactory(program=program)
    OpeningHoursFactory(line=line)
    page = PageFactory(program=program)
    return [
        program,
        page,
        ReviewDuePage.objects.get(pk=page.pk),
        TeamMemberFactory(program=program),
        line,
        CoordinatorFactory(program=program),
        ConditionFactory(program=program),
        StayNearbyFactFactory(program=program, page=page),
        FactFactory(program=program, note="Counted from day 0.", note_es="Desde el día 0."),
        SiteNoticeFactory(program=program),
        JourneyStepFactory(program=program),
        WarningSignFactory(program=program),
        FAQFactory(program=program),
        GlossaryTermFactory(program=program),
        PatientStoryFactory(program=program),
        ClinicalTrialFactory(program=program),
        ResourceFactory(program=program),
        LanguageTaglineFactory(program=program),
    ]


def test_every_content_model_is_in_the_admin():
    names = {model.__name__ for model in PROGRAM_MODELS}
    assert names == {
        "Program",
        "Page",
        "ReviewDuePage",
        "TeamMember",
        "ContactLine",
        "Coordinator",
        "Condition",
        "StayNearbyFact",
        "Fact",
        "SiteNotice",
        "JourneyStep",
        "WarningSign",
        "FAQ",
        "GlossaryTerm",
        "PatientStory",
        "ClinicalTrial",
        "Resource",
        "LanguageTagline",
    }


@pytest.mark.parametrize("model", PROGRAM_MODELS, ids=lambda m: m.__name__)
def test_changelist_add_and_change_pages_load_for_staff(staff_client, content, model):
    opts = model._meta
    obj = next(o for o in content if type(o) is model)
    urls = [
        reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
        reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]),
        reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[obj.pk]),
    ]
    if model is not ReviewDuePage:  # a read-only list
        urls += [
            reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist") + "?q=a",
            reverse(f"admin:{opts.app_label}_{opts.model_name}_add"),
        ]
    for url in urls:
        assert staff_client.get(url).status_code == 200, url


def test_anonymous_visitors_are_sent_to_the_admin_login(client, content):
    response = client.get(reverse("admin:programs_page_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_editor_adds_a_page_with_a_script_and_it_is_stored_sanitized(
    staff_client, program, admin_user
):
    response = staff_client.post(
        reverse("admin:programs_page_add"),
        {
            "program": program.pk,
            "title": "Paying for care",
            "slug": "paying-for-care",
            "summary": "Help with costs.",
            "body": '<p>We can help.<script>steal()</script></p><a href="javascript:x()">x</a>',
            "kind": "standard",
            "order": 60,
            "show_in_nav": "on",
            "is_published": "on",
            "review_interval_months": 12,
        },
    )
    assert response.status_code == 302
    page = Page.objects.get(slug="paying-for-care")
    assert "<script" not in page.body and "javascript:" not in page.body
    assert page.updated_by == admin_user


def test_editor_types_a_phone_number_any_way_and_it_is_saved_normalized(staff_client, program):
    response = staff_client.post(
        reverse("admin:programs_contactline_add"),
        {
            "program": program.pk,
            "name": "School liaison",
            "purpose": "other",
            "audience": "Families with school questions",
            "phone": "215.555.0177",
            "order": 1,
            "show_in_footer": "on",
            "is_published": "on",
            "hours-TOTAL_FORMS": 1,
            "hours-INITIAL_FORMS": 0,
            "hours-0-weekday": 2,
            "hours-0-opens": "09:00",
            "hours-0-closes": "12:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    line = ContactLine.objects.get(name="School liaison")
    assert line.phone == "+12155550177"
    assert [str(h) for h in line.hours.all()] == ["Wednesday 09:00–12:00"]


def test_an_impossible_phone_number_gets_a_clear_error_in_the_admin(staff_client, program):
    response = staff_client.post(
        reverse("admin:programs_contactline_add"),
        {
            "program": program.pk,
            "name": "Broken",
            "purpose": "other",
            "audience": "Nobody",
            "phone": "12",
            "order": 1,
            "hours-TOTAL_FORMS": 0,
            "hours-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    assert "Please enter a phone number we can call" in response.content.decode()
    assert not ContactLine.objects.filter(name="Broken").exists()


@pytest.mark.parametrize(
    "model", [m for m in PROGRAM_MODELS if m is not ReviewDuePage], ids=lambda m: m.__name__
)
def test_the_change_form_shows_every_spanish_field(staff_client, content, model):
    obj = next(o for o in content if type(o) is model)
    opts = model._meta
    response = staff_client.get(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    )
    html = response.content.decode()
    spanish = {f.name for f in opts.get_fields() if f.name.endswith("_es")}
    assert spanish, model
    for name in spanish:
        assert f'name="{name}"' in html, name
    if model is not WarningSign:  # one short line: its Spanish sits beside the English
        sections = dict(response.context["adminform"].fieldsets)
        assert sections["Spanish"]["classes"] == ["collapse"]
        assert set(sections["Spanish"]["fields"]) == spanish | {"spanish_up_to_date"}
