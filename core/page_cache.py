"""Whole pages (and feeds and API answers) for anonymous readers, in the cache every app process
shares.

A reader's page is the same for every reader who is not logged in, so the first one renders it and
the others get those bytes from Redis: one round trip for the entry (with the tags' clock), a
second for the renewals of its tags when a renewal has moved the clock since this process last read
them (core/cache_tags.py). An entry is used only while none of what it shows has changed since it
was made (its tags) and on the day it was made (a policy's stage and a consultation's form follow
the date), so a published, withdrawn or moved story shows on every page that shows it, in every
process, at once, while the thousands of pages that do not show it stay cached.

When a kept page has missed, one process renders it and the others serve the copy they have
meanwhile (stale-while-revalidate), unless what changed was a withdrawal: a burst of readers on a
just-renewed home page costs one render, not one per reader.

Hand-written rather than Django's cache middleware, which cannot tie entries to what they show,
keys `Vary: Cookie` pages by the reader's cookies (each reader who was given a CSRF
cookie would get a copy of their own) and would store a page that carries a form token.
Here a response is kept only when it sets no cookie, so a page with a reader's CSRF token or
time token can never be handed to another: forms get theirs from an uncached request
(policy_pages.views.form_tokens). docs/adr/0009-cache-tags.md weighs it against the others.
"""

