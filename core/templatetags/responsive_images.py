from django import template
from django.utils.html import format_html

from wagtail.images.models import Picture

from core.renditions import SIZES, filter_specs

register = template.Library()


@register.simple_tag
def responsive_image(image, size_name, **attrs):
    """A <picture> of `image` at the named size (media/renditions.py): AVIF/WebP sources, a
    JPEG <img> with width and height (no layout shift), `srcset` and `sizes`, and the image's alt
    text unless `alt` is given (alt="" for a decorative copy). Lazy unless loading="eager"."""
    if not image:
        return ""
    size = SIZES[size_name]
    renditions = image.get_renditions(*filter_specs(size_name, image))
    attrs.setdefault("sizes", size.sizes)
    attrs.setdefault("loading", "lazy")
    attrs.setdefault("decoding", "async")
    if attrs["loading"] == "eager":
        attrs.setdefault("fetchpriority", "high")
    picture = Picture(renditions, attrs)
    return format_html("{}", picture)
