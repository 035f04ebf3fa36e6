"""Through a real Varnish (deploy/varnish/portal.vcl): an outlet's keyed poll reaches the app
every time, where it is counted, with its validators; everyone else's poll of the same feed is
answered from Varnish's copy, and a `k` outside the feeds changes nothing."""

import pytest

from tests.servers import one_server_at_a_time

from .test_purge import Origin, get, needs_varnishd, varnish_in_front

LATEST = "/feeds/latest.rss"
KEYED = "/feeds/latest.rss?k=Zk3xQ9vT2bLmN8pR4sW6yA1c"
KEYED_FILTERED = "/feeds/legal-documents.rss?loai=nghi-dinh&k=Zk3xQ9vT2bLmN8pR4sW6yA1c"
PAGE_WITH_K = "/thoi-su/?k=1"


@pytest.fixture
def feed_origin():
    server = Origin({path: "all publications" for path in (LATEST, KEYED, KEYED_FILTERED)})
    server.tags[PAGE_WITH_K] = "all page-4 under-4"
    yield server
    server.shutdown()
    server.server_close()


@needs_varnishd
@one_server_at_a_time
def test_keyed_polls_reach_the_app_every_time_and_the_others_share_a_copy(feed_origin):
    with varnish_in_front(feed_origin.server_address[1]) as (readers, _purge):
        for _ in range(3):
            get(readers, LATEST)
        assert get(readers, LATEST).headers["X-Cache"] == "HIT"
        assert feed_origin.fetches[LATEST] == 1

        for _ in range(3):
            response = get(readers, KEYED, **{"If-None-Match": '"a1b2"'})
            assert response.headers["X-Cache"] == "PASS"
        assert feed_origin.fetches[KEYED] == 3
        _method, _path, headers = feed_origin.seen[-1]
        assert headers["If-None-Match"] == '"a1b2"'  # so the app can answer 304

        get(readers, KEYED_FILTERED)
        get(readers, KEYED_FILTERED)
        assert feed_origin.fetches[KEYED_FILTERED] == 2

        get(readers, PAGE_WITH_K)
        assert get(readers, PAGE_WITH_K).headers["X-Cache"] == "HIT"
