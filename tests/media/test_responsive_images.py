"""Pictures as the browser gets them: modern formats first, the right width for the layout,
dimensions that reserve the space, crops that keep the subject, and one place that decides."""

import re
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.core.files.images import ImageFile
from django.template import Context, Template

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from core.renditions import FORMATS, SIZES, all_filter_specs
from media.models import PortalImage
from tests.factories import PortalImageFactory


def render(image, size, **attrs):
    extra = "".join(f' {key}="{value}"' for key, value in attrs.items())
    template = Template(
        "{% load responsive_images %}{% responsive_image image '" + size + "'" + extra + " %}"
    )
    return BeautifulSoup(template.render(Context({"image": image})), "html.parser")


def test_a_picture_offers_avif_and_webp_then_a_jpeg_img_with_srcset_sizes_and_dimensions(db):
    image = PortalImageFactory()  # 1200 x 675
    picture = render(image, "card").picture

    sources = picture.find_all("source")
    assert [s["type"] for s in sources] == ["image/avif", "image/webp"][: len(FORMATS) - 1]
    for source in sources:
        assert re.fullmatch(r"\S+ 320w, \S+ 640w", source["srcset"])
        assert source["sizes"] == SIZES["card"].sizes
    img = picture.img
    assert img["src"].endswith(".jpg")
    assert re.fullmatch(r"\S+\.jpg 320w, \S+\.jpg 640w", img["srcset"])
    assert img["sizes"] == SIZES["card"].sizes
    # Width and height reserve the box before the file arrives: no layout shift.
    assert (img["width"], img["height"]) == ("320", "180")
    assert img["alt"] == "Các đại biểu ngồi quanh bàn họp lớn"
    assert img["loading"] == "lazy"
    assert img["decoding"] == "async"


def test_the_picture_above_the_fold_loads_first(db):
    img = render(PortalImageFactory(), "body", loading="eager").img
    assert img["loading"] == "eager"
    assert img["fetchpriority"] == "high"


def test_a_small_original_is_never_upscaled(db):
    image = PortalImageFactory(file__width=500, file__height=300)
    img = render(image, "body").img
    assert not img.has_attr("srcset")  # one width only
    assert img["width"] == "500"


def test_the_files_really_are_avif_webp_and_jpeg(db):
    image = PortalImageFactory()
    picture = render(image, "card").picture
    urls = [s["srcset"].split()[0] for s in picture.find_all("source")] + [picture.img["src"]]
    formats = []
    for url in urls:
        path = Path(settings.MEDIA_ROOT) / url.removeprefix(settings.MEDIA_URL)
        with Image.open(path) as opened:
            formats.append(opened.format)
    assert formats == [fmt.upper() for fmt in FORMATS]


def two_colour_image(**focal_point):
    """1200 x 600: red on the left half, blue on the right."""
    picture = Image.new("RGB", (1200, 600), (220, 0, 0))
    picture.paste((0, 0, 220), (600, 0, 1200, 600))
    buffer = BytesIO()
    picture.save(buffer, "PNG")
    image = PortalImage(title="Hai màu", **focal_point)
    image.file = ImageFile(buffer, name="hai-mau.png")
    image.save()
    return image


def left_edge_colour(image):
    rendition = image.get_rendition(SIZES["portrait"].filter_specs(image)[-1])  # square JPEG
    with Image.open(rendition.file.path) as opened:
        return opened.convert("RGB").getpixel((2, opened.height // 2))


def test_crops_keep_the_focal_point_the_editor_set(db):
    # Without a focal point, the square is cut from the middle: red on its left edge.
    assert left_edge_colour(two_colour_image())[0] > 150
    # With the subject at the right edge, the square moves right to keep it: blue all over.
    subject_right = two_colour_image(
        focal_point_x=1150, focal_point_y=300, focal_point_width=100, focal_point_height=100
    )
    assert left_edge_colour(subject_right)[2] > 150


def test_a_transparent_png_gets_a_white_not_black_background_as_jpeg(db):
    picture = Image.new("RGBA", (800, 450), (0, 0, 0, 0))
    buffer = BytesIO()
    picture.save(buffer, "PNG")
    image = PortalImage(title="Trong suốt")
    image.file = ImageFile(buffer, name="trong-suot.png")
    image.save()
    rendition = image.get_rendition(SIZES["card"].filter_specs(image)[-1])
    with Image.open(rendition.file.path) as opened:
        assert opened.convert("RGB").getpixel((10, 10)) == (255, 255, 255)


def test_every_spec_the_templates_use_is_a_valid_wagtail_filter(db):
    image = PortalImageFactory()
    renditions = image.get_renditions(*all_filter_specs())
    assert len(renditions) == len(set(all_filter_specs()))


TEMPLATES = Path(settings.BASE_DIR) / "templates"


@pytest.mark.parametrize(
    "path", sorted(TEMPLATES.rglob("*.html")), ids=lambda p: str(p.relative_to(TEMPLATES))
)
def test_templates_show_pictures_only_through_the_named_sizes(path):
    """Rendition sizes live in core/renditions.py; a template that picks its own would drift."""
    text = path.read_text()
    # The emblem and icons are static files; every photo goes through {% responsive_image %}.
    assert not re.search(r"<img(?![^>]*{% static )", text)
    # Only the infographic's "see it large" link may name a spec, and it renders no <img>.
    for match in re.finditer(r"{% image (\S+) (\S+)", text):
        assert match.group(0).endswith("as") or " as " in text[match.start() : match.end() + 20]
