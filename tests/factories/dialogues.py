"""Online dialogues: a page with its guests, and the steps a question goes through."""

from datetime import timedelta

from django.utils import timezone

import factory

from policy_pages import dialogue_desk
from policy_pages.models import DialogueGuest, DialoguePage, Submission
from policy_pages.models.participation import APPROVED, QUESTION

from .newsroom import ArticlePageFactory
from .policy import IssuingBodyFactory, SubmissionFactory


class DialoguePageFactory(ArticlePageFactory):
    """A dialogue on air now (started an hour ago, ends in an hour), about `policy` if given."""

    title = factory.Sequence(lambda n: f"Giao lưu trực tuyến: Chính sách hỗ trợ nhà ở xã hội {n}")
    slug = factory.Sequence(lambda n: f"giao-luu-nha-o-xa-hoi-{n}")
    sapo = "Lãnh đạo Bộ Xây dựng trả lời câu hỏi của bạn đọc về chính sách nhà ở xã hội."
    starts_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))
    ends_at = factory.LazyFunction(lambda: timezone.now() + timedelta(hours=1))
    host_name = "Nguyễn Thu Hà"
    host_title = "Biên tập viên Cổng Thông tin điện tử Chính phủ"
    policy = None
    # Questions only with a policy to file their answers into (DialoguePage.clean).
    accepts_questions = factory.LazyAttribute(lambda o: o.policy is not None)

    class Meta:
        model = DialoguePage
        skip_postgeneration_save = True


def guest(page, name="Nguyễn Văn Sinh", position="Thứ trưởng", agency="Bộ Xây dựng", **fields):
    return DialogueGuest.objects.create(
        page=page, name=name, position=position, agency=IssuingBodyFactory(name=agency), **fields
    )


def dialogue_question(page, body, **fields):
    """A question as the form stores it (pending), about the dialogue's policy."""
    return SubmissionFactory(policy=page.policy, dialogue=page, kind=QUESTION, body=body, **fields)


def answered(page, body, by, text, user=None, **fields):
    """A question approved, handed to the host and answered by guest `by`."""
    question = dialogue_question(page, body, **fields)
    dialogue_desk.judge(page, [question.pk], APPROVED, user)
    dialogue_desk.pass_to_host(page, [question.pk], user)
    place = Submission.objects.get(pk=question.pk).dialogue_place
    dialogue_desk.post_answer(page, place, user, guest=by, text=text)
    return Submission.objects.get(pk=question.pk)
