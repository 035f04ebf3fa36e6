"""One *content generation* for everything readers see: cached pages (core/page_cache.py) and
feeds (syndication) carry it in their cache entries and are rebuilt once it changes.

Publishing, unpublishing, moving or deleting a live page, changing a view restriction, a
redirect or a site, or saving what pages show of other models (a photo's credit, an author's name, a
topic, an agency's answer, the site settings: each desk names its own with `refresh_on_save`)
starts a new generation, in the cache every app process shares, so every page and feed is
rebuilt on its next request in every process. The new generation starts when the change is
committed: a reader who asks between the change and the commit still gets the old page.

Dropping everything on any change is cheap at the portal's pace (dozens of publications an
hour against thousands of reads a minute) and cannot miss a page that shows a story in a box
nobody thought of; entries also expire on their own, so a change made behind Wagtail's back (a
raw SQL fix) shows within minutes.
"""

import logging
import time
import uuid
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

GENERATION_KEY = "content:generation"
# Renewed by everything above except a publication: what one page shows of *other* pages and
# models (a link's target, a photo's credit) is unchanged when another page is published, so a
# rendered feed entry keyed by its page's revision outlives publications (syndication/entries.py).
BASE_GENERATION_KEY = "content:base-generation"
# The generation when the cache does not answer: nothing is kept under it.
UNAVAILABLE = "none"
# A renewal lost to a Redis blip would leave old pages valid for up to PAGE_CACHE_SECONDS, so it
# is written through a client that raises (the cache itself ignores Redis errors), and retried.
RENEWAL_ATTEMPTS = 3
RENEWAL_PAUSE_SECONDS = 0.1

logger = logging.getLogger(__name__)
# The keys renewals were asked for inside `one_renewal()`, or None outside it.
_batched = ContextVar("content_renewals_batched", default=None)


def generation(key=GENERATION_KEY):
    value = cache.get(key)
    if value is None:
        cache.add(key, uuid.uuid4().hex, None)
        value = cache.get(key) or UNAVAILABLE
    return value


def current_entry(key):
    """(entry, generation): the entry kept at `key` if it was made under the current content
    generation, else None, read with the generation in one round trip. `keep()` stores one."""
    found = cache.get_many([GENERATION_KEY, key])
    current = found.get(GENERATION_KEY) or generation()
    entry = found.get(key)
    return (entry if entry and entry.get("generation") == current else None), current


def keep(key, current, seconds, **values):
    """Store `values` at `key` under the generation `current`, read before they were made."""
    if current != UNAVAILABLE:
        cache.set(key, {"generation": current, **values}, seconds)


def base_generation():
    return generation(BASE_GENERATION_KEY)


def start_new_generation(**kwargs):
    """A publication: listings, pages and feeds are renewed."""
    _renew_on_commit(GENERATION_KEY)


def renew_everything(**kwargs):
    """Anything else: what pages show of others is renewed too."""
    _renew_on_commit(GENERATION_KEY, BASE_GENERATION_KEY)


@contextmanager
def one_renewal():
    """Every renewal asked for inside the block made once, at its end (and, as always, once
    committed): a moderator approving fifty comments renews the generation once, not fifty
    times, each of which would drop every cached page and feed again.

    The renewal is asked for even if the block raises: what it saved before the error may be
    committed, and one renewal too many costs a rebuild where one too few serves old pages.
    Nested blocks leave the renewal to the outermost."""
    if _batched.get() is not None:
        yield
        return
    keys = set()
    token = _batched.set(keys)
    try:
        yield
    finally:
        _batched.reset(token)
        if keys:
            _renew_on_commit(*sorted(keys))


def _renew_on_commit(*keys):
    batch = _batched.get()
    if batch is not None:
        batch.update(keys)
    else:
        transaction.on_commit(lambda: _renew(*keys))


def _renew(*keys):
    values = {key: uuid.uuid4().hex for key in keys}
    for attempt in range(1, RENEWAL_ATTEMPTS + 1):
        try:
            _raising_cache().set_many(values, timeout=None)
            return
        except Exception:  # the client's connection and timeout errors, whatever their class
            if attempt == RENEWAL_ATTEMPTS:
                logger.exception(
                    "Could not renew the content generation in the cache: pages and feeds "
                    "made before this change may be served until they expire."
                )
            else:
                time.sleep(RENEWAL_PAUSE_SECONDS * attempt)


def _raising_cache():
    """django-redis's client, which raises where the cache ignores errors; else the cache."""
    return getattr(cache, "client", cache)


def refresh_on_save(*models):
    """Start a new generation whenever one of `models` is saved or deleted."""
    for model in models:
        for signal in (post_save, post_delete):
            signal.connect(
                renew_everything, sender=model, dispatch_uid=f"content-{model._meta.label}"
            )


def connect():
    """Called once from core's ready(); the desks add their own models in theirs."""
    page_published.connect(_on_published, dispatch_uid="content-published")
    page_unpublished.connect(renew_everything, dispatch_uid="content-unpublished")
    post_page_move.connect(renew_everything, dispatch_uid="content-moved")
    post_delete.connect(_on_page_delete, dispatch_uid="content-page-deleted")
    refresh_on_save(PageViewRestriction, Redirect, Site)


def _on_published(sender, instance, **kwargs):
    # A story published again may have a new title, which other stories' "see also" blocks and
    # feed entries show; a first publication changes nothing of what others show.
    if instance.first_published_at == instance.last_published_at:
        start_new_generation()
    else:
        renew_everything()


def _on_page_delete(sender, instance, **kwargs):
    # A deleted live page leaves every listing and feed that showed it; drafts never were in one.
    if isinstance(instance, Page) and instance.live:
        renew_everything()
