"""Readers' questions to a dialogue, through the comments' own pipeline (time token, honeypot,
rate limits, one item per form, receipt), then the moderator's screen: verdicts, order and the
hand-over to the host, which the guests' secretariat sees without the senders' emails."""

from datetime import timedelta

from django.core import mail
from django.urls import reverse
from django.utils import timezone

import pytest
from bs4 import BeautifulSoup

from policy_pages import dialogue_desk
from policy_pages.models import DialogueQuestion, Submission
from policy_pages.models.participation import APPROVED, PENDING, QUESTION, REJECTED
from tests.factories import dialogue_question
from tests.helpers import log_in_verified, member_of
from tests.policy_pages.participation import form_tokens
from tests.queue import run_queue

pytestmark = pytest.mark.usefixtures("instant_forms")

MODERATORS = "Kiểm duyệt giao lưu"
SECRETARIAT = "Thư ký khách mời"
ASKER_EMAIL = "ban-doc-hoi@example.vn"


def question_form(client, dialogue):
    soup = BeautifulSoup(client.get(dialogue.url).content, "html.parser")
    return soup.select_one("form#cau-hoi-giao-luu")


def ask(client, dialogue, ip="203.0.113.9", **changes):
    """POST the dialogue's form as a reader would: tokens fetched as its script does."""
    form = question_form(client, dialogue)
    assert form is not None, "the dialogue shows no question form"
    data = {
        **form_tokens(client, form),
        "name": "Phạm Văn Bình",
        "email": ASKER_EMAIL,
        "organisation": "",
        "capacity": "ca-nhan",
        "body": "Người thu nhập thấp vay mua nhà ở xã hội với lãi suất bao nhiêu?",
        "consent": "on",
        "notify_outcome": "on",
        "website": "",
        **changes,
    }
    return client.post(form["action"], data, REMOTE_ADDR=ip)


def test_a_question_is_stored_pending_with_a_receipt_and_its_mail(client, dialogue):
    form = question_form(client, dialogue)
    assert form.select("input[name=kind]") == []  # a dialogue takes questions only
    assert form.select_one("textarea[name=body]")["required"] is not None
    response = ask(client, dialogue)
    assert response.status_code == 303
    question = Submission.objects.get()
    assert (question.kind, question.status, question.dialogue_id) == (
        QUESTION,
        PENDING,
        dialogue.pk,
    )
    assert question.policy_id == dialogue.policy_id
    assert question.notify_outcome and question.consent_at
    assert response["Location"].startswith(reverse("policy_pages:receipt", args=[question.receipt]))
    run_queue()
    assert [message.to for message in mail.outbox] == [[ASKER_EMAIL]]
    assert question.receipt_display in mail.outbox[0].subject


def test_the_same_form_sent_twice_stores_one_question(client, dialogue):
    form = question_form(client, dialogue)
    data = {
        **form_tokens(client, form),
        "name": "Phạm Văn Bình",
        "email": ASKER_EMAIL,
        "capacity": "ca-nhan",
        "body": "Thủ tục mua nhà ở xã hội gồm những giấy tờ gì?",
        "consent": "on",
    }
    first = client.post(form["action"], data)
    second = client.post(form["action"], data)
    assert first["Location"] == second["Location"]
    assert Submission.objects.count() == 1


def test_a_filled_honeypot_or_a_missing_consent_stores_nothing(client, dialogue):
    robot = ask(client, dialogue, website="http://spam.example")
    assert robot.status_code == 400
    assert "để trống các ô ẩn" in robot.content.decode()
    no_consent = ask(client, dialogue, consent="")
    assert no_consent.status_code == 400
    assert "Cần bạn đồng ý xử lý dữ liệu cá nhân" in no_consent.content.decode()
    assert not Submission.objects.exists()


def test_a_forged_token_is_refused_with_a_clear_message(client, dialogue):
    response = ask(client, dialogue, token="gia-mao")
    assert response.status_code == 400
    assert "Phiên gửi đã hết hạn hoặc không hợp lệ" in response.content.decode()
    assert not Submission.objects.exists()


def test_a_policy_forms_token_does_not_send_to_a_dialogue(client, dialogue, housing_policy):
    policy_token = client.get(reverse("policy_pages:form_tokens", args=[housing_policy.pk])).json()[
        "token"
    ]
    assert ask(client, dialogue, token=policy_token).status_code == 400


def test_the_rate_limit_answers_429(client, dialogue, settings):
    settings.PORTAL_PARTICIPATION = {**settings.PORTAL_PARTICIPATION, "PER_IP": (1, 600)}
    assert ask(client, dialogue).status_code == 303
    second = ask(client, dialogue, body="Một câu hỏi khác về thủ tục.", email="khac@example.vn")
    assert second.status_code == 429
    assert "Vui lòng thử lại sau" in second.content.decode()


