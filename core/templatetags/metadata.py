import json

from django import template
from django.utils.safestring import mark_safe

register = template.Library()

# The characters that could end the <script> element or start markup inside it.
_JSON_LD_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def json_ld(data):
    """Structured data for <script type="application/ld+json">, safe against any title's content."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
    return mark_safe(text.translate(_JSON_LD_ESCAPES))  # noqa: S308  (escaped just above)
