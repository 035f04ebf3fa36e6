"""The clock of the cache tags in the shared cache (core/cache_tags.py): read before an answer is
made and kept with it as its stamp, moved by every renewal in the same atomic step as the tags
it renews, and started again, above any value it had reached, when it is lost."""

import time

from django.core.cache import cache

from . import tag_memory

CLOCK_KEY = "tags:clock"
# A tag's renewal is kept longer than any tagged answer lives (pages 10 minutes, feed entries and
# counts an hour, renditions' markup a week): a tag whose renewal has expired was renewed before
# every answer still kept.
TAG_SECONDS = 8 * 24 * 3600


def clock():
    """The clock now: read before an answer is made, kept with it as its stamp."""
    value = cache.get(CLOCK_KEY)
    return start_clock() if value is None else value


def start_clock():
    # A clock that is lost (Redis flushed, or the key dropped after a failed renewal) starts
    # again from the time in milliseconds, above any value it had reached (renewals are far
    # fewer than a thousand a second), so a tag renewed before never outranks it for days. A
    # cache that does not answer keeps nothing (None is never a valid stamp).
    tag_memory.forget()
    cache.add(CLOCK_KEY, _wall_clock(), None)
    return cache.get(CLOCK_KEY)


def _wall_clock():
    return int(time.time() * 1000)


# The clock moves and the tags take its value in one step: a reader between the two would judge
# old entries fresh under the new clock and keep what it made from them under it. A tag never
# goes back (two renewals at once). Values are plain integers, as django-redis reads them.
RENEWAL_SCRIPT = """
local now = redis.call('INCR', KEYS[1])
for i = 2, #KEYS do
    local current = tonumber(redis.call('GET', KEYS[i]))
    if current == nil or current < now then
        redis.call('SET', KEYS[i], now, 'EX', ARGV[1])
    end
end
return now
"""


def write_renewal(tags, hard):
    keys = [f"tag:{tag}" for tag in tags]
    if hard:
        keys += [f"hard:{tag}" for tag in tags]
    client = raising_cache()
    if hasattr(client, "get_client"):  # django-redis: one script, atomic
        start_clock()
        redis = client.get_client(write=True)
        names = [client.make_key(key) for key in [CLOCK_KEY, *keys]]
        redis.eval(RENEWAL_SCRIPT, len(names), *names, TAG_SECONDS)
    else:  # one process's own memory (development, tests): its lock makes each step atomic
        client.add(CLOCK_KEY, _wall_clock(), None)
        now = client.incr(CLOCK_KEY)
        client.set_many(dict.fromkeys(keys, now), timeout=TAG_SECONDS)


def raising_cache():
    """django-redis's client, which raises where the cache ignores errors; else the cache."""
    return getattr(cache, "client", cache)
