"""The coordinators' queue: open requests first, most urgent at the top, and a request's page
where the work is done (every change through inquiries.services, every look in the access log)."""

import datetime

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected
from django.contrib.admin.utils import flatten_fieldsets
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join

from inquiries.admin.audit import audit
from inquiries.admin.export import CsvExportMixin
from inquiries.admin.report import ReportMixin
from inquiries.models import (
    AccessAction,
    Activity,
    CallbackRequest,
    CallTime,
    Language,
    LaterSubmission,
    Status,
)
from inquiries.services import callback_request_update
from programs.fields import format_phone

NOTIFY_FAILING_AFTER = 3


def duration_text(delta: datetime.timedelta) -> str:
    minutes = int(abs(delta.total_seconds()) // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return f"{days} d {hours} h"
    if hours:
        return f"{hours} h {minutes} min"
    return f"{minutes} min"


class CappedCountPaginator(Paginator):
    """Counts at most CAP rows, so a page load never counts the whole table: the queue shows
    "more than 10,000" and pages up to there; filters and search narrow it further."""

    CAP = 10_000

    @cached_property
    def count(self) -> int:
        counted = self.object_list.order_by()[: self.CAP + 1].count()
        self.capped = counted > self.CAP
        return min(counted, self.CAP)


class OverdueFilter(admin.SimpleListFilter):
    title = "due"
    parameter_name = "due"

    def lookups(self, request, model_admin):
        return [("overdue", "Overdue"), ("today", "Due in the next 24 hours")]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "overdue":
            return queryset.overdue(now)
        if self.value() == "today":
            return queryset.open().filter(
                due_by__gte=now, due_by__lt=now + datetime.timedelta(days=1)
            )
        return queryset


class AssignedFilter(admin.SimpleListFilter):
    title = "assigned to"
    parameter_name = "assigned"

    def lookups(self, request, model_admin):
        return [("me", "Me"), ("nobody", "Nobody yet")]

    def queryset(self, request, queryset):
        if self.value() == "me":
            return queryset.filter(assigned_to=request.user)
        if self.value() == "nobody":
            return queryset.filter(assigned_to__isnull=True)
        return queryset


class NotificationFilter(admin.SimpleListFilter):
    title = "staff email"
    parameter_name = "notified"

    def lookups(self, request, model_admin):
        return [("failing", "Failing"), ("pending", "Not sent yet"), ("sent", "Sent")]

    def queryset(self, request, queryset):
        if self.value() == "failing":
            return queryset.unnotified().filter(
                Q(notify_attempts__gte=NOTIFY_FAILING_AFTER) | ~Q(notify_error="")
            )
        if self.value() == "pending":
            return queryset.unnotified()
        if self.value() == "sent":
            return queryset.filter(notified_at__isnull=False)
        return queryset


class ActivityInline(admin.TabularInline):
    """The request's log: read-only, append-only."""

    model = Activity
    extra = 0
    can_delete = False
    fields = ["created_at", "kind", "author", "text"]
    readonly_fields = fields
    verbose_name_plural = "Activity (newest last)"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class LaterSubmissionInline(admin.StackedInline):
    """Every later form from the same family, as sent: one request, every submission."""

    model = LaterSubmission
    extra = 0
    can_delete = False
    fields = ["received_at", "linked_by", "answers_display"]
    readonly_fields = fields
    verbose_name_plural = "Later submissions (the family sent the form again)"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="what they sent")
    def answers_display(self, obj):
        answers = obj.answers
        phone = format_phone(answers.get("phone", ""))
        if answers.get("phone_extension"):
            phone += f" ext. {answers['phone_extension']}"
        rows = [("Phone", phone)] + [
            (label, answers.get(key))
            for key, label in [
                ("name", "Name"),
                ("email", "Email"),
                ("best_times", "Best times"),
                ("language", "Language"),
                ("language_other", "Other language"),
                ("needs_interpreter", "Needs an interpreter"),
                ("asker", "Who is asking"),
                ("topic", "Topic"),
                ("patient_age", "Patient's age"),
                ("diagnosis", "Diagnosis"),
                ("relapsed", "Came back or did not respond"),
                ("note", "Note"),
            ]
        ]
        return format_html_join(
            "", "<div><strong>{}:</strong> {}</div>", ((k, "" if v is None else v) for k, v in rows)
        )


