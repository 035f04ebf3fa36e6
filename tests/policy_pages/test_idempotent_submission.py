"""A form sent again stores nothing new: the reader whose first answer was lost (a worker killed
after the commit, a dropped connection, a double click) gets the receipt of what was stored."""

import os
import re
import signal
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

from django.core import mail
from django.db import connections
from django.test import Client

import pytest
import requests
from bs4 import BeautifulSoup

from policy_pages.models import Submission
from tests.factories import open_for_comment
from tests.policy_pages.participation import form_fields, stored
from tests.queue import run_queue
from tests.servers import free_port, live_database_url, one_server_at_a_time, portal_server
from tests.skips import postgresql_pass

pytestmark = pytest.mark.usefixtures("instant_forms")

on_postgresql = postgresql_pass("threads and server processes share its data")


def text_of(response):
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def test_the_same_form_sent_twice_stores_one_comment_and_gives_the_same_receipt(
    client, open_policy
):
    data, action = form_fields(client, open_policy)
    first = client.post(action, data)
    again = client.post(action, data)
    assert (first.status_code, again.status_code) == (303, 303)
    assert first["Location"] == again["Location"]
    [comment] = stored()
    receipt_page = client.get(again["Location"])
    assert receipt_page.status_code == 200
    assert comment.receipt_display in text_of(receipt_page)
    # One receipt mail: sending the form again is not a way to mail someone over and over.
    run_queue()
    assert len(mail.outbox) == 1


def test_the_receipt_of_a_resent_form_can_be_looked_up_by_its_code(client, open_policy):
    data, action = form_fields(client, open_policy)
    client.post(action, data)
    location = client.post(action, data)["Location"]
    code = re.search(r"/bien-nhan/(\w+)/", location).group(1)
    looked_up = client.get("/y-kien/tra-cuu/", {"ma": f"yk-{code.lower()}"}, follow=True)
    assert looked_up.status_code == 200
    assert "Chờ duyệt" in text_of(looked_up)


def test_a_resent_form_gets_its_receipt_even_past_the_rate_limit(client, open_policy, settings):
    """The first send was counted; the reader resending it is not a burst."""
    settings.PORTAL_PARTICIPATION = {**settings.PORTAL_PARTICIPATION, "PER_EMAIL": (1, 600)}
    data, action = form_fields(client, open_policy)
    first = client.post(action, data)
    assert client.post(action, data)["Location"] == first["Location"]
    assert len(stored()) == 1


def test_other_words_from_the_same_form_are_refused_and_can_be_sent_as_a_new_comment(
    client, open_policy
):
    data, action = form_fields(client, open_policy)
    client.post(action, data)
    changed = client.post(action, {**data, "body": "Tôi bổ sung thêm một ý kiến về Điều 12."})
    assert changed.status_code == 400
    assert "đã được gửi từ trang này" in text_of(changed)
    assert len(stored()) == 1
    # The form comes back with the reader's new words and a new token: sending it stores them.
    form = BeautifulSoup(changed.content, "html.parser").select_one("form.participation-form")
    fresh = {
        **data,
        "token": form.select_one("input[name=token]")["value"],
        "body": form.select_one("textarea[name=body]").get_text(),
    }
    assert fresh["token"] != data["token"]
    assert client.post(action, fresh).status_code == 303
    assert [comment.body for comment in stored()] == [
        data["body"],
        "Tôi bổ sung thêm một ý kiến về Điều 12.",
    ]


def test_two_sends_racing_store_one_and_the_second_gets_the_first_ones_receipt(client, open_policy):
    """The second send looked before the first had committed: the database's unique key on the
    form stops it, and it answers with the receipt of the row that won."""
    data, action = form_fields(client, open_policy)
    first = client.post(action, data)
    with mock.patch("policy_pages.views.sent_before", return_value=None):
        second = client.post(action, data)
    assert second.status_code == 303
    assert second["Location"] == first["Location"]
    assert len(stored()) == 1


