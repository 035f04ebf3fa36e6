"""Outlets' polls of the feeds, counted by the key in their addresses (`?k=`), without changing
what anyone is served or how it is cached.

Placed before the page cache (portal/settings/base.py): it takes `k` out of the request's query
string before anything else reads it, so the page cache, the feed cache and the ETag are those
of the same address without a key: a key never makes a copy of its own nor changes a byte. Then
it counts, for a key of an active outlet, one poll per answer 200 or 304, and the items of a 200
(the feed view says how many in ITEMS_HEADER, which the page cache keeps with the answer; it is
dropped here, before the answer leaves). An unknown, inactive or malformed key is served the
feed as anyone is, and nothing is counted. No address of the poller is read or kept.
"""

import logging
from urllib.parse import unquote_plus

from django.http import QueryDict

from . import usage
from .feeds import name_of_address
from .outlet_keys import outlet_id_for
from .views import ITEMS_HEADER

logger = logging.getLogger(__name__)

FEEDS = "/feeds/"
KEY_PARAMETER = "k"
COUNTED_STATUS = (200, 304)


def take_key(request):
    """The key in the request's query string, taken out of it (None without one). The rest of
    the query string is left byte for byte, so it names the same cache entries as before."""
    query = request.META.get("QUERY_STRING", "")
    if not query:
        return None
    key, kept = None, []
    for part in query.split("&"):
        name, _equals, value = part.partition("=")
        if unquote_plus(name) == KEY_PARAMETER:
            key = unquote_plus(value)  # the last one, as QueryDict.get() would read it
        else:
            kept.append(part)
    if key is not None:
        request.META["QUERY_STRING"] = "&".join(kept)
        request.GET = QueryDict(request.META["QUERY_STRING"], encoding=request.encoding)
    return key


class OutletPollMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(FEEDS):
            return self.get_response(request)
        key = take_key(request)
        response = self.get_response(request)
        items = response.get(ITEMS_HEADER)
        if items is not None:
            del response[ITEMS_HEADER]
        if key and response.status_code in COUNTED_STATUS:
            try:
                self.count(request, key, response.status_code, items)
            except Exception:  # the outlet gets its feed whatever happens to the count
                logger.exception("Counting an outlet's poll failed")
        return response

    def count(self, request, key, status, items):
        name = name_of_address(request.path_info)
        if name is None or request.method not in ("GET", "HEAD"):
            return
        outlet_id = outlet_id_for(key)
        if outlet_id is None:
            return
        fetched = int(items) if status == 200 and request.method == "GET" and items else 0
        usage.count_poll(outlet_id, name, fetched)
