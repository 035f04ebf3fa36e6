"""Pages that change while readers watch them: live coverage (newsroom) and online dialogues
(policy_pages). Their items (updates, answered questions) are records of their own, not page
revisions, so posting one renews only that page and the one address its open copies poll.

The contract between a desk's page, its endpoint and static/js/live-coverage.js:

- The page renders every item (readers without JavaScript see them all) inside
  `<section data-live-updates data-live="true|false" data-endpoint="…" data-since="STAMP"
  data-order="newest-first|oldest-first">`, with a `[data-live-list]` list whose items each
  carry an `id`, `data-order-key` (a string that sorts them) and `data-changed` (their STAMP),
  a `[data-live-status]` live region, and optionally a `[data-live-empty]` placeholder.
- The endpoint answers `?since=STAMP` with `changes_response()`: the items changed after STAMP,
  less `OVERLAP` (a change committed a moment after a later one is not missed; the script skips
  what it has already), as `updates`, and `since`, the newest stamp, which the script sends next
  time. Each is `{"id", "key", "changed", "html"}`, or `{"id", "changed", "removed": true}` for
  one taken away; `live` false tells the script to stop asking.
- A change calls `renew(page_id)`; the page and its endpoint call `show(page_id)` while they
  render, so the page cache and Varnish keep both until the next change and nothing else is
  renewed: not the listings that show the page, nor the rest of the site.

Every open copy that is up to date asks for the same address (the stamp is the server's, not
the reader's clock), so one cached answer, revalidated by ETag, serves every reader.
"""

import math
from datetime import datetime, timedelta

from django.conf import settings
from django.http import JsonResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control

from . import cache_tags

# How often an open page asks (static/js/live-coverage.js polls as often): a change shows
# within this, since the caches in front are renewed at once and browsers keep it MAX_AGE.
POLL_SECONDS = 3
MAX_AGE = 2
# A change's stamp is taken before its transaction commits; one committed this much later than
# a newer change is still sent (the live desk's and the dialogue desk's transactions last
# milliseconds; a commit held longer than this by a lock would be missed by open pages, which
# show it on their next load).
OVERLAP = timedelta(seconds=30)
BAD_SINCE = "Tham số “since” phải là thời điểm dạng ISO 8601."


def live_tag(page_id):
    return f"live-{page_id}"


def renew(page_id, *, hard=False):
    """Renew the page's answers and its endpoint's, once the change is committed. `hard`: what
    it showed is taken away (an update withdrawn or deleted, a question no longer approved), so
    no cache may serve the old copy even while the new one is made (core/cache_tags.py)."""
    cache_tags.invalidate(live_tag(page_id), hard=hard)


def show(page_id):
    """The answer being made shows the page's items."""
    cache_tags.add(live_tag(page_id))


def stamp(moment):
    """A change's time as the endpoint's `since` and the items' `data-changed`."""
    return timezone.localtime(moment).isoformat(timespec="microseconds")


def parse_since(value):
    """`?since=` as an aware time, or None when it is not an ISO 8601 time."""
    # A "+" in a query string arrives as a space when the client did not encode it.
    try:
        moment = datetime.fromisoformat((value or "").strip().replace(" ", "+"))
    except ValueError:
        return None
    # Far years are refused rather than overflowing when shifted by OVERLAP or a time zone.
    if not 1900 <= moment.year <= 9998:
        return None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def changed_after(since):
    """The earliest change time an answer to `?since=` includes."""
    return since - OVERLAP


def seconds_until(*moments):
    """Whole seconds until the first of `moments` still to come, or None: when a page's state
    changes by the clock alone (on air, then ended), which nothing renews."""
    now = timezone.now()
    ahead = [moment for moment in moments if moment is not None and moment > now]
    return math.ceil((min(ahead) - now).total_seconds()) if ahead else None


def keep_until(response, seconds):
    """Shared caches (the page cache, Varnish) keep `response` no longer than `seconds`, when
    that is shorter than they would; browsers ask again each time, as for every page."""
    if seconds is not None and seconds < settings.PAGE_CACHE_SECONDS:
        patch_cache_control(response, public=True, s_maxage=seconds)
    return response


def changes_response(*, live, since, items, changes_in=None):
    """The endpoint's answer: `items` (dicts as above), `since` the newest change's stamp;
    `changes_in` the seconds until the page's state changes by the clock, if it will."""
    response = JsonResponse({"live": live, "since": since, "updates": items})
    # Browsers keep it MAX_AGE seconds; shared caches (the page cache and Varnish, which
    # `renew()` purges) until the next change, or the clock's (`changes_in`).
    shared = settings.PAGE_CACHE_SECONDS
    if changes_in is not None:
        shared = min(shared, changes_in)
    patch_cache_control(response, public=True, max_age=MAX_AGE, s_maxage=shared)
    return response


def bad_since_response():
    return JsonResponse({"error": BAD_SINCE}, status=400)
