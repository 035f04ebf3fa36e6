"""Cache tags: each cached answer records what it shows, and a change renews only the answers
that show it.

Every answer the portal keeps (a page or feed in the shared page cache, a feed entry, a count, the
menu; Varnish's copies too) carries *tags*:

- `all`: every answer; renewed by what changes every page (a site, the site settings, a
  redirect, a view restriction).
- `page-<id>`: the answer shows that page (its title, address, summary, picture, or the page
  itself, or a breadcrumb through it). Added by itself for every page instance read from the
  database while the answer is made (`post_init`), except the site's root and home page, which
  every request reads to route and which only their own answers show.
- `<model>-<id>` (`author-3`, `topic-7`, `portalimage-12`…): the answer shows that object, for
  the models a desk registers with `core.cache_renewal.renew_on_save` (also added on read).
- Listing tags, named by the code that lists: `under-<id>` (lists the live pages below that
  page: the home page, a section, an index, a section feed), `stories-<model>-<id>` (lists the
  stories about a topic or by an author: their pages and feeds; `core.cache_renewal.stories_tag`),
  `<model>-list` (lists every object of a vocabulary, as the document filters list issuing
  bodies), `participation-<policy id>` (shows a policy's comments, answers or drafts), and
  `publications` (changes with any publication anywhere: search, the API's lists, sitemaps, the
  latest feeds).

A change renews tags (`invalidate()`), once committed: in the shared cache each tag keeps the value
of a clock at its last renewal, and an answer is used only if none of its tags was renewed after
the clock value read *before* the answer was made. So an answer made while a change was being
committed can never outlive it, whichever of the two finished first; a renewal costs one counter
increment and one write per tag, whatever the number of answers that carry it; and a hit costs one
round trip (the answer with the clock; a second for its tags' values when the clock has moved since
this process last read them). Renewals also go to Varnish as xkey purges (`add_purger`).
docs/architecture.md says which change renews which tags.

A *hard* renewal (a withdrawal: unpublished, deleted, restricted) also marks the tag `hard`: an
answer carrying it is never served again, where a soft one (a publication, a correction, a
moderated comment) may be served a few seconds longer, stale, while one process renders the new
one (core/page_cache.py).
"""

import contextlib
import logging
import time
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_init

from wagtail.models import Page

from . import tag_clock, tag_memory
from .tag_clock import CLOCK_KEY, clock, start_clock, write_renewal  # noqa: F401 (clock: the API)

ALL = "all"
PUBLICATIONS = "publications"
# An answer that shows more than this (a sitemap of thousands of pages, the API's longest
# lists) is tagged by kind instead (`bounded()`): its tags are read on every hit, and Varnish
# keeps response headers under 8 KB.
MOST_TAGS = 250
# A renewal lost to a Redis blip would leave old answers valid until they expire, so it is
# written through a client that raises (the cache itself ignores Redis errors), and retried.
RENEWAL_ATTEMPTS = 3
RENEWAL_PAUSE_SECONDS = 0.1

logger = logging.getLogger(__name__)
_collected = ContextVar("cache_tags", default=None)
_batched = ContextVar("cache_tags_batched", default=None)
_tagged_models = {}  # model class → its tag prefix, for the models tagged on read
_purgers = []


# --- what an answer shows ----------------------------------------------------------------------


def page_tag(page_id):
    return f"page-{page_id}"


def object_tag(obj):
    if isinstance(obj, Page):
        return page_tag(obj.pk)
    return f"{obj._meta.model_name}-{obj.pk}"


def under_tag(page_id):
    return f"under-{page_id}"


def list_tag(model):
    return f"{model._meta.model_name}-list"


class _Tags(set):
    """The tags of one answer being made, and what it has already read (`once_per_answer`)."""

    def __init__(self, *args):
        super().__init__(*args)
        self.read = {}


@contextmanager
def collecting():
    """Collect the tags of what is read or shown inside the block; yields their set. A nested
    block's tags count for the outer one too (a feed entry made inside a feed)."""
    outer = _collected.get()
    tags = _Tags({ALL})
    token = _collected.set(tags)
    try:
        yield tags
    finally:
        _collected.reset(token)
        if outer is not None:
            outer.update(tags)


def once_per_answer(key, read):
    """`read()`, once for the answer being made (outside one, every time): what cannot change
    while one page renders and is asked for by many of its lists (the restricted paths)."""
    tags = _collected.get()
    if tags is None:
        return read()
    if key not in tags.read:
        tags.read[key] = read()
    return tags.read[key]


def add(*tags):
    """The answer being made shows these (no effect outside `collecting()`)."""
    tags_ = _collected.get()
    if tags_ is not None:
        tags_.update(tags)