class WorkForm(forms.ModelForm):
    """What a coordinator changes on a request; everything else on the page is read-only."""

    new_note = forms.CharField(
        label="Add a note",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Saved in the activity log with your name and the time. Notes cannot be edited later.",
    )
    call_attempt = forms.BooleanField(
        label="I tried to call and did not reach them",
        required=False,
        help_text="Logs a call attempt (with the note above, if any).",
    )

    class Meta:
        model = CallbackRequest
        fields = ["status", "outcome", "assigned_to"]
        help_texts = {"outcome": "Needed to close the request; only set when closing."}

    def clean(self):
        cleaned = super().clean()
        status, outcome = cleaned.get("status"), cleaned.get("outcome")
        if status == Status.CLOSED and not outcome:
            self.add_error("outcome", "Choose an outcome to close the request.")
        if status and status != Status.CLOSED and outcome:
            self.add_error("outcome", "Leave the outcome empty unless you close the request.")
        return cleaned


@admin.register(CallbackRequest)
class CallbackRequestAdmin(CsvExportMixin, ReportMixin, admin.ModelAdmin):
    form = WorkForm
    inlines = [LaterSubmissionInline, ActivityInline]
    list_display = [
        "reference",
        "received_at",
        "routed_to_display",
        "due_display",
        "status",
        "assigned_to",
        "language_display",
        "notified_display",
    ]
    list_display_links = ["reference"]
    list_filter = [
        "status",
        OverdueFilter,
        AssignedFilter,
        # Every line and coordinator (a short list), not only those with requests: that
        # would scan the whole table for DISTINCT values on each page load.
        "line",
        "coordinator",
        "language",
        "needs_interpreter",
        NotificationFilter,
    ]
    search_fields = ["=reference", "name", "phone"]
    search_help_text = "Search by reference (ABCD-EFGH), name or phone number."
    list_select_related = ["line", "coordinator", "assigned_to", "program"]
    list_per_page = 50
    paginator = CappedCountPaginator
    show_full_result_count = False
    view_on_site = False
    actions = ["take_selected", "export_csv", delete_selected]
    fieldsets = [
        ("Request", {"fields": ["reference", "received_at", "due_display", "routed_to_display", "matched_rule_display"]}),
        ("Work it", {"fields": ["status", "outcome", "assigned_to", "new_note", "call_attempt"]}),
        ("Who to call", {"fields": ["name", "phone_display", "email", "best_times_display", "language_display",
                                    "needs_interpreter", "consent_call", "consent_voicemail"]}),
        ("Their answers", {"fields": ["asker", "topic", "patient_age", "diagnosis", "relapsed", "note"]}),
        ("Timeline", {"fields": ["first_contact_at", "closed_at", "notified_display"]}),
    ]  # fmt: skip

    def get_readonly_fields(self, request, obj=None):
        """Everything on the page but the work form's own fields."""
        editable = {*WorkForm.Meta.fields, *WorkForm.declared_fields}
        return [name for name in flatten_fieldsets(self.fieldsets) if name not in editable]

    def get_search_results(self, request, queryset, search_term):
        """Reference (with or without its dash), part of a name, or a phone typed any way
        (phones are stored as +12155550123)."""
        term = search_term.strip()
        if not term:
            return queryset, False
        match = Q(name__icontains=term) | Q(reference__iexact=term)
        compact = term.upper().replace("-", "").replace(" ", "")
        if len(compact) == 8:
            match |= Q(reference=f"{compact[:4]}-{compact[4:]}")
        digits = "".join(ch for ch in term if ch.isdigit())
        if len(digits) >= 7:
            match |= Q(phone__endswith=digits[-10:])
        return queryset.filter(match), False

    def has_add_permission(self, request):
        return False  # requests come from families only

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "assigned_to":
            # Only people who can work the queue can be given a request.
            kwargs["queryset"] = (
                get_user_model()
                .objects.filter(is_active=True, is_staff=True)
                .filter(
                    Q(is_superuser=True)
                    | Q(groups__permissions__codename="change_callbackrequest")
                    | Q(user_permissions__codename="change_callbackrequest")
                )
                .distinct()
                .order_by("username")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    # --- the access log: every look at and change to a request, with ids only ---
    # Written once the page is granted (a refused or missing request was not looked at).
    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        if request.method == "GET" and response.status_code == 200:
            audit(request, AccessAction.LIST, detail="the queue")
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and response.status_code == 200:
            audit(request, AccessAction.VIEW, self.get_object(request, object_id))
        return response

    def history_view(self, request, object_id, extra_context=None):
        response = super().history_view(request, object_id, extra_context)
        if response.status_code == 200:
            obj = self.get_object(request, object_id)
            audit(request, AccessAction.VIEW, obj, detail="history")
        return response

    def delete_model(self, request, obj):
        audit(request, AccessAction.DELETE, obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            audit(request, AccessAction.DELETE, obj, detail="bulk delete")
        super().delete_queryset(request, queryset)

    # --- columns ---
    @admin.display(description="routed to", ordering="line__name")
    def routed_to_display(self, obj):
        return (
            obj.routed_to if not obj.coordinator_id else f"{obj.coordinator.name} ({obj.line.name})"
        )

    @admin.display(description="due by", ordering="due_by")
    def due_display(self, obj):
        local = timezone.localtime(obj.due_by, obj.program.tz)
        when = local.strftime("%a %b %-d, %-I:%M %p")
        if obj.status == Status.CLOSED:
            return when
        now = timezone.now()
        if obj.due_by < now:
            return format_html(
                '<strong class="overdue">⚠ OVERDUE by {}</strong><br>{}',
                duration_text(now - obj.due_by),
                when,
            )
        return format_html("{}<br><small>in {}</small>", when, duration_text(obj.due_by - now))

    @admin.display(description="language", ordering="language")
    def language_display(self, obj):
        text = (
            obj.language_other
            if obj.language == Language.OTHER and obj.language_other
            else obj.get_language_display()
        )
        if obj.interpreter_for:  # nobody in the program speaks it (routing.py)
            return f"{text}: needs an interpreter: {obj.interpreter_for}"
        return f"{text} + interpreter" if obj.needs_interpreter else text

    @admin.display(description="staff email")
    def notified_display(self, obj):
        if obj.notified_at:
            return "Sent"
        if obj.notify_attempts >= NOTIFY_FAILING_AFTER or obj.notify_error:
            return format_html("<strong>⚠ Failing</strong> ({} tries{})", obj.notify_attempts + 1,
                               f": {obj.notify_error}" if obj.notify_error else "")  # fmt: skip
        return "Queued"

    @admin.display(description="phone")
    def phone_display(self, obj):
        if obj.phone_extension:
            return format_html(
                '<a href="tel:{};ext={}">{}</a> ext. {}',
                obj.phone,
                obj.phone_extension,
                format_phone(obj.phone),
                obj.phone_extension,
            )
        return format_html('<a href="tel:{}">{}</a>', obj.phone, format_phone(obj.phone))

    @admin.display(description="best times to call")
    def best_times_display(self, obj):
        labels = dict(CallTime.choices)
        # str(): the labels are lazy translations, which str.join() does not accept.
        return ", ".join(str(labels.get(t, t)) for t in obj.best_times) or "Any time"

    @admin.display(description="matched rule")
    def matched_rule_display(self, obj):
        return obj.matched_rule_name or "—"

    # --- the coordinator's work goes through the service, which logs every change ---
    def save_model(self, request, obj, form, change):
        cleaned = form.cleaned_data
        take = "_take" in request.POST
        changed = sorted(
            {*form.changed_data, *(["assigned_to"] if take else [])} - {"loaded_version"}
        )
        audit(request, AccessAction.CHANGE, obj, detail=", ".join(changed))
        try:
            callback_request_update(
                callback_request=obj,
                by=request.user,
                status=cleaned["status"],
                outcome=cleaned["outcome"],
                assign=True,
                assigned_to=request.user if take else cleaned["assigned_to"],
                note=cleaned["new_note"].strip(),
                attempt=cleaned["call_attempt"],
            )
        except ValueError as exc:
            messages.error(request, str(exc))

    def response_change(self, request, obj):
        if "_take" in request.POST:
            self.message_user(request, f"{obj.reference} is assigned to you.", messages.SUCCESS)
            return redirect(reverse("admin:inquiries_callbackrequest_change", args=[obj.pk]))
        return super().response_change(request, obj)

    # --- actions ---
    @admin.action(description="Assign the selected requests to me", permissions=["change"])
    def take_selected(self, request, queryset):
        for req in queryset:
            callback_request_update(
                callback_request=req, by=request.user, assign=True, assigned_to=request.user
            )
        self.message_user(
            request, f"{queryset.count()} request(s) assigned to you.", messages.SUCCESS
        )
