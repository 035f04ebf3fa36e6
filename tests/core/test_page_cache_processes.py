"""Two app processes sharing one Redis: what an editor publishes or withdraws through one shows
on the pages the other serves from its cache within a second."""

import os
import re
import time

from django.contrib.auth import get_user_model

import pytest
import requests
from bs4 import BeautifulSoup

from tests.factories import ArticlePageFactory, SectionPageFactory
from tests.helpers import confirmed_device, totp_code
from tests.servers import live_database_url, one_server_at_a_time, portal_server
from tests.skips import needs_tool, postgresql_pass

ONE_SECOND = 1.0

pytestmark = [
    # A database and a cache that separate processes share: .ci/run's second pass has both.
    postgresql_pass("the server processes read the test's data"),
    needs_tool("Redis", os.environ.get("REDIS_URL"), "REDIS_URL names the cache both share"),
    one_server_at_a_time,
    # Committed data the server processes can read, restored afterwards as migrations left it.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def admin_session(base, username, password):
    session = requests.Session()
    login = session.get(base + "/admin/login/", timeout=30)
    response = session.post(
        base + "/admin/login/",
        {"username": username, "password": password, "csrfmiddlewaretoken": csrf_of(login)},
        headers={"Referer": base + "/admin/login/"},
        timeout=30,
    )
    assert "/admin/login/" not in response.url, "the editor could not log in"
    if "/admin/xac-thuc/ma/" in response.url:  # the second factor, as the editor's app gives it
        code = totp_code(confirmed_device(get_user_model().objects.get(username=username)))
        response = session.post(
            response.url,
            {"code": code, "csrfmiddlewaretoken": csrf_of(response)},
            headers={"Referer": response.url},
            timeout=30,
        )
        assert "/admin/xac-thuc/" not in response.url, "the second factor was refused"
    return session


def csrf_of(response):
    return BeautifulSoup(response.text, "html.parser").select_one(
        "input[name=csrfmiddlewaretoken]"
    )["value"]


def confirm(session, url):
    """Open an admin confirmation page and press its button, as the editor does."""
    form = session.get(url, timeout=30)
    assert form.status_code == 200, url
    answer = session.post(
        url,
        {"csrfmiddlewaretoken": csrf_of(form)},
        headers={"Referer": url},
        allow_redirects=False,
        timeout=30,
    )
    assert answer.status_code in (200, 302), (url, answer.status_code, answer.text[:3000])


def cached(base, path):
    """Read `path` until the process serves it from its cache (the first read renders it)."""
    for _ in range(3):
        response = requests.get(base + path, timeout=30)
        if response.headers.get("X-Page-Cache") == "hit":
            return response
    pytest.fail(f"{path} was not cached")


def seen_within(base, path, check, seconds=ONE_SECOND):
    """How long after now `check` holds for what the process at `base` serves at `path`."""
    start = time.monotonic()
    while True:
        response = requests.get(base + path, timeout=30)
        elapsed = time.monotonic() - start
        if check(response) or elapsed > seconds:
            return check(response), elapsed


def test_publishing_and_withdrawing_through_one_process_shows_on_the_other_within_a_second(
    home_page,
):
    section = SectionPageFactory(parent=home_page, title="Thời sự", slug="thoi-su")
    story = ArticlePageFactory(
        parent=section, title="Quốc hội khai mạc kỳ họp bất thường", slug="quoc-hoi-khai-mac"
    )
    draft = ArticlePageFactory(
        parent=section, title="Chính phủ ban hành nghị quyết mới", slug="nghi-quyet-moi", live=False
    )
    draft.save_revision()
    chief = get_user_model().objects.create_superuser(
        "tongbientap", "tbt@example.vn", "mat-khau-dai-2026"
    )
    confirmed_device(chief)
    environment = {"PAGE_CACHE_SECONDS": "600", "PARTICIPATION_MIN_SECONDS": "0"}
    with (
        portal_server(live_database_url(), **environment) as editors,
        portal_server(live_database_url(), **environment) as readers,
    ):
        for path in ("/", "/thoi-su/", "/thoi-su/quoc-hoi-khai-mac/"):
            assert "Quốc hội khai mạc" in cached(readers, path).text
        cached(readers, "/thoi-su/nghi-quyet-moi/")  # a cached 404 before it is published

        session = admin_session(editors, "tongbientap", "mat-khau-dai-2026")
        confirm(session, f"{editors}/admin/bulk/wagtailcore/page/publish/?id={draft.pk}")
        for path in ("/", "/thoi-su/", "/thoi-su/nghi-quyet-moi/"):
            shown, elapsed = seen_within(readers, path, lambda r: "nghị quyết mới" in r.text)
            assert shown, f"{path}: the published story is not there after {elapsed:.2f} s"

        confirm(session, f"{editors}/admin/pages/{story.pk}/unpublish/")
        shown, elapsed = seen_within(
            readers, "/thoi-su/quoc-hoi-khai-mac/", lambda r: r.status_code == 404
        )
        assert shown, f"the withdrawn story is still served after {elapsed:.2f} s"
        for path in ("/", "/thoi-su/"):
            shown, elapsed = seen_within(
                readers, path, lambda r: not re.search("Quốc hội khai mạc", r.text)
            )
            assert shown, f"{path} still lists the withdrawn story after {elapsed:.2f} s"
