"""Varnish purges on publish (syndication/purge.py, deploy/varnish/portal.vcl): a story's page and
everything that shows it is purged when it is published, withdrawn or deleted, and through a real
Varnish a withdrawn story is gone at once."""

import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from wagtail.contrib.frontend_cache.backends.base import BaseBackend

import pytest
import requests

from newsroom.models import Topic
from policy_pages.models import PolicyRelatedArticle
from syndication import purge
from tests.factories import (
    ArticlePageFactory,
    AuthorFactory,
    PolicyIndexPageFactory,
    PolicyPageFactory,
    SectionPageFactory,
)
from tests.servers import one_server_at_a_time
from tests.skips import needs_tool

ROOT = Path(__file__).resolve().parents[2]
VCL = ROOT / "deploy" / "varnish" / "portal.vcl"
VARNISHD = shutil.which("varnishd") or (
    "/usr/sbin/varnishd" if Path("/usr/sbin/varnishd").exists() else None
)
SITE = "http://localhost"  # the home_page fixture's site
needs_varnishd = needs_tool("varnishd", VARNISHD, "`apt-get install varnish` (.ci/run does)")


class RecordingBackend(BaseBackend):
    """A frontend cache that remembers what it was asked to purge."""

    purged = []

    def purge(self, url):
        self.purged.append(url)


@pytest.fixture
def purged(settings):
    settings.WAGTAILFRONTENDCACHE = {
        "test": {"BACKEND": f"{RecordingBackend.__module__}.RecordingBackend"}
    }
    RecordingBackend.purged = []
    return RecordingBackend.purged


@pytest.fixture
def story(home_page):
    section = SectionPageFactory(parent=home_page, slug="thoi-su")
    author = AuthorFactory(name="Nguyễn Văn An")
    article = ArticlePageFactory(parent=section, slug="hop-chinh-phu", authors=[author])
    article.topics.add(Topic.objects.create(name="Kinh tế số"))
    article.save()
    return article


def expected_urls(article):
    topic = article.topics.get()
    author = article.authors[0]
    return {
        f"{SITE}/thoi-su/hop-chinh-phu/",
        f"{SITE}/thoi-su/",
        f"{SITE}/",
        f"{SITE}/chu-de/{topic.slug}/",
        f"{SITE}/feeds/topic/{topic.slug}.rss",
        f"{SITE}/tac-gia/{author.slug}/",
        f"{SITE}/feeds/latest.rss",
        f"{SITE}/feeds/latest.atom",
        f"{SITE}/feeds/section/thoi-su.rss",
        f"{SITE}/feeds/section/thoi-su.atom",
        f"{SITE}/sitemap*",
        f"{SITE}/news-sitemap.xml",
    }


