from django import template

from core.pictures import picture
from core.renditions import SIZES

register = template.Library()


@register.simple_tag
def responsive_image(image, size_name, **attrs):
    """A <picture> of `image` at the named size (core/renditions.py): AVIF/WebP sources, a
    JPEG <img> with width and height (no layout shift), `srcset` and `sizes`, and the image's alt
    text unless `alt` is given (alt="" for a decorative copy). Lazy unless loading="eager".
    Kept once made (core/pictures.py); "" when the original is missing from storage: the page
    (or feed) goes out without this picture rather than failing for every reader."""
    if not image:
        return ""
    attrs.setdefault("sizes", SIZES[size_name].sizes)
    attrs.setdefault("loading", "lazy")
    attrs.setdefault("decoding", "async")
    if attrs["loading"] == "eager":
        attrs.setdefault("fetchpriority", "high")
    return picture(image, size_name, attrs)
