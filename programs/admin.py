"""What editors see: every page, person, line and rule, and the families' content (questions,
glossary, stories, trials, resources, language help), with history, drafts and medical review."""

import difflib
import re
from html import unescape

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminTextareaWidget
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, strip_tags
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from programs import images, services
from programs.caching import content_changed
from programs.fields import format_phone
from programs.models import (
    FAQ,
    ClinicalTrial,
    Condition,
    ContactLine,
    Coordinator,
    GlossaryTerm,
    JourneyStep,
    LanguageTagline,
    OpeningHours,
    Page,
    PatientStory,
    Program,
    Resource,
    SiteNotice,
    StayNearbyFact,
    TeamMember,
    WarningSign,
)
from programs.readability import GRADE_WARNING, grade_level, grade_message, plain_text
from programs.sanitize import content_problems, sanitize_html
from programs.templatetags.carsite import journey_duration

AUDIT_FIELDS = ["created_at", "updated_at", "updated_by"]
AUDIT_FIELDSET = ("Record", {"classes": ["collapse"], "fields": AUDIT_FIELDS})
CONFLICT = (
    "Someone else saved this {what} ({who}, {when}) after you opened it, so your changes were not "
    "saved. Open the page again to see their version, then make your changes again."
)


class ReadableHistory(HistoricalRecordContextHelper):
    """Long texts in the history list as a word-by-word diff: removed words struck through,
    added words underlined, unchanged text shortened, instead of two truncated HTML blobs."""

    def format_delta_change(self, change):
        old, new = str(change.old or ""), str(change.new or "")
        label = None
        if change.field == "draft":
            # A draft is shown as what it would change on the live page of that revision.
            if not change.new:
                return type(change)(
                    field="Unpublished changes", old="a draft", new="none (published or discarded)"
                )
            old, new = self.record.body, change.new.get("body", "")
            change = type(change)(field="body", old=old, new=new)
            label = "Draft (compared with the live text)"
        if len(old) + len(new) < 120:
            formatted = super().format_delta_change(change)
            return type(change)(
                field=label or formatted.field, old=formatted.old, new=formatted.new
            )
        old_words, new_words = plain_text(old).split(), plain_text(new).split()
        parts = []
        matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
        for op, a1, a2, b1, b2 in matcher.get_opcodes():
            if op == "equal":
                words = old_words[a1:a2]
                text = (
                    " ".join(words)
                    if len(words) <= 12
                    else f"{' '.join(words[:5])} … {' '.join(words[-5:])}"
                )
                parts.append(format_html("{} ", text))
            if op in ("delete", "replace"):
                parts.append(format_html("<del>{}</del> ", " ".join(old_words[a1:a2])))
            if op in ("insert", "replace"):
                parts.append(format_html("<ins>{}</ins> ", " ".join(new_words[b1:b2])))
        field = label or self.model._meta.get_field(change.field).verbose_name.capitalize()
        return type(change)(field=field, old="", new=mark_safe("".join(parts)))


