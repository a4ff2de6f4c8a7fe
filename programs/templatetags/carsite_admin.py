from django import template

from programs.models import Page

register = template.Library()


@register.simple_tag(takes_context=True)
def review_counts(context) -> dict:
    """Health pages needing a clinical reviewer, for the admin index (staff who can see pages)."""
    if not context["request"].user.has_perm("programs.view_page"):
        return {"due": 0, "overdue": 0, "changed": 0}
    return {
        "overdue": Page.objects.overdue_for_review().count(),
        "due": Page.objects.due_for_review().count(),
        "changed": Page.objects.changed_since_review().count(),
    }


@register.simple_tag(takes_context=True)
def stale_translations(context) -> list[tuple[str, str, int]]:
    """(kind of content, its list filtered to them, count) with out-of-date Spanish texts."""
    from programs.admin.base import stale_translation_counts

    if not context["request"].user.has_perm("programs.view_page"):
        return []
    return stale_translation_counts()
