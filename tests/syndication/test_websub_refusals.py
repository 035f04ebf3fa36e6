"""What the WebSub hub refuses (issue 23, point 5): requests it cannot take, each a 400 saying why
in Vietnamese; callbacks on the portal's own network, at the request, at verification and at
delivery; more subscriptions on one host than it keeps. And who may see the subscriptions."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

import pytest
from django_tasks_db.models import DBTaskResult

from syndication.models import Subscription
from syndication.websub import hub, tasks
from tests.helpers import member_of
from tests.queue import run_queue
from tests.syndication.subscriber import (
    ROOT,
    THOI_SU,
    ask,
    publish,
    queued_deliveries,
    subscribed,
)


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"hub.mode": "publish"}, "hub.mode phải là subscribe hoặc unsubscribe"),
        ({"hub.mode": ""}, "hub.mode phải là subscribe hoặc unsubscribe"),
        ({"hub.topic": ""}, "Thiếu hub.topic"),
        ({"hub.topic": f"{ROOT}/feeds/section/khong-co.rss"}, "Không có nguồn tin này"),
        ({"hub.topic": f"{ROOT}/thoi-su/"}, "không phải là một nguồn tin"),
        ({"hub.topic": f"{ROOT}/feeds/section/thoi-su.json"}, "không phải là một nguồn tin"),
        ({"hub.topic": "https://bao-khac.example.vn/feeds/latest.rss"}, "không thuộc cổng này"),
        ({"hub.topic": "thoi-su.rss"}, "địa chỉ đầy đủ"),
        ({"hub.callback": ""}, "Thiếu hub.callback"),
        ({"hub.callback": "ftp://kho-tin.example.vn/nhan"}, "http:// hoặc https://"),
        ({"hub.callback": "nhan-tin"}, "http:// hoặc https://"),
        ({"hub.callback": "https://ten:mat-khau@kho-tin.example.vn/"}, "mật khẩu"),
        ({"hub.callback": "https://kho-tin.example.vn:99999/"}, "Cổng (port)"),
        ({"hub.lease_seconds": "mười ngày"}, "số nguyên dương"),
        ({"hub.lease_seconds": "-5"}, "số nguyên dương"),
        ({"hub.secret": "x" * 200}, "ngắn hơn 200 byte"),
        ({"hub.secret": "bí mật" * 30}, "ngắn hơn 200 byte"),
        ({"hub.topic": "http://[x/feeds/latest.rss"}, "địa chỉ đầy đủ"),
        ({"hub.callback": "http://[::1/nhan"}, "không phải là một địa chỉ hợp lệ"),
        ({"hub.topic": THOI_SU + "\x00"}, "ký tự NUL"),
        ({"hub.secret": "bí\x00mật"}, "ký tự NUL"),
    ],
)
def test_a_request_the_hub_cannot_take_is_a_400_saying_why_in_vietnamese(
    client, section, change, words
):
    data = {
        "hub.mode": "subscribe",
        "hub.topic": THOI_SU,
        "hub.callback": "https://kho-tin.example.vn/nhan",
        **change,
    }
    response = client.post("/websub/", data)
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert words in response.text
    assert not DBTaskResult.objects.exists()  # nothing queued, nobody called


def test_the_hub_answers_only_posts(client, home_page):
    assert client.get("/websub/").status_code == 405


def test_one_may_stop_a_subscription_to_a_feed_that_is_gone(client, section, callback):
    subscribed(client, callback)
    section.delete()
    assert ask(client, "unsubscribe", callback=callback.url()).status_code == 202
    run_queue()
    assert not Subscription.objects.exists()


@pytest.mark.parametrize(
    "address",
    [
        "http://127.0.0.1:8000/nhan",
        "http://localhost/nhan",
        "http://10.0.0.5/nhan",
        "http://192.168.1.10/nhan",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/nhan",
        "http://[::ffff:10.0.0.5]/nhan",
        "http://0.0.0.0/nhan",
    ],
)
def test_callbacks_on_the_portals_own_network_are_refused(client, section, settings, address):
    settings.WEBSUB_ALLOW_PRIVATE_CALLBACKS = False
    response = ask(client, callback=address)
    assert response.status_code == 400
    assert "địa chỉ nội bộ" in response.text


def test_a_name_that_resolves_to_a_private_address_is_neither_verified_nor_delivered_to(
    client, section, settings, monkeypatch, django_capture_on_commit_callbacks
):
    """The name passes the request's check (it is not an address); the task resolves it before
    calling, at subscription and again at each delivery, since DNS can change in between."""
    settings.WEBSUB_ALLOW_PRIVATE_CALLBACKS = False
    resolved = []

    def resolver(host, port, *args, **kwargs):
        resolved.append(host)
        return [(2, 1, 6, "", ("10.20.30.40", port))]

    monkeypatch.setattr("socket.getaddrinfo", resolver)
    assert ask(client, callback="http://kho-tin.example.vn/nhan").status_code == 202
    run_queue()
    assert resolved == ["kho-tin.example.vn"] and not Subscription.objects.exists()

    stale = Subscription.objects.create(
        topic=THOI_SU,
        callback="http://kho-tin.example.vn/nhan",
        expires_at=timezone.now() + timedelta(days=5),
    )
    publish(section, django_capture_on_commit_callbacks)
    run_queue()
    stale.refresh_from_db()
    assert stale.failures == 1 and "địa chỉ nội bộ" in stale.last_error
    assert queued_deliveries().count() == 1  # tried again later: the name may point out again


def test_one_sender_cannot_make_the_portal_call_addresses_without_end(client, section, monkeypatch):
    """Each accepted request makes the hub call an address: a sender's requests are counted."""
    monkeypatch.setattr(hub, "PER_ADDRESS", (2, 3600))
    for number in range(2):
        assert ask(client, callback=f"https://kho-tin.example.vn/{number}").status_code == 202
    response = ask(client, callback="https://kho-tin.example.vn/3")
    assert response.status_code == 429 and "Quá nhiều yêu cầu" in response.text
    assert DBTaskResult.objects.count() == 2


