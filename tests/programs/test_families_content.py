"""The families' content: questions, glossary, stories, trials, resources and language help, each
on its own page, and the footer's links to language assistance and the nondiscrimination notice."""

import re
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from programs.demo import demo_data
from programs.models import (
    FAQ,
    STORY_NEEDS_CONSENT,
    ClinicalTrial,
    GlossaryTerm,
    LanguageTagline,
    LinePurpose,
    Page,
    PageKind,
    PatientStory,
    Program,
    Resource,
    ResourceCategory,
    TextDirection,
    TrialStatus,
)
from programs.templatetags.glossary import Glossary, link_terms
from tests.factories import (
    ClinicalTrialFactory,
    ConditionFactory,
    ContactLineFactory,
    CoordinatorFactory,
    FAQFactory,
    GlossaryTermFactory,
    JourneyStepFactory,
    LanguageTaglineFactory,
    PageFactory,
    PatientStoryFactory,
    ResourceFactory,
    SiteNoticeFactory,
    TeamMemberFactory,
    WarningSignFactory,
)

pytestmark = pytest.mark.django_db
FAMILIES_MODELS = [
    "faq",
    "glossaryterm",
    "patientstory",
    "clinicaltrial",
    "resource",
    "languagetagline",
]


def page_of(program, kind, slug=None, **fields):
    return PageFactory(program=program, kind=kind, slug=slug or kind.replace("_", "-"), **fields)


def get(client, path) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


# --- Questions (FAQ) ---------------------------------------------------------------------------


def test_faq_answers_are_linkable_details_and_drafts_are_hidden(client, program):
    page = page_of(program, PageKind.FAQ)
    shown = FAQFactory(
        program=program, question="Who pays for CAR T?", answer="<p>Most plans pay.</p>"
    )
    FAQFactory(program=program, question="A hidden question?", is_published=False)
    html = get(client, page.get_absolute_url())
    assert f'<details class="faq-item" id="faq-{shown.pk}">' in html
    assert "<summary>Who pays for CAR T?</summary>" in html
    assert "<p>Most plans pay.</p>" in html
    assert "A hidden question?" not in html


def test_faq_groups_questions_under_their_category_headings(client, program):
    page = page_of(program, PageKind.FAQ)
    FAQFactory(program=program, question="Who pays?", category="Money", order=10)
    FAQFactory(program=program, question="Can siblings visit?", category="Family", order=20)
    FAQFactory(program=program, question="Is parking free?", category="Money", order=30)
    html = get(client, page.get_absolute_url())
    headings = re.findall(r'<h2 id="faq-group-\d+">([^<]+)</h2>', html)
    assert headings == ["Money", "Family"]
    money = html.split(">Money</h2>")[1].split(">Family</h2>")[0]
    assert "Who pays?" in money and "Is parking free?" in money
    assert "Can siblings visit?" not in money


def test_faq_without_categories_has_no_group_headings(client, program):
    page = page_of(program, PageKind.FAQ)
    FAQFactory.create_batch(2, program=program)
    assert 'id="faq-group-' not in get(client, page.get_absolute_url())


def test_faq_answer_is_sanitized_and_shown_in_spanish(client, program):
    page = page_of(program, PageKind.FAQ)
    FAQFactory(
        program=program,
        question="Who pays?",
        question_es="¿Quién paga?",
        answer='<p onclick="x()">Most plans.<script>alert(1)</script></p>',
    )
    faq = FAQ.objects.get()
    assert faq.answer == "<p>Most plans.</p>"
    html = get(client, "/es" + page.get_absolute_url())
    assert "<summary>¿Quién paga?</summary>" in html


# --- Glossary ----------------------------------------------------------------------------------


@pytest.fixture
def glossary(program):
    page = page_of(program, PageKind.GLOSSARY, slug="glossary", title="Medical words")
    GlossaryTermFactory(
        program=program,
        term="apheresis",
        slug="apheresis",
        pronunciation="a-fur-EE-sis",
        definition="A way to collect T-cells.",
    )
    GlossaryTermFactory(program=program, term="T-cell", slug="t-cell")
    GlossaryTermFactory(program=program, term="CAR", slug="car")
    return page


