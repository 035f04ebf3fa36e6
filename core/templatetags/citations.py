"""`{{ html|linked_by:citations }}`: a body's HTML with what it cites linked, by the object
`core.registry.citations_in(page)` gave the view (read there, so the filter makes no query)."""

from django import template
from django.utils.html import conditional_escape

register = template.Library()


@register.filter(is_safe=True)
def linked_by(markup, citations):
    markup = conditional_escape(markup)  # what is not marked safe yet is text
    if not citations:
        return markup
    return citations.link(markup)
