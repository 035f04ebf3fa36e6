from django import template

register = template.Library()


@register.filter
def as_choices(objects, attributes=None):
    """(value, label) pairs for components/filter_select.html from what the view fetched:
    "slug,name" takes each object's slug and name; without attributes each item is both."""
    if not attributes:
        return [(item, item) for item in objects]
    value, label = attributes.split(",")
    return [(getattr(item, value), getattr(item, label)) for item in objects]
