"""Smaller copies of uploaded pictures, so pages can send phones a small file (srcset) and
reserve the picture's space before it loads (width and height)."""

import io
import posixpath

from django.core.files.base import ContentFile
from PIL import Image, ImageOps

VARIANT_WIDTHS = (160, 320, 640)
JPEG_OPTIONS = {"quality": 82, "optimize": True, "progressive": True}


def make_variants(field_file) -> list[dict]:
    """Save a JPEG of the stored picture at each variant width narrower than the original (and at
    the original width when that is narrower than 640) next to it, in variants/. Never upscales.

    Returns [{"width": w, "height": h, "name": storage name}, ...] from narrowest to widest."""
    storage = field_file.storage
    with storage.open(field_file.name, "rb") as file:
        image = _to_rgb(ImageOps.exif_transpose(Image.open(file)))
    original_width, original_height = image.size
    widths = {w for w in VARIANT_WIDTHS if w < original_width}
    widths.add(min(original_width, max(VARIANT_WIDTHS)))

    folder, filename = posixpath.split(field_file.name)
    stem = posixpath.splitext(filename)[0]
    variants = []
    for width in sorted(widths):
        height = max(1, round(original_height * width / original_width))
        buffer = io.BytesIO()
        image.resize((width, height), Image.Resampling.LANCZOS).save(buffer, "JPEG", **JPEG_OPTIONS)
        name = posixpath.join(folder, "variants", f"{stem}-{width}w.jpg")
        storage.delete(name)  # a new upload with the same name replaces its old variants
        name = storage.save(name, ContentFile(buffer.getvalue()))
        variants.append({"width": width, "height": height, "name": name})
    return variants


def _to_rgb(image: Image.Image) -> Image.Image:
    # JPEG has no transparency: a transparent PNG's background would otherwise turn black.
    if image.has_transparency_data:
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, "white")
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    return image.convert("RGB")


def srcset(variants: list[dict], storage) -> str:
    return ", ".join(f"{storage.url(v['name'])} {v['width']}w" for v in variants)
