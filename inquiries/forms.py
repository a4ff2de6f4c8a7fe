"""The family's callback form: short, kind, and only what a coordinator needs to call back."""

import time
import unicodedata
import uuid

import phonenumbers
from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Fieldset, Layout, Submit
from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from inquiries.checklist import ChecklistAnswers, Treatment
from inquiries.models import (
    MAX_AGE,
    Asker,
    CallbackRequest,
    CallTime,
    Diagnosis,
    DropReason,
    Language,
)
from programs.fields import DEFAULT_REGION

AGE_INVALID = format_lazy(
    _("Please enter the patient's age in whole years, from 0 to {max_age}."), max_age=MAX_AGE
)
AGE_ADULT_PATIENT = _("You said you are the patient and 18 or older. Please check the age.")
CONSENT_REQUIRED = _("We can only call you back if you agree to a call. Please tick this box.")
CONTROL_CHARACTERS = _("Please remove the special or invisible characters from this answer.")
DIRECTION_CHARACTERS = _(
    "Please remove the hidden text-direction characters from the name: they can make it show "
    "backwards to the person who calls you."
)
# Bidirectional embeddings, overrides, isolates and marks: in a name they can reorder how it
# shows in the coordinators' queue (U+202A-202E, U+2066-2069, U+200E, U+200F).
BIDI_CONTROLS = frozenset(
    [*map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A)), "\u200e", "\u200f"]
)
PHONE_ADD_AREA_CODE = _("Please add the area code, for example (215) 555-0123.")
PHONE_CHECK_AREA_CODE = _(
    "Please check the area code (the first 3 digits): we cannot call this number."
)
PHONE_INVALID = _(
    "Please enter a phone number we can call, for example (215) 555-0123, or an international "
    "number starting with +."
)
TOO_LONG = _("Please shorten this to %(limit_value)d characters or fewer (it has %(show_value)d).")
REQUIRED = _("Please answer this question.")
NAME_REQUIRED = _("Please tell us who to ask for.")
PHONE_REQUIRED = _("Please give a phone number we can call.")
CHOOSE = _("Please choose one of the answers.")
NAME_HINT = _("The person we should ask for.")
NOTE_HINT = _(
    "Optional. For example: the best way to reach you. Please do not write medical details here; "
    "we will ask about them when we call."
)
NOTE_MAX = 500
# Fields a link (such as the “Could CAR T be an option?” checklist) may fill in ahead.
PREFILLABLE = ("asker", "topic", "patient_age", "diagnosis", "relapsed", "language")
FILL_TIME_SALT = "carsite.callback.shown_at"
TRAP_FIELD = "leave_empty"
CHECK_AND_SEND_AGAIN = _("Please check your answers and send again.")
# The form's sections, in order, and the answers each asks.
SECTIONS = [
    (_("About the patient"), ("asker", "topic", "patient_age", "diagnosis", "relapsed")),
    (
        _("How to reach you"),
        ("name", "phone", "email", "best_times", "language", "language_other", "needs_interpreter"),
    ),
    (_("Anything else"), ("note",)),
    (_("Your permission"), ("consent_call", "consent_voicemail")),
]


def _age_seconds(signed: str, signer: signing.TimestampSigner) -> float:
    """Seconds since the form was shown, from its signed timestamp."""
    _value, timestamp, _signature = signed.rsplit(signer.sep, 2)
    return time.time() - signing.b62_decode(timestamp)


def new_shown_at() -> str:
    """The signed time a form is shown (its `shown_at` field)."""
    return signing.TimestampSigner(salt=FILL_TIME_SALT).sign("callback")


def age_field(label, *, required) -> forms.IntegerField:
    """An age in whole years, typed on a phone's number pad."""
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=MAX_AGE,
        error_messages={
            "required": required,
            "invalid": AGE_INVALID,
            "min_value": AGE_INVALID,
            "max_value": AGE_INVALID,
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "age-input"}),
    )


