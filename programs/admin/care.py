"""The treatment as families meet it: conditions, the journey, warning signs, staying near."""

from django.contrib import admin

from programs.admin.base import OrderedAdminMixin, StampedAdmin, VersionedForm
from programs.models import Condition, JourneyStep, StayNearbyFact, WarningSign
from programs.templatetags.carsite import journey_duration


@admin.register(Condition)
class ConditionAdmin(OrderedAdminMixin, StampedAdmin):
    list_display = ["name", "is_published"]
    list_editable = ["is_published"]
    list_filter = ["is_published", "program"]
    search_fields = ["name", "description"]
    fieldsets = [
        (None, {"fields": ["program", "name", "description"]}),
        ("Where it shows", {"fields": ["is_published"]}),
    ]


@admin.register(JourneyStep)
class JourneyStepAdmin(OrderedAdminMixin, StampedAdmin):
    list_display = ["title", "duration_display", "where", "is_published"]
    list_editable = ["is_published"]
    list_filter = ["is_published", "program"]
    search_fields = ["title", "what_happens", "family_does"]
    fieldsets = [
        (None, {"fields": ["program", "title", "what_happens", "where", "family_does"]}),
        ("How long it takes", {"fields": [("duration_min", "duration_max", "duration_unit"), "duration_note"]}),
        ("Where it shows", {"fields": ["is_published"]}),
    ]  # fmt: skip

    @admin.display(description="how long")
    def duration_display(self, obj):
        return journey_duration(obj)


class WarningSignForm(VersionedForm):
    spanish_must_be_current = True  # a safety text: never live with an out-of-date Spanish


@admin.register(WarningSign)
class WarningSignAdmin(OrderedAdminMixin, StampedAdmin):
    form = WarningSignForm
    list_display = ["text", "group", "is_published"]
    list_editable = ["is_published"]
    list_filter = ["group", "is_published", "program"]
    search_fields = ["text"]
    fieldsets = [
        (None, {"fields": ["program", "group", "text"]}),
        ("Where it shows", {"fields": ["is_published"]}),
    ]


@admin.register(StayNearbyFact)
class StayNearbyFactAdmin(StampedAdmin):
    list_display = ["heading", "page"]
    list_filter = ["program"]
    fieldsets = [
        (None, {"fields": ["program", "page", "heading"]}),
        ("The FDA's minimum", {"fields": ["fda_text"], "description": "The weeks, sources and dates are the safety facts “fda-stay-near” and “fda-no-driving” (Safety facts)."}),
        ("Our program's policy", {"fields": ["policy_text"], "description": "The weeks, source and date are the safety fact “program-stay-near” (Safety facts)."}),
    ]  # fmt: skip
