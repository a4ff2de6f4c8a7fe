import datetime
import uuid

import factory
from django.utils import timezone

from inquiries.models import Asker, CallbackRequest, Diagnosis, Relapsed, RoutingRule, Topic
from programs.models import (
    FAQ,
    ClinicalTrial,
    Condition,
    ContactLine,
    Coordinator,
    Fact,
    GlossaryTerm,
    JourneyStep,
    LanguageTagline,
    LinePurpose,
    OpeningHours,
    Page,
    PageKind,
    PatientStory,
    Program,
    Resource,
    ResourceCategory,
    SiteNotice,
    StayNearbyFact,
    TeamMember,
    TrialStatus,
    WarningSign,
)


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program

    name = "Test CAR T Program"
    slug = factory.Sequence(lambda n: f"program-{n}")
    institution = "Example Children's Hospital"
    short_description = "A test program for children whose leukemia came back."
    about = "<p>We treat children with CAR T-cell therapy.</p>"
    next_step = "<p>Call our new-patient line.</p>"
    time_zone = "America/New_York"
    main_phone = "(215) 555-0100"


class PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Page

    program = factory.SubFactory(ProgramFactory)
    title = factory.Sequence(lambda n: f"Page {n}")
    slug = factory.Sequence(lambda n: f"page-{n}")
    summary = "A page summary."
    body = "<p>Page body text.</p>"
    kind = PageKind.STANDARD
    order = factory.Sequence(lambda n: n * 10)
    is_published = True


class TeamMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeamMember

    program = factory.SubFactory(ProgramFactory)
    name = factory.Sequence(lambda n: f"Dr. Person {n}")
    credentials = "MD"
    role = "Leukemia doctor"
    bio = "Cares for children with leukemia."
    languages = "English"
    order = factory.Sequence(lambda n: n)


class ContactLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactLine

    program = factory.SubFactory(ProgramFactory)
    name = factory.Sequence(lambda n: f"Line {n}")
    purpose = LinePurpose.INFORMATION
    audience = "Families with questions"
    phone = factory.Sequence(lambda n: f"(215) 555-01{n % 100:02d}")
    order = factory.Sequence(lambda n: n)


class OpeningHoursFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpeningHours

    line = factory.SubFactory(ContactLineFactory)
    weekday = 0
    opens = datetime.time(8, 0)
    closes = datetime.time(17, 0)


class CoordinatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Coordinator

    program = factory.SubFactory(ProgramFactory)
    name = factory.Sequence(lambda n: f"Coordinator {n}")
    credentials = "RN"
    role = "CAR T nurse coordinator"
    phone = "(215) 555-0150"
    email = factory.Sequence(lambda n: f"coordinator{n}@example.org")


class ConditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Condition

    program = factory.SubFactory(ProgramFactory)
    name = factory.Sequence(lambda n: f"Condition {n}")
    description = "A condition we treat."


class RoutingRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoutingRule

    program = factory.SubFactory(ProgramFactory)
    priority = factory.Sequence(lambda n: (n + 1) * 10)
    name = factory.Sequence(lambda n: f"Rule {n}")
    line = factory.SubFactory(ContactLineFactory, program=factory.SelfAttribute("..program"))


class CallbackRequestFactory(factory.django.DjangoModelFactory):
    """A saved request as services.callback_request_create leaves it, without routing or a job.
    For requests made the way families make them, POST the form."""

    class Meta:
        model = CallbackRequest

    program = factory.SubFactory(ProgramFactory)
    submission_token = factory.LazyFunction(uuid.uuid4)
    asker = Asker.PARENT
    topic = Topic.IS_CART_AN_OPTION
    patient_age = 9
    diagnosis = Diagnosis.B_ALL
    relapsed = Relapsed.YES
    name = factory.Sequence(lambda n: f"Parent {n}")
    phone = "(215) 555-0142"
    consent_call = True
    line = factory.SubFactory(ContactLineFactory, program=factory.SelfAttribute("..program"))
    due_by = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=1))
    notify_next_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(minutes=5))


class StayNearbyFactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StayNearbyFact

    program = factory.SubFactory(ProgramFactory)
    fda_text = "Stay within 2 hours of the center for [[fact:fda-stay-near]]."
    policy_text = "We ask families to stay close for [[fact:program-stay-near]]."


class FactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Fact
        django_get_or_create = ("program", "slug")

    program = factory.SubFactory(ProgramFactory)
    slug = "fda-stay-near"
    name = "FDA minimum stay near the center"
    kind = "weeks"
    qualifier = "at_least"
    number = 2
    source = "FDA label change, June 2025"
    label_revision = "revised 12/2025"
    checked_at = datetime.date(2026, 9, 1)


class SiteNoticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SiteNotice

    program = factory.SubFactory(ProgramFactory)
    text = 'Our offices are closed on Thursday. <a href="/contact/">Contact us</a>.'


class JourneyStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JourneyStep

    program = factory.SubFactory(ProgramFactory)
    title = factory.Sequence(lambda n: f"Step {n}")
    what_happens = "Something happens."
    duration_min = 3
    duration_max = 4
    duration_unit = "weeks"
    order = factory.Sequence(lambda n: n * 10)


class WarningSignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WarningSign

    program = factory.SubFactory(ProgramFactory)
    text = factory.Sequence(lambda n: f"Warning sign {n}")
    order = factory.Sequence(lambda n: n * 10)


class FAQFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FAQ

    program = factory.SubFactory(ProgramFactory)
    question = factory.Sequence(lambda n: f"Question {n}?")
    answer = "<p>An answer in plain words.</p>"
    order = factory.Sequence(lambda n: n * 10)


class GlossaryTermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GlossaryTerm

    program = factory.SubFactory(ProgramFactory)
    term = factory.Sequence(lambda n: f"term{n}")
    slug = factory.LazyAttribute(lambda o: o.term.lower().replace(" ", "-"))
    definition = "What the word means."


class PatientStoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PatientStory

    program = factory.SubFactory(ProgramFactory)
    title = factory.Sequence(lambda n: f"Story {n}")
    name_shown = "Maya, age 9"
    body = "<p>Maya had CAR T. Now she is back at school.</p>"
    consent_on_file = True
    is_published = True
    order = factory.Sequence(lambda n: n * 10)


class ClinicalTrialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClinicalTrial

    program = factory.SubFactory(ProgramFactory)
    name = factory.Sequence(lambda n: f"A CAR T study {n}")
    short_name = factory.Sequence(lambda n: f"TEST-{n}")
    for_whom = "Children whose leukemia came back."
    age_min = 1
    age_max = 25
    status = TrialStatus.RECRUITING
    order = factory.Sequence(lambda n: n * 10)


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource

    program = factory.SubFactory(ProgramFactory)
    title = factory.Sequence(lambda n: f"Resource {n}")
    category = ResourceCategory.FAMILY
    description = "Help for the family."
    order = factory.Sequence(lambda n: n * 10)


class LanguageTaglineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LanguageTagline

    program = factory.SubFactory(ProgramFactory)
    language = "Vietnamese"
    native_name = "Tiếng Việt"
    lang_code = "vi"
    tagline = "Chúng tôi giúp bạn miễn phí. Xin gọi số (215) 555-0100."
    order = factory.Sequence(lambda n: n * 10)