def term_links(html: str) -> list[str]:
    return re.findall(r'<a class="term" href="([^"]+)">([^<]+)</a>', html)


def test_glossary_page_lists_published_terms_with_anchors(client, program, glossary):
    GlossaryTermFactory(program=program, term="secret", slug="secret", is_published=False)
    html = get(client, glossary.get_absolute_url())
    assert '<dt id="term-apheresis">apheresis</dt>' in html
    assert "Say it: a-fur-EE-sis" in html
    assert "A way to collect T-cells." in html
    assert "term-secret" not in html
    # The glossary page does not link its own words to itself.
    assert term_links(html) == []


def test_first_use_of_each_term_links_to_its_definition(client, program, glossary):
    page = PageFactory(
        program=program,
        body="<p>Apheresis collects cells. Then apheresis again.</p><p>Your T-cells are changed.</p>",
    )
    links = term_links(get(client, page.get_absolute_url()))
    assert links == [
        ("/glossary/#term-apheresis", "Apheresis"),
        ("/glossary/#term-t-cell", "T-cells"),
    ]


def test_terms_are_not_linked_inside_links_or_headings(client, program, glossary):
    page = PageFactory(
        program=program,
        body=(
            "<h2>About apheresis</h2>"
            '<p>Read <a href="/how-it-works/">how apheresis works</a>. Apheresis takes hours.</p>'
        ),
    )
    html = get(client, page.get_absolute_url())
    assert "<h2>About apheresis</h2>" in html
    assert '<a href="/how-it-works/" rel="noopener noreferrer">how apheresis works</a>' in html
    assert term_links(html) == [("/glossary/#term-apheresis", "Apheresis")]


def test_terms_in_capitals_match_only_in_capitals_and_whole_words(client, program, glossary):
    page = PageFactory(
        program=program,
        body="<p>We came by car. Scarring is rare. The CAR finds leukemia.</p>",
    )
    assert term_links(get(client, page.get_absolute_url())) == [("/glossary/#term-car", "CAR")]


@pytest.mark.parametrize("hidden", ["term", "glossary page"])
def test_nothing_links_to_an_unpublished_term_or_glossary(client, program, glossary, hidden):
    if hidden == "term":
        GlossaryTerm.objects.filter(slug="apheresis").update(is_published=False)
    else:
        Page.objects.filter(pk=glossary.pk).update(is_published=False)
    page = PageFactory(program=program, body="<p>Apheresis collects cells.</p>")
    html = get(client, page.get_absolute_url())
    assert term_links(html) == []
    assert "<p>Apheresis collects cells.</p>" in html


def test_term_linking_escapes_everything_it_re_emits():
    glossary = Glossary(url="/glossary/", terms=(("apheresis", "apheresis"),))
    body = (
        '<p title="a &quot;quote&quot; &lt;b&gt;">5 &lt; 6 &amp; apheresis &lt;script&gt;</p>'
        '<img src="/x.png" alt="an &quot;image&quot;"><br/>'
    )
    html = link_terms(body, glossary)
    assert html == (
        '<p title="a &quot;quote&quot; &lt;b&gt;">5 &lt; 6 &amp; '
        '<a class="term" href="/glossary/#term-apheresis">apheresis</a> &lt;script&gt;</p>'
        '<img src="/x.png" alt="an &quot;image&quot;"><br>'
    )
    assert link_terms(body, None) == body
    assert link_terms("<p>No terms here.</p>", glossary) == "<p>No terms here.</p>"


def test_glossary_links_cost_at_most_one_query(client, program):
    page = PageFactory(program=program, body="<p>Apheresis and T-cells.</p>")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            get(client, page.get_absolute_url())
        return len(captured)

    without = queries()
    page_of(program, PageKind.GLOSSARY, slug="glossary")
    GlossaryTermFactory.create_batch(5, program=program)
    GlossaryTermFactory(program=program, term="apheresis", slug="apheresis")
    assert queries() <= without + 1


# --- Stories -----------------------------------------------------------------------------------


