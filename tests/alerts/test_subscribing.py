"""Following without an account: double opt-in, the same answer for every address, rate
limits, the manage page, one-click stop, and no address ever shown."""

from datetime import timedelta

from django.core import mail
from django.utils import timezone

import time_machine

from alerts.models import Subscriber, Subscription
from alerts.tasks import forget_unconfirmed
from tests.alerts.helpers import confirmed, follow, link_in, path_of
from tests.factories import PolicyPageFactory
from tests.queue import run_queue


def test_following_sends_only_a_confirmation_and_nothing_before_it_is_clicked(client, policy):
    response = follow(client, trang=policy.pk)
    assert response.status_code == 303
    assert response["Location"] == "/theo-doi/da-gui/"
    assert mail.outbox == []  # from the queue, not the request
    run_queue()
    [message] = mail.outbox
    assert message.to == ["lan.pham@example.vn"]
    assert "Chính sách miễn học phí" in message.subject
    subscription = Subscription.objects.get()
    assert subscription.confirmed_at is None
    # Opening the link (a mail scanner does) confirms nothing; the button does.
    confirm = path_of(link_in(message, "/theo-doi/xac-nhan/"))
    page = client.get(confirm)
    assert page.status_code == 200 and "Xác nhận" in page.text
    subscription.refresh_from_db()
    assert subscription.confirmed_at is None
    assert client.post(confirm).status_code == 200
    subscription.refresh_from_db()
    assert subscription.confirmed_at is not None


def test_a_confirmation_link_is_refused_after_48_hours(client, policy):
    follow(client, trang=policy.pk)
    run_queue()
    confirm = path_of(link_in(mail.outbox[0], "/theo-doi/xac-nhan/"))
    with time_machine.travel(timezone.now() + timedelta(hours=49)):
        late = client.post(confirm)
    assert late.status_code == 410
    assert "48 giờ" in late.text
    assert Subscription.objects.get().confirmed_at is None
    assert client.post(confirm[:-6] + "hong/").status_code == 400


def test_the_answer_is_the_same_whether_the_address_is_known_or_not(client, policy):
    confirmed(client, trang=policy.pk)
    known = follow(client, trang=policy.pk)
    unknown = follow(client, email="nguoi.la@example.vn", trang=policy.pk)
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    run_queue()
    # The known address is told it follows already; no second subscription, nothing confirmed.
    already = [m for m in mail.outbox if m.to == ["lan.pham@example.vn"]]
    assert len(already) == 1 and "đã theo dõi" in already[0].subject
    assert Subscription.objects.filter(subscriber__email="lan.pham@example.vn").count() == 1


def test_bad_input_gets_a_vietnamese_message_and_a_4xx(client, policy):
    bad_email = follow(client, email="khong-phai-thu", trang=policy.pk)
    assert bad_email.status_code == 400
    assert "Địa chỉ thư điện tử chưa đúng" in bad_email.text
    assert follow(client, trang="999999").status_code == 404
    assert follow(client, trang="abc").status_code == 404
    assert follow(client).status_code == 404
    assert follow(client, trang=policy.pk, frequency="moi-giay").status_code == 400
    assert client.get("/theo-doi/dang-ky/").status_code == 405
    assert not Subscription.objects.exists()


def test_subscribing_is_rate_limited_per_email_and_per_address(client, policy, settings):
    settings.PORTAL_ALERTS = {**settings.PORTAL_ALERTS, "SUBSCRIBE_PER_EMAIL": (2, 3600)}
    assert follow(client, trang=policy.pk).status_code == 303
    assert follow(client, trang=policy.pk).status_code == 303
    refused = follow(client, trang=policy.pk)
    assert refused.status_code == 429
    assert "thử lại sau" in refused.text
    settings.PORTAL_ALERTS = {**settings.PORTAL_ALERTS, "SUBSCRIBE_PER_IP": (1, 3600)}
    assert follow(client, email="khac@example.vn", trang=policy.pk).status_code == 429


def test_unconfirmed_subscriptions_are_deleted_after_seven_days(client, policy):
    follow(client, trang=policy.pk)
    keep = confirmed(client, email="da.xac.nhan@example.vn", trang=policy.pk)
    forget_unconfirmed(now=timezone.now() + timedelta(days=6))
    assert Subscription.objects.count() == 2
    forget_unconfirmed(now=timezone.now() + timedelta(days=8))
    assert list(Subscription.objects.all()) == [keep]
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["da.xac.nhan@example.vn"]


def test_the_manage_page_changes_frequency_and_stops_one_or_all(client, policy, home_page):
    other = PolicyPageFactory(parent=policy.get_parent(), title="Chính sách nhà ở xã hội")
    other.save_revision().publish()
    first = confirmed(client, trang=policy.pk)
    confirmed(client, trang=other.pk)
    # The manage link, asked for by address (the same answer for any address).
    assert client.post("/theo-doi/", {"email": "lan.pham@example.vn"}).status_code == 302
    run_queue()
    manage = path_of(link_in(mail.outbox[-1], "/theo-doi/"))
    token = manage.split("?t=")[1]
    page = client.get(manage)
    assert "Chính sách miễn học phí" in page.text and "Chính sách nhà ở xã hội" in page.text
    changed = client.post(
        "/theo-doi/", {"t": token, "id": first.pk, "action": "frequency", "frequency": "hang-tuan"}
    )
    assert "hằng tuần" in changed.text
    first.refresh_from_db()
    assert first.frequency == "hang-tuan"
    client.post("/theo-doi/", {"t": token, "id": first.pk, "action": "stop"})
    assert not Subscription.objects.filter(pk=first.pk).exists()
    client.post("/theo-doi/", {"t": token, "action": "stop-all"})
    assert not Subscription.objects.exists()
    assert client.get("/theo-doi/?t=gia-mao").status_code == 400


def test_one_click_unsubscribe_needs_no_login_cookie_or_token(client, policy):
    subscription = confirmed(client, trang=policy.pk)
    from alerts.mails import stop_url

    stop = path_of(stop_url(subscription.subscriber, subscription.pk))
    # A mail scanner's GET stops nothing.
    assert client.get(stop).status_code == 200
    assert Subscription.objects.exists()
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(
        stop, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert not Subscription.objects.exists()


def test_no_address_reaches_a_public_page_or_feed(client, policy):
    confirmed(client, trang=policy.pk)
    for url in (policy.url, f"/feeds/policy/{policy.slug}.rss", "/sitemap.xml", "/theo-doi/"):
        assert "lan.pham" not in client.get(url).content.decode(), url
    api = client.get("/api/v2/pages/", {"type": "policy_pages.PolicyPage", "fields": "*"})
    assert "lan.pham" not in api.content.decode()


def test_the_follow_box_is_on_the_pages_that_can_be_followed(client, policy):
    page = client.get(policy.url).text
    assert 'action="/theo-doi/dang-ky/"' in page
    assert f'name="trang" value="{policy.pk}"' in page