def callable_phone(value: str) -> tuple[str, str]:
    """(E.164 number, extension) of a number someone can dial, checked against the full
    phone-number metadata; a ValidationError that says what to fix otherwise."""
    try:
        number = phonenumbers.parse(value, DEFAULT_REGION)
    except phonenumbers.NumberParseException as exc:
        raise ValidationError(PHONE_INVALID, code="invalid_phone") from exc
    extension = (number.extension or "")[:10]
    if number.country_code == 1 and not phonenumbers.is_valid_number(number):
        digits = len(str(number.national_number))
        if digits == 7:
            raise ValidationError(PHONE_ADD_AREA_CODE, code="no_area_code")
        if digits == 10 or (digits == 9 and value.lstrip().startswith(("(0", "0"))):
            raise ValidationError(PHONE_CHECK_AREA_CODE, code="bad_area_code")
        raise ValidationError(PHONE_INVALID, code="invalid_phone")
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(PHONE_INVALID, code="invalid_phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), extension


def reject_control_characters(value: str, *, allow_newlines: bool = False) -> None:
    """Refuse control and unassigned characters and lone surrogates; keep every script and
    right-to-left marks, which real names and notes contain."""
    allowed = {"\n", "\r", "\t"} if allow_newlines else set()
    for char in value:
        if char in allowed:
            continue
        if unicodedata.category(char) in {"Cc", "Cs", "Co", "Cn"}:
            raise ValidationError(CONTROL_CHARACTERS, code="control_characters")


class CallbackRequestForm(forms.ModelForm):
    submission_token = forms.UUIDField(widget=forms.HiddenInput)
    # Bot traps, never shown to people: a field only a bot fills in, and when the form was shown.
    # The trap's name, label and autocomplete say nothing an autofill or password manager
    # recognizes (no "name", "email", "url", "website", "company", "address"…), so a parent's
    # one-tap autofill can never fill it in.
    leave_empty = forms.CharField(
        label=_("Leave this empty"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    shown_at = forms.CharField(widget=forms.HiddenInput, required=False, max_length=100)
    patient_age = age_field(_("Patient's age in years"), required=REQUIRED)
    best_times = forms.MultipleChoiceField(
        label=_("Best times to call (optional)"),
        choices=CallTime,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("In the hospital's local time."),
    )
    # Longer than the stored number (E.164, 20 at most): "(215) 555-0123 extension 1234" fits.
    phone = forms.CharField(
        label=_("Phone number"),
        max_length=40,
        help_text=_(
            "A US number with its area code, or an international one starting with +. "
            "Add an extension after “ext”, if there is one."
        ),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    )
    consent_call = forms.BooleanField(
        label=_("Yes, you may call me at this number about this request."),
        error_messages={"required": CONSENT_REQUIRED},
    )

    class Meta:
        model = CallbackRequest
        fields = [name for _legend, names in SECTIONS for name in names]
        labels = {
            "asker": _("Who is asking?"),
            "topic": _("What would you like to talk about?"),
            "diagnosis": _("What is the diagnosis?"),
            "relapsed": _("Did the cancer come back, or not go away with treatment?"),
            "name": _("Your name"),
            "email": _("Email (optional)"),
            "language": _("Which language should we speak?"),
            "language_other": _("If another language, which one? (optional)"),
            "needs_interpreter": _("I would like a free interpreter on the call."),
            "note": _("Anything else we should know? (optional)"),
            "consent_voicemail": _(
                "You may leave a voicemail that says who called (no health details)."
            ),
        }
        help_texts = {
            "name": NAME_HINT,
            "email": _("We only use it if we cannot reach you by phone."),
            "note": NOTE_HINT,
        }
        widgets = {
            "asker": forms.RadioSelect,
            "topic": forms.RadioSelect,
            "diagnosis": forms.RadioSelect,
            "relapsed": forms.RadioSelect,
            "language": forms.Select,
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "note": forms.Textarea(attrs={"rows": 3, "maxlength": NOTE_MAX}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name not in ("consent_call", "patient_age"):
                field.error_messages["required"] = REQUIRED
            if isinstance(field, forms.ChoiceField):
                field.error_messages["invalid_choice"] = CHOOSE
            if isinstance(field, forms.CharField) and field.max_length:
                field.error_messages["max_length"] = TOO_LONG
            if name in ("asker", "topic", "diagnosis", "relapsed"):
                field.choices = [c for c in field.choices if c[0] != ""]
        # A family reading the Spanish pages most likely wants a call in Spanish.
        page_language = (get_language() or "")[:2]
        self.fields["language"].initial = (
            page_language if page_language in Language.values else Language.ENGLISH
        )
        self.fields["name"].error_messages["required"] = NAME_REQUIRED
        self.fields["phone"].error_messages["required"] = PHONE_REQUIRED

    @cached_property
    def helper(self) -> FormHelper:
        """How crispy lays the form out; built only when the form is rendered (a valid post
        never is). The <form> tag, the CSRF token and the two per-request hidden fields are in
        the template: what crispy renders is then the same for every blank form in a language,
        so the view renders it once per process (see views.blank_form_fields)."""
        helper = FormHelper()
        helper.form_tag = False
        helper.layout = Layout(
            Div(TRAP_FIELD, css_class="hp", aria_hidden="true"),
            *(Fieldset(legend, *names) for legend, names in SECTIONS),
            # crispy renders HTML() as a template: the text is escaped, in this request's language.
            HTML(
                format_html(
                    '<p class="form-text">{}</p>',
                    gettext("We answer within the time shown on the next page."),
                )
            ),
            Submit("submit", _("Request a call back"), css_class="btn-lg"),
        )
        return helper

    def _clean_text(self, name: str, *, allow_newlines: bool = False) -> str:
        value = self.cleaned_data.get(name, "")
        reject_control_characters(value, allow_newlines=allow_newlines)
        return value.strip()

    def clean_name(self):
        value = self._clean_text("name")
        if BIDI_CONTROLS.intersection(value):
            raise ValidationError(DIRECTION_CHARACTERS, code="direction_characters")
        return value

    def clean_language_other(self):
        return self._clean_text("language_other")

    def clean_note(self):
        return self._clean_text("note", allow_newlines=True)

    def clean_email(self):
        return self._clean_text("email").lower()

    def clean_phone(self):
        e164, extension = callable_phone(self._clean_text("phone"))
        self.cleaned_data["phone_extension"] = extension
        return e164

    def clean(self):
        cleaned = super().clean()
        age = cleaned.get("patient_age")
        if cleaned.get("asker") == Asker.ADULT_PATIENT and age is not None and age < 18:
            self.add_error("patient_age", AGE_ADULT_PATIENT)
        return cleaned

    def _post_clean(self):
        # The model's own checks run in the service, after routing fills the required fields.
        pass

    def trap_sprung(self) -> DropReason | None:
        """Why this post looks automated, or None. Call after is_valid(). Only the trap field
        (HONEYPOT) is a bot for sure; the other reasons also happen to people (autofill and a
        quick tap; a page restored from an old tab), who get their form back to send again."""
        if self.has_error(TRAP_FIELD) or self.cleaned_data.get(TRAP_FIELD):
            return DropReason.HONEYPOT
        shown_at = self.data.get("shown_at", "")
        if not shown_at:
            return DropReason.NO_TIMESTAMP
        signer = signing.TimestampSigner(salt=FILL_TIME_SALT)
        try:
            signer.unsign(shown_at)  # no age limit: a tab left open overnight is still a person
        except signing.BadSignature:
            return DropReason.BAD_TIMESTAMP
        # A clock a little ahead on another server is no reason to doubt a family's request.
        if 0 <= _age_seconds(shown_at, signer) < settings.CALLBACK_MIN_FILL_SECONDS:
            return DropReason.TOO_FAST
        return None

    def to_send_again(self) -> "CallbackRequestForm":
        """This form's answers, with a fresh time shown, checked again: what a family whose
        post was held back gets to send again (no field is cleared)."""
        data = self.data.copy()
        data["shown_at"] = new_shown_at()
        data.pop(TRAP_FIELD, None)
        form = type(self)(data)
        form.is_valid()
        return form

    @classmethod
    def initial_from(cls, params) -> dict:
        """A new form's initial values: a fresh one-time token, when it was shown, plus answers
        passed in the link."""
        initial = {
            "submission_token": uuid.uuid4(),
            "shown_at": new_shown_at(),
        }
        for name in PREFILLABLE:
            value = params.get(name, "")
            if value and len(value) <= 30:
                initial[name] = value
        return initial

    def service_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["phone_extension"] = self.cleaned_data.get("phone_extension", "")
        data["best_times"] = list(data["best_times"])
        return data


class ChecklistForm(forms.Form):
    """“Could CAR T be an option?”: a plain GET form. Nothing is saved."""

    RELAPSE_CHOICES = [
        ("refractory", _("It did not go away with treatment")),
        ("once", _("It came back once")),
        ("more", _("It came back 2 or more times")),
        ("no", _("No, it is in remission after the first treatment")),
        ("not_sure", _("I am not sure")),
    ]
    age = age_field(_("How old is your child, in years?"), required=AGE_INVALID)
    diagnosis = forms.ChoiceField(
        label=_("What is the diagnosis?"),
        choices=Diagnosis.choices,
        widget=forms.RadioSelect,
        error_messages={"required": REQUIRED, "invalid_choice": CHOOSE},
    )
    relapse = forms.ChoiceField(
        label=_("Did the cancer come back, or not go away with treatment?"),
        choices=RELAPSE_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": REQUIRED, "invalid_choice": CHOOSE},
    )
    treatments = forms.MultipleChoiceField(
        label=_("Which treatments has your child had? (optional)"),
        choices=Treatment.CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": CHOOSE},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        # Posted: health answers never travel in a URL (proxies log it; the next click sends it).
        self.helper.form_method = "post"
        self.helper.attrs = {"novalidate": ""}
        self.helper.layout = Layout(
            "age",
            "diagnosis",
            "relapse",
            "treatments",
            Submit("see", _("See what this usually means")),
        )

    def answers(self) -> ChecklistAnswers:
        data = self.cleaned_data
        relapsed = {
            "refractory": "yes",
            "once": "yes",
            "more": "yes",
            "no": "no",
            "not_sure": "not_sure",
        }
        return ChecklistAnswers(
            age=data["age"],
            diagnosis=data["diagnosis"],
            relapsed=relapsed[data["relapse"]],
            treatments=tuple(data["treatments"]),
            came_back_once=data["relapse"] == "once",
        )
