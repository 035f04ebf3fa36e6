"""What each outlet fetched, per day (Hà Nội time) and per feed: polls and items, never an IP.

A poll costs one round trip to the shared cache: one counter per (day, outlet, feed) holding
`items * ITEMS_UNIT + polls`, raised by one INCR. The first poll of the day for an outlet and a
feed creates its OutletUsage row, so the database is written once per outlet, feed and day
while outlets poll; `flush()` then writes each counter's totals to its row, from the scheduler's
tick (about twice a minute) and before the report reads them.

The flush writes totals, not increments, and never lowers a row: run twice, or by two workers at
once, it leaves the same rows. A counter lost with the cache (Redis restarted) starts again from
its row's totals on the next poll.
"""

from datetime import timedelta

from django.core.cache import cache
from django.utils import timezone

from .models import OutletUsage

# Polls in the low 32 bits, items above: 4 billion polls a day of one feed by one outlet before
# they would spill into the items, and room for 2 billion items under Redis's 2**63.
ITEMS_UNIT = 2**32
# Long enough for the flush of the day after (and a scheduler down for a day) to read them.
COUNTER_SECONDS = 3 * 24 * 3600
FLUSHED_DAYS = 2  # today and yesterday
FLUSH_BATCH = 1000


def counter_key(day, outlet_id, feed):
    return f"outlets:usage:{day.isoformat()}:{outlet_id}:{feed}"


def split(value):
    """(polls, items) of a counter's value."""
    items, polls = divmod(int(value), ITEMS_UNIT)
    return polls, items


def count_poll(outlet_id, feed, items=0, day=None):
    """One poll of `feed` by the outlet, which got `items` items (0 for a 304)."""
    day = day or timezone.localdate()
    key = counter_key(day, outlet_id, feed)
    delta = items * ITEMS_UNIT + 1
    if _raise(key, delta):
        return
    # add() is True for one process only; None when the cache is down (nothing is counted).
    if cache.add(key, delta, COUNTER_SECONDS):
        _open_row(key, outlet_id, day, feed, items)
    else:
        _raise(key, delta)  # another process opened the day meanwhile


def _raise(key, delta):
    try:
        return cache.incr(key, delta) is not None
    except ValueError:  # no counter yet: the first poll of the day
        return False


def _open_row(key, outlet_id, day, feed, items):
    row, created = OutletUsage.objects.get_or_create(
        outlet_id=outlet_id, day=day, feed=feed, defaults={"polls": 1, "items": items}
    )
    if not created and (row.polls or row.items):
        # The row has counts the cache lost: the counter goes on from them.
        _raise(key, row.items * ITEMS_UNIT + row.polls)


def flush(today=None):
    """Write the counters of the last FLUSHED_DAYS days to their rows; how many rows changed."""
    today = today or timezone.localdate()
    rows = list(
        OutletUsage.objects.filter(day__gt=today - timedelta(days=FLUSHED_DAYS)).order_by("pk")
    )
    changed = 0
    for start in range(0, len(rows), FLUSH_BATCH):
        batch = rows[start : start + FLUSH_BATCH]
        by_key = {counter_key(row.day, row.outlet_id, row.feed): row for row in batch}
        updated = []
        for key, value in cache.get_many(list(by_key)).items():
            row = by_key[key]
            polls, items = split(value)
            if polls > row.polls or items > row.items:
                row.polls, row.items = max(polls, row.polls), max(items, row.items)
                updated.append(row)
        OutletUsage.objects.bulk_update(updated, ["polls", "items"])
        changed += len(updated)
    return changed
