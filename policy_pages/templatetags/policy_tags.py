from django import template

from ..choices import DocumentStatus, Stage, label_of

register = template.Library()


@register.filter
def status_label(status):
    """ "Còn hiệu lực" for "con-hieu-luc"."""
    return label_of(DocumentStatus, status)


@register.filter
def stage_label(stage):
    """ "Lấy ý kiến nhân dân" for "lay-y-kien"."""
    return label_of(Stage, stage)
