"""What every content admin shares: history with word-level diffs and revert, the stamp of who
saved last, protection against two editors overwriting each other, the Spanish and record
sections added to every form by themselves, move up / move down, photos and rich-text checks."""

import difflib
import re
from html import unescape

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, strip_tags
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from programs import images
from programs.caching import content_changed
from programs.fields import format_phone
from programs.readability import plain_text
from programs.sanitize import content_problems

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
        field = label or self.model._meta.get_field(change.field).verbose_name.capitalize()
        return type(change)(field=field, old="", new=word_diff(old, new))


HEADING_TOO_BIG = (
    "Change the heading “{text}” to Heading {first}. This text is shown under a Heading "
    "{under}, so its headings start at Heading {first}."
)
_HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1\s*>", re.IGNORECASE | re.DOTALL)


def checked_rich_text(html: str, *, under: int = 1) -> str:
    """The save-time content checks (programs.sanitize.content_problems) on a rich text shown
    under a heading of level `under` (1: the page title). Checked as typed, before the field
    sanitizes it, because the sanitizer would quietly drop an <h1> or an image."""
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
    return html  # programs.fields.RichTextField sanitizes it when it is stored


SPANISH_OUT_OF_DATE = (
    "The English changed after this Spanish text was translated. Update the Spanish, or tick "
    "“The Spanish says the same as the English” if it still does, before this is published."
)
SPANISH_CHECKED_LABEL = "The Spanish says the same as the English"


def word_diff(old: str, new: str) -> str:
    """Words removed struck through, words added underlined, unchanged runs shortened (HTML)."""
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
    return mark_safe("".join(parts))


class VersionedForm(forms.ModelForm):
    """Refuses to save over a newer version than the one the editor loaded, checks rich texts
    (and their Spanish twins) before they are saved, and keeps each Spanish text's record of the
    English it was translated from (showing the changed English words beside an out-of-date
    Spanish field)."""

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    spanish_up_to_date = forms.BooleanField(
        label=SPANISH_CHECKED_LABEL,
        required=False,
        help_text="Tick after checking an out-of-date Spanish text that still says the same.",
    )
    # Rich-text fields to check, and the heading level each is shown under (1: the page title).
    rich_text_under: dict[str, int] = {}
    # Safety facts and warning signs: an out-of-date Spanish twin cannot be published.
    spanish_must_be_current = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        stale = self.instance.stale_translations() if self.instance.pk and hasattr(self.instance, "stale_translations") else []  # fmt: skip
        for name in stale:
            field = self.fields.get(f"{name}_es")
            if field is not None:
                field.help_text = format_html(
                    "<strong>⚠ Out of date.</strong> The English changed since this was "
                    'translated: <span class="english-diff">{}</span>',
                    word_diff(
                        self.instance.translated_from.get(name, ""), getattr(self.instance, name)
                    ),
                )
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
        for name, under in self.rich_text_under.items():
            for field in (name, f"{name}_es"):
                if field in cleaned:
                    try:
                        cleaned[field] = checked_rich_text(cleaned[field], under=under)
                    except forms.ValidationError as error:
                        self.add_error(field, error)
        self._check_spanish(cleaned)
        self._check_facts(cleaned)
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

    def _check_facts(self, cleaned) -> None:
        """A placeholder naming no safety fact would show families nothing: say so."""
        from programs.models import Fact, Program
        from programs.templatetags.facts import unknown_facts

        texts = {
            name: value
            for name, value in cleaned.items()
            if isinstance(value, str) and "[[" in value
        }
        if not texts:
            return
        program = cleaned.get("program") or getattr(self.instance, "program", None)
        if isinstance(self.instance, Program):
            program = self.instance
        known = (
            Fact.objects.filter(program=program).values_list("slug", flat=True) if program else []
        )
        for name, value in texts.items():
            if problems := unknown_facts(value, known):
                self.add_error(name, problems)

    def _translated_now(self, cleaned) -> list[str]:
        """The translated fields whose Spanish now matches the English: typed in this form, or
        confirmed with the tick box."""
        names = getattr(self._meta.model, "translated_fields", list)()
        if cleaned.get("spanish_up_to_date"):
            return names
        return [name for name in names if f"{name}_es" in self.changed_data]

    def _check_spanish(self, cleaned) -> None:
        if not self.spanish_must_be_current or not hasattr(self.instance, "translated_from"):
            return
        confirmed = set(self._translated_now(cleaned))
        stored = self.instance.translated_from if self.instance.pk else {}
        for name in getattr(self._meta.model, "translated_fields", list)():
            spanish_name = f"{name}_es"
            if spanish_name not in self.fields or name in confirmed:
                continue
            spanish_text = cleaned.get(spanish_name, getattr(self.instance, spanish_name, ""))
            english = cleaned.get(name, getattr(self.instance, name, ""))
            if spanish_text and name in stored and stored[name] != english:
                self.add_error(spanish_name, SPANISH_OUT_OF_DATE)

    def save(self, commit=True):
        if hasattr(self.instance, "mark_translated"):
            self.instance.mark_translated(self._translated_now(self.cleaned_data))
        return super().save(commit)


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


