"""Each kind of event reaches each follower once, in Vietnamese, text and HTML, saying why;
digests gather a period into one mail; nothing unpublished is announced."""

from datetime import date, timedelta

from django.core import mail
from django.utils import timezone

import time_machine

from alerts.events import daily_events
from alerts.models import Delivery, Event
from alerts.tasks import digests
from core.schedule import claim, tick
from tests.alerts.helpers import confirmed, mails_to
from tests.factories import (
    ArticlePageFactory,
    LegalDocumentIndexPageFactory,
    LegalDocumentPageFactory,
    SectionPageFactory,
    milestone,
    relate,
)
from tests.queue import run_queue

READER = "lan.pham@example.vn"


def publish(page):
    page.save_revision().publish()
    run_queue()


def test_a_milestone_reaches_each_follower_once_as_text_and_html_saying_why(client, policy):
    confirmed(client, trang=policy.pk)
    confirmed(client, email="unconfirmed@example.vn", trang=policy.pk)
    from alerts.models import Subscription

    Subscription.objects.filter(subscriber__email="unconfirmed@example.vn").update(
        confirmed_at=None
    )
    milestone(policy, "tham-dinh", timezone.localdate())
    publish(policy)
    publish(policy)  # published again: the same milestone is no new event
    [message] = mail.outbox
    assert message.to == [READER]
    assert "Thẩm định, trình" in message.subject and "Chính sách miễn học phí" in message.subject
    assert "Bạn nhận thư này vì đã đăng ký theo dõi: Chính sách: Chính sách miễn học phí" in (
        message.body
    )
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and 'lang="vi"' in html
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["List-Unsubscribe"].startswith("<http")
    assert "/theo-doi/huy/" in message.extra_headers["List-Unsubscribe"]


def test_a_milestone_dated_ahead_is_announced_by_the_midnight_job_on_its_day(client, policy):
    confirmed(client, trang=policy.pk)
    effective = timezone.localdate() + timedelta(days=10)
    milestone(policy, "co-hieu-luc", effective)
    publish(policy)
    assert mail.outbox == []
    with time_machine.travel(
        timezone.make_aware(timezone.datetime.combine(effective, timezone.datetime.min.time()))
        + timedelta(minutes=1)
    ):
        daily_events("x")
        daily_events("x")  # twice: still once
        run_queue()
    [message] = mail.outbox
    assert "Có hiệu lực" in message.subject


def test_a_consultation_opening_closing_in_three_days_and_closed(client, policy):
    confirmed(client, trang=policy.pk)
    today = timezone.localdate()
    milestone(policy, "lay-y-kien", today, closes_on=today + timedelta(days=10))
    publish(policy)
    assert "Bắt đầu lấy ý kiến" in mail.outbox[-1].subject
    for days, words in ((8, "Còn 3 ngày góp ý"), (11, "Đã kết thúc lấy ý kiến")):
        with time_machine.travel(timezone.now() + timedelta(days=days)):
            daily_events("x")
            run_queue()
        assert words in mail.outbox[-1].subject
    assert len(mail.outbox) == 3


def test_a_new_draft_version_is_announced(client, policy):
    from tests.factories.drafts import draft_version

    confirmed(client, trang=policy.pk)
    draft_version(policy)
    run_queue()
    assert any("Dự thảo" in m.subject for m in mails_to(READER))


def test_a_document_repealed_by_a_new_one_and_its_status_changing(client, home_page):
    index = LegalDocumentIndexPageFactory(parent=home_page)
    old = LegalDocumentPageFactory(parent=index, number_symbol="15/2020/NĐ-CP")
    old.save_revision().publish()
    confirmed(client, trang=old.pk)
    today = timezone.localdate()
    new = LegalDocumentPageFactory(
        parent=index,
        number_symbol="30/2026/NĐ-CP",
        issued_on=today,
        effective_on=today + timedelta(days=5),
    )
    relate(new, "repeals", old)
    publish(new)
    [message] = mail.outbox
    assert "15/2020/NĐ-CP bị bãi bỏ bởi Nghị định 30/2026/NĐ-CP" in message.subject
    with time_machine.travel(timezone.now() + timedelta(days=5)):
        daily_events("x")
        run_queue()
    assert "Hết hiệu lực từ ngày" in mail.outbox[-1].subject
    assert len(mail.outbox) == 2


