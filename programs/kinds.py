"""Page kinds: the one home of "what does a page of this kind show, and where is it linked".

Each kind names the partial template shown after the page's text, the function that loads what
that partial lists, the rows of that list that site search finds (and where on the page each
one is), and whether every page links to it (the footer, the glossary). The page view, the page
template, the admin's draft preview, the site chrome and search all ask this registry: nothing
else branches on a page's kind. A new kind is a PageKind choice, a partial and an entry here.
"""

import dataclasses
from collections.abc import Callable
from urllib.parse import urlencode

from django.apps import apps
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from programs.models import PageKind, ResourceCategory


@dataclasses.dataclass(frozen=True)
class Listing:
    """One kind of row a page lists, as site search finds it."""

    model_name: str  # "FAQ": a model of the programs app
    label: Promise  # shown to families with each result: “Question”, …
    title: str  # the field shown as the result's title
    fields: tuple[str, ...] = ()  # the other searched fields
    rich: frozenset[str] = frozenset()  # fields holding HTML
    # The row's place on its page: a format string of the row (the id its partial gives it).
    # Rows without an id of their own (the journey's steps, the team) point at the list's heading.
    anchor: str = "{row.anchor}"
    # Rows shown by the page they point to (StayNearbyFact.page) instead of a listing page:
    # visible while that page is published. They have no published() of their own.
    on_page: str | None = None

    @property
    def model(self):
        return apps.get_model("programs", self.model_name)


def _nothing(program, chrome) -> dict:
    return {}


@dataclasses.dataclass(frozen=True)
class Kind:
    partial: str | None = None  # the template shown after the page's text
    # (program, chrome) -> the context the partial needs; called once per render.
    load: Callable[..., dict] = _nothing
    listings: tuple[Listing, ...] = ()
    # Linked from the footer of every page, under this name.
    footer_label: Promise | None = None
    # Linked from every page's text: the glossary (its terms link there).
    linked_from_text: bool = False
    # Listed in the menu's "More" group, whether or not the page is in the menu itself.
    in_more: bool = False
    # The partial shows the page's "staying near" facts itself, where its text points to them.
    places_stay_facts: bool = False
    lead: str | None = None  # a template shown before the page's text (the process picture)

    @property
    def linked_everywhere(self) -> bool:
        """Loaded with the site chrome, because every page links to it."""
        return self.footer_label is not None or self.linked_from_text or self.in_more


def _grouped(rows, *, key) -> list[tuple[str, list]]:
    """[(key, rows)] in the order each key first appears (rows come in their own order)."""
    groups: dict[str, list] = {}
    for row in rows:
        groups.setdefault(key(row), []).append(row)
    return list(groups.items())


def _journey(program, chrome) -> dict:
    return {"journey_steps": list(program.journey_steps.published())}


def _team(program, chrome) -> dict:
    return {"team_members": list(program.team_members.published())}


def _contacts(program, chrome) -> dict:
    return {"lines": chrome.lines, "coordinators": list(program.coordinators.published())}


def _conditions(program, chrome) -> dict:
    return {"conditions": list(program.conditions.published())}


def _faq(program, chrome) -> dict:
    return {"faq_groups": _grouped(program.faqs.published(), key=lambda faq: faq.tr.category)}


def _glossary(program, chrome) -> dict:
    terms = program.glossary_terms.published()
    return {"glossary_terms": sorted(terms, key=lambda term: term.tr.term.casefold())}


def _stories(program, chrome) -> dict:
    return {"stories": list(program.stories.published())}


def _trials(program, chrome) -> dict:
    return {"trials": list(program.trials.published().select_related("coordinator", "line"))}


def _resources(program, chrome) -> dict:
    by_category = dict(_grouped(program.resources.published(), key=lambda r: r.category))
    groups = [(c, by_category[c.value]) for c in ResourceCategory if c.value in by_category]
    return {"resource_groups": groups}


def _finding_us(program, chrome) -> dict:
    """The address and a maps link (a search for the address: the phone opens its maps app)."""
    query = ", ".join(program.address_lines)
    maps_url = "https://www.google.com/maps/search/?" + urlencode({"api": 1, "query": query})
    return {"address_lines": program.address_lines, "maps_url": maps_url if query else ""}