def add_pages(*page_ids):
    add(*(page_tag(pk) for pk in page_ids))


def collected():
    """The tags collected so far for the answer being made, or an empty set outside one."""
    return set(_collected.get() or ())


def tag_on_read(model):
    """Tag every answer that reads an instance of `model` with `<model>-<id>`."""
    _tagged_models[model] = model._meta.model_name


def _on_init(sender, instance, **kwargs):
    add_read(instance)


def add_read(instance):
    """The answer being made shows `instance`, as reading it from the database says (for an
    object read once for many answers, as a feed reads its entries' photos)."""
    tags = _collected.get()
    if tags is None:
        return
    pk = instance.__dict__.get("id") or instance.pk
    if pk is None:
        return
    if isinstance(instance, Page):
        # The root (depth 1) and home page (2) are read to route every request; they are shown
        # only on their own page, which tags itself (BasePage.serve). A page read without its
        # depth (`only()`) is tagged: better renewed once too often than left stale.
        depth = instance.__dict__.get("depth")
        if len(tags) > MOST_TAGS:  # a sitemap's thousands: by kind (`bounded()`)
            tags.add(PUBLICATIONS)
        elif depth is None or depth > 2:
            tags.add(page_tag(pk))
    elif type(instance) in _tagged_models:
        tags.add(f"{_tagged_models[type(instance)]}-{pk}")


post_init.connect(_on_init, dispatch_uid="cache-tags-on-read")


# --- what is kept ------------------------------------------------------------------------------


def lookup(key):
    """(entry, stamp, fresh) for `key`: the entry kept there (or None); the clock now, to make
        a new one under; and whether the entry is fresh: none of its tags renewed since it was
        made (one round trip, or two when the clock has moved since this process last read the
    entry's tags). A stale entry is returned for `serve_stale()` to judge."""
    found = cache.get_many([CLOCK_KEY, key])
    now = found.get(CLOCK_KEY)
    if now is None:
        now = start_clock()
    entry = found.get(key)
    if not isinstance(entry, dict) or "stamp" not in entry:
        return None, now, False
    return entry, now, _fresh(entry, now)


def lookup_many(keys):
    """({key: entry} of the fresh entries among `keys`, stamp): one or two round trips for
    them all."""
    found = cache.get_many([CLOCK_KEY, *keys])
    now = found.pop(CLOCK_KEY, None)
    if now is None:
        return {}, start_clock()
    entries = {
        k: e for k, e in found.items() if isinstance(e, dict) and e.get("stamp", now + 1) <= now
    }
    tags = {tag for entry in entries.values() for tag in entry["tags"]}
    renewed = _renewals("tag", tags, now)
    if renewed is None:
        return {}, now
    return {
        key: entry
        for key, entry in entries.items()
        if all(renewed.get(f"tag:{tag}", 0) <= entry["stamp"] for tag in entry["tags"])
    }, now


def _renewals(prefix, tags, now=None):
    """{key: clock value} of the tags' renewals, or None when the cache did not answer (the
    clock, read in the same round trip, is missing: nothing may be judged unrenewed then).
    Given `now`, the clock the caller has just read, from what this process already knows
    under that clock where it can (core/tag_memory.py)."""
    keys = [f"{prefix}:{tag}" for tag in tags]
    known = tag_memory.renewals.get(now, keys)
    if known is None:
        found = cache.get_many([CLOCK_KEY, *keys])
        clock = found.pop(CLOCK_KEY, None)
        if clock is None:
            return None
        tag_memory.renewals.remember(clock, keys, found)
        return found
    return {key: value for key, value in known.items() if value is not None}


def _fresh(entry, now):
    stamp = entry["stamp"]
    if now is None or stamp > now:  # the clock was lost since: so were the renewals
        return False
    renewed = _renewals("tag", entry["tags"], now)
    return renewed is not None and all(value <= stamp for value in renewed.values())


def withdrawn_since(entry):
    """Whether a tag of `entry` was renewed hard (a withdrawal) after it was made: then it may
    not be served, not even stale."""
    renewed = _renewals("hard", entry["tags"])
    return renewed is None or any(value > entry["stamp"] for value in renewed.values())


def renewed_since(tags, stamp):
    """Whether any of `tags` was renewed after `stamp`: an answer made meanwhile may show the
    state before the change, and no shared cache may keep it."""
    renewed = _renewals("tag", tags)
    return stamp is None or renewed is None or any(value > stamp for value in renewed.values())


