"""SQL queries per page type, counted in this process with Django's test client.

"cold": after clearing the bench's caches (and Django's in-process content type cache): what a
page costs on a cache miss with nothing warm. "warm": the same page again under another query
string, so a page cache keyed on the full address misses while the shared caches (site, settings,
renditions, restricted paths) are warm: the ordinary cost of a page-cache miss.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

HOST = "127.0.0.1"


def miss_path(path, tag):
    """`path` under another address, so a page cache keyed on the full address misses. The API
    refuses parameters it does not know, so there the harmless one is an explicit offset."""
    separator = "&" if "?" in path else "?"
    if path.startswith("/api/"):
        return f"{path}{separator}offset=0"
    return f"{path}{separator}bench-miss={tag}"


def clear_bench_caches():
    """Only the bench's own keys: every KEY_PREFIX starts with "bench-" in portal.settings.bench."""
    for alias in settings.CACHES:
        cache = caches[alias]
        prefix = settings.CACHES[alias].get("KEY_PREFIX", "")
        if not prefix.startswith("bench-"):
            raise RuntimeError(f"cache {alias!r} is not the bench's own (prefix {prefix!r})")
        if hasattr(cache, "delete_pattern"):  # django-redis: this prefix only
            cache.delete_pattern("*")
        else:
            cache.clear()
    ContentType.objects.clear_cache()
    from core.pictures import clear_process_memo  # the pictures' markup this process keeps

    clear_process_memo()


def count(paths):
    """{row: {"cold": n, "warm": n, "status": code}} for each path."""
    client = Client(HTTP_HOST=HOST)
    found = {}
    for name, path in paths.items():
        clear_bench_caches()
        with CaptureQueriesContext(connection) as cold:
            response = client.get(path)
        with CaptureQueriesContext(connection) as warm:
            client.get(miss_path(path, "queries"))
        found[name] = {
            "status": response.status_code,
            "cold": len(cold.captured_queries),
            "warm": len(warm.captured_queries),
        }
    return found