def test_the_form_closes_when_the_dialogue_ends(client, dialogue):
    form = question_form(client, dialogue)
    tokens = form_tokens(client, form)
    dialogue.ends_at = timezone.now() - timedelta(minutes=1)
    dialogue.save_revision().publish()
    assert question_form(client, dialogue) is None
    late = client.post(
        form["action"],
        {**tokens, "name": "An", "email": ASKER_EMAIL, "body": "Còn kịp không?", "consent": "on"},
    )
    assert late.status_code == 410
    assert "Buổi giao lưu đã kết thúc" in late.content.decode()
    assert not Submission.objects.exists()


def test_a_dialogue_taking_questions_needs_a_policy(dialogue):
    from django.core.exceptions import ValidationError

    dialogue.policy = None
    with pytest.raises(ValidationError) as refused:
        dialogue.full_clean()
    assert "phải gắn với một chính sách" in str(refused.value)
    dialogue.accepts_questions = False
    dialogue.full_clean()


@pytest.fixture
def moderator(client):
    return log_in_verified(client, member_of(MODERATORS, "kiem-duyet-giao-luu"))


def moderate(client, dialogue, action, *ids, **extra):
    url = reverse("policy_pages_dialogue_moderate", args=[dialogue.pk])
    return client.post(url, {"action": action, "id": [str(pk) for pk in ids], **extra})


def test_the_moderator_approves_rejects_orders_and_passes_questions(client, dialogue, moderator):
    first = dialogue_question(dialogue, "Câu hỏi thứ nhất về nhà ở xã hội.", email=ASKER_EMAIL)
    second = dialogue_question(dialogue, "Câu hỏi thứ hai về nhà ở xã hội.")
    spam = dialogue_question(dialogue, "Quảng cáo bán nhà giá rẻ.")
    screen = client.get(reverse("policy_pages_dialogue_moderate", args=[dialogue.pk]))
    assert screen.status_code == 200
    assert ASKER_EMAIL not in screen.content.decode()
    assert moderate(client, dialogue, "approve", first.pk, second.pk).status_code == 302
    refused = moderate(client, dialogue, "reject", spam.pk)
    assert Submission.objects.get(pk=spam.pk).status == PENDING  # a rejection needs a reason
    assert refused.status_code == 302
    moderate(client, dialogue, "reject", spam.pk, reason="Nội dung quảng cáo.")
    assert Submission.objects.get(pk=spam.pk).status == REJECTED
    moderate(client, dialogue, "up", second.pk)
    order = list(DialogueQuestion.objects.order_by("position").values_list("pk", flat=True))
    assert order == [second.pk, first.pk]
    moderate(client, dialogue, "pass", second.pk)
    place = DialogueQuestion.objects.get(pk=second.pk)
    assert place.passed_at is not None and place.passed_by.username == "kiem-duyet-giao-luu"
    assert Submission.objects.get(pk=first.pk).status == APPROVED


def test_a_bad_action_is_a_message_not_an_error(client, dialogue, moderator):
    question = dialogue_question(dialogue, "Câu hỏi bất kỳ.")
    response = moderate(client, dialogue, "xoa-het", question.pk)
    assert response.status_code == 302
    assert moderate(client, dialogue, "up").status_code == 302
    other = client.post(
        reverse("policy_pages_dialogue_moderate", args=[dialogue.pk]),
        {"action": "approve", "id": ["abc"]},
    )
    assert other.status_code == 302
    assert Submission.objects.get().status == PENDING


def test_the_dialogue_moderator_edits_no_page(client, dialogue, moderator):
    assert client.get(reverse("wagtailadmin_pages:edit", args=[dialogue.pk])).status_code in (
        302,
        403,
    )


def test_the_secretariat_sees_only_passed_questions_without_emails(client, dialogue, guests):
    passed = dialogue_question(dialogue, "Câu hỏi đã chuyển cho khách mời.", email=ASKER_EMAIL)
    waiting = dialogue_question(dialogue, "Câu hỏi đã duyệt, chưa chuyển.")
    pending = dialogue_question(dialogue, "Câu hỏi còn chờ duyệt.")
    dialogue_desk.judge(dialogue, [passed.pk, waiting.pk], APPROVED, None)
    dialogue_desk.pass_to_host(dialogue, [passed.pk], None)
    log_in_verified(client, member_of(SECRETARIAT, "thu-ky-khach-moi"))
    screen = client.get(reverse("policy_pages_dialogue_answers", args=[dialogue.pk]))
    body = screen.content.decode()
    assert screen.status_code == 200
    assert "Câu hỏi đã chuyển cho khách mời." in body
    assert "chưa chuyển" not in body and "chờ duyệt" not in body
    assert ASKER_EMAIL not in body
    for hidden in (waiting, pending):
        url = reverse("policy_pages_dialogue_answer", args=[dialogue.pk, hidden.pk])
        assert client.get(url).status_code == 404
    form_url = reverse("policy_pages_dialogue_answer", args=[dialogue.pk, passed.pk])
    assert ASKER_EMAIL not in client.get(form_url).content.decode()
    empty = client.post(form_url, {"guest": "", "text": ""})
    assert empty.status_code == 400
    assert "Hãy chọn khách mời trả lời." in empty.content.decode()
    posted = client.post(form_url, {"guest": guests[0].pk, "text": "Xin trả lời bạn như sau."})
    assert posted.status_code == 302
    assert DialogueQuestion.objects.get(pk=passed.pk).guest_answer.text == (
        "Xin trả lời bạn như sau."
    )
    # The secretariat neither moderates nor opens the public's queue.
    # (Wagtail answers a refusal in the admin by a redirect to the dashboard, with a message.)
    assert moderate(client, dialogue, "approve", pending.pk).status_code in (302, 403)
    assert Submission.objects.get(pk=pending.pk).status == PENDING
    queue = reverse("wagtailsnippets_policy_pages_submission:list")
    assert client.get(queue).status_code in (302, 403)


