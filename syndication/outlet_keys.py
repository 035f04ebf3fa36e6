"""An outlet's key (`?k=` in its feed addresses): which outlet it names, read from the shared
cache so that a poll costs no database query once warm.

The cache holds, per key, the outlet's id, or 0 for a key that counts nothing (unknown, of an
inactive outlet, or replaced by a new one). It is written when an outlet is saved, deleted or
given a new key, once that is committed.

Each app process also remembers what it read for MEMO_SECONDS: a poll then costs one round trip
to the cache (its count) on top of the feed's, not two. So an outlet made inactive, or a key
replaced, stops counting in the process that saved it at once and in the others within a minute.
"""

import re
import time

from django.core.cache import cache
from django.db import transaction

from .models import Outlet
from .models.outlets import new_key

# What new_key() makes (URL-safe base64), with room for keys made otherwise; anything else is
# served as to anyone and looked up nowhere.
KEY_PATTERN = re.compile(r"[A-Za-z0-9_-]{16,64}")
CACHE_PREFIX = "outlets:key:"
KNOWN_SECONDS = 24 * 3600
# A key that names no outlet is remembered a while, so a mistyped key polled every minute
# costs one query per ten minutes, not one per poll. Creating an outlet overwrites it.
UNKNOWN_SECONDS = 600
COUNTS_NOTHING = 0
MEMO_SECONDS = 60
# ~800 outlets; past this many keys (random ones sent to fill it) the memo starts again.
MEMO_SIZE = 4096
_memo = {}  # key -> (outlet id or COUNTS_NOTHING, time.monotonic() until which it holds)
clock = time.monotonic


def well_formed(key):
    return bool(key) and KEY_PATTERN.fullmatch(key) is not None


def outlet_id_for(key):
    """The id of the active outlet whose key this is, or None."""
    if not well_formed(key):
        return None
    now = clock()
    memo = _memo.get(key)
    if memo is not None and memo[1] > now:
        return memo[0] or None
    found = cache.get(CACHE_PREFIX + key)
    if found is None:
        outlet = Outlet.objects.filter(key=key).values_list("pk", "active").first()
        found = outlet[0] if outlet and outlet[1] else COUNTS_NOTHING
        _share(key, found)
    if len(_memo) >= MEMO_SIZE:
        _memo.clear()
    _memo[key] = (found, now + MEMO_SECONDS)
    return found or None


def _share(key, value):
    cache.set(CACHE_PREFIX + key, value, KNOWN_SECONDS if value else UNKNOWN_SECONDS)
    _memo.pop(key, None)


def forget_all():
    """Forget every key this process remembers (between tests)."""
    _memo.clear()


def remember(outlet):
    """Once committed: the outlet's key counts for it while it is active, for nobody after."""
    key, value = outlet.key, outlet.pk if outlet.active else COUNTS_NOTHING
    transaction.on_commit(lambda: _share(key, value))


def forget(key):
    transaction.on_commit(lambda: _share(key, COUNTS_NOTHING))


def renew_key(outlet):
    """Give the outlet a new key (the old one leaked, or the outlet changed hands): the old
    key counts nothing from then on, its feeds still answer it as anyone."""
    old = outlet.key
    outlet.key = new_key()
    outlet.save(update_fields=["key"])
    forget(old)
    return outlet.key


def on_save(sender, instance, **kwargs):
    remember(instance)


def on_delete(sender, instance, **kwargs):
    forget(instance.key)


def connect():
    from django.db.models.signals import post_delete, post_save

    post_save.connect(on_save, sender=Outlet, dispatch_uid="outlet_keys_save")
    post_delete.connect(on_delete, sender=Outlet, dispatch_uid="outlet_keys_delete")
