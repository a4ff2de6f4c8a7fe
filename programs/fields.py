"""Fields with rules of their own: a phone number stored normalized (E.164, e.g. +12155550123)
and validated with phonenumbers, and rich text that is sanitized whenever it is stored."""

import functools

import phonenumbers
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField

from programs.sanitize import sanitize_html, sanitize_inline

DEFAULT_REGION = "US"
INVALID_PHONE = _("Please enter a phone number we can call, for example (215) 555-0123.")


def normalize_phone(value: str, region: str = DEFAULT_REGION) -> str:
    """Return the E.164 form of a typed number; raise ValidationError if it cannot be dialed."""
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException as exc:
        raise ValidationError(INVALID_PHONE, code="invalid_phone") from exc
    # 555-01xx numbers are reserved for fiction, so is_valid_number() rejects them; a
    # possible number with a real area code is what we can check without calling it.
    if not phonenumbers.is_possible_number(number):
        raise ValidationError(INVALID_PHONE, code="invalid_phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


@functools.lru_cache(maxsize=512)
def format_phone(e164: str) -> str:
    """(215) 555-0123 for US numbers, +44 20 7946 0000 for the rest."""
    if not e164:
        return ""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    if number.country_code == 1:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


class PhoneNumberField(models.CharField):
    description = "Phone number, stored in E.164 form"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 20)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return value
        return normalize_phone(value)

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname)
        if value not in self.empty_values:
            value = normalize_phone(value)
            setattr(model_instance, self.attname, value)
        return value


# The editor's toolbar: what families' pages may contain. Sanitized when stored in any case.
RICH_TEXT = {
    "extensions": {
        "Bold": True,
        "Italic": True,
        "Heading": {"levels": [2, 3, 4]},
        "BulletList": True,
        "OrderedList": True,
        "ListItem": True,
        "Blockquote": True,
        "HardBreak": True,
        "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto", "tel"]},
        "Table": True,
        "TableRow": True,
        "TableHeader": True,
        "TableCell": True,
    }
}
INLINE_TEXT = {
    "extensions": {
        "Bold": True,
        "Italic": True,
        "HardBreak": True,
        "Link": RICH_TEXT["extensions"]["Link"],
    }
}


class RichTextField(ProseEditorField):
    """Text with simple formatting, edited with the prose editor. The one place rich text is
    sanitized (programs.sanitize's allowlist): when a form or full_clean() cleans it and
    whenever it is saved, so no path (the admin, a draft being published, load_demo) can store
    a script. `inline=True`: one-line texts (site notices) keep links and emphasis only."""

    def __init__(self, *args, inline: bool = False, **kwargs):
        self.inline = inline
        kwargs["config"] = INLINE_TEXT if inline else RICH_TEXT
        kwargs["sanitize"] = sanitize_inline if inline else sanitize_html
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        value = self.sanitize(getattr(model_instance, self.attname) or "")
        setattr(model_instance, self.attname, value)
        return value
