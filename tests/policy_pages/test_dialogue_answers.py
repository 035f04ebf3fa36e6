"""A guest's answer joins the policy's questions and answers: on the policy's page (with the
agency, the dialogue's date and a link back), in its feed, in one alert to the policy's
followers once the dialogue has ended, and in one mail to a sender who asked."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from unittest import mock

from django.core import mail
from django.db import connections
from django.utils import timezone

import pytest
from bs4 import BeautifulSoup

from alerts import events
from alerts.choices import EventKind
from alerts.models import Event
from core.templatetags.vn_format import vn_date
from policy_pages import dialogue_desk
from policy_pages.choices import Outcome
from policy_pages.models import Answer, DialogueQuestion, GuestAnswer, Submission
from policy_pages.models.participation import APPROVED, REJECTED
from tests.alerts.helpers import confirmed, mails_to
from tests.factories import answered, dialogue_question
from tests.helpers import log_in_verified, member_of
from tests.queue import run_queue
from tests.skips import postgresql_pass

on_postgresql = postgresql_pass("threads share its data and its row locks")

ASKER_EMAIL = "nguoi-hoi-nha-o@example.vn"
QUESTION = "Người thu nhập thấp vay mua nhà ở xã hội với lãi suất bao nhiêu?"
ANSWER = "Lãi suất cho vay ưu đãi hiện là 6,6%/năm, thời hạn tối đa 25 năm."


@pytest.fixture
def filed(dialogue, guests):
    return answered(
        dialogue,
        QUESTION,
        guests[1],
        ANSWER,
        name="Phạm Văn Bình",
        email=ASKER_EMAIL,
        notify_outcome=True,
    )


def end(dialogue):
    dialogue.ends_at = timezone.now() - timedelta(minutes=1)
    dialogue.save_revision().publish()


def test_the_answer_is_filed_with_the_guests_agency_and_the_dialogues_date(dialogue, filed):
    answer = filed.answer
    assert answer.policy_id == dialogue.policy_id
    assert answer.outcome == Outcome.ANSWERED
    assert answer.explanation == ANSWER
    assert answer.answered_by.name == "Ngân hàng Nhà nước"
    assert answer.answered_on == timezone.localdate(dialogue.starts_at)


def test_the_policys_questions_show_it_with_a_link_back(client, dialogue, filed, housing_policy):
    soup = BeautifulSoup(client.get(housing_policy.url).content, "html.parser")
    item = next(i for i in soup.select(".faq__item") if QUESTION in i.get_text())
    text = item.get_text(" ", strip=True)
    assert "Ngân hàng Nhà nước" in text
    assert vn_date(timezone.localdate(dialogue.starts_at)) in text
    assert ANSWER in text
    link = item.select_one(".answer__source a")
    assert "Trả lời tại buổi giao lưu trực tuyến" in item.select_one(".answer__source").get_text()
    assert link["href"] == dialogue.url
    assert ASKER_EMAIL not in soup.decode()


def test_an_edited_answer_renews_the_policys_page(client, dialogue, filed, housing_policy):
    assert ANSWER in client.get(housing_policy.url).content.decode()
    place = filed.dialogue_place
    dialogue_desk.post_answer(
        dialogue, place, None, guest=place.guest_answer.guest, text="Lãi suất nay là 6,4%/năm."
    )
    body = client.get(housing_policy.url).content.decode()
    assert "6,4%/năm" in body and ANSWER not in body


def test_the_policy_feed_carries_the_answer_but_no_email(client, filed, housing_policy):
    feed = client.get(f"/feeds/policy/{housing_policy.slug}.rss")
    assert feed.status_code == 200
    body = feed.content.decode()
    assert "6,6%/năm" in body
    assert "Trả lời câu hỏi" in body
    assert "Trả lời tại buổi giao lưu trực tuyến" in body
    assert ASKER_EMAIL not in body


def test_an_unapproved_or_unanswered_question_is_in_no_feed(client, dialogue, housing_policy):
    dialogue_question(dialogue, "Câu hỏi chờ duyệt không lên bản tin.", email=ASKER_EMAIL)
    body = client.get(f"/feeds/policy/{housing_policy.slug}.rss").content.decode()
    assert "chờ duyệt không lên" not in body and ASKER_EMAIL not in body


def test_the_sender_who_asked_is_mailed_the_answer_once(dialogue, filed):
    run_queue()
    outcome = [m for m in mails_to(ASKER_EMAIL) if "đã được trả lời" in m.subject]
    assert len(outcome) == 1
    assert ANSWER in outcome[0].body
    assert "giao lưu trực tuyến" in outcome[0].body and "Lê Thị Hồng" in outcome[0].body
    place = filed.dialogue_place
    dialogue_desk.post_answer(
        dialogue, place, None, guest=place.guest_answer.guest, text="Câu trả lời đã sửa."
    )
    run_queue()
    assert len([m for m in mails_to(ASKER_EMAIL) if "đã được trả lời" in m.subject]) == 1


def test_a_sender_who_did_not_ask_gets_only_the_receipt(dialogue, guests):
    answered(dialogue, "Câu hỏi không cần báo.", guests[0], "Trả lời.", email="im-lang@example.vn")
    run_queue()
    assert [m.subject for m in mails_to("im-lang@example.vn") if "trả lời" in m.subject] == []


def test_followers_get_one_event_once_the_dialogue_has_ended(client, dialogue, guests, filed):
    answered(dialogue, "Thủ tục mua nhà ở xã hội?", guests[0], "Cần đơn đăng ký và giấy tờ.")
    subscription = confirmed(client, trang=dialogue.policy_id)
    assert events.ended_dialogues() == []  # on air: the count is not final
    end(dialogue)
    recorded = events.ended_dialogues()
    assert len(recorded) == 1
    event = recorded[0]
    assert event.kind == EventKind.DIALOGUE
    assert event.key == f"giao-luu-{dialogue.pk}-chinh-sach-{dialogue.policy_id}"
    assert event.title.startswith("Giải đáp 2 câu hỏi tại buổi giao lưu trực tuyến")
    assert event.audience == [f"trang-{dialogue.policy_id}"]
    assert events.ended_dialogues() == []
    assert events.dialogue_answered(dialogue) is None  # the key is taken
    assert Event.objects.filter(kind=EventKind.DIALOGUE).count() == 1
    mail.outbox.clear()
    run_queue()
    alerts = mails_to(subscription.subscriber.email)
    assert len(alerts) == 1
    assert "Giải đáp 2 câu hỏi" in alerts[0].subject
    assert dialogue.url in alerts[0].body


def test_a_dialogue_without_answers_records_nothing(dialogue):
    end(dialogue)
    assert events.ended_dialogues() == []
    assert not Event.objects.filter(kind=EventKind.DIALOGUE).exists()


def test_the_receipt_names_the_dialogue_and_shows_the_guests_answer(client, dialogue, filed):
    from django.urls import reverse

    page = client.get(reverse("policy_pages:receipt", args=[filed.receipt]))
    text = BeautifulSoup(page.content, "html.parser").get_text(" ", strip=True)
    assert "Buổi giao lưu Giao lưu trực tuyến về nhà ở xã hội" in text
    assert "Câu trả lời tại buổi giao lưu" in text and ANSWER in text
    assert ASKER_EMAIL not in page.content.decode()


def restricted(page):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)


def test_a_restricted_dialogue_is_linked_from_no_faq_feed_nor_mail(
    client, dialogue, filed, housing_policy
):
    """Published but under a view restriction, the dialogue is no reader's to open: the
    policy's questions, its feed and the outcome mail give the answer without the link."""
    restricted(dialogue)
    page = client.get(housing_policy.url).content.decode()
    assert ANSWER in page and dialogue.url not in page
    assert "Trả lời tại buổi giao lưu trực tuyến" not in page
    feed = client.get(f"/feeds/policy/{housing_policy.slug}.rss").content.decode()
    assert "6,6%/năm" in feed and "Trả lời tại buổi giao lưu trực tuyến" not in feed
    run_queue()
    [outcome] = [m for m in mails_to(ASKER_EMAIL) if "đã được trả lời" in m.subject]
    assert ANSWER in outcome.body and dialogue.url not in outcome.body
    assert "Toàn văn buổi giao lưu" not in outcome.body
    html = outcome.alternatives[0][0] if outcome.alternatives else ""
    assert dialogue.url not in html


