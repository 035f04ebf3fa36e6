import logging

from django import template
from django.utils.html import format_html

from wagtail.images.models import Picture, SourceImageIOError

from core.renditions import SIZES, filter_specs

register = template.Library()
logger = logging.getLogger(__name__)


@register.simple_tag
def responsive_image(image, size_name, **attrs):
    """A <picture> of `image` at the named size (core/renditions.py): AVIF/WebP sources, a
    JPEG <img> with width and height (no layout shift), `srcset` and `sizes`, and the image's alt
    text unless `alt` is given (alt="" for a decorative copy). Lazy unless loading="eager"."""
    if not image:
        return ""
    size = SIZES[size_name]
    try:
        renditions = image.get_renditions(*filter_specs(size_name, image))
    except SourceImageIOError:
        # The original is gone from storage: the page (or feed) goes out without this picture
        # rather than failing for every reader.
        logger.warning("The original of image %s is missing; its sizes cannot be made", image.pk)
        return ""
    attrs.setdefault("sizes", size.sizes)
    attrs.setdefault("loading", "lazy")
    attrs.setdefault("decoding", "async")
    if attrs["loading"] == "eager":
        attrs.setdefault("fetchpriority", "high")
    picture = Picture(renditions, attrs)
    return format_html("{}", picture)