def bounded(tags):
    """`tags`, or for an answer that shows too much to name each item, the same by kind: every
    `page-<id>` becomes `publications` (which every change of a page renews too), every
    `<model>-<id>` becomes `<model>-any` (which every save of one renews)."""
    if len(tags) <= MOST_TAGS:
        return set(tags)
    kinds = set()
    for tag in tags:
        name, _, pk = tag.rpartition("-")
        if tag.startswith("page-"):
            kinds.add(PUBLICATIONS)
        elif pk.isdigit() and name in _tagged_models.values():
            kinds.add(f"{name}-any")
        else:
            kinds.add(tag)
    return kinds


def store(key, stamp, seconds, tags, **values):
    """Keep `values` at `key`, made under `stamp` (read before they were made), with `tags`."""
    if stamp is not None:
        cache.set(key, {"stamp": stamp, "tags": sorted(bounded(tags)), **values}, seconds)


def store_many(entries, stamp, seconds):
    """Keep each {key: (tags, values)} made under `stamp`, in one round trip."""
    if stamp is not None:
        cache.set_many(
            {
                key: {"stamp": stamp, "tags": sorted(bounded(tags)), **values}
                for key, (tags, values) in entries.items()
            },
            seconds,
        )


def kept(key, seconds, tags, make, keep_if=None):
    """The value kept at `key` while none of `tags` is renewed, else `make()`'s, kept (when
    `keep_if(value)` says so, if given). The clock is read before `make()` runs: a change
    committed meanwhile renews the value, never lands under it.

    Within an answer the page cache makes (`at_clock()`), a value this process has already
    judged fresh under the same clock value is taken from its memory, without a round trip: no
    renewal has happened since (core/tag_memory.py). Values kept so are plain data (a menu, paths, a
    count) that no caller changes."""
    now = tag_memory.answer_clock()
    local = tag_memory.values.get(key, now)
    if local is not None:
        return local
    entry, stamp, fresh = lookup(key)
    if entry is not None and fresh:
        tag_memory.values.put(key, stamp, entry["value"], seconds)
        return entry["value"]
    value = make()
    if keep_if is None or keep_if(value):
        store(key, stamp, seconds, tags, value=value)
        tag_memory.values.put(key, stamp, value, seconds)
    return value


def remembered(key, seconds, make):
    """`make()`'s value, kept at `key` with the tags of what it read; read back, its tags count
    for the answer being made, as if it had been made again."""
    entry, stamp, fresh = lookup(key)
    if entry is not None and fresh:
        add(*entry["tags"])
        return entry["value"]
    with collecting() as tags:
        value = make()
    store(key, stamp, seconds, tags, value=value)
    return value


# --- renewing ----------------------------------------------------------------------------------


def add_purger(purger):
    """`purger(tags, hard)` is called with every renewal once committed (Varnish's xkey)."""
    if purger not in _purgers:
        _purgers.append(purger)


def invalidate(*tags, hard=False):
    """Renew every answer that carries one of `tags`, once the transaction commits.

    With `CACHE_TAGS` off (the bench's comparison), every renewal renews everything, as the
    whole-site content generation did before tags."""
    tags = set(tags) if settings.CACHE_TAGS else {ALL}
    if not tags:
        return
    batch = _batched.get()
    if batch is not None:
        batch["tags"].update(tags)
        batch["hard"] |= hard
    else:
        transaction.on_commit(lambda: _renew(tags, hard))


def renew_everything(**kwargs):
    """A change every page shows (a site, the settings, a redirect, a view restriction)."""
    invalidate(ALL, hard=True)


@contextmanager
def one_renewal():
    """Every renewal asked for inside the block made once, at its end (and, as always, once
    committed): a moderator approving fifty comments renews once, not fifty times.

    The renewal is asked for even if the block raises: what it saved before the error may be
    committed, and one renewal too many costs a render where one too few serves old pages.
    Nested blocks leave the renewal to the outermost."""
    if _batched.get() is not None:
        yield
        return
    batch = {"tags": set(), "hard": False}
    token = _batched.set(batch)
    try:
        yield
    finally:
        _batched.reset(token)
        if batch["tags"]:
            invalidate(*batch["tags"], hard=batch["hard"])


def _renew(tags, hard):
    for attempt in range(1, RENEWAL_ATTEMPTS + 1):
        try:
            write_renewal(tags, hard)
            break
        except Exception:  # the client's connection and timeout errors, whatever their class
            if attempt == RENEWAL_ATTEMPTS:
                logger.exception(
                    "Could not renew cache tags %s: answers made before this change may be "
                    "served until they expire.",
                    sorted(tags)[:20],
                )
                # A full Redis refuses writes but not a DEL: without its clock every kept
                # answer is stale (its stamp is above the clock started again).
                with contextlib.suppress(Exception):
                    tag_clock.raising_cache().delete(CLOCK_KEY)
            else:
                time.sleep(RENEWAL_PAUSE_SECONDS * attempt)
    for purger in _purgers:
        purger(sorted(tags), hard)
