"""Who takes what (Báo cáo → Khai thác nguồn tin): per outlet, the polls and items of the last
REPORT_DAYS days, feed by feed, the day of its last poll, and the active outlets that stopped
polling; as a CSV or XLSX file beside it. For those who may see outlets (`view_outlet`).

The counts of today are in the shared cache until flushed (syndication/usage.py): the report
flushes them first. Two queries whatever the number of outlets: the outlets with their totals,
and the totals per outlet and feed.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Max, Q, Sum
from django.db.models.functions import Coalesce
from django.http import HttpResponseBadRequest
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.menu import MenuItem

from . import usage
from .models import Outlet, OutletUsage
from .usage_exports import EXPORTS

VIEW = "syndication.view_outlet"
REPORT_DAYS = 30
# An active outlet that has not polled for this many days has stopped: outlets poll every few
# minutes, so even a long weekend's pause shows.
STOPPED_AFTER_DAYS = 3
URL_NAME = "syndication_usage_report"


class PollingState(models.TextChoices):
    POLLING = "polling", _("Đang lấy tin")
    STOPPED = "stopped", _("Đã ngừng lấy tin")
    NEVER = "never", _("Chưa lấy tin")
    INACTIVE = "inactive", _("Khoá ngừng hoạt động")


@dataclass
class FeedUsage:
    feed: str
    polls: int
    items: int
    last_poll: date


@dataclass
class OutletRow:
    outlet: Outlet
    polls: int
    items: int
    last_poll: date | None
    state: str
    feeds: list = field(default_factory=list)

    @property
    def stopped(self):
        return self.state == PollingState.STOPPED


def polling_state(outlet, last_poll, today):
    if not outlet.active:
        return PollingState.INACTIVE
    if last_poll is None:
        return PollingState.NEVER
    if (today - last_poll).days >= STOPPED_AFTER_DAYS:
        return PollingState.STOPPED
    return PollingState.POLLING


def report_rows(today=None):
    """[OutletRow] of every outlet by name, each with its feeds of the period, most polled
    first."""
    today = today or timezone.localdate()
    since = today - timedelta(days=REPORT_DAYS - 1)
    in_period = Q(usage__day__gte=since, usage__day__lte=today)
    outlets = Outlet.objects.annotate(
        period_polls=Coalesce(Sum("usage__polls", filter=in_period), 0),
        period_items=Coalesce(Sum("usage__items", filter=in_period), 0),
        last_poll=Max("usage__day"),
    ).order_by("name", "pk")
    feeds = defaultdict(list)
    per_feed = (
        OutletUsage.objects.filter(day__gte=since, day__lte=today)
        .values("outlet_id", "feed")
        .annotate(polls=Sum("polls"), items=Sum("items"), last_poll=Max("day"))
        .order_by("-polls", "feed")
    )
    for row in per_feed:
        feeds[row["outlet_id"]].append(
            FeedUsage(row["feed"], row["polls"], row["items"], row["last_poll"])
        )
    return [
        OutletRow(
            outlet=outlet,
            polls=outlet.period_polls,
            items=outlet.period_items,
            last_poll=outlet.last_poll,
            state=polling_state(outlet, outlet.last_poll, today),
            feeds=feeds[outlet.pk],
        )
        for outlet in outlets
    ]


def usage_report(request):
    if not request.user.has_perm(VIEW):
        raise PermissionDenied
    export = request.GET.get("export")
    if export and export not in EXPORTS:
        return HttpResponseBadRequest(
            "Định dạng tải về không hợp lệ: chỉ có csv hoặc xlsx.",
            content_type="text/plain; charset=utf-8",
        )
    usage.flush()
    today = timezone.localdate()
    rows = report_rows(today)
    if export:
        return EXPORTS[export](rows, today, REPORT_DAYS)
    since = today - timedelta(days=REPORT_DAYS - 1)
    context = {
        "page_title": _("Khai thác nguồn tin"),
        "page_subtitle": _("%(days)s ngày gần nhất") % {"days": REPORT_DAYS},
        "header_icon": "site",
        "rows": rows,
        "stopped": [row for row in rows if row.stopped],
        "since": since,
        "today": today,
        "days": REPORT_DAYS,
        "stopped_after": STOPPED_AFTER_DAYS,
        "total_polls": sum(row.polls for row in rows),
        "total_items": sum(row.items for row in rows),
        "exports": [(name, reverse(URL_NAME) + f"?export={name}") for name in EXPORTS],
    }
    return TemplateResponse(request, "syndication/admin/usage_report.html", context)


class UsageReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW)


def menu_item():
    return UsageReportMenuItem(
        _("Khai thác nguồn tin"), reverse(URL_NAME), name="outlet-usage", icon_name="site"
    )


urlpatterns = [path("bao-cao/khai-thac-nguon-tin/", usage_report, name=URL_NAME)]
