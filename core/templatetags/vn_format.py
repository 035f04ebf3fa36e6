"""Vietnamese display formats: one place decides how a date looks on every page."""

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def vn_datetime(value):
    """28/08/2022 08:00 in Vietnam time (the TIME_ZONE setting), whatever zone the value is in."""
    if not value:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.strftime("%d/%m/%Y %H:%M")


@register.filter
def vn_date(value):
    """28/08/2022; accepts a date or a datetime."""
    if not value:
        return ""
    if hasattr(value, "hour") and timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.strftime("%d/%m/%Y")


@register.filter
def iso_datetime(value):
    """2022-08-28T08:00:00+07:00, for <time datetime> and machine-readable metadata."""
    if not value:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.isoformat()