def test_a_restricted_clip_is_not_linked_from_the_answer(client, dialogue, guests, section):
    from tests.factories import VideoPageFactory

    clip = VideoPageFactory(parent=section, title="Video trả lời riêng tư")
    restricted(clip)
    question = answered(dialogue, QUESTION, guests[0], ANSWER)
    place = question.dialogue_place
    dialogue_desk.post_answer(dialogue, place, None, guest=guests[0], text=ANSWER, clip=clip)
    body = client.get(dialogue.url).content.decode()
    assert ANSWER in body and "Video trả lời riêng tư" not in body


def test_an_answer_to_a_question_taken_back_or_rejected_is_refused(dialogue, guests):
    """The secretariat's form was opened while the question was handed over; by the time it
    is sent, the moderator took it back or rejected it: a message, no answer filed."""
    question = dialogue_question(dialogue, QUESTION)
    dialogue_desk.judge(dialogue, [question.pk], APPROVED, None)
    dialogue_desk.pass_to_host(dialogue, [question.pk], None)
    stale = DialogueQuestion.objects.get(pk=question.pk)
    dialogue_desk.take_back(dialogue, question.pk)
    with pytest.raises(dialogue_desk.Refused) as refused:
        dialogue_desk.post_answer(dialogue, stale, None, guest=guests[0], text=ANSWER)
    assert "không còn được chuyển cho khách mời" in refused.value.message
    dialogue_desk.pass_to_host(dialogue, [question.pk], None)
    stale = DialogueQuestion.objects.get(pk=question.pk)
    dialogue_desk.judge(dialogue, [question.pk], REJECTED, None, "Trùng câu hỏi khác.")
    with pytest.raises(dialogue_desk.Refused):
        dialogue_desk.post_answer(dialogue, stale, None, guest=guests[0], text=ANSWER)
    assert not GuestAnswer.objects.exists() and not Answer.objects.exists()


