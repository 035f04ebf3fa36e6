"""When a kept page misses, one process renders it: the other readers get the previous copy
meanwhile, or wait for the new one when there is none, but never a copy of something withdrawn
(core/page_cache.py)."""

import threading
import time

from django.core.cache import cache
from django.http import HttpResponse

import pytest

from core import cache_tags
from core.page_cache import PageCacheMiddleware, page_key

READERS = 200

pytestmark = [pytest.mark.usefixtures("page_cache_on"), pytest.mark.django_db]


class SlowPage:
    """A view that takes a while to render and counts its renders."""

    def __init__(self, seconds=0.3):
        self.seconds = seconds
        self.renders = 0
        self.lock = threading.Lock()

    def __call__(self, request):
        with self.lock:
            self.renders += 1
            number = self.renders
        cache_tags.add("page-7")
        time.sleep(self.seconds)
        return HttpResponse(f"<p>Trang chủ, bản thứ {number}</p>")


def at_once(middleware, rf, url, count):
    """`count` readers asking for `url` at the same moment: their responses."""
    start = threading.Barrier(count)
    responses = [None] * count

    def read(n):
        start.wait()
        responses[n] = middleware(rf.get(url))

    threads = [threading.Thread(target=read, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return responses


def test_a_burst_of_readers_on_a_just_renewed_page_costs_one_render(rf):
    view = SlowPage()
    middleware = PageCacheMiddleware(view)
    assert middleware(rf.get("/"))["X-Page-Cache"] == "miss"
    cache_tags._renew({"page-7"}, hard=False)  # a correction of a story the page shows

    responses = at_once(middleware, rf, "/", READERS)

    assert view.renders == 2  # the first render, then one for the whole burst
    assert all(r.status_code == 200 for r in responses)
    states = [r["X-Page-Cache"] for r in responses]
    assert states.count("miss") == 1
    assert set(states) <= {"miss", "stale", "hit"}
    assert middleware(rf.get("/"))["X-Page-Cache"] == "hit"
    assert "bản thứ 2" in middleware(rf.get("/")).content.decode()


def test_readers_of_a_page_never_kept_wait_for_its_one_render(rf):
    view = SlowPage()
    middleware = PageCacheMiddleware(view)

    responses = at_once(middleware, rf, "/chuyen-muc/", 20)

    assert view.renders == 1
    assert {r.content for r in responses} == {"<p>Trang chủ, bản thứ 1</p>".encode()}


@pytest.mark.parametrize(("hard", "served"), [(False, "stale"), (True, "miss")])
def test_a_withdrawal_is_never_served_stale(rf, hard, served):
    """While another process renders the page, a reader gets the old copy after a correction;
    after a withdrawal (a story unpublished, deleted or made private) it is never served, not
    even for the few seconds the other render takes."""
    view = SlowPage(seconds=0)
    middleware = PageCacheMiddleware(view)
    middleware(rf.get("/bai-viet/"))
    cache_tags._renew({"page-7"}, hard=hard)
    cache.add(page_key(rf.get("/bai-viet/")) + ":rendering", 1, 10)  # another process

    response = middleware(rf.get("/bai-viet/"))

    assert response["X-Page-Cache"] == served
    assert view.renders == (2 if hard else 1)
    if served == "stale":  # the old bytes are for this reader only, never for Varnish
        assert response["Cache-Control"] == "private, max-age=0"
