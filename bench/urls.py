"""The portal's addresses plus the framework floor; used only by portal.settings.bench.

The floor is served twice: `/__bench/floor` is one of portal.settings.bench's
PAGE_CACHE_SKIP_PATHS, so every request runs the view through the whole middleware stack (the
honest floor every ratio is read against); `/__bench/cached-floor` is the same view left to the
page cache, which answers it from Redis after the first request, as it answers a cached page."""

from django.conf import settings
from django.http import HttpResponse
from django.urls import path

from portal.urls import handler404, handler500
from portal.urls import urlpatterns as portal_urlpatterns

_floor_body = None


def floor(request):
    """The saved home page bytes through the whole middleware stack: what Django costs when the
    view does nothing. Read once per worker; the runner writes the file before the first call."""
    global _floor_body  # noqa: PLW0603
    if _floor_body is None:
        with open(settings.BENCH_FLOOR_FILE, "rb") as saved:
            _floor_body = saved.read()
    return HttpResponse(_floor_body, content_type="text/html; charset=utf-8")


urlpatterns = [
    path("__bench/floor", floor),
    path("__bench/cached-floor", floor),
    *portal_urlpatterns,
]

__all__ = ["handler404", "handler500", "urlpatterns"]
