"""What each outlet fetched, per day (Hà Nội time) and per feed: polls and items, never an IP.

Three stages, so that a keyed poll costs its outlet no more time than anyone's poll:

1. `count_poll()`, on the poll's path, only adds to this process's pending counts: no I/O.
2. `push_if_due()`, once the answer has gone (Django's `request_finished`), adds them to the
   shared cache: one counter per (day, outlet, feed) holding `items * ITEMS_UNIT + polls`, one
   INCR each. A counter this process has not pushed to yet goes with the very answer that
   counted it; the others wait up to PUSH_SECONDS, so a burst of polls costs one INCR a
   second per process. The first push of the day to a counter creates its OutletUsage row: the
   database is written once per outlet, feed and day while outlets poll.
3. `flush()` writes each counter's totals to its row, from the scheduler's tick (about twice a
   minute) and before the report reads them. It writes totals, not increments, and never lowers
   a row: run twice, or by two workers at once, it leaves the same rows. A counter lost with the
   cache (Redis restarted) goes on from its row's totals at the next push.

A process keeps pending counts for PUSH_SECONDS at most while it serves requests, and pushes
them when it exits; one killed outright loses its last second of counts.
"""

import atexit
import logging
import threading
import time
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.cache import cache
from django.utils import timezone

from .models import OutletUsage

logger = logging.getLogger(__name__)

# Polls in the low 32 bits, items above: 4 billion polls a day of one feed by one outlet before
# they would spill into the items, and room for 2 billion items under Redis's 2**63.
ITEMS_UNIT = 2**32
# Long enough for the flush of the day after (and a scheduler down for a day) to read them.
COUNTER_SECONDS = 3 * 24 * 3600
FLUSHED_DAYS = 2  # today and yesterday
FLUSH_BATCH = 1000
PUSH_SECONDS = 1.0
# Counters this process has pushed to (~800 outlets, a few feeds each, two days); past this
# many it starts again, and each counter's next poll is pushed at once.
MOST_OPENED = 20_000


@dataclass
class Pending:
    outlet_id: int
    day: date
    feed: str
    polls: int = 0
    items: int = 0


_lock = threading.Lock()
_pending = {}  # counter key -> Pending
_opened = set()  # counter keys this process has pushed to
_due = None  # the time.monotonic() from which the pending counts are to be pushed
clock = time.monotonic


def counter_key(day, outlet_id, feed):
    return f"outlets:usage:{day.isoformat()}:{outlet_id}:{feed}"


def split(value):
    """(polls, items) of a counter's value."""
    items, polls = divmod(int(value), ITEMS_UNIT)
    return polls, items


def count_poll(outlet_id, feed, items=0, day=None):
    """One poll of `feed` by the outlet, which got `items` items (0 for a 304)."""
    global _due
    day = day or timezone.localdate()
    key = counter_key(day, outlet_id, feed)
    now = clock()
    with _lock:
        pending = _pending.get(key)
        if pending is None:
            pending = _pending[key] = Pending(outlet_id, day, feed)
        pending.polls += 1
        pending.items += items
        due = now if key not in _opened else now + PUSH_SECONDS
        if _due is None or due < _due:
            _due = due


def push_if_due(**kwargs):
    """At the end of every request (`request_finished`): push the pending counts if their time
    has come. A dictionary read and a clock read otherwise."""
    if _due is not None and clock() >= _due:
        push()


def push():
    """Add this process's pending counts to the shared cache."""
    global _pending, _due
    with _lock:
        batch, _pending, _due = _pending, {}, None
    if len(_opened) > MOST_OPENED:
        _opened.clear()
    for key, pending in batch.items():
        try:
            if _add_to_counter(key, pending):
                _opened.add(key)
        except Exception:  # one counter failing (its outlet just deleted) spares the others
            logger.exception("Counting %s failed", key)


def discard_pending():
    """Forget this process's pending counts and the counters it knows (between tests)."""
    global _pending, _due
    with _lock:
        _pending, _due = {}, None
        _opened.clear()


def _add_to_counter(key, pending):
    delta = pending.items * ITEMS_UNIT + pending.polls
    if _raise(key, delta):
        return True
    # add() is True for one process only; None when the cache is down (nothing is counted).
    if cache.add(key, delta, COUNTER_SECONDS):
        _open_row(key, pending)
        return True
    return _raise(key, delta)  # another process opened it meanwhile


def _raise(key, delta):
    try:
        return cache.incr(key, delta) is not None
    except ValueError:  # no counter yet: the first push of the day
        return False


def _open_row(key, pending):
    row, created = OutletUsage.objects.get_or_create(
        outlet_id=pending.outlet_id,
        day=pending.day,
        feed=pending.feed,
        defaults={"polls": pending.polls, "items": pending.items},
    )
    if not created and (row.polls or row.items):
        # The row has counts the cache lost: the counter goes on from them.
        _raise(key, row.items * ITEMS_UNIT + row.polls)


def flush(today=None):
    """Write the counters of the last FLUSHED_DAYS days to their rows (this process's pending
    counts pushed first); how many rows changed."""
    push()
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


def connect():
    from django.core.signals import request_finished

    request_finished.connect(push_if_due, dispatch_uid="outlet_usage_push")
    atexit.register(push)
