"""Outlets known: the key in an outlet's feed addresses (`?k=`) lets the portal count, per outlet,
per day and per feed, the polls and the items fetched, and changes nothing else: the same
bytes, the same ETag, the same cached copy, the same 304s, and no address of the poller kept."""

import datetime as dt

from django.core.cache import cache
from django.test import RequestFactory
from django.utils import timezone

import pytest
import time_machine

from core.page_cache import page_key
from syndication import outlet_keys, usage
from syndication.models import Outlet, OutletUsage
from syndication.views import ITEMS_HEADER
from tests.factories import ArticlePageFactory, SectionPageFactory
from tests.helpers import count_queries

from .outlet_helpers import (
    committed,
    make_outlet,
    usage_of,
)

pytestmark = pytest.mark.usefixtures("fresh_counts")

LATEST = "/feeds/latest.rss"
STORIES = 3


@pytest.fixture
def section(home_page):
    section = SectionPageFactory(parent=home_page, title="Thời sự", slug="thoi-su")
    for n in range(STORIES):
        ArticlePageFactory(
            parent=section, title=f"Thủ tướng làm việc với các bộ, ngành lần {n}", slug=f"tin-{n}"
        )
    return section


@pytest.fixture
def outlet(section):
    return make_outlet()


@pytest.fixture
def page_cache_on(settings, monkeypatch):
    """The whole-page cache as production runs it (the tests' settings turn it off), on a day
    with hours left."""
    from core import page_cache

    settings.PAGE_CACHE_SECONDS = 600
    monkeypatch.setattr(page_cache, "seconds_to_midnight", lambda: 12 * 3600)


def poll(client, outlet_or_key, url=LATEST, **headers):
    key = getattr(outlet_or_key, "key", outlet_or_key)
    separator = "&" if "?" in url else "?"
    return client.get(f"{url}{separator}k={key}", **headers)


def test_a_keyed_poll_counts_one_poll_and_the_items_fetched(client, outlet):
    response = poll(client, outlet)
    assert response.status_code == 200
    assert response.content.count(b"<item>") == STORIES
    assert usage_of(outlet) == {"latest": (1, STORIES)}
    assert outlet.usage.get().day == timezone.localdate()


def test_a_304_counts_a_poll_and_no_items(client, outlet):
    etag = poll(client, outlet)["ETag"]
    not_modified = poll(client, outlet, HTTP_IF_NONE_MATCH=etag)
    assert not_modified.status_code == 304
    assert usage_of(outlet) == {"latest": (2, STORIES)}


def test_a_page_cache_hit_is_counted_with_its_items(client, outlet, page_cache_on):
    assert poll(client, outlet)["X-Page-Cache"] == "miss"
    second = poll(client, outlet)
    assert second["X-Page-Cache"] == "hit"
    assert usage_of(outlet) == {"latest": (2, 2 * STORIES)}
    etag = second["ETag"]
    cached_304 = poll(client, outlet, HTTP_IF_NONE_MATCH=etag)
    assert (cached_304.status_code, cached_304["X-Page-Cache"]) == (304, "hit")
    assert usage_of(outlet) == {"latest": (3, 2 * STORIES)}


def test_the_key_changes_neither_the_bytes_nor_the_etag_nor_the_cached_copy(
    client, outlet, page_cache_on
):
    """800 outlets with 800 keys share one cached copy of each feed: the key is taken out of
    the address before the page cache sees it."""
    anyone = client.get(LATEST)
    keyed = poll(client, outlet)
    assert keyed["X-Page-Cache"] == "hit"
    assert keyed.content == anyone.content
    assert keyed["ETag"] == anyone["ETag"]
    assert keyed["Last-Modified"] == anyone["Last-Modified"]
    keyed_address = RequestFactory().get(LATEST, {"k": outlet.key})
    assert cache.get(page_key(keyed_address)) is None
    assert outlet.key.encode() not in keyed.content
    # The count of items is for the portal: it never leaves with the answer.
    assert ITEMS_HEADER not in anyone
    assert ITEMS_HEADER not in keyed