def test_stories_show_with_the_privacy_note_and_drafts_are_hidden(client, program):
    page = page_of(program, PageKind.STORIES)
    story = PatientStoryFactory(program=program, title="Maya's new T-cells", name_shown="Maya, 9")
    PatientStoryFactory(program=program, title="Not yet", is_published=False)
    html = get(client, page.get_absolute_url())
    assert f'id="{story.anchor}"' in html and "Maya, 9" in html
    assert "Names and details are changed to protect privacy." in html
    assert "Not yet" not in html


def test_a_story_cannot_be_published_without_consent(program):
    story = PatientStoryFactory.build(program=program, consent_on_file=False, is_published=True)
    with pytest.raises(ValidationError) as error:
        story.full_clean()
    assert error.value.message_dict["is_published"] == [STORY_NEEDS_CONSENT]
    with pytest.raises(IntegrityError), transaction.atomic():
        story.save()
    unpublished = PatientStoryFactory(program=program, consent_on_file=False, is_published=False)
    unpublished.full_clean()  # a draft without consent is fine
    assert not PatientStory.objects.published().exists()


def test_the_admin_refuses_to_publish_a_story_without_consent(admin_client, program):
    response = admin_client.post(
        reverse("admin:programs_patientstory_add"),
        {
            "program": program.pk,
            "title": "A story",
            "name_shown": "Sam, age 7",
            "body": "<p>Text.</p>",
            "privacy_note": "Names and details are changed to protect privacy.",
            "order": 0,
            "is_published": "on",
        },
    )
    assert response.status_code == 200
    assert escape(STORY_NEEDS_CONSENT) in response.content.decode()
    assert not PatientStory.objects.exists()


# --- Clinical trials ---------------------------------------------------------------------------


def test_trials_show_status_in_words_ages_and_how_to_ask(client, program):
    page = page_of(program, PageKind.TRIALS, slug="clinical-trials")
    coordinator = CoordinatorFactory(program=program, name="Sam Osei", phone="(215) 555-0173")
    line = ContactLineFactory(program=program, name="Trials office", phone="(215) 555-0160")
    trial = ClinicalTrialFactory(
        program=program, short_name="LARK-CAR19", coordinator=coordinator, line=line
    )
    ClinicalTrialFactory(program=program, short_name="HIDDEN-1", is_published=False)
    html = get(client, page.get_absolute_url())
    assert f'id="{trial.anchor}"' in html and "LARK-CAR19" in html
    assert "Recruiting (taking new patients now)" in html
    assert "Ages 1 to 25" in html
    assert '<a href="tel:+12155550173">(215) 555-0173</a>' in html
    assert '<a href="tel:+12155550160">(215) 555-0160</a>' in html
    assert "HIDDEN-1" not in html


def test_a_trial_without_a_public_contact_points_to_the_main_number(client, program):
    page = page_of(program, PageKind.TRIALS)
    hidden = CoordinatorFactory(program=program, phone="(215) 555-0177", is_published=False)
    ClinicalTrialFactory(program=program, coordinator=hidden, status=TrialStatus.CLOSED)
    html = get(client, page.get_absolute_url())
    assert "Closed (not taking new patients)" in html
    assert "555-0177" not in html
    assert '<a href="tel:+12155550100">(215) 555-0100</a>.' in html


@pytest.mark.parametrize(
    ("low", "high", "words"),
    [(1, 25, "Ages 1 to 25"), (18, None, "Ages 18 and up"), (None, 21, "Up to age 21"), (None, None, "")],
)  # fmt: skip
def test_trial_ages_in_words(low, high, words):
    assert ClinicalTrial(age_min=low, age_max=high).ages == words


def test_trial_age_range_and_contact_must_fit(program):
    other = CoordinatorFactory()  # another program's
    trial = ClinicalTrialFactory.build(program=program, age_min=20, age_max=3, coordinator=other)
    with pytest.raises(ValidationError) as error:
        trial.full_clean()
    assert set(error.value.message_dict) >= {"age_max", "coordinator"}


# --- Resources ---------------------------------------------------------------------------------


