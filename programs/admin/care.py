"""The treatment as families meet it: conditions, the journey, warning signs, staying near."""

from django.contrib import admin

from programs.admin.base import OrderedAdminMixin, StampedAdmin
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


@admin.register(WarningSign)
class WarningSignAdmin(OrderedAdminMixin, StampedAdmin):
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
    list_display = [
        "heading",
        "page",
        "fda_minimum_weeks",
        "fda_reviewed_at",
        "policy_weeks",
        "policy_reviewed_at",
    ]
    list_filter = ["program"]
    fieldsets = [
        (None, {"fields": ["program", "page", "heading"]}),
        ("The FDA's minimum", {"fields": ["fda_minimum_weeks", "fda_no_driving_weeks", "fda_text", "fda_source", "fda_source_url", "fda_reviewed_at"]}),
        ("Our program's policy", {"fields": ["policy_weeks", "policy_text", "policy_source", "policy_reviewed_at"]}),
    ]  # fmt: skip
