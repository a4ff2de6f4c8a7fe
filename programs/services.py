"""The editorial workflow: drafts, publishing and medical review of pages. The admin calls these;
history (django-simple-history) records every step with who and why."""

from django.db import transaction
from django.utils import timezone

from programs import images
from programs.models import DRAFT_FIELDS, Page


def _save(page: Page, *, by, reason: str, **kwargs) -> Page:
    page.updated_by = by
    page._change_reason = reason  # shown in the page's history
    page.save(**kwargs)
    return page


@transaction.atomic
def page_save(*, page: Page, by, publish: bool = False) -> str:
    """Save an editor's changes to `page` (an in-memory copy carrying the form's values).

    A live page keeps its live content until someone publishes: the changes go to its draft.
    A page that is not published (or is being unpublished) has nothing live to protect, so it is
    saved as it is. Publishing makes the changes live and clears the draft. Only people with the
    publish permission reach `publish=True` or can change `is_published` (the admin sees to it).
    Returns what happened, in words."""
    stored = Page.objects.select_for_update().get(pk=page.pk) if page.pk else None
    _picture_update(page, stored=stored)
    if publish:
        page.is_published, page.draft = True, None
        _save(page, by=by, reason="Published")
        return "published"
    if stored is None:
        _save(page, by=by, reason="Published" if page.is_published else "Created")
        return "published" if page.is_published else "saved"
    if not (stored.is_published and page.is_published):
        unpublishing = stored.is_published and not page.is_published
        page.draft = None  # the form showed the draft's values: they are now the page's
        _save(page, by=by, reason="Unpublished" if unpublishing else "Edited (not published)")
        return "unpublished" if unpublishing else "saved"
    # A live page: park the content fields in the draft and keep the live values.
    draft, live = _draft_values(page), _draft_values(stored)
    for name in ("body", "body_es"):  # JSON, so the field's own save-time sanitizing is not run
        draft[name] = Page._meta.get_field(name).sanitize(draft[name])
    for field in DRAFT_FIELDS:
        setattr(page, field, getattr(stored, field))
    changed = draft != live
    page.draft = draft if changed else None
    _save(page, by=by, reason="Draft saved" if changed else "Saved")
    return "draft saved" if changed else "saved"


def _draft_values(page: Page) -> dict:
    values = {field: getattr(page, field) for field in DRAFT_FIELDS}
    values["image"] = page.image.name or ""  # the draft is JSON: the stored file's name
    return values


def _picture_update(page: Page, *, stored: Page | None) -> None:
    """Store a newly uploaded picture and make its resized copies; an unchanged picture keeps
    the copies it has. Compared with the picture the editor loaded: the draft's, if any."""
    loaded = (stored.draft or {}) if stored else {}
    name = loaded.get("image", stored.image.name if stored else "") or ""
    variants = loaded.get("image_variants", stored.image_variants if stored else [])
    # The file field's own pre-save step: it writes a new upload to storage (a no-op otherwise),
    # which a draft needs, because a live page's row keeps its old picture.
    image = Page._meta.get_field("image").pre_save(page, add=page.pk is None)
    if (image.name or "") == name:
        page.image_variants = variants
    else:
        page.image_variants = images.make_variants(image) if image else []


def page_discard_draft(*, page: Page, by) -> Page:
    page.draft = None
    return _save(page, by=by, reason="Draft discarded")


def page_mark_reviewed(*, page: Page, by, today=None) -> Page:
    """A clinical reviewer read the live page and confirms it is still right."""
    page.reviewed_at = today or timezone.localdate()
    page.reviewed_by = by
    return _save(page, by=by, reason=f"Marked reviewed by {by.get_username()}")
