"""The staff groups and their permissions, created (or brought up to date) after every
`migrate` (post_migrate, so a deploy cannot forget them) and by `manage.py setup_roles`. Idempotent.

- Content editors: draft changes to every page, person, line and condition, and edit the
  families' content (questions, glossary, stories, trials, resources, language taglines); they
  cannot publish a page or mark it reviewed, and have no access to callback requests.
- Clinical reviewers: everything editors do, plus publish pages, mark them medically reviewed,
  and change the safety facts (editors only see them).
- Coordinators: see and work the callback queue (view and change requests, see the routing
  table and lines); they cannot add, delete or export requests.
- Privacy officers: read requests and their access log, export them as CSV and delete them
  (one by one or in bulk): the only role that may.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

CONTENT_MODELS = [
    "program",
    "page",
    "teammember",
    "contactline",
    "openinghours",
    "coordinator",
    "condition",
    "staynearbyfact",
    "sitenotice",
    "journeystep",
    "warningsign",
    # The families' content
    "faq",
    "glossaryterm",
    "patientstory",
    "clinicaltrial",
    "resource",
    "languagetagline",
]
DELETABLE = [
    *(
        "page",
        "teammember",
        "openinghours",
        "condition",
        "sitenotice",
        "journeystep",
        "warningsign",
    ),
    *("faq", "glossaryterm", "patientstory", "clinicaltrial", "resource", "languagetagline"),
]
EDITING = [
    *(
        f"programs.{action}_{model}"
        for model in CONTENT_MODELS
        for action in ("view", "add", "change")
    ),
    *(f"programs.delete_{model}" for model in DELETABLE),
]

ROLES = {
    # A safety fact is live on every page the moment it is saved: reviewers change it.
    "Content editors": [*EDITING, "programs.view_fact"],
    "Clinical reviewers": [
        *EDITING,
        "programs.publish_page",
        "programs.review_page",
        *("programs.view_fact", "programs.add_fact", "programs.change_fact"),
    ],
    "Privacy officers": [
        "inquiries.view_callbackrequest",
        "inquiries.delete_callbackrequest",
        "inquiries.export_callbackrequest",
        "inquiries.view_activity",
        "inquiries.view_accesslog",
        "inquiries.view_routingrule",
    ],
    "Coordinators": [
        "inquiries.view_callbackrequest",
        "inquiries.change_callbackrequest",
        "inquiries.view_activity",
        "inquiries.view_routingrule",
        "programs.view_contactline",
        "programs.view_coordinator",
    ],
}


def permissions(names: list[str]) -> list[Permission]:
    found = []
    for name in names:
        app_label, codename = name.split(".")
        found.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return found


@transaction.atomic
def roles_setup() -> dict[str, int]:
    counts = {}
    for name, perms in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(permissions(perms))
        counts[name] = len(perms)
    return counts


def roles_after_migrate(sender, *, using="default", **kwargs) -> None:
    """post_migrate of the last app: every app's permissions exist by then."""
    if Permission.objects.using(using).filter(content_type__app_label="inquiries").exists():
        roles_setup()
