"""The officers' report on one policy's comments by unit: a bar chart drawn as SVG on the
server (no script, no chart library; the same figures as a table for screen readers) and the
units many readers commented on that have no answer yet.

Two queries whatever the number of units and comments: the counts by unit, and the units.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from .models import DraftUnit, PolicyPage, Submission
from .unit_labels import PARENTS, unit_path, unit_with_version

VIEW = "policy_pages.view_submission"
DEFAULT_MINIMUM = 3
# The chart's geometry, in SVG user units: labels on the left, bars scaled to the largest count.
LABEL_WIDTH, BAR_AREA, COUNT_WIDTH = 320, 360, 48
ROW_HEIGHT, BAR_HEIGHT = 28, 18
LABEL_CHARS = 44


class MinimumForm(forms.Form):
    """?toi-thieu=: how many approved comments make a unit one "with many comments"."""

    field_name = "toi-thieu"

    def __init__(self, params):
        super().__init__(params)
        self.fields[self.field_name] = forms.IntegerField(
            label=_("Số góp ý tối thiểu"), min_value=1, max_value=10_000, required=False
        )

    def minimum(self):
        if not self.is_valid():
            return DEFAULT_MINIMUM
        return self.cleaned_data[self.field_name] or DEFAULT_MINIMUM

    @property
    def field(self):
        return self[self.field_name]


def counts_by_unit(policy):
    """[(unit, approved comments, of which answered)] for every unit commented on, in reading
    order (version by version)."""
    rows = (
        Submission.objects.approved()
        .filter(policy=policy, unit__isnull=False)
        .values("unit")
        .annotate(total=Count("pk"), answered=Count("pk", filter=Q(answer__isnull=False)))
        .order_by()
    )
    counts = {row["unit"]: (row["total"], row["answered"]) for row in rows}
    units = (
        DraftUnit.objects.filter(pk__in=counts)
        .select_related("version", PARENTS.removeprefix("unit__"))
        .order_by("version__number", "position")
    )
    return [(unit, *counts[unit.pk]) for unit in units]


def shorten(text, length=LABEL_CHARS):
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def chart(counted):
    """The bars' geometry, computed here so the template only writes it out."""
    several_versions = len({unit.version_id for unit, _total, _answered in counted}) > 1
    largest = max((total for _unit, total, _answered in counted), default=1)
    bars = []
    for index, (unit, total, _answered) in enumerate(counted):
        label = unit_with_version(unit) if several_versions else unit_path(unit)
        width = max(2, round(total / largest * BAR_AREA))
        y = index * ROW_HEIGHT
        bars.append(
            {
                "unit": unit,
                "label": label,
                "short_label": shorten(label),
                "count": total,
                "y": y,
                "text_y": y + BAR_HEIGHT - 4,
                "width": width,
                "count_x": LABEL_WIDTH + width + 6,
            }
        )
    return {
        "bars": bars,
        "width": LABEL_WIDTH + BAR_AREA + COUNT_WIDTH,
        "height": max(ROW_HEIGHT, len(bars) * ROW_HEIGHT),
        "label_x": LABEL_WIDTH - 8,
        "bar_x": LABEL_WIDTH,
        "bar_height": BAR_HEIGHT,
    }


def unanswered(counted, minimum, queue_url):
    """Lineages with at least `minimum` approved comments, none answered: one row each, named
    after the latest unit commented on, with a queue link per unit."""
    by_lineage = {}
    for unit, total, answered in counted:
        by_lineage.setdefault(unit.lineage_id, []).append((unit, total, answered))
    rows = []
    for units in by_lineage.values():
        total = sum(count for _unit, count, _answered in units)
        if total < minimum or any(answered for _unit, _count, answered in units):
            continue
        latest = units[-1][0]
        rows.append(
            {
                "unit": latest,
                "label": unit_path(latest),
                "total": total,
                "links": [
                    {
                        "label": unit.version.label,
                        "count": count,
                        "url": f"{queue_url}?{urlencode({'unit': unit.pk})}",
                    }
                    for unit, count, _answered in units
                ],
            }
        )
    rows.sort(key=lambda row: -row["total"])
    return rows


def draft_report(request, policy_id):
    if not request.user.has_perm(VIEW):
        raise PermissionDenied
    policy = get_object_or_404(PolicyPage, pk=policy_id)
    form = MinimumForm(request.GET)
    minimum = form.minimum()
    counted = counts_by_unit(policy)
    queue_url = reverse(Submission.snippet_viewset.get_url_name("list"))
    context = {
        "page_title": _("Góp ý theo điều, khoản"),
        "page_subtitle": policy.title,
        "header_icon": "doc-full",
        "policy": policy,
        "form": form,
        "minimum": minimum,
        "chart": chart(counted),
        "unanswered": unanswered(counted, minimum, queue_url),
        "total": sum(total for _unit, total, _answered in counted),
    }
    status = 200 if form.is_valid() else 400
    return TemplateResponse(request, "policy_pages/admin/draft_report.html", context, status=status)


urlpatterns = [
    path(
        "chinh-sach/<int:policy_id>/bao-cao-gop-y/",
        draft_report,
        name="policy_pages_draft_report",
    ),
]