def test_with_the_cache_down_a_resent_form_still_stores_one(client, open_policy, settings):
    """The key is in the database, not the cache: Redis down does not let a form store twice."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",  # nothing listens there
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "IGNORE_EXCEPTIONS": True},
        },
    }
    data, action = form_fields(client, open_policy)
    first = client.post(action, data)
    again = client.post(action, data)
    assert (first.status_code, again.status_code) == (303, 303)
    assert first["Location"] == again["Location"]
    assert len(stored()) == 1


# Real concurrency and a real killed worker: PostgreSQL, committed data ------------------------


@pytest.fixture
def live_policy(home_page):
    policy = open_for_comment(home_page, "Dự thảo Luật Đường sắt (sửa đổi)")
    return policy


@on_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_same_form_sent_from_eight_threads_at_once_stores_one(live_policy):
    data, action = form_fields(Client(), live_policy)
    start = threading.Barrier(8)

    def send(_):
        start.wait()
        try:
            return Client().post(action, data, REMOTE_ADDR="203.0.113.7")
        finally:
            connections.close_all()  # this thread's own connection

    with ThreadPoolExecutor(8) as pool:
        responses = list(pool.map(send, range(8)))
    assert {response.status_code for response in responses} == {303}
    assert len({response["Location"] for response in responses}) == 1
    assert Submission.objects.filter(policy=live_policy).count() == 1


@contextmanager
def silent_mail_server():
    """An SMTP server that accepts and never answers: the worker waits in `send_receipt`, after
    the comment is committed and before its reply, long enough to be killed there."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    accepted = []

    def accept():
        while True:
            try:
                accepted.append(listener.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept, daemon=True).start()
    try:
        yield listener.getsockname()[1]
    finally:
        listener.close()
        for connection in accepted:
            connection.close()


def children(pid):
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        if parent == pid:
            found.append(int(stat.parent.name))
    return found


def gunicorn_workers():
    """The workers of the gunicorn this test started (tests/servers.py): its grandchildren."""
    return [worker for master in children(os.getpid()) for worker in children(master)]


@on_postgresql
@one_server_at_a_time
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_killed_after_the_commit_loses_the_reply_not_the_comment(live_policy):
    with (
        silent_mail_server() as mail_port,
        portal_server(
            live_database_url(),
            DJANGO_SETTINGS_MODULE="tests.settings_smtp_mail",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(mail_port),
            PARTICIPATION_MIN_SECONDS="0",
        ) as base,
    ):
        reader = requests.Session()
        page = BeautifulSoup(reader.get(base + live_policy.url, timeout=30).content, "html.parser")
        form = page.select_one("form.participation-form")
        data = {
            **reader.get(base + form["data-tokens"], timeout=30).json(),
            "kind": "gop-y",
            "name": "Trần Thị Bình",
            "email": "binh.tran@example.vn",
            "capacity": "ca-nhan",
            "body": "Đề nghị quy định rõ thời hạn bồi thường khi tàu chậm giờ.",
            "consent": "on",
            "website": "",
        }
        outcome = {}

        def send_first():
            try:
                outcome["response"] = reader.post(
                    base + form["action"], data, allow_redirects=False, timeout=30
                )
            except requests.RequestException as error:
                outcome["error"] = error

        sending = threading.Thread(target=send_first)
        sending.start()
        deadline = time.monotonic() + 8  # the mail times out after EMAIL_TIMEOUT (10 s)
        while not Submission.objects.filter(policy=live_policy).exists():
            assert time.monotonic() < deadline, "the comment was never committed"
            time.sleep(0.05)
        for pid in gunicorn_workers():
            os.kill(pid, signal.SIGKILL)
        sending.join(timeout=30)
        assert "response" not in outcome, "the reader got an answer: the worker was not killed"

        # The reader sends the same form again once the page answers again.
        deadline = time.monotonic() + 30
        while True:
            try:
                again = reader.post(base + form["action"], data, allow_redirects=False, timeout=30)
                break
            except requests.ConnectionError:
                assert time.monotonic() < deadline, "no worker came back"
                time.sleep(0.2)
        assert again.status_code == 303
        [comment] = Submission.objects.filter(policy=live_policy)
        assert again.headers["Location"].startswith(f"/y-kien/bien-nhan/{comment.receipt}/")
        receipt_page = reader.get(base + again.headers["Location"], timeout=30)
        assert comment.receipt_display in receipt_page.text


def test_sending_each_form_twice_does_not_skip_the_rate_limits(client, open_policy, settings):
    """A form refused for its rate is counted again when sent again, or a spammer would send
    every form twice and never be limited."""
    settings.PORTAL_PARTICIPATION = {
        **settings.PORTAL_PARTICIPATION,
        "PER_EMAIL": (1, 600),
        "PER_IP": (1, 600),
    }
    answers = []
    for number in range(4):
        data, action = form_fields(client, open_policy)
        data["body"] = f"Ý kiến thứ {number + 1} về dự thảo, mỗi lần một nội dung khác."
        answers.append(
            (client.post(action, data).status_code, client.post(action, data).status_code)
        )
    assert answers == [(303, 303)] + [(429, 429)] * 3
    assert len(stored()) == 1