class VersionedForm(forms.ModelForm):
    """Refuses to save over a newer version than the one the editor loaded."""

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The stored version now (not the instance's: when reverting, that is an old one).
            stored = (
                type(self.instance)
                .objects.filter(pk=self.instance.pk)
                .values_list("version", flat=True)
            )
            self.fields["loaded_version"].initial = stored.first()

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and cleaned.get("loaded_version") is not None:
            current = (
                type(self.instance)
                .objects.filter(pk=self.instance.pk)
                .values("version", "updated_at", "updated_by__username")
                .first()
            )
            if current and current["version"] != cleaned["loaded_version"]:
                raise forms.ValidationError(
                    CONFLICT.format(
                        what=self.instance._meta.verbose_name,
                        who=current["updated_by__username"] or "another editor",
                        when=timezone.localtime(current["updated_at"]).strftime(
                            "%b %-d, %-I:%M %p"
                        ),
                    ),
                    code="conflict",
                )
        return cleaned


class OrderedAdminMixin:
    """“Move up” and “Move down” buttons in the list, for menus, teams, lines and conditions.
    Works without JavaScript: each button posts the list's own form to the move URL."""

    order_field = "order"

    def get_list_display(self, request):
        display = list(super().get_list_display(request))
        return [*display, "move_buttons"] if self.has_change_permission(request) else display

    @admin.display(description="order")
    def move_buttons(self, obj):
        name = str(obj)
        buttons = [
            format_html(
                '<button type="submit" class="move-button" formmethod="post" formaction="{}" '
                'aria-label="Move “{}” {}" title="Move {}">{}</button>',
                reverse(
                    f"admin:{obj._meta.app_label}_{obj._meta.model_name}_move",
                    args=[obj.pk, direction],
                ),
                name,
                direction,
                direction,
                arrow,
            )
            for direction, arrow in (("up", "▲"), ("down", "▼"))
        ]
        return mark_safe(" ".join(buttons))

    def get_urls(self):
        opts = self.model._meta
        move = path(
            "<int:pk>/move/<str:direction>/",
            self.admin_site.admin_view(self.move_view),
            name=f"{opts.app_label}_{opts.model_name}_move",
        )
        return [move, *super().get_urls()]

    def move_view(self, request, pk, direction):
        obj = get_object_or_404(self.model, pk=pk)
        if (
            request.method != "POST"
            or direction not in ("up", "down")
            or not self.has_change_permission(request, obj)
        ):
            raise PermissionDenied
        siblings = list(self.model.objects.filter(program_id=obj.program_id))  # in Meta.ordering
        index = next(i for i, item in enumerate(siblings) if item.pk == obj.pk)
        other = index - 1 if direction == "up" else index + 1
        if 0 <= other < len(siblings):
            siblings[index], siblings[other] = siblings[other], siblings[index]
            for position, item in enumerate(siblings, start=1):
                setattr(item, self.order_field, position * 10)
            self.model.objects.bulk_update(siblings, [self.order_field])
            content_changed()  # bulk_update sends no signal
        back = request.META.get("HTTP_REFERER", "")
        if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
            back = reverse(
                f"admin:{self.model._meta.app_label}_{self.model._meta.model_name}_changelist"
            )
        return redirect(back)  # the list as it was, filters included


class StampedAdmin(SimpleHistoryAdmin):
    """History, revert, the stamp of who saved last, and protection against lost updates."""

    form = VersionedForm
    readonly_fields = AUDIT_FIELDS
    object_history_list_template = "admin/revision_list.html"

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        return [*fieldsets, (None, {"fields": ["loaded_version"], "classes": ["hidden"]})]

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableHistory(self.model, historical_record)

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)


def _refresh_variants(obj, *, field: str, form) -> None:
    """New or removed picture: make (or drop) its resized copies."""
    if field in form.changed_data:
        setattr(
            obj,
            f"{field}_variants",
            images.make_variants(getattr(obj, field)) if getattr(obj, field) else [],
        )
        type(obj).objects.filter(pk=obj.pk).update(
            **{f"{field}_variants": getattr(obj, f"{field}_variants")}
        )


@admin.register(Program)
class ProgramAdmin(StampedAdmin):
    list_display = ["name", "institution", "time_zone", "phone_display", "is_default"]
    search_fields = ["name", "institution"]
    list_filter = ["is_default"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "slug", "institution", "short_description", "is_default"]}),
        ("Home page", {"fields": ["about", "next_step"]}),
        ("Spanish", {"classes": ["collapse"], "fields": ["name_es", "short_description_es", "about_es", "next_step_es"]}),
        ("Contact and time", {"fields": ["main_phone", "time_zone"]}),
        ("Callback requests", {"fields": ["fallback_line", "response_hours"]}),
        AUDIT_FIELDSET,
    ]  # fmt: skip

    @admin.display(description="main phone", ordering="main_phone")
    def phone_display(self, obj):
        return format_phone(obj.main_phone)


HEADING_TOO_BIG = (
    "Change the heading “{text}” to Heading {first}. This text is shown under a Heading "
    "{under}, so its headings start at Heading {first}."
)
_HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1\s*>", re.IGNORECASE | re.DOTALL)


