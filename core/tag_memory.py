"""What one process remembers of the cache tags in the shared cache, to spare round trips.

A renewal moves the shared clock and writes its tags in one atomic step
(`core.cache_tags.RENEWAL_SCRIPT`), and a clock that is lost starts again above any value it
had reached. So what this process read under one clock value still holds while the clock reads
that value: the tags' renewals (`renewals`: a lookup that has read the clock with its entry
needs no second round trip for the entry's tags) and the values `core.cache_tags.kept()` judged
fresh (`values`: within an answer the page cache makes, `at_clock()`, no round trip at all).
Only where renewals are atomic (django-redis's script); a lock keeps one process's threads apart.
"""

import threading
import time
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.cache import cache

_answer_clock = ContextVar("cache_tags_answer_clock", default=None)
_atomic = None


def atomic_renewals():
    """Whether renewals run as one script (django-redis); the local memory cache's do not."""
    global _atomic
    if _atomic is None:
        _atomic = hasattr(getattr(cache, "client", cache), "get_client")
    return _atomic


class Renewals:
    """The tags' renewals this process has read, as of one value of the clock.

    A renewal moves the clock and writes its tags in one atomic step (RENEWAL_SCRIPT), and a
    clock that is lost starts again above any value it had reached: so while the clock still
    reads `clock`, no tag has been renewed since these values were read with it, and a lookup
    that has just read the clock with its entry needs no second round trip for the entry's
    tags. A read under a newer clock forgets them all; one under an older clock (a thread that
    read before another) is not kept. Only where renewals are atomic (django-redis's script:
    `enabled`); a lock keeps the threads of one process apart."""

    LIMIT = 50_000

    def __init__(self):
        self.lock = threading.Lock()
        self.clock, self.values = None, {}

    def get(self, now, keys):
        """{key: value} of `keys` (None for a tag never renewed), if all are known under `now`."""
        if now is None or not atomic_renewals():
            return None
        with self.lock:
            if now != self.clock or any(key not in self.values for key in keys):
                return None
            return {key: self.values[key] for key in keys}

    def remember(self, now, keys, found):
        if not atomic_renewals():
            return
        with self.lock:
            if self.clock is not None and now < self.clock:
                return  # read before a renewal another thread has already seen
            if now != self.clock or len(self.values) > self.LIMIT:
                self.clock, self.values = now, {}
            self.values.update({key: found.get(key) for key in keys})

    def forget(self):
        with self.lock:
            self.clock, self.values = None, {}


renewals = Renewals()


@contextmanager
def at_clock(now):
    """The answer made inside the block reads the shared cache as of the clock value `now`,
    which the page cache has just read: kept values this process judged fresh under it are used
    from its memory (`core.cache_tags.kept()`)."""
    token = _answer_clock.set(now)
    try:
        yield
    finally:
        _answer_clock.reset(token)


class Values:
    """Values `kept()` judged fresh, each with the clock value it was judged under; a few, for
    at most a minute (or their own time, if shorter), and only where renewals are atomic."""

    LIMIT = 1000
    LONGEST_SECONDS = 60

    def __init__(self):
        self.lock = threading.Lock()
        self.values = {}

    def get(self, key, now):
        if now is None or not atomic_renewals():
            return None
        with self.lock:
            found = self.values.get(key)
        if found is None:
            return None
        clock, until, value = found
        return value if clock == now and time.monotonic() < until else None

    def put(self, key, clock, value, seconds):
        if clock is None or not atomic_renewals():
            return
        with self.lock:
            if len(self.values) >= self.LIMIT:
                self.values.clear()
            until = time.monotonic() + min(seconds or self.LONGEST_SECONDS, self.LONGEST_SECONDS)
            self.values[key] = (clock, until, value)

    def forget(self):
        with self.lock:
            self.values.clear()


values = Values()


def answer_clock():
    """The clock value the answer being made reads the shared cache as of, or None."""
    return _answer_clock.get()


def forget():
    """Forget what this process has read (the clock was lost; a test's cache emptied)."""
    renewals.forget()
    values.forget()
