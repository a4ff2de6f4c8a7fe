"""The program, its pages (drafts, preview, publishing, medical review) and the notices shown
on every page."""

from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminTextareaWidget
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from programs import services
from programs.admin.base import OrderedAdminMixin, StampedAdmin, VersionedForm, phone_column
from programs.models import Page, Program, SiteNotice
from programs.readability import GRADE_TOO_SHORT, GRADE_WARNING, gauge


def page_gauge(page: Page):
    """The reading gauge of a page's text, with its program's glossary."""
    terms = page.program.glossary_terms.published().values_list("term", flat=True)
    return gauge(page.body, glossary_terms=list(terms), spanish_html=page.body_es)


@admin.register(Program)
class ProgramAdmin(StampedAdmin):
    list_display = ["name", "institution", "time_zone", "phone_display", "is_default"]
    search_fields = ["name", "institution"]
    list_filter = ["is_default"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "slug", "institution", "short_description", "is_default"]}),
        ("Home page", {"fields": ["headline", "about", "next_step"]}),
        ("Contact and time", {"fields": ["main_phone", "header_line", "address", "time_zone"]}),
        ("Callback requests", {"fields": ["fallback_line", "response_hours"]}),
    ]
    phone_display = phone_column("main_phone", "main phone")


class PageForm(VersionedForm):
    rich_text_under = {"body": 1}

    class Meta:
        # A sentence or two: room to read it whole while editing.
        widgets = {
            name: AdminTextareaWidget(attrs={"rows": 2})
            for name in ("summary", "summary_es", "reviewer_role", "reviewer_role_es")
        }


class ReviewFilter(admin.SimpleListFilter):
    title = "medical review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [
            ("due", "Due within 30 days or overdue"),
            ("overdue", "Overdue or never reviewed"),
            ("changed", "Changed since review"),
        ]

    def queryset(self, request, queryset):
        if self.value() == "due":
            return queryset.due_for_review()
        if self.value() == "overdue":
            return queryset.overdue_for_review()
        if self.value() == "changed":
            return queryset.changed_since_review()
        return queryset


