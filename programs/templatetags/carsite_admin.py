from django import template

from programs.models import Page

register = template.Library()


@register.simple_tag(takes_context=True)
def review_counts(context) -> dict:
    """Health pages needing a clinical reviewer, for the admin index (staff who can see pages)."""
    if not context["request"].user.has_perm("programs.view_page"):
        return {"due": 0, "overdue": 0}
    return {
        "overdue": Page.objects.overdue_for_review().count(),
        "due": Page.objects.due_for_review().count(),
    }