def test_the_moderation_queue_filters_by_dialogue(client, dialogue):
    """The queue is the comments' own: a dialogue's questions are in it, filterable."""
    from tests.factories import SubmissionFactory

    asked = dialogue_question(dialogue, "Câu hỏi giao lưu trong hàng đợi.")
    other = SubmissionFactory(policy=dialogue.policy, body="Ý kiến thường về chính sách.")
    log_in_verified(client, member_of("Kiểm duyệt viên", "kiem-duyet-vien"))
    queue = reverse("wagtailsnippets_policy_pages_submission:list")
    body = client.get(queue, {"dialogue": dialogue.pk}).content.decode()
    assert asked.receipt_display in body
    assert other.receipt_display not in body
    assert other.receipt_display in client.get(queue).content.decode()


@pytest.mark.parametrize("tampered", ["²", "٣", "99999999999999999999", "1e3", " 1", "-1", ""])
def test_a_tampered_id_is_a_message_not_an_error(client, dialogue, moderator, tampered):
    """str.isdigit() takes "²" and "٣", which int() refuses; twenty digits overflow the
    database's integer: each is a Vietnamese message, and nothing is done."""
    question = dialogue_question(dialogue, "Câu hỏi bất kỳ.")
    url = reverse("policy_pages_dialogue_moderate", args=[dialogue.pk])
    for action in ("approve", "pass", "up", "take_back"):
        response = client.post(url, {"action": action, "id": [str(question.pk), tampered]})
        assert response.status_code == 302
        screen = client.get(response["Location"]).content.decode()
        assert "Mã câu hỏi không hợp lệ" in screen
    assert Submission.objects.get(pk=question.pk).status == PENDING


def test_a_huge_id_in_the_admin_address_is_a_404(client, dialogue, guests):
    log_in_verified(client, member_of(SECRETARIAT, "thu-ky-khach-moi"))
    huge = 10**20
    for url in (
        reverse("policy_pages_dialogue_answers", args=[huge]),
        reverse("policy_pages_dialogue_answer", args=[dialogue.pk, huge]),
    ):
        assert client.get(url).status_code == 404
        assert client.post(url, {"guest": guests[0].pk, "text": "Trả lời."}).status_code == 404
    log_in_verified(client, member_of(MODERATORS, "kiem-duyet-giao-luu"))
    url = reverse("policy_pages_dialogue_moderate", args=[huge])
    assert client.get(url).status_code == 404
    assert client.post(url, {"action": "approve", "id": ["1"]}).status_code == 404


def test_a_question_not_passed_cannot_be_taken_back_with_a_clear_message(
    client, dialogue, moderator
):
    question = dialogue_question(dialogue, "Câu hỏi đã duyệt, chưa chuyển.")
    dialogue_desk.judge(dialogue, [question.pk], APPROVED, None)
    response = moderate(client, dialogue, "take_back", question.pk)
    screen = client.get(response["Location"]).content.decode()
    assert "Câu hỏi đã được trả lời hoặc chưa chuyển, không thể thu hồi." in screen


def test_the_receipt_of_a_pending_question_speaks_of_a_question(client, dialogue):
    question = dialogue_question(dialogue, "Câu hỏi chờ kiểm duyệt.")
    url = reverse("policy_pages:receipt", args=[question.receipt])
    text = BeautifulSoup(client.get(url).content, "html.parser").get_text(" ", strip=True)
    assert "câu hỏi đang chờ kiểm duyệt" in text
    assert "ý kiến" not in text.lower()
    just_sent = BeautifulSoup(client.get(url, {"moi": 1}).content, "html.parser")
    assert "Cảm ơn bạn đã gửi câu hỏi" in just_sent.get_text(" ", strip=True)


def test_a_huge_id_in_the_public_address_is_a_404(client, dialogue):
    huge = 10**20
    form = reverse("policy_pages:dialogue_submit", args=[huge])
    assert client.get(form).status_code == 404
    assert client.post(form, {"body": "Câu hỏi."}).status_code == 404
    tokens = reverse("policy_pages:dialogue_form_tokens", args=[huge])
    assert client.get(tokens).status_code == 404
