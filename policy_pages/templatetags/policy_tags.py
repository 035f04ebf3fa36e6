from django import template

from ..models.documents import STATUSES
from ..models.policies import STAGE_LABELS

register = template.Library()


@register.filter
def status_label(status):
    """ "Còn hiệu lực" for "con-hieu-luc"."""
    return STATUSES.get(status, "")


@register.filter
def stage_label(stage):
    """ "Lấy ý kiến nhân dân" for "lay-y-kien"."""
    return STAGE_LABELS.get(stage, "")