def test_resources_are_grouped_under_category_headings(client, program):
    page = page_of(program, PageKind.RESOURCES)
    ResourceFactory(program=program, title="Parent group", category=ResourceCategory.FAMILY)
    ResourceFactory(
        program=program,
        title="Family House",
        category=ResourceCategory.TRAVEL,
        phone="(215) 555-0181",
        link="https://www.example.org/house",
    )
    ResourceFactory(program=program, title="Hospital school", category=ResourceCategory.SCHOOL)
    ResourceFactory(program=program, title="Secret help", is_published=False)
    html = get(client, page.get_absolute_url())
    headings = re.findall(r'<h2 id="resources-[a-z_]+">([^<]+)</h2>', html)
    assert headings == ["Travel and lodging", "School and learning", "Support for the family"]
    travel = html.split("Travel and lodging</h2>")[1].split("</section>")[0]
    assert "Family House" in travel and "Parent group" not in travel
    assert '<a href="tel:+12155550181">(215) 555-0181</a>' in travel
    assert 'href="https://www.example.org/house"' in travel
    assert "Secret help" not in html


# --- Language help and nondiscrimination -------------------------------------------------------


def test_taglines_carry_their_language_and_direction(client, program):
    page = page_of(program, PageKind.LANGUAGE_HELP, slug="language-assistance")
    LanguageTaglineFactory(program=program)
    LanguageTaglineFactory(
        program=program,
        language="Arabic",
        native_name="العربية",
        lang_code="ar",
        direction=TextDirection.RTL,
        tagline="نساعدك بلغتك مجانًا. اتصل بنا على الرقم 215-555-0100.",
    )
    LanguageTaglineFactory(program=program, language="Hidden", lang_code="xx", is_published=False)
    html = get(client, page.get_absolute_url())
    assert '<p lang="vi" dir="ltr">Chúng tôi giúp bạn miễn phí.' in html
    assert '<p lang="ar" dir="rtl">نساعدك بلغتك مجانًا.' in html
    assert "Hidden" not in html


def test_a_tagline_needs_a_real_language_code(program):
    tagline = LanguageTaglineFactory.build(program=program, lang_code="Vietnamese")
    with pytest.raises(ValidationError) as error:
        tagline.full_clean()
    assert "lang_code" in error.value.message_dict


@pytest.fixture
def footer_pages(program):
    return {
        "help": page_of(program, PageKind.LANGUAGE_HELP, slug="language-assistance", show_in_nav=False),
        "notice": page_of(program, PageKind.NONDISCRIMINATION, slug="nondiscrimination", show_in_nav=False),
    }  # fmt: skip


def footer(html: str) -> str:
    return html.split('<footer class="site-footer">', 1)[1]


@pytest.mark.parametrize(
    "path",
    ["/", "/about/", "/search/", "/search/?q=cells", "callback form", "/nondiscrimination/"],
)
def test_every_public_page_links_to_language_help_and_the_notice(
    client, program, footer_pages, path
):
    PageFactory(program=program, slug="about")
    if path == "callback form":
        path = reverse("inquiries:callback_create")
    html = footer(get(client, path))
    assert '<a href="/language-assistance/">Language assistance</a>' in html
    assert '<a href="/nondiscrimination/">Nondiscrimination notice</a>' in html


def test_footer_links_keep_the_language_and_show_on_the_404_page(client, program, footer_pages):
    assert '<a href="/es/language-assistance/">' in footer(get(client, "/es/"))
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert '<a href="/nondiscrimination/">' in footer(response.content.decode())


def test_footer_leaves_out_unpublished_pages(client, program, footer_pages):
    Page.objects.filter(pk=footer_pages["notice"].pk).update(is_published=False)
    html = footer(get(client, "/"))
    assert "Language assistance" in html and "Nondiscrimination notice" not in html


