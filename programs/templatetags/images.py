"""{% responsive_image %}: one <img> for the variants programs.images saved in default storage."""

from django import template
from django.core.files.storage import default_storage
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from programs.images import VARIANT_WIDTHS, srcset

register = template.Library()


@register.simple_tag
def responsive_image(
    variants: list[dict],
    alt: str = "",
    sizes: str = "(min-width: 768px) 96px, 96px",
    css_class: str = "",
    decorative: bool = False,
) -> str:
    """src is the widest variant up to 640 px; browsers pick from srcset. Decorative pictures
    get an empty alt and role="presentation" so screen readers skip them."""
    if not variants:
        return ""
    fitting = [v for v in variants if v["width"] <= max(VARIANT_WIDTHS)]
    src = max(fitting or variants, key=lambda v: v["width"])
    return format_html(
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}"{}{}'
        ' loading="lazy" decoding="async">',
        default_storage.url(src["name"]),
        srcset(variants, default_storage),
        sizes,
        src["width"],
        src["height"],
        "" if decorative else alt,
        mark_safe(' role="presentation"') if decorative else "",
        format_html(' class="{}"', css_class) if css_class else "",
    )