@admin.register(Page)
class PageAdmin(OrderedAdminMixin, StampedAdmin):
    form = PageForm
    list_display = [
        "title",
        "path",
        "status_display",
        "review_display",
        "grade_display",
        "updated_at",
    ]
    list_display_links = ["title"]
    list_filter = ["is_published", ReviewFilter, "show_in_nav", "kind", "program"]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    view_on_site = True
    change_form_template = "admin/programs/page/change_form.html"

    fieldsets = [
        (None, {"fields": ["program", "title", "nav_title", "slug", "summary", "body", "reading_level"]}),
        ("Picture", {"classes": ["collapse"], "fields": ["image", "image_alt", "image_is_decorative"]}),
        ("Where it shows", {"fields": ["kind", "show_in_nav"]}),
        ("Publishing", {"fields": ["publishing_state", "is_published", "publish_at", "unpublish_at"]}),
        ("Medical review", {"fields": ["needs_review", "reviewer_role", "review_interval_months", "review_summary"]}),
    ]  # fmt: skip

    def get_readonly_fields(self, request, obj=None):
        fields = [*super().get_readonly_fields(request, obj)]
        fields += ["reading_level", "publishing_state", "review_summary"]
        if not request.user.has_perm("programs.publish_page"):
            fields += ["is_published", "publish_at", "unpublish_at"]
        return fields

    def get_object(self, request, object_id, from_field=None):
        """Editors work on the draft when there is one; the live page stays as it is."""
        page = super().get_object(request, object_id, from_field)
        if page is not None and page.has_draft:
            draft = page.draft
            for field, value in draft.items():
                setattr(page, field, value)
        return page

    # --- columns and read-only fields ---
    @admin.display(description="web address", ordering="slug")
    def path(self, obj):
        return f"/{obj.slug}/"

    @admin.display(description="status")
    def status_display(self, obj):
        if not obj.is_published:
            state = "Not published"
        elif obj.is_live():
            state = "Live"
        elif obj.publish_at and obj.publish_at > timezone.now():
            state = f"Scheduled for {timezone.localtime(obj.publish_at):%b %-d, %-I:%M %p}"
        else:
            state = "Ended (its unpublish time has passed)"
        return f"{state} + unpublished changes" if obj.has_draft else state

    @admin.display(description="medical review")
    def review_display(self, obj):
        state = obj.review_state()
        if state == "changed since review":
            return format_html(
                "<strong>⚠ Changed since review</strong> ({})", obj.review_pending_reason
            )
        if state in ("overdue", "never reviewed"):
            return format_html("<strong>⚠ {}</strong>", state.capitalize())
        if state == "due soon":
            return format_html("Due {}", obj.review_due.strftime("%b %-d, %Y"))
        return state.capitalize()

    @admin.display(description="grade level", ordering="reading_grade")
    def grade_display(self, obj):
        if obj.reading_grade is None:
            return "—"
        if obj.reading_grade > GRADE_WARNING:
            return format_html("<strong>⚠ {}</strong>", obj.reading_grade)
        return str(obj.reading_grade)

    @admin.display(description="reading level")
    def reading_level(self, obj):
        if obj is None or obj.pk is None:
            return GRADE_TOO_SHORT
        return format_html_join("", "<p>{}</p>", ((line,) for line in page_gauge(obj).messages))

    @admin.display(description="state")
    def publishing_state(self, obj):
        if obj is None or obj.pk is None:
            return "New page: not published."
        live = Page.objects.get(pk=obj.pk)
        text = self.status_display(live)
        if obj.has_draft:
            preview = reverse("admin:programs_page_preview", args=[obj.pk])
            return format_html(
                '{}. The form shows the unpublished changes; the public still sees the live page. <a href="{}">Preview the changes</a>',
                text,
                preview,
            )
        return text + "."

    @admin.display(description="review")
    def review_summary(self, obj):
        if obj is None or obj.pk is None or not obj.needs_review:
            return "—"
        if obj.reviewed_at is None:
            return "Never reviewed."
        who = f" by {obj.reviewed_by.get_username()}" if obj.reviewed_by else ""
        if obj.review_pending:
            who += f". Changed since: {obj.review_pending_reason}"
        return f"Last reviewed {obj.reviewed_at:%b %-d, %Y}{who}. Next review due {obj.review_due:%b %-d, %Y} ({obj.review_state()})."

    # --- saving goes through the workflow ---
    def save_model(self, request, obj, form, change):
        publish = "_publish" in request.POST
        if publish and not request.user.has_perm("programs.publish_page"):
            raise PermissionDenied
        # The service also stores a new picture and its resized copies (in the draft, if live).
        request._page_outcome = services.page_save(page=obj, by=request.user, publish=publish)

    def response_add(self, request, obj, post_url_continue=None):
        self._report(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        self._report(request, obj)
        if "_mark_reviewed" in request.POST:
            return self._mark_reviewed(request, obj)
        if "_publish" in request.POST or "_save_draft" in request.POST:
            return redirect(reverse("admin:programs_page_change", args=[obj.pk]))
        return super().response_change(request, obj)

    def _report(self, request, obj):
        outcome = getattr(request, "_page_outcome", "saved")
        if outcome == "draft saved":
            messages.info(
                request,
                "Your changes are saved as a draft. The live page has not changed; publish to make them live.",
            )
        elif outcome == "published":
            messages.success(request, "Published: families now see this version.")
        shown = obj.with_draft() if obj.has_draft else obj
        result = page_gauge(shown)
        grade = result.grade
        level = messages.WARNING if grade is not None and grade > GRADE_WARNING else messages.INFO
        for line in result.messages:
            messages.add_message(request, level, line)

    def _mark_reviewed(self, request, obj):
        if not request.user.has_perm("programs.review_page"):
            raise PermissionDenied
        services.page_mark_reviewed(page=Page.objects.get(pk=obj.pk), by=request.user)
        messages.success(
            request,
            "Marked as medically reviewed today, for the revision now live. This is recorded in "
            "the page's history.",
        )
        return redirect(reverse("admin:programs_page_change", args=[obj.pk]))

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context |= {
            "can_publish": request.user.has_perm("programs.publish_page"),
            "can_review": request.user.has_perm("programs.review_page")
            and obj is not None
            and obj.needs_review,
            "has_draft": bool(obj and obj.has_draft),
        }
        return super().render_change_form(request, context, add, change, form_url, obj)

    # --- preview and discarding a draft ---
    def get_urls(self):
        return [
            path(
                "<int:pk>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name="programs_page_preview",
            ),
            path(
                "<int:pk>/discard-draft/",
                self.admin_site.admin_view(self.discard_view),
                name="programs_page_discard",
            ),
            *super().get_urls(),
        ]

    def preview_view(self, request, pk):
        page = get_object_or_404(Page, pk=pk)
        if not self.has_view_permission(request, page):
            raise PermissionDenied
        from programs.views import page_context

        context = page_context(request, page.with_draft()) | {"draft_preview": True}
        return TemplateResponse(request, "programs/page_detail.html", context)

    def discard_view(self, request, pk):
        page = get_object_or_404(Page, pk=pk)
        if request.method != "POST" or not self.has_change_permission(request, page):
            raise PermissionDenied
        services.page_discard_draft(page=page, by=request.user)
        messages.success(request, "The draft was discarded. The page shows the live version again.")
        return redirect(reverse("admin:programs_page_change", args=[pk]))


class ReviewDuePage(Page):
    class Meta:
        proxy = True
        verbose_name = "page due for medical review"
        verbose_name_plural = "pages due for medical review"


@admin.register(ReviewDuePage)
class ReviewDuePageAdmin(admin.ModelAdmin):
    """The clinical reviewers' to-do list: health pages overdue, never reviewed, or due within 30 days."""

    list_display = [
        "title_link",
        "review_display",
        "review_due",
        "reviewed_at",
        "reviewed_revision",
        "reviewer_role",
    ]
    ordering = ["-review_pending", "review_due"]

    def get_queryset(self, request):
        return Page.objects.due_for_review().select_related("reviewed_by")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("programs.view_page")

    def has_module_permission(self, request):
        return request.user.has_perm("programs.view_page")

    @admin.display(description="page", ordering="title")
    def title_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:programs_page_change", args=[obj.pk]), obj.title
        )

    @admin.display(description="state")
    def review_display(self, obj):
        return PageAdmin.review_display(None, obj)


@admin.register(SiteNotice)
class SiteNoticeAdmin(StampedAdmin):
    list_display = ["__str__", "is_active", "starts_at", "ends_at", "is_dismissible"]
    list_filter = ["is_active", "program"]
    fieldsets = [
        (None, {"fields": ["program", "text", "is_dismissible"]}),
        ("When", {"fields": ["is_active", "starts_at", "ends_at"]}),
    ]
