"""A sender who ticked "Báo cho tôi khi ý kiến được trả lời" is mailed the outcome once the
answer is public, once; one who did not is not."""

from datetime import timedelta

from django.core import mail
from django.utils import timezone

from tests.factories import (
    AnswerFactory,
    PolicyIndexPageFactory,
    PolicyPageFactory,
    SubmissionFactory,
    milestone,
)
from tests.queue import run_queue


def test_the_sender_who_asked_is_mailed_the_outcome_when_the_report_is_published(home_page):
    today = timezone.localdate()
    policy = PolicyPageFactory(
        parent=PolicyIndexPageFactory(parent=home_page), title="Chính sách hỗ trợ nhà ở"
    )
    milestone(
        policy, "lay-y-kien", today - timedelta(days=40), closes_on=today - timedelta(days=10)
    )
    policy.save_revision().publish()
    answer = AnswerFactory(policy=policy, explanation="Đã bổ sung đối tượng là công nhân.")
    asked = SubmissionFactory(
        policy=policy, status="da-duyet", answer=answer, notify_outcome=True, email="hoa@example.vn"
    )
    SubmissionFactory(policy=policy, status="da-duyet", answer=answer, email="khong@example.vn")
    run_queue()
    assert mail.outbox == []  # the report is not public yet: nothing to tell
    policy.report_published_on = today
    policy.save_revision().publish()
    run_queue()
    [message] = mail.outbox
    assert message.to == ["hoa@example.vn"]
    assert asked.receipt_display in message.subject
    assert "Đã bổ sung đối tượng là công nhân." in message.body
    assert "Kết quả: " in message.body
    policy.save_revision().publish()
    run_queue()
    assert len(mail.outbox) == 1