def more_kinds() -> list[str]:
    """The kinds listed in the menu's "More" group."""
    return [value for value, kind in KINDS.items() if kind.in_more]


def _taglines(program, chrome) -> dict:
    return {"taglines": list(program.language_taglines.published())}


# In this order search breaks ties between equally good results.
KINDS: dict[str, Kind] = {
    PageKind.STANDARD: Kind(),
    PageKind.FAQ: Kind(
        "programs/_faq.html",
        _faq,
        (Listing("FAQ", _("Question"), "question", ("answer", "category"), frozenset({"answer"})),),
    ),
    PageKind.GLOSSARY: Kind(
        "programs/_glossary.html",
        _glossary,
        (Listing("GlossaryTerm", _("Medical word"), "term", ("definition",)),),
        linked_from_text=True,
        in_more=True,
    ),
    PageKind.STORIES: Kind(
        "programs/_stories.html",
        _stories,
        (Listing("PatientStory", _("Family story"), "title", ("name_shown", "body"), frozenset({"body"})),),
        in_more=True,
    ),
    PageKind.TRIALS: Kind(
        "programs/_trials.html",
        _trials,
        (Listing("ClinicalTrial", _("Clinical trial"), "name", ("short_name", "for_whom", "registry_id")),),
        in_more=True,
    ),
    PageKind.RESOURCES: Kind(
        "programs/_resources.html",
        _resources,
        (Listing("Resource", _("Resource"), "title", ("description",)),),
    ),
    # Labels below are the headings of the blocks that show the rows (already translated).
    PageKind.JOURNEY: Kind(
        "programs/_journey.html",
        _journey,
        (
            Listing("JourneyStep", _("The journey, step by step"), "title", ("what_happens", "where", "duration_note", "family_does"), anchor="journey-title"),
            Listing("WarningSign", _("Warning signs after CAR T"), "text", anchor="warning-signs-journey"),
        ),
        places_stay_facts=True,
        lead="programs/_process.html",
    ),
    PageKind.CONDITIONS: Kind(
        "programs/_conditions.html",
        _conditions,
        (Listing("Condition", _("Conditions we treat"), "name", ("description",), anchor="condition-{row.pk}"),),
    ),
    PageKind.TEAM: Kind(
        "programs/_team.html",
        _team,
        (Listing("TeamMember", _("The people who care for your child"), "name", ("credentials", "role", "bio", "languages"), anchor="team-title"),),
    ),
    PageKind.CONTACTS: Kind(
        "programs/_contacts.html",
        _contacts,
        (
            Listing("Coordinator", _("Your coordinators"), "name", ("credentials", "role", "languages"), anchor="coordinator-{row.pk}"),
            Listing("ContactLine", _("Phone lines"), "name", ("audience", "after_hours", "languages"), anchor="line-{row.pk}"),
        ),
    ),
    PageKind.LANGUAGE_HELP: Kind(
        "programs/_language_help.html",
        _taglines,
        (Listing("LanguageTagline", _("Free help in your language"), "language", ("native_name", "tagline"), anchor="taglines-title"),),
        footer_label=_("Language assistance"),
    ),
    PageKind.NONDISCRIMINATION: Kind(footer_label=_("Nondiscrimination notice")),
    # The address and the map lead the page; its text (parking, entrance, transport) follows.
    PageKind.FINDING_US: Kind(load=_finding_us, in_more=True, lead="programs/_finding_us.html"),
}  # fmt: skip


def kind_of(page) -> Kind:
    return KINDS[page.kind]


def linked_kinds() -> list[str]:
    """The kinds every page links to (their pages come with the site chrome)."""
    return [value for value, kind in KINDS.items() if kind.linked_everywhere]


def footer_kinds() -> list[tuple[str, Promise]]:
    """(kind, label) of the pages every footer links to, in footer order."""
    return [(value, kind.footer_label) for value, kind in KINDS.items() if kind.footer_label]


def listings() -> list[tuple[str, Listing]]:
    """(kind, listing) for every kind of row a page lists, in tie-break order."""
    return [(value, listing) for value, kind in KINDS.items() for listing in kind.listings]
