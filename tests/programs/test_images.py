import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template import Context, Template
from PIL import ExifTags, Image

from programs.images import make_variants, srcset
from programs.models import TeamMember
from programs.templatetags.images import responsive_image

VARIANTS = [
    {"width": 160, "height": 107, "name": "team/variants/ana-160w.jpg"},
    {"width": 320, "height": 213, "name": "team/variants/ana-320w.jpg"},
    {"width": 640, "height": 427, "name": "team/variants/ana-640w.jpg"},
]


def _photo(name, size, *, fmt="JPEG", mode="RGB", color="#3a7", orientation=None):
    """An ImageField file for a picture stored in default storage (MEDIA_ROOT is a tmp dir)."""
    exif = Image.Exif()
    if orientation:
        exif[ExifTags.Base.Orientation] = orientation
    buffer = io.BytesIO()
    Image.new(mode, size, color).save(buffer, fmt, exif=exif)
    return TeamMember(photo=default_storage.save(name, ContentFile(buffer.getvalue()))).photo


def _stored(variant) -> Image.Image:
    with default_storage.open(variant["name"]) as file:
        image = Image.open(file)
        image.load()
    return image


def test_variants_are_saved_at_each_width_next_to_the_original():
    variants = make_variants(_photo("team/ana.jpg", (1200, 800)))

    assert variants == VARIANTS
    for variant in variants:
        image = _stored(variant)
        assert (image.format, image.size) == ("JPEG", (variant["width"], variant["height"]))
        assert image.info["progressive"]


def test_small_pictures_are_not_upscaled():
    variants = make_variants(_photo("team/logo.png", (100, 80), fmt="PNG"))

    assert variants == [{"width": 100, "height": 80, "name": "team/variants/logo-100w.jpg"}]
    assert _stored(variants[0]).size == (100, 80)


def test_a_picture_640_wide_keeps_its_width():
    variants = make_variants(_photo("team/ana.jpg", (640, 480)))

    assert [v["width"] for v in variants] == [160, 320, 640]


def test_camera_orientation_is_applied():
    variants = make_variants(_photo("team/ana.jpg", (1200, 800), orientation=6))

    assert [(v["width"], v["height"]) for v in variants] == [(160, 240), (320, 480), (640, 960)]
    assert _stored(variants[-1]).size == (640, 960)


def test_transparent_background_turns_white_not_black():
    variants = make_variants(
        _photo("team/logo.png", (200, 100), fmt="PNG", mode="RGBA", color=(0, 0, 0, 0))
    )

    assert all(channel > 245 for channel in _stored(variants[0]).getpixel((50, 25)))


def test_a_new_upload_replaces_its_old_variants():
    photo = _photo("team/ana.jpg", (1200, 800))
    make_variants(photo)

    assert make_variants(photo) == VARIANTS
    files = default_storage.listdir("team/variants")[1]
    assert sorted(files) == ["ana-160w.jpg", "ana-320w.jpg", "ana-640w.jpg"]


def test_srcset_lists_each_variant_url_with_its_width():
    assert srcset(VARIANTS, default_storage) == (
        "/media/team/variants/ana-160w.jpg 160w, /media/team/variants/ana-320w.jpg 320w, "
        "/media/team/variants/ana-640w.jpg 640w"
    )


def test_responsive_image_tag_renders_a_sized_lazy_image():
    html = Template(
        '{% load images %}{% responsive_image variants "Dr. Ana Ruiz" css_class="rounded" %}'
    ).render(Context({"variants": VARIANTS}))

    assert html == (
        '<img src="/media/team/variants/ana-640w.jpg" srcset="'
        + srcset(VARIANTS, default_storage)
        + '" sizes="(min-width: 768px) 96px, 96px" width="640" height="427" alt="Dr. Ana Ruiz"'
        ' class="rounded" loading="lazy" decoding="async">'
    )


def test_src_is_the_widest_variant_up_to_640():
    wide = [*VARIANTS, {"width": 1280, "height": 853, "name": "team/variants/ana-1280w.jpg"}]
    assert 'src="/media/team/variants/ana-640w.jpg"' in responsive_image(wide, "Ana")
    assert 'width="100" height="80"' in responsive_image(
        [{"width": 100, "height": 80, "name": "team/variants/logo-100w.jpg"}], "Logo"
    )


def test_alt_text_is_escaped():
    html = responsive_image(VARIANTS, '"<script>', css_class='x" onload="y')

    assert 'alt="&quot;&lt;script&gt;"' in html
    assert 'class="x&quot; onload=&quot;y"' in html
    assert "<script>" not in html


def test_decorative_pictures_are_hidden_from_screen_readers():
    html = responsive_image(VARIANTS, "Balloons", decorative=True)

    assert 'alt="" role="presentation"' in html
    assert "Balloons" not in html


@pytest.mark.parametrize("variants", [[], None])
def test_nothing_is_rendered_without_variants(variants):
    assert responsive_image(variants, "Ana") == ""
