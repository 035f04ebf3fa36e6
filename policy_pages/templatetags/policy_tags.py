from django import template
from django.utils.safestring import mark_safe

from core.privacy import visible

from ..choices import DocumentStatus, Stage, label_of
from ..citations.anchors import unit_anchors as anchored

register = template.Library()


@register.filter
def status_label(status):
    """ "Còn hiệu lực" for "con-hieu-luc"."""
    return label_of(DocumentStatus, status)


@register.filter
def stage_label(stage):
    """ "Lấy ý kiến nhân dân" for "lay-y-kien"."""
    return label_of(Stage, stage)


@register.filter(is_safe=True)
def unit_anchors(markup):
    """A document's full text with an id on each Điều, Khoản and Điểm, for citations that
    pinpoint one (policy_pages/citations/anchors.py)."""
    return mark_safe(anchored(str(markup))[0])  # noqa: S308 (the editor's rich text, rendered)


@register.filter
def readable(page):
    """Whether readers may open `page`: published and outside every view restriction."""
    return visible(page) is not None