def test_footer_links_cost_no_query_beyond_the_menu(client, program, django_assert_num_queries):
    with CaptureQueriesContext(connection) as before:
        get(client, "/")
    page_of(program, PageKind.LANGUAGE_HELP, slug="language-assistance", show_in_nav=False)
    page_of(program, PageKind.NONDISCRIMINATION, slug="nondiscrimination", show_in_nav=False)
    with django_assert_num_queries(len(before)):
        html = get(client, "/")
    assert "Nondiscrimination notice" in footer(html)
    assert "Nondiscrimination notice" not in html.split("</header>")[0]  # not in the menu


# --- Every kind, the demo content --------------------------------------------------------------


@pytest.mark.parametrize("kind", PageKind.values)
def test_a_page_of_every_kind_renders(client, program, kind):
    page = page_of(program, kind)
    html = get(client, page.get_absolute_url())
    assert html.count("<h1") == 1


def test_load_demo_stays_idempotent_with_the_families_content(demo_program):
    models = [Page, FAQ, GlossaryTerm, PatientStory, ClinicalTrial, Resource, LanguageTagline]
    first = [model.objects.count() for model in models]
    call_command("load_demo", stdout=StringIO())
    assert [model.objects.count() for model in models] == first
    assert first[1:] == [
        len(demo_data().faqs),
        len(demo_data().glossary),
        len(demo_data().stories),
        len(demo_data().trials),
        len(demo_data().resources),
        len(demo_data().taglines),
    ]


def test_demo_has_a_page_of_each_families_kind_and_keeps_the_menu_short(demo_program):
    program = Program.objects.get()
    kinds = set(program.pages.published().values_list("kind", flat=True))
    assert kinds >= {
        PageKind.FAQ,
        PageKind.GLOSSARY,
        PageKind.STORIES,
        PageKind.TRIALS,
        PageKind.RESOURCES,
        PageKind.LANGUAGE_HELP,
        PageKind.NONDISCRIMINATION,
    }
    demo = demo_data()
    extra = {page["slug"] for page in demo.families_pages}
    in_menu = set(program.pages.for_nav().filter(slug__in=extra).values_list("slug", flat=True))
    assert in_menu == {"faq", "resources"}
    assert program.pages.get(slug="faq").reviewed_at is not None
    assert len(demo.taglines) == 15
    assert {r["category"] for r in demo.resources} == set(ResourceCategory.values)
    assert all(story["consent_on_file"] for story in demo.stories)
    assert all("(fictional)" in t["short_name"] and not t.get("registry_id") for t in demo.trials)


def test_content_editors_can_edit_the_families_content(staff_groups):
    editors = Group.objects.get(name="Content editors")
    codenames = set(editors.permissions.values_list("codename", flat=True))
    for model in FAMILIES_MODELS:
        assert {f"add_{model}", f"change_{model}", f"delete_{model}"} <= codenames, model


# --- Every content type: shown when published, gone at once when not --------------------------
# (factory, field holding the canary, the kind of page that shows it, the flag). "self": the row
# is the page; None: every page shows it (the site notice banner).
VISIBILITY = [
    pytest.param(PageFactory, "title", "self", "is_published", id="page"),
    pytest.param(JourneyStepFactory, "title", PageKind.JOURNEY, "is_published", id="journey step"),
    pytest.param(WarningSignFactory, "text", PageKind.JOURNEY, "is_published", id="warning sign"),
    pytest.param(TeamMemberFactory, "name", PageKind.TEAM, "is_published", id="team member"),
    pytest.param(ConditionFactory, "name", PageKind.CONDITIONS, "is_published", id="condition"),
    pytest.param(ContactLineFactory, "name", PageKind.CONTACTS, "is_published", id="contact line"),
    pytest.param(CoordinatorFactory, "name", PageKind.CONTACTS, "is_published", id="coordinator"),
    pytest.param(FAQFactory, "question", PageKind.FAQ, "is_published", id="faq"),
    pytest.param(GlossaryTermFactory, "definition", PageKind.GLOSSARY, "is_published", id="glossary"),
    pytest.param(PatientStoryFactory, "title", PageKind.STORIES, "is_published", id="story"),
    pytest.param(ClinicalTrialFactory, "name", PageKind.TRIALS, "is_published", id="trial"),
    pytest.param(ResourceFactory, "title", PageKind.RESOURCES, "is_published", id="resource"),
    pytest.param(LanguageTaglineFactory, "tagline", PageKind.LANGUAGE_HELP, "is_published", id="tagline"),
    pytest.param(SiteNoticeFactory, "text", None, "is_active", id="site notice"),
]  # fmt: skip


