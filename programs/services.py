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
        _mark_medical_change(page, stored)
        _save(page, by=by, reason="Published")
        return "published"
    if stored is None:
        _save(page, by=by, reason="Published" if page.is_published else "Created")
        return "published" if page.is_published else "saved"
    if not (stored.is_published and page.is_published):
        unpublishing = stored.is_published and not page.is_published
        page.draft = None  # the form showed the draft's values: they are now the page's
        _mark_medical_change(page, stored)
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
    """A clinical reviewer read the live page and confirms it is still right: the review covers
    the page's latest revision (its history id is recorded), and any pending change."""
    latest = page.history.order_by("-history_id").values_list("history_id", flat=True).first()
    page.reviewed_at = today or timezone.localdate()
    page.reviewed_by = by
    page.reviewed_revision = latest
    page.review_pending, page.review_pending_reason = False, ""
    return _save(page, by=by, reason=f"Marked reviewed by {by.get_username()} (revision {latest})")


# --- medical review of changes ---------------------------------------------------------------

MEDICAL_FIELDS = ("title", "title_es", "summary", "summary_es", "body", "body_es")


def page_flag_for_review(*, page: Page, by, reason: str) -> Page:
    """A published change a clinical reviewer has not seen: the public page says the review of
    the change is pending, and the page is on the review list, until someone marks it reviewed."""
    page.review_pending = True
    page.review_pending_reason = reason[:300]
    page.medical_changed_at = timezone.now()
    return _save(page, by=by, reason=f"Needs medical review: {reason}"[:100])


def _mark_medical_change(page: Page, stored: Page | None) -> None:
    """A published health page whose text families read changed: its review is pending."""
    if stored is None or not page.needs_review or not page.is_published:
        return
    changed = [name for name in MEDICAL_FIELDS if getattr(page, name) != getattr(stored, name)]
    if changed:
        page.review_pending = True
        page.review_pending_reason = "Published text changed: " + ", ".join(
            Page._meta.get_field(name).verbose_name for name in changed
        )
        page.medical_changed_at = timezone.now()


# --- safety facts ------------------------------------------------------------------------------

# Facts a page shows through its template rather than its text: the warning signs block (on the
# journey page) names the 24/7 line, and a “Staying near the center” block shows its facts.
FACTS_IN_WARNING_BLOCK = ("line-24-7",)


def _texts(row, names) -> str:
    values = []
    for name in names:
        values.append(str(getattr(row, name, "") or ""))
        values.append(str(getattr(row, f"{name}_es", "") or ""))
    return " ".join(values)


def pages_using_fact(*, program, slug: str) -> list[Page]:
    """Every page of `program` that shows the fact: in its text (live or draft), in the rows its
    kind lists (questions, steps, warning signs …), or in its “Staying near the center” block."""
    from programs import kinds
    from programs.models import StayNearbyFact
    from programs.templatetags.facts import placeholders

    def uses(text: str) -> bool:
        return slug in placeholders(text)

    listed: dict[str, bool] = {}  # model name -> whether one of its rows uses the fact

    def listing_uses(listing) -> bool:
        if listing.model_name not in listed:
            model = listing.model
            rows = model.objects.filter(program=program) if listing.on_page is None else []
            names = (listing.title, *listing.fields)
            listed[listing.model_name] = any(uses(_texts(row, names)) for row in rows)
        return listed[listing.model_name]

    stay_pages = {
        block.page_id
        for block in StayNearbyFact.objects.filter(program=program)
        if slug in (*block.FDA_FACTS, *block.POLICY_FACTS)
        or uses(_texts(block, ("heading", "fda_text", "policy_text")))
    }
    found = []
    for page in program.pages.all():
        text = (
            _texts(page, MEDICAL_FIELDS)
            + " "
            + " ".join(str(value) for value in (page.draft or {}).values())
        )
        kind = kinds.kind_of(page)
        shows_warning_signs = any(listing.model_name == "WarningSign" for listing in kind.listings)
        if (
            uses(text)
            or page.pk in stay_pages
            or any(listing_uses(listing) for listing in kind.listings)
            or (slug in FACTS_IN_WARNING_BLOCK and shows_warning_signs)
        ):
            found.append(page)
    return found


@transaction.atomic
def fact_save(*, fact, by, changed: bool = True) -> list[Page]:
    """Save a safety fact. A changed value shows on every page at the next request (the content
    version moves on); every published health page that shows it goes on the review list.
    Returns the pages put on the list."""
    fact.updated_by = by
    fact._change_reason = "Fact changed" if changed else "Saved"
    fact.save()
    if not changed:
        return []
    flagged = []
    for page in pages_using_fact(program=fact.program, slug=fact.slug):
        if page.needs_review and page.is_published:
            page_flag_for_review(page=page, by=by, reason=f"The safety fact “{fact.name}” changed")
            flagged.append(page)
    return flagged
