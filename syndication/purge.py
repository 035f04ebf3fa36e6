"""Renew Varnish's copies by cache tag: every cache in `FRONTEND_CACHE_URLS` gets one `PURGE /`
per renewal, with the renewed tags in `xkey-purge` (a withdrawal: the copies are dropped) or
`xkey-softpurge` (a publication or a correction: the copies go stale and are served for a few
seconds more while one fetch refreshes them). deploy/varnish/portal.vcl does the rest.

The app tags each cached answer with what it shows (`xkey: all page-12 under-4 …`,
core/page_cache.py) and decides which tags a change renews (core/cache_renewal.py); the renewal
calls `purge_tags` once the change is committed (`core.cache_tags.add_purger`, from this app's
ready()), so the app cannot hand Varnish the old page again after the purge. Tags rather than
addresses: Wagtail's frontend cache purges a page's own addresses, and the lists of what else
shows a page (listings, feeds, boxes, the API) were worked out here by hand and were never
complete; the tags are collected from what each answer actually read.

Stdlib `urllib` rather than Wagtail's HTTP backend, which sends `PURGE <page path>` with no way
to add a header, and waits as long as the cache does.
"""

import logging
from urllib.request import Request, urlopen

from django.conf import settings

# Purges are sent inside the editor's publish: a cache that does not answer must not hang it.
PURGE_TIMEOUT_SECONDS = 2
# Varnish refuses a request header longer than `http_req_hdr_len` (8 kB by default): longer tag
# lists go in several requests.
LONGEST_HEADER = 4000
# Every cached answer carries it: renewing it renews everything, whatever else is listed.
ALL = "all"

logger = logging.getLogger(__name__)


def purge_tags(tags, hard):
    """Drop (`hard`) or make stale every copy carrying one of `tags` in each Varnish.

    A cache that fails is logged and skipped: its copies then live out their time (the app's
    s-maxage, docs/deploy.md), and the other caches are still purged."""
    tags = [ALL] if ALL in tags else list(dict.fromkeys(tags))
    locations = settings.FRONTEND_CACHE_URLS
    if not tags or not locations:
        return
    header = "xkey-purge" if hard else "xkey-softpurge"
    for location in locations:
        for value in header_values(tags):
            if not _send(location, header, value):
                break  # one timeout per cache, not one per chunk


def header_values(tags, limit=None):
    """`tags` joined by spaces, in as few values of at most `limit` characters as fit."""
    limit = limit or LONGEST_HEADER
    values, current = [], ""
    for tag in tags:
        if current and len(current) + 1 + len(tag) > limit:
            values.append(current)
            current = ""
        current = f"{current} {tag}" if current else tag
    if current:
        values.append(current)
    return values


def _send(location, header, value):
    target = location.rstrip("/") + "/"
    request = Request(target, method="PURGE", headers={header: value})  # noqa: S310 - from settings
    try:
        with urlopen(request, timeout=PURGE_TIMEOUT_SECONDS):  # noqa: S310 - from settings
            return True
    except OSError as error:  # URLError, HTTPError and timeouts among them
        logger.error(
            "Could not purge %s (%s) from the HTTP cache %s: %s",
            header,
            value[:200],
            location,
            error,
        )
        return False