def test_publishing_a_story_purges_its_page_listings_topic_author_and_feeds(
    story, purged, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        story.save_revision().publish()
    assert expected_urls(story) <= set(purged)


def test_withdrawing_a_story_purges_everything_under_its_address_and_all_that_showed_it(
    story, purged, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        story.unpublish()
    assert expected_urls(story) <= set(purged)
    assert f"{SITE}/thoi-su/hop-chinh-phu/*" in purged


def test_deleting_a_live_story_purges_it(story, purged, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        story.delete()
    assert {f"{SITE}/thoi-su/hop-chinh-phu/*", f"{SITE}/thoi-su/", f"{SITE}/"} <= set(purged)


def test_a_policy_that_links_to_the_story_is_purged_with_its_feed(
    story, home_page, purged, django_capture_on_commit_callbacks
):
    index = PolicyIndexPageFactory(parent=home_page)
    policy = PolicyPageFactory(parent=index, slug="ho-tro-doanh-nghiep")
    PolicyRelatedArticle.objects.create(page=policy, article=story)
    policy.save()  # the reference index is updated when the page is saved
    with django_capture_on_commit_callbacks(execute=True):
        story.unpublish()
    assert f"{SITE}/chinh-sach/ho-tro-doanh-nghiep/" in purged
    assert f"{SITE}/feeds/policy/ho-tro-doanh-nghiep.rss" in purged


def test_moving_a_story_purges_its_old_address_and_both_sections(
    story, home_page, purged, django_capture_on_commit_callbacks
):
    other = SectionPageFactory(parent=home_page, slug="kinh-te")
    with django_capture_on_commit_callbacks(execute=True):
        story.move(other, pos="last-child")
    assert {
        f"{SITE}/thoi-su/hop-chinh-phu/*",
        f"{SITE}/kinh-te/hop-chinh-phu/",
        f"{SITE}/kinh-te/",
        f"{SITE}/thoi-su/",
    } <= set(purged)


def test_nothing_is_worked_out_without_a_frontend_cache(
    story, settings, django_capture_on_commit_callbacks
):
    settings.WAGTAILFRONTENDCACHE = None
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        story.unpublish()
    assert purge._flush not in callbacks


# --- Through a real Varnish ----------------------------------------------------------------


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def varnish(live_server):
    """varnishd with deploy/varnish/portal.vcl in front of the live server, stopped after."""
    workdir = Path(tempfile.mkdtemp(prefix="portal-varnish-"))
    workdir.chmod(0o755)  # varnishd's worker process runs as its own user
    backend_port = urlsplit(live_server.url).port
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


def through(varnish, path, method="GET"):
    # The Host readers use, which is also the site's: the one Wagtail's purge sends.
    readers, _purge = varnish
    return requests.request(method, readers + path, headers={"Host": "localhost"}, timeout=10)


@needs_varnishd
@one_server_at_a_time
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_withdrawn_story_is_gone_from_varnish_at_once(story, varnish, settings):
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "syndication.purge.TimedHTTPBackend",
            "LOCATION": varnish[1],  # the purge address: readers' address refuses PURGE
        }
    }
    path = "/thoi-su/hop-chinh-phu/"
    first, second = through(varnish, path), through(varnish, path)
    assert (first.status_code, first.headers["X-Cache"]) == (200, "MISS")
    assert (second.status_code, second.headers["X-Cache"]) == (200, "HIT")
    assert through(varnish, "/thoi-su/").status_code == 200
    assert through(varnish, "/thoi-su/").headers["X-Cache"] == "HIT"
    assert story.title in through(varnish, "/thoi-su/").text

    story.unpublish()

    assert through(varnish, path).status_code == 404
    listing = through(varnish, "/thoi-su/")
    assert listing.headers["X-Cache"] == "MISS"
    assert story.title not in listing.text


@needs_varnishd
@one_server_at_a_time
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_varnish_refuses_a_purge_on_the_readers_address(story, varnish):
    """A proxy on the same machine forwards the Internet from 127.0.0.1: the ACL would let it."""
    path = "/thoi-su/hop-chinh-phu/"
    through(varnish, path)
    assert through(varnish, path).headers["X-Cache"] == "HIT"

    assert through(varnish, path, method="PURGE").status_code == 403
    assert through(varnish, path).headers["X-Cache"] == "HIT"

    _readers, purge_address = varnish
    purged = requests.request(
        "PURGE", purge_address + path, headers={"Host": "localhost"}, timeout=10
    )
    assert purged.status_code == 200
    assert through(varnish, path).headers["X-Cache"] == "MISS"


def test_a_cache_that_does_not_answer_cannot_hang_the_editors_publish(monkeypatch, caplog):
    """Wagtail's own HTTP backend would wait for ever inside the publish request."""
    import socket
    import time

    from syndication import purge

    monkeypatch.setattr(purge, "PURGE_TIMEOUT_SECONDS", 0.3)
    with socket.socket() as silent:  # accepts connections, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        port = silent.getsockname()[1]
        backend = purge.TimedHTTPBackend({"LOCATION": f"http://127.0.0.1:{port}"})
        started = time.monotonic()
        backend.purge("http://cong.example.vn/thoi-su/")
        assert time.monotonic() - started < 2
    assert "Could not purge http://cong.example.vn/thoi-su/" in caplog.text
