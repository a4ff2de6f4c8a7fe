"""The people families meet or call, and the phone lines with their opening hours."""

from django.contrib import admin

from programs.admin.base import OrderedAdminMixin, PhotoAdminMixin, StampedAdmin, phone_column
from programs.models import ContactLine, Coordinator, OpeningHours, TeamMember


@admin.register(TeamMember)
class TeamMemberAdmin(OrderedAdminMixin, PhotoAdminMixin, StampedAdmin):
    list_display = ["name", "credentials", "role", "languages", "is_published"]
    list_editable = ["is_published"]
    list_filter = ["is_published", "program"]
    search_fields = ["name", "role", "bio", "languages"]
    fieldsets = [
        (None, {"fields": ["program", "name", "credentials", "role", "bio", "languages"]}),
        ("Photo", {"fields": ["photo", "photo_alt", "photo_is_decorative"]}),
        ("Where it shows", {"fields": ["is_published"]}),
    ]


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 0
    verbose_name = "opening period"
    verbose_name_plural = (
        "Opening hours (in the program's time zone; add one row per day and period)"
    )


@admin.register(ContactLine)
class ContactLineAdmin(OrderedAdminMixin, StampedAdmin):
    inlines = [OpeningHoursInline]
    list_display = ["name", "purpose", "phone_display", "is_24_7", "open_now", "is_published"]
    list_editable = ["is_published"]
    list_filter = ["purpose", "is_24_7", "is_published", "show_on_home", "program"]
    search_fields = ["name", "audience", "phone", "email"]
    fieldsets = [
        (None, {"fields": ["program", "name", "purpose", "audience"]}),
        ("How to reach it", {"fields": ["phone", "email", "languages", "is_24_7", "after_hours"]}),
        ("Callback requests", {"fields": ["response_hours"]}),
        ("Where it shows", {"fields": ["show_on_home", "show_in_footer", "is_published"]}),
    ]  # fmt: skip

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("program").prefetch_related("hours")

    phone_display = phone_column()

    @admin.display(description="open now", boolean=True)
    def open_now(self, obj):
        return obj.is_open_now()


@admin.register(Coordinator)
class CoordinatorAdmin(OrderedAdminMixin, StampedAdmin):
    list_display = [
        "name",
        "credentials",
        "role",
        "phone_display",
        "email",
        "languages",
        "staff_account",
    ]
    list_filter = ["is_published", "program"]
    search_fields = ["name", "role", "email", "phone", "languages"]
    autocomplete_fields = ["user"]
    fieldsets = [
        (None, {"fields": ["program", "name", "credentials", "role", "languages"]}),
        ("How to reach them", {"fields": ["phone", "email"]}),
        ("Callback queue", {"fields": ["user"]}),
        ("Where it shows", {"fields": ["is_published"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")

    phone_display = phone_column()

    @admin.display(description="staff account", ordering="user__username")
    def staff_account(self, obj):
        return obj.user.get_username() if obj.user else None