def test_other_parameters_are_kept_as_they_were(client, home_page):
    """The document feed's filters share one entry with the same filters unkeyed."""
    outlet = make_outlet()
    address = "/feeds/legal-documents.atom?loai=nghi-dinh&nam=2026"
    anyone = client.get(address)
    keyed = poll(client, outlet, url=address)
    assert keyed.status_code == 200
    assert keyed.content == anyone.content
    assert usage_of(outlet) == {"legal-documents": (1, 0)}


def test_each_feed_is_counted_apart_whatever_its_format(client, outlet):
    poll(client, outlet)
    poll(client, outlet, url="/feeds/latest.atom")
    poll(client, outlet, url="/feeds/section/thoi-su.rss")
    assert usage_of(outlet) == {"latest": (2, 2 * STORIES), "section/thoi-su": (1, STORIES)}


def test_two_outlets_are_counted_apart(client, outlet):
    other = make_outlet("Báo Tuổi Trẻ Online", contact_email="online@tuoitre.example.vn")
    poll(client, outlet)
    poll(client, other)
    poll(client, other, HTTP_IF_NONE_MATCH=poll(client, other)["ETag"])
    assert usage_of(outlet) == {"latest": (1, STORIES)}
    assert usage_of(other) == {"latest": (3, 2 * STORIES)}


def test_an_unknown_key_gets_the_feed_and_counts_nothing(client, outlet):
    anyone = client.get(LATEST)
    unknown = poll(client, "khoa-khong-ton-tai-0123456789")
    assert unknown.status_code == 200
    assert unknown.content == anyone.content
    assert not OutletUsage.objects.exists()


def test_an_inactive_outlets_key_gets_the_feed_and_counts_nothing(client, outlet):
    poll(client, outlet)  # its key is now known to the shared cache
    with committed():
        outlet.active = False
        outlet.save()
    assert poll(client, outlet).status_code == 200
    assert usage_of(outlet) == {"latest": (1, STORIES)}
    inactive = make_outlet("Trang tin ngừng hợp tác", active=False)
    assert poll(client, inactive).status_code == 200
    assert usage_of(inactive) == {}


@pytest.mark.parametrize(
    "key",
    ["a" * 65, "ngắn", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "%ff%fe%00", "khoá có dấu cách"],
)
def test_a_malformed_key_gets_the_feed_and_counts_nothing(client, outlet, key):
    anyone = client.get(LATEST)
    response = client.get(f"{LATEST}?k={key}")
    assert response.status_code == 200
    assert response.content == anyone.content
    assert not OutletUsage.objects.exists()


def test_a_key_of_a_deleted_outlet_counts_nothing(client, outlet):
    poll(client, outlet)
    key = outlet.key
    with committed():
        outlet.delete()
    assert poll(client, key).status_code == 200
    assert not OutletUsage.objects.exists()


def test_a_new_key_retires_the_old_one(client, outlet):
    old = outlet.key
    poll(client, outlet)
    with committed():
        new = outlet_keys.renew_key(outlet)
    assert new != old
    poll(client, old)
    poll(client, new)
    assert usage_of(outlet) == {"latest": (2, 2 * STORIES)}


def test_no_address_of_the_poller_is_kept(client, outlet):
    ip = "203.0.113.77"
    poll(client, outlet, REMOTE_ADDR=ip, HTTP_X_FORWARDED_FOR=f"{ip}, 10.0.0.1")
    usage.flush()
    row = OutletUsage.objects.get()
    fields = {field.name for field in OutletUsage._meta.get_fields()}
    assert fields == {"id", "outlet", "day", "feed", "polls", "items"}
    kept = [str(getattr(row, field.attname)) for field in OutletUsage._meta.concrete_fields]
    kept += [str(value) for value in Outlet.objects.values().get().values()]
    assert not any(ip in value for value in kept)


