"""Every size the portal shows a photo at, in one place.

A template asks for a named size (`{% responsive_image photo "card" %}`); this module turns the name
into Wagtail filter specs: one rendition per width and per format, so the browser picks AVIF or
WebP where it can, JPEG otherwise, at the width its layout needs (`srcset`/`sizes`). Crops use
Wagtail's `fill`, which keeps the focal point the editor set in frame.
"""

from dataclasses import dataclass

from PIL import features

# The browser takes the first <source> it supports, so the order is smallest file first.
FORMATS = ("avif", "webp", "jpeg") if features.check("avif") else ("webp", "jpeg")
# A transparent PNG or GIF turned into JPEG gets a white background, not black.
JPEG_SUFFIX = "|bgcolor-ffffff"

# Open Graph and Twitter cards want 1.91:1, at least 1200 px wide, in a format every reader takes.
SOCIAL_SPEC = "fill-1200x630|format-jpeg" + JPEG_SUFFIX


@dataclass(frozen=True)
class Size:
    widths: tuple[int, ...]
    sizes: str
    ratio: tuple[int, int] | None = None  # cropped to this shape (around the focal point) if set

    def width_spec(self, width):
        if self.ratio:
            w, h = self.ratio
            return f"fill-{width}x{round(width * h / w)}"
        return f"width-{width}"

    def widths_for(self, image):
        # No upscaling: widths wider than the original add bytes, not detail. One is always kept.
        fitting = [w for w in self.widths if w <= image.width]
        return fitting or [min(self.widths)]

    def filter_specs(self, image=None):
        widths = self.widths_for(image) if image is not None else self.widths
        return [
            f"{self.width_spec(w)}|format-{fmt}{JPEG_SUFFIX if fmt == 'jpeg' else ''}"
            for fmt in FORMATS
            for w in widths
        ]


# Breakpoints follow static/css/portal.css: the page is at most 75rem wide, an article 46rem.
SIZES = {
    # A story in a list: a third of the grid on wide screens, full width on phones.
    "card": Size((320, 640), "(min-width: 64em) 22rem, (min-width: 40em) 45vw, 100vw", (16, 9)),
    # The lead story of the home page or a section.
    "card-lead": Size((640, 1280), "(min-width: 64em) 46rem, 100vw", (16, 9)),
    # A photo in an article's column.
    "body": Size((640, 960, 1440), "(min-width: 50em) 46rem, 100vw"),
    # Edge to edge: long-form (e-magazine) pictures and infographics.
    "full": Size((960, 1600, 2400), "100vw"),
    # One photo of a photo story, as large as the page allows.
    "gallery": Size((640, 1280, 1920), "(min-width: 78em) 75rem, 100vw"),
    # A thumbnail in a photo story's strip of thumbnails.
    "thumb": Size((160, 320), "8rem", (4, 3)),
    # A face: author pages and bylines.
    "portrait": Size((160, 320), "10rem", (1, 1)),
}


def filter_specs(size_name, image=None):
    return SIZES[size_name].filter_specs(image)


def largest_jpeg_spec(image, size_name="body"):
    """The JPEG of the widest `size_name` rendition that does not enlarge `image`: what feeds and
    the API hand to other sites, and one `generate_renditions` has already made."""
    size = SIZES[size_name]
    return f"{size.width_spec(max(size.widths_for(image)))}|format-jpeg{JPEG_SUFFIX}"


def all_filter_specs():
    """Every spec the templates may ask for, to pregenerate or prefetch renditions."""
    specs = [spec for size in SIZES.values() for spec in size.filter_specs()]
    return [*specs, SOCIAL_SPEC]
