import json

from django import template
from django.utils.safestring import mark_safe

from wagtail.models import Page

from ..addresses import absolute

register = template.Library()

# The characters that could end the <script> element or start markup inside it.
_JSON_LD_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def json_ld(data):
    """Structured data for <script type="application/ld+json">, safe against any title's content."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
    return mark_safe(text.translate(_JSON_LD_ESCAPES))  # noqa: S308  (escaped just above)


@register.simple_tag(takes_context=True)
def absolute_url(context, page_or_path):
    """A page's or a path's absolute address, on the Site's origin (core/addresses.py)."""
    request = context.get("request")
    if isinstance(page_or_path, Page):
        return page_or_path.get_full_url(request) or ""
    return absolute(page_or_path or "", request)
