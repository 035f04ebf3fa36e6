"""A reader follows a policy by email, with no account: the form on the policy page, the
confirmation mail and its button, an alert when the policy reaches a milestone, and the one-click
stop (RFC 8058) that ends them. Mail goes through a real SMTP server (aiosmtpd), sent by the
queue run in this process; the pages pass axe."""

import email
import http.client
import re
import socket
import threading
from datetime import timedelta
from email import policy as email_policy
from urllib.parse import urlsplit

from django.utils import timezone

from wagtail.models import Site

import pytest
from aiosmtpd.controller import Controller

from alerts.models import Delivery, Event, Subscriber, Subscription
from policy_pages.models import PolicyPage
from tests.browser.conftest import assert_accessible
from tests.factories import PolicyIndexPageFactory, PolicyPageFactory, milestone
from tests.queue import run_queue

TITLE = "Dự thảo Luật Phòng, chống tác hại của rượu, bia (sửa đổi)"
READER = "le.thi.hoa@example.vn"


class Inbox:
    """What the SMTP server received, as parsed messages."""

    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        message = email.message_from_bytes(envelope.original_content, policy=email_policy.default)
        with self.lock:
            self.messages.append((list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"

    def count(self):
        with self.lock:
            return len(self.messages)

    def last(self):
        with self.lock:
            return self.messages[-1]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def inbox(settings):
    """A real SMTP server on this machine; the portal's mail goes to it."""
    handler = Inbox()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    yield handler
    controller.stop()


@pytest.fixture
def followed_policy(home_page, live_server):
    """A published policy past its consultation, with nothing new to announce; the default site
    is where the live server answers, so the links mailed open as they are."""
    site = Site.objects.get(is_default_site=True)
    site.port = int(urlsplit(live_server.url).port)
    site.save()
    policy = PolicyPageFactory(
        parent=PolicyIndexPageFactory(parent=home_page),
        title=TITLE,
        summary="Siết chặt quảng cáo rượu, bia và quy định giờ bán lẻ trên toàn quốc.",
    )
    today = timezone.localdate()
    milestone(policy, "soan-thao", today - timedelta(days=90))
    milestone(
        policy,
        "lay-y-kien",
        today - timedelta(days=60),
        closes_on=today - timedelta(days=30),
        note="Đã nhận hơn 1.200 ý kiến của người dân và doanh nghiệp.",
    )
    policy.save_revision().publish()
    run_queue()  # nothing recent to announce, and nobody follows it yet
    return policy


def reach_milestone(policy, stage, note):
    """The editor adds a milestone dated today and publishes (from a fresh copy of the page, so
    the revision holds every milestone)."""
    milestone(policy, stage, timezone.localdate(), note=note)
    PolicyPage.objects.get(pk=policy.pk).save_revision().publish()


def subject_of(message):
    # Django folds a long Vietnamese subject before its first encoded word; clients strip the
    # leading space that leaves.
    return str(message["Subject"]).strip()


def text_of(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def test_a_reader_follows_a_policy_confirms_gets_an_alert_and_stops_in_one_click(
    inbox, followed_policy, live_url, page
):
    policy = followed_policy

    # 1. The follow box on the policy page.
    page.goto(live_url + policy.url)
    box = page.locator("section.follow")
    assert box.get_by_role("heading", name="Nhận thư khi có tin mới").is_visible()
    assert_accessible(page)
    box.get_by_role("textbox", name="Thư điện tử nhận tin").fill(READER)
    box.get_by_label("Nhận thư", exact=True).select_option(label="Ngay khi có")
    box.get_by_role("button", name="Theo dõi").click()
    page.wait_for_url(re.compile(r".*/theo-doi/da-gui/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Vui lòng kiểm tra hộp thư"
    assert_accessible(page)
    subscription = Subscription.objects.get()
    assert subscription.confirmed_at is None
    assert subscription.frequency == "ngay"

    # 2. The confirmation mail, through the SMTP server; its link, and the button.
    assert inbox.count() == 0  # nothing leaves inside the request
    run_queue()
    assert inbox.count() == 1
    recipients, confirmation = inbox.last()
    assert recipients == [READER]
    assert subject_of(confirmation) == f"Xác nhận theo dõi: Chính sách: {TITLE}"
    body = text_of(confirmation)
    assert f"Chính sách: {TITLE} (ngay khi có)" in body
    confirm_url = re.search(r"https?://\S+/theo-doi/xac-nhan/\S+/", body).group(0)
    assert confirm_url.startswith(live_url)
    page.goto(confirm_url)
    assert page.get_by_role("heading", level=1).inner_text() == "Xác nhận theo dõi"
    assert_accessible(page)
    assert Subscription.objects.get().confirmed_at is None  # opening the link confirms nothing
    page.get_by_role("button", name="Xác nhận").click()
    page.get_by_role("heading", name="Đã xác nhận theo dõi").wait_for()
    assert "Từ nay bạn sẽ nhận thư khi có tin mới" in page.get_by_role("status").inner_text()
    assert_accessible(page)
    assert Subscription.objects.get().confirmed_at is not None

    # 3. The policy reaches a milestone: one alert, saying why, with the one-click stop.
    reach_milestone(policy, "tham-dinh", "Hồ sơ dự án luật đã gửi Bộ Tư pháp thẩm định.")
    run_queue()
    assert inbox.count() == 2
    recipients, alert = inbox.last()
    assert recipients == [READER]
    day = timezone.localdate().strftime("%d/%m/%Y")
    assert subject_of(alert) == f"[Chính sách đạt mốc mới] Thẩm định, trình ({day}): {TITLE}"
    body = text_of(alert)
    assert TITLE in body
    assert "Hồ sơ dự án luật đã gửi Bộ Tư pháp thẩm định." in body
    assert f"Bạn nhận thư này vì đã đăng ký theo dõi: Chính sách: {TITLE}." in body
    assert alert["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = re.fullmatch(r"<(\S+)>", "".join(str(alert["List-Unsubscribe"]).split()))
    assert unsubscribe, alert["List-Unsubscribe"]
    stop_url = unsubscribe.group(1)
    assert stop_url.startswith(live_url + "/theo-doi/huy/")
    assert stop_url in body  # the same link, for a person to follow
    assert Delivery.objects.get().status == "da-gui"

    # 4. The mail client's one-click POST: no cookies, no token but the link's own.
    stop = urlsplit(stop_url)
    client = http.client.HTTPConnection(stop.hostname, stop.port, timeout=15)
    client.request(
        "POST",
        stop.path,
        body="List-Unsubscribe=One-Click",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    response = client.getresponse()
    assert response.status == 200
    assert TITLE in response.read().decode()
    client.close()
    assert not Subscription.objects.exists()
    reach_milestone(policy, "thong-qua", "Quốc hội thông qua Luật tại kỳ họp thứ chín.")
    run_queue()
    assert Event.objects.filter(kind="thong-qua", page=policy).exists()  # news, for nobody
    assert inbox.count() == 2  # nothing more for the reader who stopped
    # Following nothing now, the address is forgotten, with its record of mails.
    assert not Subscriber.objects.exists() and not Delivery.objects.exists()
