"""`/api/v2/withdrawn/?since=<ISO time>`: the stories withdrawn since then, oldest first, so an
outlet that keeps the time of the last one it read asks for what came after and takes those copies
down (syndication/withdrawals.py). Each gives the page's id, the item id the feeds used (its tag
URI), its address, its title and the time: nothing else of the story. Without `since`, the last
30 days (what the feeds' tombstones show)."""

from datetime import timedelta

from django.utils import timezone
from django.utils.dateparse import parse_datetime

from wagtail.api import APIField
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet
from wagtail.models import Site

from rest_framework import serializers

from .api import ReadOnlyEndpoint
from .models import Withdrawal
from .models.withdrawals import TOMBSTONE_DAYS

EARLIEST_YEAR, LATEST_YEAR = 1900, 9998
SINCE_HELP = "Tham số since phải là thời điểm theo ISO 8601, ví dụ 2026-12-01T00:00:00+07:00."


def parse_since(value):
    """The time `value` names (a date alone is its midnight, a time without zone is Hà Nội's);
    a BadRequestError (400) when it names none."""
    if len(value) > 40:
        raise BadRequestError(SINCE_HELP)
    try:
        when = parse_datetime(value) or parse_datetime(value + "T00:00:00")
    except ValueError:
        when = None
    if when is None:
        raise BadRequestError(SINCE_HELP)
    if not EARLIEST_YEAR <= when.year <= LATEST_YEAR:  # beyond SQLite's dates, and pointless
        raise BadRequestError(SINCE_HELP)
    if timezone.is_naive(when):
        when = timezone.make_aware(when)
    return when


class WithdrawnEndpoint(ReadOnlyEndpoint, BaseAPIViewSet):
    model = Withdrawal
    filter_backends = []
    known_query_parameters = frozenset(["limit", "offset", "fields", "_", "format", "since"])
    body_fields = [
        "id",
        APIField("page_id", serializer=serializers.IntegerField()),
        APIField("guid", serializer=serializers.CharField()),
        APIField("url", serializer=serializers.CharField()),
        APIField("title", serializer=serializers.CharField()),
        APIField("withdrawn_at", serializer=serializers.DateTimeField()),
    ]
    meta_fields = ["type", "detail_url"]
    listing_default_fields = ["id", "type", "detail_url", *(f.name for f in body_fields[1:])]
    nested_default_fields = ["id", "type", "detail_url", "guid"]

    def get_queryset(self):
        site = Site.find_for_request(self.request)
        if site is None:
            return Withdrawal.objects.none()
        withdrawals = Withdrawal.objects.filter(url__startswith=site.root_url + "/")
        if self.action == "listing_view":
            since = self.request.GET.get("since")
            if since is None:
                since = timezone.now() - timedelta(days=TOMBSTONE_DAYS)
            else:
                since = parse_since(since)
            withdrawals = withdrawals.filter(withdrawn_at__gte=since)
        return withdrawals.order_by("withdrawn_at", "pk")
