"""Varnish renewed by cache tag (syndication/purge.py, deploy/varnish/portal.vcl): a renewal sends
one `PURGE /` per cache with the tags, and through a real Varnish a hard purge drops exactly the
answers carrying a tag while a soft one serves them stale until one fetch has refreshed them."""

import gzip
import http.server
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests

from syndication import purge
from tests.factories import ArticlePageFactory, SectionPageFactory
from tests.servers import one_server_at_a_time
from tests.skips import needs_tool

ROOT = Path(__file__).resolve().parents[2]
VCL = ROOT / "deploy" / "varnish" / "portal.vcl"
VARNISHD = shutil.which("varnishd") or (
    "/usr/sbin/varnishd" if Path("/usr/sbin/varnishd").exists() else None
)
XKEY = any(Path("/usr/lib").glob("*/varnish/vmods/libvmod_xkey.so"))
needs_varnishd = needs_tool(
    "varnishd with vmod_xkey",
    VARNISHD and XKEY,
    "`apt-get install varnish varnish-modules` (.ci/run does)",
)


class Recorder(http.server.ThreadingHTTPServer):
    """An HTTP server on loopback that remembers each request's method, path and headers."""

    daemon_threads = True

    def __init__(self, handler):
        super().__init__(("127.0.0.1", 0), handler)
        self.seen = []
        self.url = f"http://127.0.0.1:{self.server_address[1]}"
        threading.Thread(target=self.serve_forever, daemon=True).start()


class _PurgeHandler(http.server.BaseHTTPRequestHandler):
    def do_PURGE(self):  # noqa: N802 - the method's name
        self.server.seen.append((self.command, self.path, self.headers))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def caches(settings):
    """Two recording caches, as FRONTEND_CACHE_URLS names them."""
    servers = [Recorder(_PurgeHandler), Recorder(_PurgeHandler)]
    settings.FRONTEND_CACHE_URLS = [server.url for server in servers]
    yield servers
    for server in servers:
        server.shutdown()
        server.server_close()


def test_a_withdrawal_drops_and_a_publication_makes_stale_in_every_cache(caches):
    purge.purge_tags(["page-12", "under-4"], hard=True)
    purge.purge_tags(["page-7"], hard=False)
    for cache in caches:
        assert [(method, path) for method, path, _headers in cache.seen] == [("PURGE", "/")] * 2
        first, second = (headers for _method, _path, headers in cache.seen)
        assert first["xkey-purge"] == "page-12 under-4"
        assert "xkey-softpurge" not in first
        assert second["xkey-softpurge"] == "page-7"


def test_a_long_list_of_tags_goes_in_several_purges_each_short_enough_for_varnish(caches):
    tags = [f"portalimage-{n}" for n in range(2000)]
    purge.purge_tags(tags, hard=False)
    values = [headers["xkey-softpurge"] for _method, _path, headers in caches[0].seen]
    assert len(values) > 1
    assert all(len(value) <= purge.LONGEST_HEADER for value in values)
    assert [tag for value in values for tag in value.split()] == tags


def test_renewing_everything_sends_only_the_tag_every_answer_carries(caches):
    purge.purge_tags(["page-3", "all", "under-2"], hard=True)
    assert [headers["xkey-purge"] for _m, _p, headers in caches[0].seen] == ["all"]


def test_without_a_frontend_cache_nothing_is_sent(caches, settings):
    settings.FRONTEND_CACHE_URLS = []
    purge.purge_tags(["page-3"], hard=True)
    assert not caches[0].seen


def test_a_cache_that_does_not_answer_cannot_hang_the_editors_publish(
    caches, settings, monkeypatch, caplog
):
    """The purge runs inside the editor's publish: a silent cache costs one short timeout, is
    logged, and the other caches are purged all the same."""
    monkeypatch.setattr(purge, "PURGE_TIMEOUT_SECONDS", 0.3)
    monkeypatch.setattr(purge, "LONGEST_HEADER", 20)  # several chunks: one timeout all the same
    with socket.socket() as silent:  # accepts connections, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        dead = f"http://127.0.0.1:{silent.getsockname()[1]}"
        settings.FRONTEND_CACHE_URLS = [dead, caches[0].url]
        started = time.monotonic()
        purge.purge_tags([f"page-{n}" for n in range(10)], hard=True)
        assert time.monotonic() - started < 2
    assert f"from the HTTP cache {dead}" in caplog.text
    assert caplog.text.count("Could not purge") == 1
    assert len(caches[0].seen) > 1


# --- Through a real Varnish ----------------------------------------------------------------


class Origin(Recorder):
    """A stand-in for the app: each path answers with its tags and how often it was fetched."""

    def __init__(self, tags):
        super().__init__(_OriginHandler)
        self.tags = tags
        self.fetches = Counter()
        self.private = set()  # (path, fetch number) answered `private`, as the app's stale copy


