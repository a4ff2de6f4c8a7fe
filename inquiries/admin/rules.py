"""The routing table, and "Try routing": where a set of answers would go, and why."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path

from inquiries import routing
from inquiries.models import Asker, Diagnosis, Language, Relapsed, RoutingRule, Topic
from inquiries.services import answers_for
from programs.models import Program


class TryRoutingForm(forms.Form):
    program = forms.ModelChoiceField(queryset=Program.objects.all())
    asker = forms.ChoiceField(label="Who is asking", choices=Asker)
    topic = forms.ChoiceField(choices=Topic)
    age = forms.IntegerField(label="Patient's age", min_value=0, max_value=120)
    diagnosis = forms.ChoiceField(choices=Diagnosis)
    relapsed = forms.ChoiceField(label="Came back or did not respond", choices=Relapsed)
    language = forms.ChoiceField(choices=Language)
    needs_interpreter = forms.BooleanField(required=False)


@admin.register(RoutingRule)
class RoutingRuleAdmin(admin.ModelAdmin):
    list_display = ["priority", "name", "conditions", "line", "coordinator", "is_active"]
    list_display_links = ["name"]
    list_editable = ["priority", "is_active"]
    list_filter = ["is_active", "program", "line"]
    search_fields = ["name"]
    ordering = ["program", "priority", "pk"]
    list_select_related = ["line", "coordinator"]
    fieldsets = [
        (None, {"fields": ["program", "priority", "name", "is_active"]}),
        ("When (empty means any)", {"fields": ["asker", "topic", ("min_age", "max_age"), "diagnosis", "relapsed",
                                               "language", "needs_interpreter", "only_if_spoken"]}),
        ("Then call back from", {"fields": ["line", "coordinator"]}),
    ]  # fmt: skip

    @admin.display(description="when")
    def conditions(self, obj):
        parts = []
        for field in ("asker", "topic", "diagnosis", "relapsed", "language"):
            if getattr(obj, field):
                parts.append(str(getattr(obj, f"get_{field}_display")()))  # lazy label
        if obj.min_age is not None or obj.max_age is not None:
            parts.append(
                f"age {obj.min_age if obj.min_age is not None else 0}–{obj.max_age if obj.max_age is not None else '…'}"
            )
        if obj.only_if_spoken:
            parts.append("they speak the family's language")
        if obj.needs_interpreter is not None:
            parts.append("needs an interpreter" if obj.needs_interpreter else "no interpreter")
        return "; ".join(parts) or "Always"

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if warning := routing.rule_language_warning(obj):
            messages.warning(request, warning)

    def get_urls(self):
        view = self.admin_site.admin_view(self.try_routing_view)
        return [path("try/", view, name="inquiries_routingrule_try"), *super().get_urls()]

    def try_routing_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        form = TryRoutingForm(request.GET or None, initial={"program": Program.objects.for_site()})
        destination = None
        if form.is_valid():
            data = form.cleaned_data
            answers = answers_for(
                program=data["program"], data={**data, "patient_age": data["age"]}
            )
            destination = routing.destination_for(data["program"], answers)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Try routing",
            "form": form,
            "destination": destination,
        }
        return TemplateResponse(request, "admin/inquiries/routingrule/try.html", context)
