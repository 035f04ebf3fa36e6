"""The shared half of a page that changes while readers watch it (core/live.py)."""

import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_max_age

import pytest

from core import cache_tags, live
from core.page_cache import get_shared_max_age

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.mark.parametrize(
    "value",
    ["2026-12-07T20:30:00.123456+07:00", "2026-12-07T20:30:00.123456 07:00"],
)
def test_since_is_read_with_or_without_its_plus_encoded(value):
    assert live.parse_since(value) == datetime(2026, 12, 7, 20, 30, 0, 123456, tzinfo=HANOI)


@pytest.mark.parametrize(
    "value",
    [
        "",
        "hôm qua",
        "2026-13-01",
        "2026-12-07T25:00",
        "<script>",
        "9" * 200,
        "0001-01-01T00:00:00",
        "9999-12-31T23:59:59.999999",
    ],
)
def test_a_since_that_is_not_a_time_is_none(value):
    assert live.parse_since(value) is None


def test_a_stamp_reads_back_as_the_same_moment():
    moment = datetime(2026, 12, 7, 13, 30, 0, 5, tzinfo=ZoneInfo("UTC"))
    assert live.parse_since(live.stamp(moment)) == moment
    assert live.stamp(moment).endswith("+07:00")


def test_an_answer_includes_changes_a_little_older_than_since():
    since = datetime(2026, 12, 7, 20, 30, tzinfo=HANOI)
    assert live.changed_after(since) == since - timedelta(seconds=30)


def test_browsers_keep_the_answer_briefly_and_shared_caches_until_renewed(settings):
    settings.PAGE_CACHE_SECONDS = 600
    response = live.changes_response(live=True, since="s", items=[{"id": "cap-nhat-1"}])
    assert get_max_age(response) == live.MAX_AGE
    assert get_shared_max_age(response) == 600
    assert json.loads(response.content) == {
        "live": True,
        "since": "s",
        "updates": [{"id": "cap-nhat-1"}],
    }


def test_a_bad_since_is_told_in_vietnamese():
    response = live.bad_since_response()
    assert response.status_code == 400
    assert "thời điểm" in json.loads(response.content)["error"]


def test_showing_a_page_tags_the_answer_with_its_live_tag():
    with cache_tags.collecting() as tags:
        live.show(42)
    assert "live-42" in tags


def test_shared_caches_keep_no_copy_past_a_change_by_the_clock(settings):
    settings.PAGE_CACHE_SECONDS = 600
    soon = live.seconds_until(
        None, timezone.now() - timedelta(hours=1), timezone.now() + timedelta(minutes=5)
    )
    assert 299 <= soon <= 300
    response = live.changes_response(live=True, since="s", items=[], changes_in=soon)
    assert get_shared_max_age(response) == soon
    assert get_shared_max_age(live.keep_until(HttpResponse(), soon)) == soon
    assert not live.keep_until(HttpResponse(), 3600).has_header("Cache-Control")
    assert live.seconds_until(timezone.now() - timedelta(seconds=1)) is None