def test_one_host_cannot_fill_the_table(client, section, callback, monkeypatch):
    monkeypatch.setattr(tasks, "PER_HOST", 2)
    subscribed(client, callback, path="/a")
    subscribed(client, callback, path="/b")
    response = ask(client, callback=callback.url("/c"))
    assert response.status_code == 400 and "quá nhiều đăng ký" in response.text
    assert ask(client, callback=callback.url("/a")).status_code == 202  # a renewal passes


# Who sees the subscriptions


def test_the_admins_see_the_subscriptions_without_their_secret_and_cannot_change_them(
    admin_client, section, callback
):
    subscribed(admin_client, callback, secret="bi-mat-khong-duoc-lo-2026")
    subscription = Subscription.objects.get()
    listing = admin_client.get(reverse("websub_subscriptions:index"))
    assert listing.status_code == 200
    assert callback.url() in listing.text and "bi-mat-khong-duoc-lo" not in listing.text
    shown = admin_client.get(reverse("websub_subscriptions:inspect", args=[subscription.pk]))
    assert shown.status_code == 200 and "bi-mat-khong-duoc-lo" not in shown.text
    for url in (
        reverse("websub_subscriptions:add"),
        reverse("websub_subscriptions:edit", args=[subscription.pk]),
        reverse("websub_subscriptions:delete", args=[subscription.pk]),
    ):
        assert admin_client.get(url).status_code in (302, 403), url
        assert admin_client.post(url, {"state": "dropped"}).status_code in (302, 403), url
    assert Subscription.objects.get().state == subscription.state


def test_an_editor_without_the_permission_does_not_see_them(client, section):
    client.force_login(member_of("Biên tập viên", "bien-tap"))
    response = client.get(reverse("websub_subscriptions:index"))
    assert response.status_code == 302 and response["Location"] == "/admin/"
