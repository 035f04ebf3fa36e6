"""What a stop stops (the waiting mail too, and the address itself once it follows nothing),
what a deleted page leaves (no mail), and hostile input (a 4xx in Vietnamese, never a 500)."""

from datetime import timedelta

from django.core import mail
from django.test import Client
from django.utils import timezone

import pytest

from alerts.events import daily_events
from alerts.mails import stop_url
from alerts.models import Delivery, Subscriber
from alerts.tasks import digests
from tests.alerts.helpers import confirmed, follow, path_of
from tests.factories import (
    ArticlePageFactory,
    LegalDocumentIndexPageFactory,
    LegalDocumentPageFactory,
    SectionPageFactory,
    milestone,
)
from tests.queue import run_queue


def test_a_one_click_stop_also_stops_the_digest_waiting(client, policy):
    subscription = confirmed(client, frequency="hang-ngay", trang=policy.pk)
    milestone(policy, "tham-dinh", timezone.localdate())
    policy.save_revision().publish()
    run_queue()
    assert Delivery.objects.get().status == "cho"
    stop = path_of(stop_url(subscription.subscriber, "hang-ngay"))
    assert Client().post(stop, {"List-Unsubscribe": "One-Click"}).status_code == 200
    digests("hang-ngay")("2026-12-08")
    run_queue()
    assert mail.outbox == []
    # Following nothing, the address is forgotten with its record of mails.
    assert not Subscriber.objects.exists() and not Delivery.objects.exists()


def test_a_page_deleted_before_its_alert_goes_is_not_announced(client, home_page):
    section = SectionPageFactory(parent=home_page)
    section.save_revision().publish()
    confirmed(client, trang=section.pk)
    story = ArticlePageFactory(parent=section, live=False, first_published_at=timezone.now())
    story.save_revision().publish()
    story.delete()
    run_queue()
    assert mail.outbox == []


def test_a_status_change_on_a_day_the_job_missed_is_caught_up_the_next_day(client, home_page):
    index = LegalDocumentIndexPageFactory(parent=home_page)
    today = timezone.localdate()
    document = LegalDocumentPageFactory(parent=index, issued_on=today, effective_on=today)
    document.save_revision().publish()
    confirmed(client, trang=document.pk)
    import time_machine

    with time_machine.travel(timezone.now() + timedelta(days=1)):
        daily_events("missed a day")
        run_queue()
    [message] = mail.outbox
    assert "Còn hiệu lực từ ngày" in message.subject


@pytest.mark.parametrize(
    "target",
    [
        {"chu-de": "\x00"},
        {"chu-de": "a" * 500},
        {"tim": "van-ban", "nam": "²"},
        {"tim": "van-ban", "q": "Nghị định hướng dẫn thuế thu nhập cá nhân " * 5},
        {"trang": "9" * 40},
    ],
)
def test_hostile_targets_get_a_4xx_in_vietnamese(client, policy, target):
    response = follow(client, **target)
    assert 400 <= response.status_code < 500 or response.status_code == 303
    if response.status_code != 303:
        assert "theo dõi" in response.text


def test_a_bad_subscription_id_on_the_manage_page_is_a_400(client, policy):
    subscription = confirmed(client, trang=policy.pk)
    from alerts.tokens import manage_token

    token = manage_token(subscription.subscriber)
    for bad in ("abc", "²", "9" * 40, ""):
        response = client.post("/theo-doi/", {"t": token, "id": bad, "action": "stop"})
        assert response.status_code == 400, bad
        assert "chưa có gì thay đổi" in response.text


def test_the_document_index_takes_a_year_of_other_digits_without_error(client, home_page):
    index = LegalDocumentIndexPageFactory(parent=home_page)
    index.save_revision().publish()
    assert client.get(index.url, {"nam": "²⁰²⁶"}).status_code == 200
