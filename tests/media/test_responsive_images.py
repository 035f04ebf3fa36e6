"""Pictures as the browser gets them: modern formats first, the right width for the layout,
dimensions that reserve the space, crops that keep the subject, and one place that decides."""

import re
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.core.files.images import ImageFile
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext

from wagtail.images.models import Picture

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from core.pictures import clear_process_memo
from core.renditions import FORMATS, SIZES, all_filter_specs
from media.models import PortalImage
from tests.factories import ArticlePageFactory, PortalImageFactory, SectionPageFactory


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


# --- Kept markup (core/pictures.py): made once, the same HTML, renewed when the photo changes ---


def wagtails_own_picture(image, size, **attrs):
    """The markup as Wagtail's Picture makes it from fresh renditions, nothing kept."""
    attrs = {"sizes": SIZES[size].sizes, "loading": "lazy", "decoding": "async", **attrs}
    renditions = image.get_renditions(*SIZES[size].filter_specs(image))
    return BeautifulSoup(str(Picture(renditions, attrs)), "html.parser")


def test_kept_markup_is_wagtails_picture_exactly_whichever_cache_answers(db):
    image = PortalImageFactory()
    made = render(image, "card-lead", loading="eager")  # made and kept
    from_memo = render(PortalImage.objects.get(pk=image.pk), "card-lead", loading="eager")
    clear_process_memo()  # another process: from the shared cache
    from_shared = render(PortalImage.objects.get(pk=image.pk), "card-lead", loading="eager")
    expected = wagtails_own_picture(image, "card-lead", loading="eager", fetchpriority="high")
    assert str(made) == str(from_memo) == str(from_shared) == str(expected)


def test_a_kept_picture_costs_no_query(db, django_assert_num_queries):
    image = PortalImageFactory()
    render(image, "card")
    clear_process_memo()
    first, second = PortalImage.objects.get(pk=image.pk), PortalImage.objects.get(pk=image.pk)
    with django_assert_num_queries(0):
        render(first, "card")  # from the shared cache
        render(second, "card")  # from this process's memo


def crop_urls(image):
    return [s["srcset"] for s in render(image, "portrait").find_all("source")]


def test_a_new_focal_point_renews_the_kept_crops(db):
    image = two_colour_image()
    before = crop_urls(image)
    image = PortalImage.objects.get(pk=image.pk)
    image.focal_point_x, image.focal_point_y = 1150, 300
    image.focal_point_width = image.focal_point_height = 100
    image.save()
    after = crop_urls(PortalImage.objects.get(pk=image.pk))
    assert after != before
    # The new crop is the one served: blue (the subject at the right) on its left edge.
    img = render(PortalImage.objects.get(pk=image.pk), "portrait").img
    path = Path(settings.MEDIA_ROOT) / img["src"].removeprefix(settings.MEDIA_URL)
    with Image.open(path) as opened:
        assert opened.convert("RGB").getpixel((2, opened.height // 2))[2] > 150


def test_a_replaced_file_renews_the_kept_markup(db):
    image = PortalImageFactory()
    before = render(image, "body").img
    replacement = BytesIO()
    Image.new("RGB", (1000, 500), (0, 120, 0)).save(replacement, "JPEG")
    image = PortalImage.objects.get(pk=image.pk)
    image.file = ImageFile(replacement, name="anh-moi.jpg")
    # As Wagtail's image form saves a new file: its size and hash, and the old renditions gone.
    image._set_image_file_metadata()
    image.save()
    image.renditions.all().delete()
    after = render(PortalImage.objects.get(pk=image.pk), "body").img
    assert after["src"] != before["src"] and "anh-moi" in after["src"]
    assert (after["width"], after["height"]) == ("640", "320")  # the new file's shape


def test_a_new_alt_text_shows_at_once(db):
    image = PortalImageFactory()
    render(image, "card")
    PortalImage.objects.filter(pk=image.pk).update(description="Thủ tướng phát biểu")
    assert render(PortalImage.objects.get(pk=image.pk), "card").img["alt"] == "Thủ tướng phát biểu"


def test_a_picture_whose_original_is_gone_is_left_out_not_kept(db):
    image = PortalImageFactory()
    image.file.storage.delete(image.file.name)
    assert render(image, "card").picture is None
    assert render(image, "card").picture is None  # still nothing, and no error


def test_a_listings_pictures_cost_one_rendition_query_on_a_cold_render(client, home_page):
    """After a restart (nothing kept anywhere) a section of twelve stories, each with a photo of
    its own, fetches the renditions of all twelve in one query, not one per card."""
    section = SectionPageFactory(parent=home_page)
    for _ in range(12):
        ArticlePageFactory(parent=section, image=PortalImageFactory())
    client.get(section.url)  # the renditions are made and stored
    caches["renditions"].clear()
    caches["default"].clear()
    clear_process_memo()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(section.url).status_code == 200
    renditions = [q for q in captured.captured_queries if "portalrendition" in q["sql"]]
    assert len(renditions) == 1
