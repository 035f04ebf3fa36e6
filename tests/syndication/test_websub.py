"""Push, not only poll (issue 23, point 5): an outlet subscribes to a feed at the portal's own
WebSub hub, confirms it asked, and is then sent the feed, signed, after each publication, by the
task queue, never by the editor's request. Every subscriber here is a real HTTP server on
127.0.0.1 (tests/syndication/subscriber.py); the queue runs as `manage.py db_worker` runs it."""

import hashlib
import hmac
import socket
import threading
import time
from datetime import timedelta
from urllib.parse import quote

from django.utils import timezone

from wagtail.models import PageViewRestriction

import feedparser
import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core import schedule
from core.queue import RETRY_MINUTES
from newsroom.models import ArticlePage
from syndication.models import Outlet, Subscription, Withdrawal
from syndication.models.websub import SubscriptionState
from syndication.websub import callbacks, tasks
from tests.factories import ArticlePageFactory, SectionPageFactory
from tests.helpers import admin_article_form
from tests.queue import run_queue
from tests.syndication.subscriber import (
    LATEST,
    ROOT,
    THOI_SU,
    ask,
    callback_server,
    publish,
    queued_deliveries,
    subscribed,
)

THE_THAO = f"{ROOT}/feeds/section/the-thao.rss"
SECRET = "bi-mat-cua-bao-tin-tuc-2026"
DAY = 24 * 3600


@pytest.fixture
def sports(home_page):
    return SectionPageFactory(parent=home_page, title="Thể thao", slug="the-thao")