class SpanishFilter(admin.SimpleListFilter):
    title = "Spanish"
    parameter_name = "spanish"

    def lookups(self, request, model_admin):
        return [("stale", "Out of date (the English changed)"), ("current", "Up to date")]

    def queryset(self, request, queryset):
        if self.value() not in ("stale", "current"):
            return queryset
        stale = [row.pk for row in queryset if row.stale_translations()]
        if self.value() == "stale":
            return queryset.filter(pk__in=stale)
        return queryset.exclude(pk__in=stale)


def stale_translation_counts() -> list[tuple[str, str, int]]:
    """(name, changelist URL filtered to them, count) of each kind of content with out-of-date
    Spanish texts, for the admin's front page."""
    from django.apps import apps

    counts = []
    for model in apps.get_app_config("programs").get_models():
        if not hasattr(model, "stale_translations") or model._meta.proxy:
            continue
        count = sum(1 for row in model.objects.all() if row.stale_translations())
        if count:
            url = reverse(f"admin:programs_{model._meta.model_name}_changelist") + "?spanish=stale"
            counts.append((str(model._meta.verbose_name_plural), url, count))
    return counts


class StampedAdmin(SimpleHistoryAdmin):
    """History, revert, the stamp of who saved last, protection against lost updates, and the
    state of each row's Spanish (a column and a filter)."""

    form = VersionedForm
    readonly_fields = AUDIT_FIELDS
    object_history_list_template = "admin/revision_list.html"

    def get_fieldsets(self, request, obj=None):
        """The declared (English) sections, then each translated field's Spanish twin in the
        same order, then the record; so no list of fields is typed twice."""
        fieldsets = list(super().get_fieldsets(request, obj))
        shown = flatten_fieldsets(fieldsets)
        twins = getattr(self.model, "translated_fields", list)()
        spanish = [f"{name}_es" for name in shown if name in twins and f"{name}_es" not in shown]
        if spanish:
            stale = obj is not None and obj.pk and bool(obj.stale_translations())
            fieldsets.append(
                (
                    "Spanish (out of date)" if stale else "Spanish",
                    {
                        "classes": [] if stale else ["collapse"],
                        "fields": [*spanish, "spanish_up_to_date"],
                    },
                )
            )
        if "updated_at" not in shown:
            fieldsets.append(AUDIT_FIELDSET)
        return [*fieldsets, (None, {"fields": ["loaded_version"], "classes": ["hidden"]})]

    def get_search_fields(self, request):
        """The declared fields, and the Spanish twin of each translated one."""
        fields = list(super().get_search_fields(request))
        twins = getattr(self.model, "translated_fields", list)()
        return fields + [f"{name}_es" for name in fields if name in twins]

    def get_list_display(self, request):
        display = list(super().get_list_display(request))
        if getattr(self.model, "translated_fields", list)():
            display.append("spanish_state")
        return display

    def get_list_filter(self, request):
        filters = list(super().get_list_filter(request))
        if getattr(self.model, "translated_fields", list)():
            filters.append(SpanishFilter)
        return filters

    @admin.display(description="Spanish")
    def spanish_state(self, obj):
        stale = obj.stale_translations()
        if stale:
            names = ", ".join(str(obj._meta.get_field(name).verbose_name) for name in stale)
            return format_html("<strong>⚠ Out of date</strong> ({})", names)
        return "Up to date"

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


class PhotoAdminMixin:
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        _refresh_variants(obj, field="photo", form=form)


def phone_column(field: str = "phone", description: str = "phone"):
    """A list column showing a stored number as families see it: (215) 555-0100."""

    @admin.display(description=description, ordering=field)
    def column(self, obj):
        return format_phone(getattr(obj, field))

    return column