def checked_rich_text(html: str, *, under: int = 1) -> str:
    """The save-time content checks (programs.sanitize.content_problems) on a rich text shown
    under a heading of level `under` (1: the page title), then the text sanitized. Checked as
    typed, because the sanitizer would quietly drop an <h1> or an image."""
    html = html or ""
    # A heading of the level the text sits under starts the checker's outline there.
    outline = f"<h{under}>-</h{under}>{html}" if under > 1 else html
    problems = content_problems(outline)
    problems += [
        HEADING_TOO_BIG.format(
            text=" ".join(unescape(strip_tags(text)).split()), first=under + 1, under=under
        )
        for level, text in _HEADING.findall(html)
        if 1 < int(level) <= under  # Heading 1 has its own message
    ]
    if problems:
        raise forms.ValidationError(problems)
    return sanitize_html(html)


class PageForm(VersionedForm):
    class Meta:
        # A sentence or two: room to read it whole while editing.
        widgets = {
            name: AdminTextareaWidget(attrs={"rows": 2})
            for name in ("summary", "summary_es", "reviewer_role", "reviewer_role_es")
        }

    def clean_body(self):
        return checked_rich_text(self.cleaned_data.get("body"))

    def clean_body_es(self):
        return checked_rich_text(self.cleaned_data.get("body_es"))


