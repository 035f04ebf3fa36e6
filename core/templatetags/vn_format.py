"""Vietnamese display formats: one place decides how a date looks on every page."""

from django import template
from django.utils import timezone

register = template.Library()


def _in_vietnam_time(value):
    # Aware datetimes shift to the TIME_ZONE setting (Asia/Ho_Chi_Minh); dates stay as they are.
    if hasattr(value, "hour") and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


@register.filter
def vn_datetime(value):
    """28/08/2022 08:00 in Vietnam time, whatever zone the value is in."""
    return _in_vietnam_time(value).strftime("%d/%m/%Y %H:%M") if value else ""


@register.filter
def vn_date(value):
    """28/08/2022; accepts a date or a datetime."""
    return _in_vietnam_time(value).strftime("%d/%m/%Y") if value else ""


@register.filter
def iso_datetime(value):
    """2022-08-28T08:00:00+07:00, for <time datetime> and machine-readable metadata."""
    return _in_vietnam_time(value).isoformat() if value else ""


@register.filter
def vn_duration(seconds):
    """A running time as readers say it: "45 giây", "3 phút 05 giây", "1 giờ 02 phút 30 giây"."""
    if seconds in (None, ""):
        return ""
    total = round(float(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} giờ {minutes:02d} phút {secs:02d} giây"
    if minutes:
        return f"{minutes} phút {secs:02d} giây"
    return f"{secs} giây"


@register.filter
def vn_number(value):
    """1.234.567: thousands separated by dots, as Vietnamese writes them."""
    return f"{value:,}".replace(",", ".") if isinstance(value, int) else value