class _OriginHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):  # noqa: N802 - the method's name
        server = self.server
        if self.path == "/healthz":
            body, tags = b"ok", "healthz"
        else:
            server.fetches[self.path] += 1
            server.seen.append((self.command, self.path, self.headers))
            body = f"<p>{self.path} lần {server.fetches[self.path]}</p>".encode()
            tags = server.tags[self.path]
        private = (self.path, server.fetches.get(self.path)) in server.private
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        control = "private, max-age=0" if private else "public, max-age=0, s-maxage=600"
        self.send_header("Cache-Control", control)
        self.send_header("Vary", "Accept-Encoding, Cookie")
        self.send_header("xkey", tags)
        if "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def varnish_in_front(backend_port):
    """varnishd with deploy/varnish/portal.vcl in front of 127.0.0.1:`backend_port`; yields the
    readers' and the purge address."""
    workdir = Path(tempfile.mkdtemp(prefix="portal-varnish-"))
    workdir.chmod(0o755)  # varnishd's worker process runs as its own user
    vcl = workdir / "portal.vcl"
    vcl.write_text(VCL.read_text().replace('.port = "8000";', f'.port = "{backend_port}";'))
    port, purge_port = free_port(), free_port()
    command = [VARNISHD, "-F", "-n", str(workdir / "n"), "-a", f"http=127.0.0.1:{port}"]
    command += ["-a", f"purge=127.0.0.1:{purge_port}", "-f", str(vcl), "-s", "malloc,32m"]
    process = subprocess.Popen(  # noqa: S603  (our own command line)
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                pytest.fail(f"varnishd stopped: {process.stdout.read().decode()[-2000:]}")
            try:
                requests.get(base + "/healthz", timeout=5)
                break
            except requests.RequestException:
                if time.monotonic() > deadline:
                    pytest.fail("varnishd did not answer within 30 s")
                time.sleep(0.2)
        yield base, f"http://127.0.0.1:{purge_port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture
def origin():
    server = Origin(
        {
            "/thoi-su/hop-chinh-phu/": "all page-12 portalimage-5",
            "/thoi-su/": "all page-4 page-12 under-4",
            "/kinh-te/": "all page-9 under-9",
        }
    )
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def tagged_varnish(origin, settings):
    with varnish_in_front(origin.server_address[1]) as (readers, purge_address):
        settings.FRONTEND_CACHE_URLS = [purge_address]
        yield readers


def get(readers, path, **headers):
    """GET through Varnish, as a client that takes no gzip (wrk, curl) unless told."""
    headers = {"Host": "localhost", "Accept-Encoding": "identity", **headers}
    return requests.get(readers + path, headers=headers, timeout=10)


@needs_varnishd
@one_server_at_a_time
def test_a_tag_purge_drops_exactly_the_answers_that_carry_it(tagged_varnish, origin):
    paths = ["/thoi-su/hop-chinh-phu/", "/thoi-su/", "/kinh-te/"]
    for path in paths:
        get(tagged_varnish, path)
        get(tagged_varnish, path, **{"Accept-Encoding": "gzip"})
    assert {get(tagged_varnish, path).headers["X-Cache"] for path in paths} == {"HIT"}

    purge.purge_tags(["page-12"], hard=True)

    story = get(tagged_varnish, "/thoi-su/hop-chinh-phu/")
    assert (story.headers["X-Cache"], story.text) == (
        "MISS",
        "<p>/thoi-su/hop-chinh-phu/ lần 3</p>",
    )
    assert get(tagged_varnish, "/thoi-su/", **{"Accept-Encoding": "gzip"}).headers["X-Cache"] == (
        "MISS"
    )
    unrelated = get(tagged_varnish, "/kinh-te/")
    assert (unrelated.headers["X-Cache"], unrelated.text) == ("HIT", "<p>/kinh-te/ lần 1</p>")


@needs_varnishd
@one_server_at_a_time
def test_a_soft_purge_serves_the_stale_copy_while_one_fetch_refreshes_it(tagged_varnish, origin):
    """A publication must not turn a hot page into a queue of readers waiting for the app."""
    path = "/thoi-su/"
    get(tagged_varnish, path)
    assert get(tagged_varnish, path).headers["X-Cache"] == "HIT"

    purge.purge_tags(["under-4"], hard=False)

    stale = get(tagged_varnish, path)
    assert (stale.headers["X-Cache"], stale.text) == ("STALE", "<p>/thoi-su/ lần 1</p>")
    deadline = time.monotonic() + 10
    while (fresh := get(tagged_varnish, path)).text != "<p>/thoi-su/ lần 2</p>":
        assert fresh.text == "<p>/thoi-su/ lần 1</p>"
        assert time.monotonic() < deadline, "the stale copy was never refreshed"
        time.sleep(0.05)
    assert fresh.headers["X-Cache"] == "HIT"
    assert origin.fetches[path] == 2  # one refresh for every reader meanwhile


@needs_varnishd
@one_server_at_a_time
def test_a_refresh_the_app_cannot_share_yet_keeps_the_stale_copy_served(tagged_varnish, origin):
    """The app answers `private` while another process renders the page (core/page_cache.py):
    Varnish must not store that and send every reader to the app for two minutes."""
    path = "/thoi-su/"
    origin.private.add((path, 2))
    get(tagged_varnish, path)
    purge.purge_tags(["under-4"], hard=False)

    seen = []
    deadline = time.monotonic() + 10
    while (answer := get(tagged_varnish, path)).text != "<p>/thoi-su/ lần 3</p>":
        seen.append((answer.headers["X-Cache"], answer.text))
        assert time.monotonic() < deadline, f"never refreshed: {seen[-3:]}"
        time.sleep(0.05)
    assert set(seen) == {("STALE", "<p>/thoi-su/ lần 1</p>")}
    assert answer.headers["X-Cache"] == "HIT"
    assert get(tagged_varnish, path).headers["X-Cache"] == "HIT"


@needs_varnishd
@one_server_at_a_time
def test_readers_never_see_the_tags(tagged_varnish):
    for _ in range(2):
        assert "xkey" not in get(tagged_varnish, "/kinh-te/").headers


@needs_varnishd
@one_server_at_a_time
def test_a_client_without_gzip_gets_a_plain_copy_fetched_plain(tagged_varnish, origin):
    """Varnish would otherwise keep one gzipped copy and decompress it on every such hit."""
    for _ in range(2):
        plain = get(tagged_varnish, "/kinh-te/")
        zipped = get(tagged_varnish, "/kinh-te/", **{"Accept-Encoding": "gzip, br"})
    assert "Content-Encoding" not in plain.headers
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert plain.text == "<p>/kinh-te/ lần 1</p>"
    assert zipped.text == "<p>/kinh-te/ lần 2</p>"  # a copy of its own
    asked = [headers.get("Accept-Encoding") for _m, _path, headers in origin.seen]
    assert sorted(asked, key=str) == [None, "gzip"]
    assert {plain.headers["X-Cache"], zipped.headers["X-Cache"]} == {"HIT"}


@needs_varnishd
@one_server_at_a_time
def test_varnish_refuses_a_purge_on_the_readers_address(tagged_varnish, settings):
    """A proxy on the same machine forwards the Internet from 127.0.0.1: the ACL would let it."""
    path = "/kinh-te/"
    get(tagged_varnish, path)
    refused = requests.request(
        "PURGE", tagged_varnish + "/", headers={"xkey-purge": "all"}, timeout=10
    )
    assert refused.status_code == 403
    assert get(tagged_varnish, path).headers["X-Cache"] == "HIT"

    settings.FRONTEND_CACHE_URLS = [tagged_varnish]
    purge.purge_tags(["all"], hard=True)  # logged, and refused
    assert get(tagged_varnish, path).headers["X-Cache"] == "HIT"


# --- The portal itself behind Varnish ------------------------------------------------------


@pytest.fixture
def story(home_page):
    section = SectionPageFactory(parent=home_page, slug="thoi-su")
    return ArticlePageFactory(
        parent=section, slug="hop-chinh-phu", title="Chính phủ họp phiên thường kỳ"
    )


@needs_varnishd
@one_server_at_a_time
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_withdrawn_story_is_gone_from_varnish_at_once_and_an_unrelated_page_stays(
    story, live_server, settings
):
    """The app's own tags (core/page_cache.py) and renewals (core/cache_renewal.py), through
    deploy/varnish/portal.vcl."""
    settings.PAGE_CACHE_SECONDS = 600
    other = SectionPageFactory(parent=story.get_parent().get_parent(), slug="kinh-te")
    with varnish_in_front(urlsplit(live_server.url).port) as (readers, purge_address):
        settings.FRONTEND_CACHE_URLS = [purge_address]
        path = "/thoi-su/hop-chinh-phu/"
        for address in (path, "/thoi-su/", other.url):
            get(readers, address)
            assert get(readers, address).headers["X-Cache"] == "HIT", address
        assert story.title in get(readers, "/thoi-su/").text

        story.unpublish()

        assert get(readers, path).status_code == 404
        listing = get(readers, "/thoi-su/")
        assert listing.headers["X-Cache"] == "MISS"
        assert story.title not in listing.text
        assert get(readers, other.url).headers["X-Cache"] == "HIT"