def signed_by(delivery, secret):
    expected = hmac.new(secret.encode(), delivery.body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(delivery.headers.get("x-hub-signature", ""), f"sha256={expected}")


# Subscribing


def test_a_subscription_is_accepted_at_once_and_made_only_once_the_callback_echoes_the_challenge(
    client, section, callback
):
    response = ask(client, callback=callback.url(), secret=SECRET)
    assert response.status_code == 202
    assert "xác nhận" in response.text
    # Nothing is called inside the request: the hub asks the callback from the queue.
    assert callback.verifications == [] and not Subscription.objects.exists()

    run_queue()

    (question,) = callback.verifications
    assert question["hub.mode"] == "subscribe"
    assert question["hub.topic"] == THOI_SU
    assert question["hub.lease_seconds"] == str(10 * DAY)
    assert len(question["hub.challenge"]) >= 32
    subscription = Subscription.objects.get()
    assert subscription.topic == THOI_SU and subscription.callback == callback.url()
    assert subscription.state == SubscriptionState.ACTIVE and subscription.secret == SECRET
    remaining = subscription.expires_at - timezone.now()
    assert timedelta(days=10) - timedelta(minutes=1) < remaining <= timedelta(days=10)


@pytest.mark.parametrize(
    ("asked", "granted"), [("60", DAY), ("172800", 2 * DAY), (str(10**9), 30 * DAY)]
)
def test_the_lease_asked_for_is_kept_within_a_day_and_thirty_days(
    client, section, callback, asked, granted
):
    subscription = subscribed(client, callback, lease_seconds=asked)
    assert callback.verifications[-1]["hub.lease_seconds"] == str(granted)
    remaining = (subscription.expires_at - subscription.verified_at).total_seconds()
    assert remaining == granted


@pytest.mark.parametrize("echo", ["wrong", "refuse"])
def test_a_callback_that_does_not_echo_the_challenge_is_not_subscribed(client, section, echo):
    with callback_server(echo=echo) as callback:
        assert ask(client, callback=callback.url()).status_code == 202
        run_queue()
        assert len(callback.verifications) == 1
    assert not Subscription.objects.exists()


def test_subscribing_again_renews_the_lease_and_revives_a_dropped_subscription(
    client, section, callback
):
    subscription = subscribed(client, callback, lease_seconds=str(DAY))
    Subscription.objects.filter(pk=subscription.pk).update(
        state=SubscriptionState.DROPPED, failures=6, last_error="HTTP 500"
    )
    renewed = subscribed(client, callback, lease_seconds=str(20 * DAY))
    assert renewed.pk == subscription.pk
    assert renewed.state == SubscriptionState.ACTIVE and renewed.failures == 0
    assert renewed.expires_at > subscription.expires_at + timedelta(days=18)


def test_the_callbacks_own_query_and_vietnamese_path_are_kept_when_it_is_called(
    client, section, callback, django_capture_on_commit_callbacks
):
    """WebSub 5.1.2: the hub appends its parameters to the callback's own."""
    subscription = subscribed(client, callback, path="/nhận-tin?nguon=thoi-su&hub.mode=giu")
    (question,) = callback.verifications
    assert question["path"] == quote("/nhận-tin") and question["nguon"] == "thoi-su"
    assert question["hub.mode"] == "subscribe"  # the hub's, after the callback's own
    assert subscription.callback.endswith("/nhận-tin?nguon=thoi-su&hub.mode=giu")
    publish(section, django_capture_on_commit_callbacks)
    run_queue()
    assert len(callback.delivered_to(quote("/nhận-tin"))) == 1


def test_an_unsubscription_confirmed_by_the_callback_ends_the_subscription(
    client, section, callback
):
    subscribed(client, callback)
    assert ask(client, "unsubscribe", callback=callback.url()).status_code == 202
    run_queue()
    assert callback.verifications[-1]["hub.mode"] == "unsubscribe"
    assert not Subscription.objects.exists()


def test_an_unsubscription_the_callback_did_not_ask_for_changes_nothing(client, section):
    with callback_server() as callback:
        subscribed(client, callback)
        callback.echo = "refuse"
        ask(client, "unsubscribe", callback=callback.url())
        run_queue()
    assert Subscription.objects.filter(state=SubscriptionState.ACTIVE).count() == 1


def test_an_outlet_key_in_the_topic_links_the_outlet_and_the_topic_is_kept_as_given(
    client, section, callback
):
    outlet = Outlet.objects.create(name="Báo Tin tức")
    stopped = Outlet.objects.create(name="Báo đã ngừng", active=False)
    keyed = subscribed(client, callback, topic=f"{THOI_SU}?k={outlet.key}")
    assert keyed.topic == f"{THOI_SU}?k={outlet.key}" and keyed.outlet == outlet
    assert callback.verifications[-1]["hub.topic"] == f"{THOI_SU}?k={outlet.key}"
    unkeyed = subscribed(client, callback, topic=f"{LATEST}?k={stopped.key}")
    assert unkeyed.outlet is None


# Feeds name the hub


def test_every_feed_names_the_hub_in_its_body_and_its_link_header(client, section):
    for url, kind in [("/feeds/section/thoi-su.rss", "rss"), ("/feeds/latest.atom", "atom")]:
        response = client.get(url)
        assert response["Link"] == (f'<{ROOT}/websub/>; rel="hub", <{ROOT}{url}>; rel="self"')
        parsed = feedparser.parse(response.content)
        assert not parsed.bozo
        links = {link["rel"]: link["href"] for link in parsed.feed.links}
        assert links["hub"] == f"{ROOT}/websub/" and links["self"] == f"{ROOT}{url}"
        # Served again from the cache, the header is the same.
        assert client.get(url)["Link"] == response["Link"], kind


# Delivery


def test_a_publication_is_delivered_signed_to_the_subscribers_of_its_feeds_and_no_others(
    client, section, sports, django_capture_on_commit_callbacks
):
    with callback_server() as callback:
        subscribed(client, callback, THOI_SU, "/thoi-su", secret=SECRET)
        subscribed(client, callback, LATEST, "/moi-nhat")
        subscribed(client, callback, THE_THAO, "/the-thao", secret=SECRET)
        publish(section, django_capture_on_commit_callbacks, "Thủ tướng chủ trì hội nghị")
        run_queue()

    (rss,) = callback.delivered_to("/thoi-su")
    assert rss.headers["content-type"] == "application/rss+xml; charset=utf-8"
    assert signed_by(rss, SECRET) and not signed_by(rss, "khoa-khac")
    assert f'<{ROOT}/websub/>; rel="hub"' in rss.headers["link"]
    assert f'<{THOI_SU}>; rel="self"' in rss.headers["link"]
    assert feedparser.parse(rss.body).entries[0].title == "Thủ tướng chủ trì hội nghị"

    (atom,) = callback.delivered_to("/moi-nhat")
    assert atom.headers["content-type"] == "application/atom+xml; charset=utf-8"
    assert "x-hub-signature" not in atom.headers  # subscribed without a secret
    assert feedparser.parse(atom.body).entries[0].title == "Thủ tướng chủ trì hội nghị"

    assert callback.delivered_to("/the-thao") == []
    delivered = Subscription.objects.get(callback__endswith="/thoi-su")
    assert delivered.last_delivered_at is not None and delivered.failures == 0


def test_the_editors_publication_only_queues_the_deliveries(
    admin_client, section, django_capture_on_commit_callbacks
):
    """The editor's request enqueues one task and returns; the worker calls the subscribers."""
    with callback_server() as callback:
        subscribed(admin_client, callback, THOI_SU)
        add = f"/admin/pages/add/newsroom/articlepage/{section.pk}/"
        data = admin_article_form("Hội nghị trực tuyến toàn quốc", "hoi-nghi-truc-tuyen")
        data["action-publish"] = "publish"
        with django_capture_on_commit_callbacks(execute=True):
            response = admin_client.post(add, data)
        assert response.status_code == 302
        assert ArticlePage.objects.get(slug="hoi-nghi-truc-tuyen").live
        assert callback.deliveries == []
        assert DBTaskResult.objects.filter(
            task_path=tasks.fan_out.module_path, status=TaskResultStatus.READY
        ).exists()

        run_queue()
    (delivery,) = callback.deliveries
    assert b"H\xe1\xbb\x99i ngh\xe1\xbb\x8b tr\xe1\xbb\xb1c tuy\xe1\xba\xbfn" in delivery.body


def test_a_withdrawal_and_a_correction_are_delivered_to_the_feeds_subscribers(
    client, section, callback, django_capture_on_commit_callbacks
):
    subscribed(client, callback, LATEST)
    story = publish(section, django_capture_on_commit_callbacks)
    run_queue()
    story.corrections.create(text="Sửa tên cơ quan chủ trì ở đoạn đầu.")
    with django_capture_on_commit_callbacks(execute=True):
        story.save_revision().publish()
    run_queue()
    corrected = callback.deliveries[-1].body.decode()
    assert "Đính chính" in corrected and "Sửa tên cơ quan chủ trì" in corrected
    with django_capture_on_commit_callbacks(execute=True):
        ArticlePage.objects.get(pk=story.pk).unpublish()  # as published, live
    run_queue()
    assert len(callback.deliveries) == 3
    withdrawn = callback.deliveries[-1].body.decode()
    assert f'ref="tag:localhost,2026:trang-{story.pk}"' in withdrawn
    assert "Sửa tên cơ quan chủ trì" not in withdrawn


@pytest.mark.parametrize("hidden", ["private", "scheduled", "draft"])
def test_a_story_that_is_not_public_delivers_nothing(
    client, section, callback, django_capture_on_commit_callbacks, hidden
):
    subscribed(client, callback, THOI_SU)
    article = ArticlePageFactory(
        parent=section, title="Bí mật", live=False, first_published_at=None
    )
    with django_capture_on_commit_callbacks(execute=True):
        if hidden == "private":
            PageViewRestriction.objects.create(
                page=article, restriction_type=PageViewRestriction.LOGIN
            )
            article.save_revision().publish()
        elif hidden == "scheduled":
            article.go_live_at = timezone.now() + timedelta(hours=2)
            article.save_revision().publish()
        else:
            article.save_revision()
    run_queue()
    assert callback.deliveries == []


def test_two_publications_before_the_worker_runs_make_one_delivery(
    client, section, callback, django_capture_on_commit_callbacks
):
    subscribed(client, callback, THOI_SU)
    publish(section, django_capture_on_commit_callbacks, "Tin thứ nhất")
    publish(section, django_capture_on_commit_callbacks, "Tin thứ hai")
    run_queue()
    (delivery,) = callback.deliveries
    titles = [entry.title for entry in feedparser.parse(delivery.body).entries]
    assert titles[:2] == ["Tin thứ hai", "Tin thứ nhất"]


def test_an_expired_lease_gets_nothing_and_is_forgotten_at_night(
    client, section, callback, django_capture_on_commit_callbacks
):
    subscription = subscribed(client, callback, THOI_SU)
    Subscription.objects.filter(pk=subscription.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    publish(section, django_capture_on_commit_callbacks)
    run_queue()
    assert callback.deliveries == []
    night = timezone.localtime().replace(hour=3, minute=45)
    due = {job.name: period for job, period in schedule.due_jobs(night)}
    schedule.REGISTERED["websub-forget-expired"].run(due["websub-forget-expired"])
    assert not Subscription.objects.exists()


def test_a_subscriber_that_fails_is_tried_again_later_and_dropped_after_the_last_try(
    client, section, django_capture_on_commit_callbacks
):
    with callback_server(status=500) as callback:
        subscription = subscribed(client, callback, THOI_SU)
        publish(section, django_capture_on_commit_callbacks)
        run_queue()
        subscription.refresh_from_db()
        assert subscription.failures == 1 and subscription.last_error == "HTTP 500"
        assert subscription.state == SubscriptionState.ACTIVE
        (retry,) = queued_deliveries()
        assert retry.run_after > timezone.now() + timedelta(seconds=50)  # a minute later

        # A publication meanwhile does not queue a second delivery: the retry sends it.
        publish(section, django_capture_on_commit_callbacks, "Tin mới trong lúc chờ")
        run_queue()
        assert queued_deliveries().count() == 1 and len(callback.deliveries) == 1

        for _pause in RETRY_MINUTES:
            queued_deliveries().update(run_after=timezone.now())  # the pause has passed
            run_queue()
        tries = len(RETRY_MINUTES) + 1
        assert len(callback.deliveries) == tries
        subscription.refresh_from_db()
        assert subscription.state == SubscriptionState.DROPPED
        assert f"{tries} lần" in subscription.last_error and not queued_deliveries().exists()

        publish(section, django_capture_on_commit_callbacks, "Tin sau khi ngừng")
        run_queue()
        assert len(callback.deliveries) == tries


def test_a_subscriber_that_answers_410_gone_is_dropped_at_once(
    client, section, django_capture_on_commit_callbacks
):
    with callback_server(status=410) as callback:
        subscription = subscribed(client, callback, THOI_SU)
        publish(section, django_capture_on_commit_callbacks)
        run_queue()
    subscription.refresh_from_db()
    assert subscription.state == SubscriptionState.DROPPED and "410" in subscription.last_error
    assert not queued_deliveries().exists()


def test_a_subscriber_that_cannot_be_reached_is_tried_again_later(
    client, section, django_capture_on_commit_callbacks
):
    with callback_server() as callback:
        subscription = subscribed(client, callback, THOI_SU)
    # The server is gone: the connection is refused.
    publish(section, django_capture_on_commit_callbacks)
    run_queue()
    subscription.refresh_from_db()
    assert subscription.failures == 1 and "ConnectionRefused" in subscription.last_error
    assert queued_deliveries().count() == 1


def test_a_feed_made_private_is_not_delivered_and_the_subscription_says_why(
    client, section, callback, django_capture_on_commit_callbacks
):
    subscription = subscribed(client, callback, THOI_SU)
    story = publish(section, django_capture_on_commit_callbacks)
    run_queue()
    assert len(callback.deliveries) == 1
    # The section goes behind a login: its story is withdrawn, its feed is gone (404).
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=section, restriction_type="login")
    run_queue()
    assert len(callback.deliveries) == 1
    subscription.refresh_from_db()
    assert "404" in subscription.last_error
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).exists()
    assert Withdrawal.objects.filter(page_id=story.pk).exists()


def test_a_slow_subscriber_cannot_hold_a_worker(monkeypatch):
    """A callback that sends its headers a byte at a time is cut at CALL_SECONDS in all."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    port = listener.getsockname()[1]
    stop = threading.Event()

    def dribble():
        connection, _address = listener.accept()
        with connection:
            connection.recv(65536)
            while not stop.is_set():
                try:
                    connection.sendall(b"X")
                except OSError:
                    return
                time.sleep(0.2)

    thread = threading.Thread(target=dribble, daemon=True)
    thread.start()
    monkeypatch.setattr(callbacks, "CALL_SECONDS", 1)
    monkeypatch.setattr(callbacks, "TIMEOUT_SECONDS", 5)
    started = time.monotonic()
    try:
        with pytest.raises(callbacks.CallbackFailed):
            callbacks.call("GET", f"http://127.0.0.1:{port}/nhan")
        assert time.monotonic() - started < 4
    finally:
        stop.set()
        listener.close()
        thread.join(timeout=5)
