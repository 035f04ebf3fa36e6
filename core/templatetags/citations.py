"""`{{ html|linked_by:citations }}`: a body's HTML with what it cites linked, by the object
`core.registry.citations_in(page)` gave the view (read there, so the filter makes no query)."""

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter(is_safe=True)
def linked_by(markup, citations):
    if not citations:
        return markup
    return mark_safe(citations.link(markup))  # noqa: S308 (the page's own rendered HTML)