class ReviewFilter(admin.SimpleListFilter):
    title = "medical review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("due", "Due within 30 days or overdue"), ("overdue", "Overdue or never reviewed")]

    def queryset(self, request, queryset):
        if self.value() == "due":
            return queryset.due_for_review()
        if self.value() == "overdue":
            return queryset.overdue_for_review()
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

    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            (
                None,
                {
                    "fields": [
                        "program",
                        "title",
                        "nav_title",
                        "slug",
                        "summary",
                        "body",
                        "reading_level",
                    ]
                },
            ),
            (
                "Spanish",
                {
                    "classes": ["collapse"],
                    "fields": [
                        "title_es",
                        "nav_title_es",
                        "summary_es",
                        "body_es",
                        "reviewer_role_es",
                    ],
                },
            ),
            (
                "Picture",
                {"classes": ["collapse"], "fields": ["image", "image_alt", "image_is_decorative"]},
            ),
            ("Where it shows", {"fields": ["kind", "show_in_nav"]}),
            (
                "Publishing",
                {"fields": ["publishing_state", "is_published", "publish_at", "unpublish_at"]},
            ),
            (
                "Medical review",
                {
                    "fields": [
                        "needs_review",
                        "reviewer_role",
                        "review_interval_months",
                        "review_summary",
                    ]
                },
            ),
            AUDIT_FIELDSET,
        ]
        return [*fieldsets, (None, {"fields": ["loaded_version"], "classes": ["hidden"]})]

    def get_readonly_fields(self, request, obj=None):
        fields = [*AUDIT_FIELDS, "reading_level", "publishing_state", "review_summary"]
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
        return grade_message(grade_level(obj.body) if obj and obj.pk else None)

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
        grade = grade_level(obj.with_draft().body if obj.has_draft else obj.body)
        level = messages.WARNING if grade is not None and grade > GRADE_WARNING else messages.INFO
        messages.add_message(request, level, grade_message(grade))

    def _mark_reviewed(self, request, obj):
        if not request.user.has_perm("programs.review_page"):
            raise PermissionDenied
        services.page_mark_reviewed(page=Page.objects.get(pk=obj.pk), by=request.user)
        messages.success(
            request, "Marked as medically reviewed today. This is recorded in the page's history."
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

    list_display = ["title_link", "review_display", "review_due", "reviewed_at", "reviewer_role"]
    ordering = ["review_due"]

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


class PhotoAdminMixin:
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        _refresh_variants(obj, field="photo", form=form)


@admin.register(TeamMember)
class TeamMemberAdmin(OrderedAdminMixin, PhotoAdminMixin, StampedAdmin):
    list_display = ["name", "credentials", "role", "languages", "is_published"]
    list_editable = ["is_published"]
    list_filter = ["is_published", "program"]
    search_fields = ["name", "role", "bio", "languages"]
    fieldsets = [
        (None, {"fields": ["program", "name", "credentials", "role", "bio", "languages"]}),
        ("Photo", {"fields": ["photo", "photo_alt", "photo_is_decorative"]}),
        ("Spanish", {"classes": ["collapse"], "fields": ["role_es", "bio_es"]}),
        ("Where it shows", {"fields": ["is_published"]}),
        AUDIT_FIELDSET,
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
        ("Spanish", {"classes": ["collapse"], "fields": ["name_es", "audience_es", "after_hours_es"]}),
        ("Callback requests", {"fields": ["response_hours"]}),
        ("Where it shows", {"fields": ["show_on_home", "show_in_footer", "is_published"]}),
        AUDIT_FIELDSET,
    ]  # fmt: skip

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("program").prefetch_related("hours")

    @admin.display(description="phone", ordering="phone")
    def phone_display(self, obj):
        return format_phone(obj.phone)

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
        ("Spanish", {"classes": ["collapse"], "fields": ["role_es"]}),
        ("Callback queue", {"fields": ["user"]}),
        ("Where it shows", {"fields": ["is_published"]}),
        AUDIT_FIELDSET,
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")

    @admin.display(description="phone", ordering="phone")
    def phone_display(self, obj):
        return format_phone(obj.phone)

    @admin.display(description="staff account", ordering="user__username")
    def staff_account(self, obj):
        return obj.user.get_username() if obj.user else None


@admin.register(Condition)
class ConditionAdmin(OrderedAdminMixin, StampedAdmin):
    list_display = ["name", "is_published"]
    list_editable = ["is_published"]
    list_filter = ["is_published", "program"]
    search_fields = ["name", "description"]
    fieldsets = [
        (None, {"fields": ["program", "name", "description"]}),
        ("Spanish", {"classes": ["collapse"], "fields": ["name_es", "description_es"]}),
        ("Where it shows", {"fields": ["is_published"]}),
        AUDIT_FIELDSET,
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
        ("Spanish", {"classes": ["collapse"], "fields": ["title_es", "what_happens_es", "where_es", "family_does_es", "duration_note_es"]}),
        ("Where it shows", {"fields": ["is_published"]}),
        AUDIT_FIELDSET,
    ]  # fmt: skip

    @admin.display(description="how long")
    def duration_display(self, obj):
        return journey_duration(obj)


@admin.register(WarningSign)
class WarningSignAdmin(OrderedAdminMixin, StampedAdmin):
    list_display = ["text", "group", "is_published"]
    list_editable = ["is_published"]
    list_filter = ["group", "is_published", "program"]
    search_fields = ["text", "text_es"]
    fieldsets = [
        (None, {"fields": ["program", "group", "text", "text_es"]}),
        ("Where it shows", {"fields": ["is_published"]}),
        AUDIT_FIELDSET,
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
        ("Spanish", {"classes": ["collapse"], "fields": ["heading_es", "fda_text_es", "policy_text_es"]}),
        AUDIT_FIELDSET,
    ]  # fmt: skip


@admin.register(SiteNotice)
class SiteNoticeAdmin(StampedAdmin):
    list_display = ["__str__", "is_active", "starts_at", "ends_at", "is_dismissible"]
    list_filter = ["is_active", "program"]
    fieldsets = [
        (None, {"fields": ["program", "text", "is_dismissible"]}),
        ("Spanish", {"classes": ["collapse"], "fields": ["text_es"]}),
        ("When", {"fields": ["is_active", "starts_at", "ends_at"]}),
        AUDIT_FIELDSET,
    ]


# --- Families' content: each kind is listed on its own page (a Page of the matching kind) ---


class FAQForm(VersionedForm):
    # Answers sit under their category's Heading 2 (templates/programs/_faq.html).
    def clean_answer(self):
        return checked_rich_text(self.cleaned_data.get("answer"), under=2)

    def clean_answer_es(self):
        return checked_rich_text(self.cleaned_data.get("answer_es"), under=2)


@admin.register(FAQ)
class FAQAdmin(OrderedAdminMixin, StampedAdmin):
    form = FAQForm
    list_display = ["question", "category", "is_published"]
    list_editable = ["is_published"]
    list_filter = ["is_published", "category", "program"]
    search_fields = ["question", "answer", "category", "question_es", "answer_es"]
    fieldsets = [
        (None, {"fields": ["program", "question", "answer", "category"]}),
        ("Spanish", {"classes": ["collapse"], "fields": ["question_es", "answer_es", "category_es"]}),
        ("Where it shows", {"fields": ["is_published"]}),
        AUDIT_FIELDSET,
    ]  # fmt: skip


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(StampedAdmin):
    list_display = ["term", "pronunciation", "term_es", "is_published"]
    list_editable = ["is_published"]
    list_filter = ["is_published", "program"]
    search_fields = ["term", "term_es", "definition", "definition_es"]
    prepopulated_fields = {"slug": ["term"]}
    fieldsets = [
        (None, {"fields": ["program", "term", "slug", "pronunciation", "definition"]}),
        ("Spanish", {"classes": ["collapse"], "fields": ["term_es", "pronunciation_es", "definition_es"]}),
        ("Where it shows", {"fields": ["is_published"]}),
        AUDIT_FIELDSET,
    ]  # fmt: skip


class PatientStoryForm(VersionedForm):
    # A story sits under its title, a Heading 2 (templates/programs/_stories.html).
    def clean_body(self):
        return checked_rich_text(self.cleaned_data.get("body"), under=2)

    def clean_body_es(self):
        return checked_rich_text(self.cleaned_data.get("body_es"), under=2)


@admin.register(PatientStory)
class PatientStoryAdmin(OrderedAdminMixin, PhotoAdminMixin, StampedAdmin):
    form = PatientStoryForm
    list_display = ["title", "name_shown", "consent_on_file", "is_published"]
    list_filter = ["is_published", "consent_on_file", "program"]
    search_fields = ["title", "name_shown", "body", "title_es", "body_es"]
    fieldsets = [
        (None, {"fields": ["program", "title", "name_shown", "body"]}),
        ("Photo", {"fields": ["photo", "photo_alt", "photo_is_decorative"]}),
        ("Privacy and consent", {"fields": ["privacy_note", "consent_on_file"]}),
        ("Spanish", {"classes": ["collapse"], "fields": ["title_es", "name_shown_es", "body_es", "photo_alt_es", "privacy_note_es"]}),
        ("Where it shows", {"fields": ["is_published"]}),
        AUDIT_FIELDSET,
    ]  # fmt: skip


@admin.register(ClinicalTrial)
class ClinicalTrialAdmin(OrderedAdminMixin, StampedAdmin):
    list_display = ["name", "short_name", "status", "ages_display", "contact", "is_published"]
    list_editable = ["is_published"]
    list_filter = ["status", "is_published", "program"]
    search_fields = ["name", "short_name", "registry_id", "for_whom", "name_es"]
    list_select_related = ["coordinator", "line"]
    fieldsets = [
        (None, {"fields": ["program", "name", "short_name", "for_whom", ("age_min", "age_max"), "status"]}),
        ("More about it", {"fields": ["link", "registry_id"]}),
        ("How families ask about it", {"fields": ["coordinator", "line"]}),
        ("Spanish", {"classes": ["collapse"], "fields": ["name_es", "for_whom_es"]}),
        ("Where it shows", {"fields": ["is_published"]}),
        AUDIT_FIELDSET,
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
    search_fields = ["title", "description", "title_es", "description_es"]
    fieldsets = [
        (None, {"fields": ["program", "title", "category", "description"]}),
        ("How to reach it", {"fields": ["link", "phone"]}),
        ("Spanish", {"classes": ["collapse"], "fields": ["title_es", "description_es"]}),
        ("Where it shows", {"fields": ["is_published"]}),
        AUDIT_FIELDSET,
    ]  # fmt: skip

    @admin.display(description="phone", ordering="phone")
    def phone_display(self, obj):
        return format_phone(obj.phone)


@admin.register(LanguageTagline)
class LanguageTaglineAdmin(OrderedAdminMixin, StampedAdmin):
    list_display = ["language", "native_name", "lang_code", "direction", "is_published"]
    list_editable = ["is_published"]
    list_filter = ["direction", "is_published", "program"]
    search_fields = ["language", "native_name", "lang_code"]
    fieldsets = [
        (None, {"fields": ["program", "language", "native_name", "lang_code", "direction", "tagline"]}),
        ("Spanish", {"classes": ["collapse"], "fields": ["language_es"]}),
        ("Where it shows", {"fields": ["is_published"]}),
        AUDIT_FIELDSET,
    ]  # fmt: skip