def test_polls_are_counted_on_the_day_in_ha_noi(client, outlet):
    # 17:30 UTC is already 00:30 the next day in Hà Nội.
    with time_machine.travel(dt.datetime(2026, 12, 7, 17, 30, tzinfo=dt.UTC), tick=False):
        poll(client, outlet)
        usage.flush()
    assert OutletUsage.objects.get().day == dt.date(2026, 12, 8)


def test_the_flush_writes_totals_and_can_run_again(client, outlet):
    for _ in range(3):
        poll(client, outlet)
    assert usage.flush() == 1
    assert usage.flush() == 0
    assert usage_of(outlet) == {"latest": (3, 3 * STORIES)}


def test_a_count_lost_with_the_cache_goes_on_from_the_database(client, outlet):
    """Redis restarted: the rows keep what was flushed, and the next poll counts on from it."""
    for _ in range(3):
        poll(client, outlet)
    usage.flush()
    cache.clear()
    assert usage_of(outlet) == {"latest": (3, 3 * STORIES)}  # a flush never lowers a row
    poll(client, outlet)
    assert usage_of(outlet) == {"latest": (4, 4 * STORIES)}


@pytest.fixture
def clock(monkeypatch):
    """The monotonic clock the counts and the keys' memory read, moved by hand."""
    now = [1000.0]
    monkeypatch.setattr(usage, "clock", lambda: now[0])
    monkeypatch.setattr(outlet_keys, "clock", lambda: now[0])
    return now


def shared_count(outlet, feed="latest"):
    """(polls, items) of the outlet's counter in the shared cache, as a flush would read it."""
    value = cache.get(usage.counter_key(timezone.localdate(), outlet.pk, feed))
    return usage.split(value) if value is not None else None


def test_polls_reach_the_shared_cache_after_the_answer_at_most_a_second_later(
    client, outlet, clock
):
    """The first poll of a counter goes to the cache with its own answer (it opens the day's
    row); later ones are pushed together once a second has passed, after any answer."""
    poll(client, outlet)
    assert shared_count(outlet) == (1, STORIES)
    assert outlet.usage.get().polls == 1
    poll(client, outlet)
    poll(client, outlet)
    assert shared_count(outlet) == (1, STORIES)
    clock[0] += usage.PUSH_SECONDS
    client.get("/feeds/")  # any answer, keyed or not
    assert shared_count(outlet) == (3, 3 * STORIES)


def test_other_processes_stop_counting_a_deactivated_key_within_a_minute(client, outlet, clock):
    """The process that saves the outlet forgets its key at once (tested above); another one
    goes on with what it read for up to MEMO_SECONDS."""
    poll(client, outlet)
    # What the saving process's commit writes to the shared cache, unseen by this one.
    cache.set(outlet_keys.CACHE_PREFIX + outlet.key, outlet_keys.COUNTS_NOTHING)
    poll(client, outlet)
    clock[0] += outlet_keys.MEMO_SECONDS
    poll(client, outlet)
    assert usage_of(outlet) == {"latest": (2, 2 * STORIES)}


def test_a_warm_keyed_poll_does_no_database_query(client, outlet):
    poll(client, outlet)  # builds the feed, learns the key, opens the day's row
    assert count_queries(client, LATEST, {"k": outlet.key}) == 0
    assert usage_of(outlet) == {"latest": (2, 2 * STORIES)}


def test_the_database_is_written_once_a_day_per_outlet_and_feed(client, outlet):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    poll(client, outlet)
    with CaptureQueriesContext(connection) as captured:
        for _ in range(5):
            poll(client, outlet)
    assert not [q for q in captured if "syndication_outletusage" in q["sql"]]


def test_a_failing_count_never_fails_the_feed(client, outlet, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("Redis và cơ sở dữ liệu cùng hỏng")

    monkeypatch.setattr(usage, "count_poll", broken)
    assert poll(client, outlet).status_code == 200


def test_the_feed_list_stays_keyless(client, outlet):
    listing = client.get("/feeds/", {"k": outlet.key})
    assert listing.status_code == 200
    assert outlet.key not in listing.text
    assert not OutletUsage.objects.exists()