@pytest.mark.parametrize(("factory", "field", "kind", "flag"), VISIBILITY)
def test_each_content_type_shows_and_hides_when_unpublished(
    client, program, factory, field, kind, flag
):
    canary = f"Canary {factory._meta.model.__name__} quokka 7341"
    row = factory(program=program, **{field: canary, flag: True})
    if kind == "self":
        path = row.get_absolute_url()
    elif kind is None:
        path = "/"
    else:
        path = page_of(program, kind).get_absolute_url()
    paths = [path, "/es" + path]  # Spanish pages show the English text when there is no Spanish
    for shown in paths:
        assert canary in get(client, shown), shown  # and now cached for visitors
    setattr(row, flag, False)
    row.save()  # bumps the content version: no cached page may show it any more
    for hidden in paths:
        response = client.get(hidden)
        assert response.status_code == (404 if kind == "self" else 200), hidden
        assert canary not in response.content.decode(), hidden


@pytest.mark.parametrize("prefix", ["", "/es"])
@pytest.mark.parametrize(
    ("path", "block_id"),
    [
        ("/how-it-works/", "warning-signs-journey"),
        ("/contact/", "warning-signs-contacts"),
        ("/request-a-call-back/", "warning-signs-callback"),
    ],
)
def test_the_warning_signs_block_is_on_the_journey_contacts_and_callback_pages(
    client, program, path, block_id, prefix
):
    page_of(program, PageKind.JOURNEY, slug="how-it-works")
    page_of(program, PageKind.CONTACTS, slug="contact")
    ContactLineFactory(
        program=program,
        purpose=LinePurpose.CURRENT_PATIENTS,
        is_24_7=True,
        phone="(215) 555-0199",
    )
    WarningSignFactory(
        program=program,
        text="A fever of 100.4 °F (38 °C) or higher",
        text_es="Fiebre de 38 °C (100.4 °F) o más",
    )
    html = get(client, prefix + path)
    block = html.split('<section class="warning-signs"', 1)[1].split("</section>", 1)[0]
    assert f'<h2 id="{block_id}">' in block
    heading, sign = (
        ("Señales de alarma después del CAR T", "Fiebre de 38 °C (100.4 °F) o más")
        if prefix
        else ("Warning signs after CAR T", "A fever of 100.4 °F (38 °C) or higher")
    )
    assert heading in block and f"<li>{sign}</li>" in block
    assert '<a href="tel:+12155550199">(215) 555-0199</a>' in block  # the 24/7 line
    assert '<a href="tel:911">911</a>' in block


# --- The error page ----------------------------------------------------------------------------


@pytest.mark.parametrize(("language", "home"), [("en", "/"), ("es", "/es/")])
def test_the_500_page_keeps_emergency_guidance_and_plain_links_without_the_database(
    language, home, django_assert_num_queries
):
    with translation.override(language), django_assert_num_queries(0):
        html = render_to_string("500.html")
    assert f'<html lang="{language}">' in html
    assert '<a href="tel:911">911</a>' in html and "24/7" in html
    assert f'<a href="{home}language-assistance/">' in html
    assert f'<a href="{home}nondiscrimination/">' in html


def test_a_server_error_shows_the_500_page_with_its_links(client, program, monkeypatch):
    def broken(request, page):
        raise RuntimeError("a bug in the page view")

    monkeypatch.setattr("programs.views.page_context", broken)
    PageFactory(program=program, slug="about")
    client.raise_request_exception = False
    for prefix, words in [("", "Language assistance"), ("/es", "Ayuda con el idioma")]:
        response = client.get(f"{prefix}/about/")
        assert response.status_code == 500
        html = response.content.decode()
        assert f'<a href="{prefix}/language-assistance/">{words}</a>' in html
        assert f'href="{prefix}/nondiscrimination/"' in html and 'href="tel:911"' in html
