"""A form sent again stores nothing new: the reader whose first answer was lost (a worker killed
after the commit, a dropped connection, a double click) gets the receipt of what was stored."""

import re
import threading
from concurrent.futures import ThreadPoolExecutor
from unittest import mock

from django.core import mail
from django.db import connections
from django.test import Client
from django.utils import timezone

import pytest
import requests
from bs4 import BeautifulSoup
from django_tasks_db.models import DBTaskResult

from policy_pages import submissions
from policy_pages.models import Submission
from tests.factories import open_for_comment
from tests.mailserver import silent_mail_server, smtp_server
from tests.policy_pages.participation import form_fields, stored
from tests.queue import run_queue
from tests.servers import (
    free_port,
    live_database_url,
    one_server_at_a_time,
    portal_server,
    wait_for,
    worker,
)
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
    # The first look finds nothing; the store's own look, after the refusal, finds the winner.
    looks = [lambda *args: None, submissions.sent_before]
    with mock.patch(
        "policy_pages.submissions.sent_before",
        side_effect=lambda *args: looks.pop(0)(*args),
    ):
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


@on_postgresql
@one_server_at_a_time
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_hanging_mail_server_never_holds_the_readers_request_and_the_receipt_goes_later(
    live_policy,
):
    database = live_database_url()
    mail_env = {"DJANGO_SETTINGS_MODULE": "tests.settings_smtp_mail", "EMAIL_HOST": "127.0.0.1"}
    with (
        silent_mail_server() as (silent_port, connections_made),
        portal_server(
            database, **mail_env, EMAIL_PORT=str(silent_port), PARTICIPATION_MIN_SECONDS="0"
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
        response = reader.post(base + form["action"], data, allow_redirects=False, timeout=30)
        assert response.status_code == 303
        # The request never talked to the mail server: the receipt waits in the queue.
        assert connections_made == []
        [comment] = Submission.objects.filter(policy=live_policy)
        assert comment.receipt_sent_at is None
        # A worker tries, the server hangs, the try times out and is queued again for later.
        with worker(database, **mail_env, EMAIL_PORT=str(silent_port), EMAIL_TIMEOUT="1"):
            wait_for(
                lambda: DBTaskResult.objects.filter(return_value="retrying").exists(),
                60,
                "the receipt was not queued again after the mail server hung",
            )
        [retry] = DBTaskResult.objects.filter(status="READY", task_path__endswith="send_receipt")
        assert retry.args_kwargs["kwargs"] == {"attempt": 2}
        assert connections_made
    comment.refresh_from_db()
    assert comment.receipt_sent_at is None
    # The mail server answers again; the retry, once due, sends the receipt once.
    with smtp_server() as inbox:
        DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
        with worker(database, **mail_env, EMAIL_PORT=str(inbox.port)):
            wait_for(lambda: inbox.messages, 60, "the receipt did not arrive")
            wait_for(
                lambda: Submission.objects.filter(receipt_sent_at__isnull=False).exists(),
                30,
                "the receipt was not marked sent",
            )
    [(to, message)] = inbox.messages
    assert to == ["binh.tran@example.vn"]
    assert comment.receipt_display in message["Subject"]


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
