"""What every kind of content shares: who saved it last and its version (Timestamped), its
Spanish twins (Translatable, spanish()), its history, and for listed rows their order and
whether families see them (Listed)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from simple_history.models import HistoricalRecords

from programs.fields import RichTextField

IMAGE_ALT_REQUIRED = (
    "Please describe the picture for people who cannot see it, or tick “decorative”."
)
# Resized copies of a picture: derived from the picture, so the history does not repeat them.
VARIANT_FIELDS = ["image_variants", "photo_variants"]
# Bookkeeping of the translations, not content: the history does not repeat it either.
NOT_IN_HISTORY = [*VARIANT_FIELDS, "translated_from"]


def ordered_or_empty(low: str, high: str, *, name: str, strict: bool = False):
    """A database check that `low` comes before `high` (or equals it, unless strict) when both
    are filled in: an age range, a duration, a publishing window."""
    before = Q(**{f"{high}__gt" if strict else f"{high}__gte": models.F(low)})
    condition = Q(**{f"{low}__isnull": True}) | Q(**{f"{high}__isnull": True}) | before
    return models.CheckConstraint(condition=condition, name=name)


def one_of(field: str, choices, *, name: str):
    """A database check that `field` holds one of `choices` (a TextChoices class)."""
    return models.CheckConstraint(condition=Q(**{f"{field}__in": choices.values}), name=name)


class Timestamped(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    # Bumped on every save. The admin form carries the version it loaded, so a second editor
    # saving an older copy gets a clear message instead of silently overwriting the first.
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if self.pk is not None and (update_fields is None or "version" in update_fields):
            self.version += 1
        super().save(*args, **kwargs)


class Localized:
    """An object's text in the active language: `page.tr.title` is the Spanish title on Spanish
    pages when there is one, else the English. Templates use it for everything families read."""

    def __init__(self, obj):
        self._obj = obj
        self._language = (get_language() or "en")[:2]

    def __getattr__(self, name: str):
        if self._language != "en":
            translated = getattr(self._obj, f"{name}_{self._language}", None)
            if translated:
                return translated
        return getattr(self._obj, name)


class Translatable(models.Model):
    """Content with a Spanish twin for some fields (`title_es` beside `title`): a clean, explicit
    design instead of a package that patches models at start-up, so history and drafts simply
    see ordinary fields.

    Each Spanish text records the English it was translated from (`translated_from`), so a
    changed English shows the Spanish as out of date (stale_translations()) until someone
    updates the Spanish or confirms it (mark_translated(), done by the admin's form)."""

    translated_from = models.JSONField(
        "English the Spanish was translated from", default=dict, blank=True, editable=False
    )
    english_updated_at = models.DateTimeField(
        "English last changed", null=True, blank=True, editable=False
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # Rich text is stored sanitized: record the English as it is stored, not as typed.
        for name in self.translated_fields():
            field = self._meta.get_field(name)
            if isinstance(field, RichTextField):
                typed = getattr(self, name) or ""
                stored = field.sanitize(typed)
                if self.translated_from.get(name) == typed:
                    self.translated_from[name] = stored
                setattr(self, name, stored)
        loaded = getattr(self, "_loaded_english", None)
        changed = [
            name for name in self.translated_fields()
            if loaded is not None and name in loaded and loaded[name] != getattr(self, name)
        ]  # fmt: skip
        if changed:
            self.english_updated_at = timezone.now()
        # A Spanish text with no record yet (a new row) was made from the English it sits beside.
        for name in self.translated_fields():
            if getattr(self, f"{name}_es", "") and name not in self.translated_from:
                self.translated_from[name] = getattr(self, name)
        super().save(*args, **kwargs)
        self._loaded_english = {name: getattr(self, name) for name in self.translated_fields()}

    @classmethod
    def from_db(cls, db, field_names, values, *args, **kwargs):
        instance = super().from_db(db, field_names, values, *args, **kwargs)
        instance._loaded_english = {
            name: getattr(instance, name)
            for name in cls.translated_fields()
            if name in instance.__dict__
        }
        return instance

    def stale_translations(self) -> list[str]:
        """The fields whose Spanish was translated from an English text that has changed since."""
        return [
            name
            for name in self.translated_fields()
            if getattr(self, f"{name}_es", "")
            and name in self.translated_from
            and self.translated_from[name] != getattr(self, name)
        ]

    def mark_translated(self, names=None) -> None:
        """The Spanish of `names` (default: all) now matches the English beside it."""
        for name in names if names is not None else self.translated_fields():
            if getattr(self, f"{name}_es", ""):
                self.translated_from[name] = getattr(self, name)
            else:
                self.translated_from.pop(name, None)

    @property
    def tr(self) -> Localized:
        return Localized(self)

    @classmethod
    def translated_fields(cls) -> list[str]:
        """The fields that have a Spanish twin (`title` for `title_es`), in model order."""
        names = {field.name for field in cls._meta.get_fields()}
        return [name for name in names_in_order(cls) if f"{name}_es" in names]


def names_in_order(model) -> list[str]:
    return [field.name for field in model._meta.get_fields() if not field.auto_created]


def spanish(field: models.Field, label: str) -> models.Field:
    """The Spanish twin of `field`: same type and limits, optional, labelled for editors."""
    _, _path, args, kwargs = field.deconstruct()
    kwargs |= {
        "verbose_name": f"{label} (Spanish)",
        "blank": True,
        "help_text": "Spanish text. Leave empty to show the English text on Spanish pages.",
    }
    kwargs.pop("default", None)
    if isinstance(field, RichTextField):  # stored as a TextField: its options are not in kwargs
        kwargs["inline"] = field.inline
    return type(field)(*args, **kwargs)


class ContentHistory(HistoricalRecords):
    """Every revision kept, for each concrete model below Content (`inherit`); a proxy (such as
    the admin's list of pages due for review) is another view of its model's rows and history."""

    def finalize(self, sender, **kwargs):
        if not sender._meta.proxy:
            super().finalize(sender, **kwargs)

    def create_history_model(self, model, inherited):
        # One instance serves every subclass: exclude only the fields this model has.
        excluded = self.excluded_fields
        names = {field.name for field in model._meta.fields}
        self.excluded_fields = [name for name in excluded if name in names]
        try:
            return super().create_history_model(model, inherited)
        finally:
            self.excluded_fields = excluded


class Content(Translatable, Timestamped):
    """Anything families read: Spanish twins, who saved it last, and every revision kept."""

    history = ContentHistory(inherit=True, excluded_fields=NOT_IN_HISTORY)

    class Meta:
        abstract = True


class PublishedQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class Listed(Content):
    """A row of one of the program's lists (team, lines, questions …), shown in order on its
    page while it is published."""

    order = models.PositiveIntegerField(default=0, help_text="Lower numbers come first.")
    is_published = models.BooleanField(default=True, verbose_name="published")

    objects = PublishedQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["order", "pk"]


class Person(Listed):
    """Someone families may meet or call: a team member or a coordinator."""

    name = models.CharField(max_length=120)
    credentials = models.CharField(
        max_length=60, blank=True, help_text="For example “MD, PhD” or “RN, MSN”."
    )
    role = models.CharField(max_length=160, help_text="What they do for families, in plain words.")
    role_es = spanish(role, "role")
    languages = models.CharField(
        max_length=200, blank=True, help_text="For example “English, Spanish”."
    )
    languages_es = spanish(languages, "languages")

    class Meta(Listed.Meta):
        abstract = True
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return f"{self.name}, {self.credentials}" if self.credentials else self.name


def photo_path(instance, filename: str) -> str:
    return f"{instance.PHOTO_FOLDER}/{filename}"


class WithPhoto(models.Model):
    """An optional photo, described for people who cannot see it, with its resized copies
    (programs.images; made by the admin when the photo changes)."""

    PHOTO_FOLDER = "photos"

    photo = models.ImageField(upload_to=photo_path, blank=True)
    photo_alt = models.CharField(
        max_length=200,
        blank=True,
        help_text="Describe the photo for people who cannot see it. Required when there is a photo.",
    )
    photo_alt_es = spanish(photo_alt, "photo description")
    photo_is_decorative = models.BooleanField(
        "photo is decorative",
        default=False,
        help_text="Tick only if the photo adds no information.",
    )
    photo_variants = models.JSONField(default=list, blank=True, editable=False)

    class Meta:
        abstract = True

    def photo_errors(self) -> dict:
        if self.photo and not self.photo_is_decorative and not self.photo_alt.strip():
            return {"photo_alt": IMAGE_ALT_REQUIRED}
        return {}

    def clean(self):
        if errors := self.photo_errors():
            raise ValidationError(errors)