def test_a_story_in_a_followed_section_and_topic_is_one_mail(client, home_page):
    section = SectionPageFactory(parent=home_page, title="Kinh tế")
    section.save_revision().publish()
    story = ArticlePageFactory(parent=section, title="Xuất khẩu gạo tăng mạnh", live=False)
    story.topics.add("Nông nghiệp")
    story.save()
    confirmed(client, trang=section.pk)
    confirmed(client, **{"chu-de": "nong-nghiep"})
    story.first_published_at = timezone.now()
    publish(story)
    [message] = mail.outbox
    assert "Xuất khẩu gạo tăng mạnh" in message.subject


def test_a_document_search_hears_of_new_matching_documents_only(client, home_page):
    index = LegalDocumentIndexPageFactory(parent=home_page)
    index.save_revision().publish()
    confirmed(client, tim="van-ban", loai="thong-tu")
    decree = LegalDocumentPageFactory(parent=index, document_type="nghi-dinh", live=False)
    circular = LegalDocumentPageFactory(parent=index, document_type="thong-tu", live=False)
    publish(decree)
    publish(circular)
    [message] = mail.outbox
    assert circular.number_symbol in message.subject


def test_a_story_taken_down_before_its_alert_is_sent_is_not_announced(client, home_page):
    section = SectionPageFactory(parent=home_page)
    section.save_revision().publish()
    confirmed(client, trang=section.pk)
    story = ArticlePageFactory(parent=section, live=False, first_published_at=timezone.now())
    story.save_revision().publish()
    story.refresh_from_db()
    story.unpublish()
    run_queue()
    assert [m.subject for m in mail.outbox] == []
    assert Delivery.objects.get().status == "bo-qua"


def test_a_daily_digest_gathers_the_days_events_into_one_mail(client, policy):
    confirmed(client, frequency="hang-ngay", trang=policy.pk)
    today = timezone.localdate()
    milestone(policy, "soan-thao", today - timedelta(days=1))
    milestone(policy, "tham-dinh", today)
    publish(policy)
    assert mail.outbox == []
    digests("hang-ngay")("2026-12-07")
    run_queue()
    [message] = mail.outbox
    assert "2 mục" in message.subject
    assert "Soạn thảo" in message.body and "Thẩm định, trình" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    digests("hang-ngay")("2026-12-08")
    run_queue()
    assert len(mail.outbox) == 1


def test_a_days_job_runs_once_however_many_ticks_claim_it(db):
    assert claim("alerts-date-events", "2026-12-07") is True
    assert claim("alerts-date-events", "2026-12-07") is False
    with time_machine.travel(date(2026, 12, 8)):
        tick.call()
        tick.call()
        from core.models import ScheduledRun

        assert ScheduledRun.objects.filter(job="alerts-date-events").count() == 2
        assert (
            ScheduledRun.objects.filter(period="2026-12-08", job="alerts-date-events").count() == 1
        )


def test_an_event_is_recorded_once_under_its_key(policy):
    milestone(policy, "tham-dinh", timezone.localdate())
    policy.save_revision().publish()
    policy.save_revision().publish()
    assert Event.objects.filter(key__contains="moc-tham-dinh").count() == 1


def test_the_answer_table_made_public_is_announced_once(client, policy):
    confirmed(client, trang=policy.pk)
    today = timezone.localdate()
    milestone(
        policy, "lay-y-kien", today - timedelta(days=40), closes_on=today - timedelta(days=20)
    )
    policy.report_published_on = today
    publish(policy)
    publish(policy)
    [message] = mail.outbox
    assert "Bản tổng hợp, tiếp thu, giải trình ý kiến" in message.subject
    assert "/tiep-thu-giai-trinh/" in message.body
