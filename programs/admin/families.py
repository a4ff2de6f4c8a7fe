"""The families' content, each kind listed on its own page (programs.kinds)."""

from django.contrib import admin

from programs.admin.base import (
    OrderedAdminMixin,
    PhotoAdminMixin,
    StampedAdmin,
    VersionedForm,
    phone_column,
)
from programs.models import (
    FAQ,
    ClinicalTrial,
    GlossaryTerm,
    LanguageTagline,
    PatientStory,
    Resource,
)


class FAQForm(VersionedForm):
    # Answers sit under their category's Heading 2 (templates/programs/_faq.html).
    rich_text_under = {"answer": 2}


@admin.register(FAQ)
class FAQAdmin(OrderedAdminMixin, StampedAdmin):
    form = FAQForm
    list_display = ["question", "category", "is_published"]
    list_editable = ["is_published"]
    list_filter = ["is_published", "category", "program"]
    search_fields = ["question", "answer", "category"]
    fieldsets = [
        (None, {"fields": ["program", "question", "answer", "category"]}),
        ("Where it shows", {"fields": ["is_published"]}),
    ]  # fmt: skip


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(StampedAdmin):
    list_display = ["term", "pronunciation", "term_es", "is_published"]
    list_editable = ["is_published"]
    list_filter = ["is_published", "program"]
    search_fields = ["term", "definition"]
    prepopulated_fields = {"slug": ["term"]}
    fieldsets = [
        (None, {"fields": ["program", "term", "slug", "pronunciation", "definition"]}),
        ("Where it shows", {"fields": ["is_published"]}),
    ]  # fmt: skip


class PatientStoryForm(VersionedForm):
    # A story sits under its title, a Heading 2 (templates/programs/_stories.html).
    rich_text_under = {"body": 2}


@admin.register(PatientStory)
class PatientStoryAdmin(OrderedAdminMixin, PhotoAdminMixin, StampedAdmin):
    form = PatientStoryForm
    list_display = ["title", "name_shown", "consent_on_file", "is_published"]
    list_filter = ["is_published", "consent_on_file", "program"]
    search_fields = ["title", "name_shown", "body"]
    fieldsets = [
        (None, {"fields": ["program", "title", "name_shown", "body"]}),
        ("Photo", {"fields": ["photo", "photo_alt", "photo_is_decorative"]}),
        ("Privacy and consent", {"fields": ["privacy_note", "consent_on_file"]}),
        ("Where it shows", {"fields": ["is_published"]}),
    ]  # fmt: skip


@admin.register(ClinicalTrial)
class ClinicalTrialAdmin(OrderedAdminMixin, StampedAdmin):
    list_display = ["name", "short_name", "status", "ages_display", "contact", "is_published"]
    list_editable = ["is_published"]
    list_filter = ["status", "is_published", "program"]
    search_fields = ["name", "short_name", "registry_id", "for_whom"]
    list_select_related = ["coordinator", "line"]
    fieldsets = [
        (None, {"fields": ["program", "name", "short_name", "for_whom", ("age_min", "age_max"), "status"]}),
        ("More about it", {"fields": ["link", "registry_id"]}),
        ("How families ask about it", {"fields": ["coordinator", "line"]}),
        ("Where it shows", {"fields": ["is_published"]}),
    ]  # fmt: skip

    @admin.display(description="ages")
    def ages_display(self, obj):
        return obj.ages or "—"

    @admin.display(description="families call")
    def contact(self, obj):
        return obj.coordinator or obj.line or "—"


@admin.register(Resource)
class ResourceAdmin(OrderedAdminMixin, StampedAdmin):
    list_display = ["title", "category", "phone_display", "link", "is_published"]
    list_editable = ["is_published"]
    list_filter = ["category", "is_published", "program"]
    search_fields = ["title", "description"]
    fieldsets = [
        (None, {"fields": ["program", "title", "category", "description"]}),
        ("How to reach it", {"fields": ["link", "phone"]}),
        ("Where it shows", {"fields": ["is_published"]}),
    ]  # fmt: skip

    phone_display = phone_column()


@admin.register(LanguageTagline)
class LanguageTaglineAdmin(OrderedAdminMixin, StampedAdmin):
    list_display = ["language", "native_name", "lang_code", "direction", "is_published"]
    list_editable = ["is_published"]
    list_filter = ["direction", "is_published", "program"]
    search_fields = ["language", "native_name", "lang_code"]
    fieldsets = [
        (None, {"fields": ["program", "language", "native_name", "lang_code", "direction", "tagline"]}),
        ("Where it shows", {"fields": ["is_published"]}),
    ]  # fmt: skip
