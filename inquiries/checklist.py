"""“Could CAR T be an option for my child?”: what a family's answers usually mean, in plain
words, and the right next step. It never says eligible or not eligible, and stores nothing.
The next step comes from the same routing rules as a typed callback request."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from inquiries import routing
from inquiries.models import Asker, Diagnosis, Relapsed, Topic
from programs.models import Program

APPROVED_AGE_MAX = 25  # Kymriah's pediatric and young-adult label: B-cell ALL, up to 25

FITS_LABEL = _(
    "The CAR T-cell therapy approved for children is for young people up to age 25 whose B-cell "
    "ALL did not respond to treatment, or came back two or more times. Young adults 18 to 25 "
    "may have more than one approved option."
)
CAME_BACK_ONCE = _(
    "If the leukemia came back once and got better with new chemo, the approved CAR T is usually "
    "not the next step yet, but a clinical trial may be. If it came back once and did not respond "
    "to new chemo, that counts as not responding, so the approved CAR T may be an option. We can "
    "talk it through with you."
)
TRANSPLANT_BEFORE = _("Having had a stem cell transplant does not rule CAR T out.")
CART_BEFORE = _(
    "Some children get CAR T more than once, often in a clinical trial. Ask us about it."
)
NOT_SURE_RELAPSE = _(
    "It is fine not to be sure if the leukemia came back or did not respond to treatment. Our "
    "nurses can look at the records with you."
)
NOT_RELAPSED = _(
    "The approved CAR T is for leukemia that did not respond to treatment, or came back two or "
    "more times. If your child is doing well on their first treatment, it is usually not the "
    "next step. You can still call us with any question."
)
ADULT = _(
    "People 26 and older are cared for by our adult CAR T program. Other CAR T products are "
    "approved for adults with some blood cancers."
)
LYMPHOMA_CHILD = _(
    "For children and teens with lymphoma, CAR T is studied in clinical trials. Our trials team "
    "can tell you which trials are open."
)
LYMPHOMA_ADULT = _(
    "Adults with some kinds of B-cell lymphoma can get CAR T. Our adult program can help."
)
OTHER_CANCER = _(
    "CAR T is approved for some B-cell cancers. For other cancers, it may be studied in clinical "
    "trials. Call us and we will talk it through."
)
ONLY_A_TEAM_DECIDES = _(
    "This checklist does not decide anything, and it does not keep your answers. Only your "
    "child's doctors and our team can tell if CAR T is right for your child."
)


class Treatment:
    CHEMO = "chemo"
    TRANSPLANT = "transplant"
    TARGETED = "targeted"
    CART = "cart"
    CHOICES = [
        (CHEMO, _("Chemotherapy")),
        (TRANSPLANT, _("A stem cell (bone marrow) transplant")),
        (TARGETED, _("Immunotherapy such as blinatumomab or inotuzumab")),
        (CART, _("CAR T-cell therapy before")),
    ]


@dataclass(frozen=True)
class ChecklistAnswers:
    age: int
    diagnosis: str
    relapsed: str
    treatments: tuple[str, ...] = field(default_factory=tuple)
    came_back_once: bool = False


@dataclass(frozen=True)
class ChecklistResult:
    explanations: list[str]
    destination: routing.Destination
    callback_prefill: dict[str, str]


def topic_for(answers: ChecklistAnswers) -> str:
    """Children with lymphoma go to the trials team; everyone else asks “is CAR T an option?”."""
    if answers.diagnosis == Diagnosis.LYMPHOMA and answers.age < 18:
        return Topic.TRIALS
    return Topic.IS_CART_AN_OPTION


def explain(answers: ChecklistAnswers) -> list[str]:
    if answers.age > APPROVED_AGE_MAX and answers.diagnosis != Diagnosis.LYMPHOMA:
        explanations = [ADULT]
    elif answers.diagnosis == Diagnosis.LYMPHOMA:
        explanations = [LYMPHOMA_CHILD if answers.age < 18 else LYMPHOMA_ADULT]
    elif answers.diagnosis == Diagnosis.OTHER:
        explanations = [OTHER_CANCER]
    elif answers.relapsed == Relapsed.NO:
        explanations = [NOT_RELAPSED]
    elif answers.relapsed == Relapsed.NOT_SURE:
        explanations = [NOT_SURE_RELAPSE]
    else:
        explanations = [FITS_LABEL]
        if answers.came_back_once:
            explanations.append(CAME_BACK_ONCE)
    if Treatment.TRANSPLANT in answers.treatments and answers.diagnosis == Diagnosis.B_ALL:
        explanations.append(TRANSPLANT_BEFORE)
    if Treatment.CART in answers.treatments:
        explanations.append(CART_BEFORE)
    return [*explanations, ONLY_A_TEAM_DECIDES]


def checklist_result(
    *, program: Program, answers: ChecklistAnswers, language: str
) -> ChecklistResult:
    prefill = {
        "asker": Asker.PARENT,
        "topic": topic_for(answers),
        "patient_age": str(answers.age),
        "diagnosis": answers.diagnosis,
        "relapsed": answers.relapsed,
        "language": language,
    }
    destination = routing.destination_for(
        program,
        routing.Answers(
            program_id=program.pk,
            asker=prefill["asker"],
            topic=prefill["topic"],
            age=answers.age,
            diagnosis=answers.diagnosis,
            relapsed=answers.relapsed,
            language=language,
            needs_interpreter=False,
        ),
    )
    return ChecklistResult(
        explanations=explain(answers), destination=destination, callback_prefill=prefill
    )