import gzip
import hashlib
import time
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import (
    cc_delim_re,
    get_conditional_response,
    get_max_age,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import parse_http_date_safe

from . import cache_tags, fragments, tag_memory

CACHEABLE_STATUS = (200, 404)
# What a kept response may vary on: cookies (the cache only serves readers without a session),
# the encoding (in the key), the language (one) and Accept (every address has one type: the API
# answers JSON only). A response that varies on anything else is not kept.
HARMLESS_VARY = {"cookie", "accept-encoding", "accept-language", "accept"}
LONGEST_KEPT_URL = 2000
HIT_HEADER = "X-Page-Cache"
# The tags of a kept answer, for Varnish's xkey (deploy/varnish/portal.vcl), which keeps them
# and drops the header before the answer reaches a reader.
XKEY_HEADER = "xkey"
# Tags that say what an answer lists (core/cache_tags.py).
LISTING_PREFIXES = ("under-", "participation-", "publications", "stories-")
# One process renders a page that has missed; the others serve its previous copy meanwhile
# (stale-while-revalidate), or with no copy wait for the new one, at most RENDER_WAIT_SECONDS.
# The lock outlives any render (a dead renderer's lock lapses; the next request renders).
RENDER_LOCK_SECONDS = 10
RENDER_WAIT_SECONDS = 3
RENDER_POLL_SECONDS = 0.05


def get_shared_max_age(response):
    """The s-maxage of `response`'s Cache-Control, or None."""
    for part in cc_delim_re.split(response.get("Cache-Control", "")):
        name, _, value = part.partition("=")
        if name.strip().lower() == "s-maxage" and value.strip().isdigit():
            return int(value)
    return None


def seconds_to_midnight():
    """Whole seconds until the next day begins in Vietnam (at least 1)."""
    now = timezone.localtime()
    midnight = (now + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return max(1, int((midnight - now).total_seconds()))


def _gzipped(response):
    """The body compressed, as kept: a fifth of the bytes to move through Redis on each hit,
    handed out as it is to every reader who accepts gzip (all browsers, Varnish). The pages kept
    carry no secret (no token, no reader's data), so compression reveals nothing (BREACH)."""
    if response.get("Content-Encoding") == "gzip":  # compressed by the view (feeds)
        return response.content
    return gzip.compress(response.content, compresslevel=6, mtime=0)


def _cookie_names():
    return (settings.SESSION_COOKIE_NAME, "messages")


def page_key(request):
    return "page:" + hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.PAGE_CACHE_SECONDS
        if not seconds or not self._cacheable_request(request):
            return self.get_response(request)
        fragments.mark_shared(request)
        key = page_key(request)
        today = timezone.localdate().isoformat()
        entry, stamp, fresh = cache_tags.lookup(key)
        if entry and fresh and entry["day"] == today:
            return self._from_entry(request, entry)
        lock = f"{key}:rendering"
        if cache.add(lock, 1, RENDER_LOCK_SECONDS) is False:
            # Another process renders this page now: its old copy meanwhile, unless that copy
            # shows something withdrawn since; with no copy, wait for the new one a moment.
            if entry and not cache_tags.withdrawn_since(entry):
                return self._from_entry(request, entry, state="stale")
            if entry is None:
                entry = self._rendered_by_another(key, today)
                if entry is not None:
                    return self._from_entry(request, entry)
            return self._render(request, key, stamp, today, seconds)
        try:
            # Rendered by the process that held the lock just before: nothing left to do.
            entry, stamp, fresh = cache_tags.lookup(key)
            if entry and fresh and entry["day"] == today:
                return self._from_entry(request, entry)
            return self._render(request, key, stamp, today, seconds)
        finally:
            cache.delete(lock)

    def _render(self, request, key, stamp, today, seconds):
        fragments.begin(request, stamp)
        with tag_memory.at_clock(stamp), cache_tags.collecting() as tags:
            response = self.get_response(request)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()  # inside the block: a template's reads are tagged too
        if request.method not in ("GET", "HEAD") or not self._cacheable_response(response):
            return response
        fragments.keep_made(request, seconds)
        if request.method != "GET":
            return response
        # Made of fragments kept a while already: kept only for what is left of their time; and
        # never past midnight in Hà Nội, when what follows the date changes (a consultation's
        # days left, a cited document's status): Varnish in front keeps it no longer either.
        seconds = min(fragments.seconds_left(request, seconds), seconds_to_midnight())
        if not seconds:
            patch_cache_control(response, private=True, max_age=0)
            return response
        # Not a page of the tree (search, the API, feeds, sitemaps): what it lists may change
        # with any publication, unless it said what it lists.
        if getattr(request, "served_page", None) is None and not any(
            tag.startswith(LISTING_PREFIXES) for tag in tags
        ):
            tags.add(cache_tags.PUBLICATIONS)
        tags = cache_tags.bounded(tags)
        if settings.FRONTEND_CACHE_URLS:
            if cache_tags.renewed_since(tags, stamp):
                # Rendered while a change was committed: these bytes may reach Varnish after
                # the change's purge, so no shared cache may keep them (the next one renders
                # afresh). One more round trip, on a miss only.
                patch_cache_control(response, private=True, max_age=0)
                return response
            response[XKEY_HEADER] = " ".join(sorted(tags))
        self._add_validators(response, seconds)
        # An answer may say how long shared caches keep it (s-maxage: a live page's changes
        # endpoint, a page whose state changes by the clock), apart from what browsers keep.
        shared = get_shared_max_age(response)
        kept = shared if shared is not None else get_max_age(response) or seconds
        cache_tags.store(
            key,
            stamp,  # read before rendering: see core/cache_tags.py
            min(seconds, kept),
            tags,
            day=today,
            status=response.status_code,
            content=_gzipped(response),
            headers=[
                (name, value)
                for name, value in response.items()
                if name.lower() not in ("content-encoding", "content-length")
            ],
        )
        response[HIT_HEADER] = "miss"
        return response

    def _rendered_by_another(self, key, today):
        """The entry another process is rendering now, once it is kept; None after
        RENDER_WAIT_SECONDS (then this request renders it too: a renderer that died costs a
        delay, never an error)."""
        deadline = time.monotonic() + RENDER_WAIT_SECONDS
        while time.monotonic() < deadline:
            time.sleep(RENDER_POLL_SECONDS)
            entry, _stamp, fresh = cache_tags.lookup(key)
            if entry and fresh and entry["day"] == today:
                return entry
        return None

    def _cacheable_request(self, request):
        return (
            request.method in ("GET", "HEAD")
            and not any(name in request.COOKIES for name in _cookie_names())
            and not request.path.startswith(tuple(settings.PAGE_CACHE_SKIP_PATHS))
            and len(request.get_full_path()) <= LONGEST_KEPT_URL
        )

    def _cacheable_response(self, response):
        if response.status_code not in CACHEABLE_STATUS or response.streaming or response.cookies:
            return False
        control = response.get("Cache-Control", "").lower()
        if any(word in control for word in ("private", "no-cache", "no-store", "max-age=0")):
            return False
        varies = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", "")) if v}
        return varies <= HARMLESS_VARY

    def _from_entry(self, request, entry, state="hit"):
        if "gzip" in request.headers.get("Accept-Encoding", ""):
            response = HttpResponse(entry["content"], status=entry["status"])
            response["Content-Encoding"] = "gzip"
        else:
            response = HttpResponse(gzip.decompress(entry["content"]), status=entry["status"])
        for header, value in entry["headers"]:
            response[header] = value
        if state == "stale":
            # Old bytes for the seconds another process renders the new ones: no shared cache
            # (Varnish) may keep them; its next request gets the new page.
            response["Cache-Control"] = "private, max-age=0"
            del response[XKEY_HEADER]
        else:
            # Kept this morning for ten minutes, served at 23:58: Varnish keeps it two.
            shared = get_shared_max_age(response)
            if shared is not None:
                patch_cache_control(response, s_maxage=min(shared, seconds_to_midnight()))
        patch_vary_headers(response, ["Accept-Encoding"])
        response["Content-Length"] = len(response.content)
        if entry["status"] == 200:
            response = get_conditional_response(
                request,
                etag=response["ETag"],
                last_modified=parse_http_date_safe(response.get("Last-Modified")),
                response=response,
            )
        response[HIT_HEADER] = state
        return response

    def _add_validators(self, response, seconds):
        if not response.has_header("ETag"):
            response["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
        if not response.has_header("Cache-Control"):
            # Browsers ask again each time (cheap: an ETag and a 304); a shared cache in front
            # (Varnish, docs/deploy.md) keeps it until purged on publication.
            patch_cache_control(response, public=True, max_age=0, s_maxage=seconds)