def test_the_secretariat_form_shows_the_refusal(client, dialogue, guests):
    from django.urls import reverse

    question = dialogue_question(dialogue, QUESTION)
    dialogue_desk.judge(dialogue, [question.pk], APPROVED, None)
    dialogue_desk.pass_to_host(dialogue, [question.pk], None)
    log_in_verified(client, member_of("Thư ký khách mời", "thu-ky-khach-moi"))
    url = reverse("policy_pages_dialogue_answer", args=[dialogue.pk, question.pk])
    with mock.patch(
        "policy_pages.dialogue_admin.dialogue_desk.post_answer",
        side_effect=dialogue_desk.Refused(dialogue_desk.NOT_PASSED),
    ):
        response = client.post(url, {"guest": guests[0].pk, "text": ANSWER})
    assert response.status_code == 302
    screen = client.get(response["Location"]).content.decode()
    assert "không còn được chuyển cho khách mời" in screen


def test_the_same_question_answered_twice_keeps_one_answer(dialogue, guests):
    """Two secretaries who opened the same question: the second one's answer edits the
    first's (one guest answer, one answer in the policy's questions and answers)."""
    question = dialogue_question(dialogue, QUESTION)
    dialogue_desk.judge(dialogue, [question.pk], APPROVED, None)
    dialogue_desk.pass_to_host(dialogue, [question.pk], None)
    stale = DialogueQuestion.objects.get(pk=question.pk)
    other = DialogueQuestion.objects.get(pk=question.pk)
    dialogue_desk.post_answer(dialogue, stale, None, guest=guests[0], text="Trả lời thứ nhất.")
    dialogue_desk.post_answer(dialogue, other, None, guest=guests[1], text="Trả lời thứ hai.")
    assert GuestAnswer.objects.get().text == "Trả lời thứ hai."
    assert Answer.objects.get().explanation == "Trả lời thứ hai."
    assert DialogueQuestion.objects.get(pk=question.pk).shown_at is not None


@on_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_secretaries_answering_at_once_post_one_answer(dialogue, guests):
    question = dialogue_question(dialogue, QUESTION)
    dialogue_desk.judge(dialogue, [question.pk], APPROVED, None)
    dialogue_desk.pass_to_host(dialogue, [question.pk], None)
    start = threading.Barrier(4)

    def send(number):
        place = DialogueQuestion.objects.get(pk=question.pk)
        start.wait()
        try:
            dialogue_desk.post_answer(
                dialogue, place, None, guest=guests[number % 2], text=f"Trả lời số {number}."
            )
        finally:
            connections.close_all()

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(send, range(4)))  # none raises
    assert GuestAnswer.objects.count() == 1
    assert Answer.objects.filter(policy=dialogue.policy).count() == 1
    assert Submission.objects.get(pk=question.pk).answer_id == Answer.objects.get().pk


@on_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_moderators_handing_over_at_once_place_each_question_once(dialogue):
    questions = [dialogue_question(dialogue, f"Câu hỏi số {n}?") for n in range(6)]
    ids = [question.pk for question in questions]
    dialogue_desk.judge(dialogue, ids, APPROVED, None)
    start = threading.Barrier(4)

    def act(number):
        start.wait()
        try:
            if number % 2:
                return dialogue_desk.pass_to_host(dialogue, ids, None)
            return dialogue_desk.move(dialogue, ids[-1], -1)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(act, range(4)))  # none raises
    places = DialogueQuestion.objects.filter(submission__dialogue=dialogue)
    assert sorted(places.values_list("pk", flat=True)) == sorted(ids)
    positions = list(places.values_list("position", flat=True))
    assert len(set(positions)) == len(positions)
    assert all(place.passed_at for place in places)
