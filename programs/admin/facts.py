"""Safety facts: each kept once, with its source, label revision and the date it was checked;
saving a changed one lists the health pages that show it for review."""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from programs import services
from programs.admin.base import StampedAdmin, VersionedForm
from programs.models import Fact

# What families read changes with these: the pages that show the fact need a review.
VALUE_FIELDS = ("kind", "qualifier", "number", "line", "note", "note_es")


class FactForm(VersionedForm):
    spanish_must_be_current = True


@admin.register(Fact)
class FactAdmin(StampedAdmin):
    form = FactForm
    list_display = ["name", "placeholder", "shown_as", "source", "label_revision", "checked_at"]
    list_filter = ["kind", "program"]
    search_fields = ["name", "slug", "source"]
    fieldsets = [
        (None, {"fields": ["program", "name", "slug", "kind"]}),
        ("Value", {"fields": ["qualifier", "number", "line", "note"], "description": "Families read the phrase made from these, wherever a text says [[fact:<name>]]."}),
        ("Source", {"fields": ["source", "source_url", "label_revision", "checked_at"]}),
    ]  # fmt: skip

    @admin.display(description="write in text")
    def placeholder(self, obj):
        return obj.placeholder

    @admin.display(description="families read")
    def shown_as(self, obj):
        return format_html("{} / {}", obj.phrase("en"), obj.phrase("es"))

    def save_model(self, request, obj, form, change):
        changed = not change or any(name in form.changed_data for name in VALUE_FIELDS)
        request._flagged_pages = services.fact_save(
            fact=obj, by=request.user, changed=change and changed
        )

    def response_change(self, request, obj):
        flagged = getattr(request, "_flagged_pages", [])
        if flagged:
            links = format_html_join(
                ", ",
                '<a href="{}">{}</a>',
                ((reverse("admin:programs_page_change", args=[p.pk]), p.title) for p in flagged),
            )
            messages.warning(
                request,
                format_html(
                    "Every page now shows the new value. These health pages show it and are on "
                    "the review list: {}.",
                    links,
                ),
            )
        return super().response_change(request, obj)
