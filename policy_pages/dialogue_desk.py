"""What the dialogue's moderators and the guests' secretariat do, as functions the admin screens
(dialogue_admin.py), the demo and the tests all call.

Moderators judge the dialogue's questions with the moderation queue's own `moderate()`, set
their order and hand them to the host; the secretariat posts each guest's answer, which is
filed at once into the policy's questions and answers (an `Answer` from the guest's agency,
dated the dialogue's day) so the policy's page, feed and the sender's outcome mail carry it.
Every change stamps the question's `changed_at` and renews the dialogue's live answers
(core.live.renew), never a page publication.
"""

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from core import live

from .choices import Outcome
from .models.dialogues import DialoguePage, DialogueQuestion, GuestAnswer
from .models.participation import APPROVED, PENDING, Answer, Submission
from .moderation import moderate

NOT_PASSED = (
    "Câu hỏi này không còn được chuyển cho khách mời (đã bị thu hồi, từ chối hoặc xóa), nên "
    "câu trả lời chưa được đăng."
)


class Refused(Exception):
    """An operation the question's state no longer allows; `message` tells the user why."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def pending(dialogue):
    return list(Submission.objects.filter(dialogue=dialogue, status=PENDING).order_by("pk"))


def approved(dialogue):
    """The approved questions in the moderator's order (those not yet placed last, oldest
    first), each with its place and answer, if any."""
    questions = (
        Submission.objects.filter(dialogue=dialogue, status=APPROVED)
        .select_related("dialogue_place__guest_answer__guest__agency")
        .order_by(F("dialogue_place__position").asc(nulls_last=True), "created_at", "pk")
    )
    return list(questions)


def passed(dialogue):
    """What the secretariat sees: approved questions handed to the host, in order."""
    return [
        question
        for question in approved(dialogue)
        if getattr(question, "dialogue_place", None) and question.dialogue_place.passed_at
    ]


def judge(dialogue, ids, status, user, reason=""):
    """Approve, reject or mark as spam some of the dialogue's questions (the queue's verdict)."""
    chosen = list(Submission.objects.filter(dialogue=dialogue, pk__in=ids).exclude(status=status))
    return moderate(chosen, status, user, reason)


def _places(dialogue):
    """Every approved question placed, in order: the unplaced ones get the next positions."""
    questions = approved(dialogue)
    top = (
        DialogueQuestion.objects.filter(submission__dialogue=dialogue).aggregate(
            top=Max("position")
        )["top"]
        or 0
    )
    places = []
    for question in questions:
        place = getattr(question, "dialogue_place", None)
        if place is None:
            top += 1
            place = DialogueQuestion.objects.create(submission=question, position=top)
        places.append(place)
    return places


def _touch(dialogue, *places):
    """Stamp the changed places; renew the page when one of them is shown to readers (or was:
    once answered), since handing over, ordering or taking back questions nobody saw changes
    nothing they see."""
    now = timezone.now()
    for place in places:
        place.changed_at = now
        place.save()
    if any(place.shown_at for place in places):
        live.renew(dialogue.pk)


def move(dialogue, submission_id, step):
    """Move a question one place up (step -1) or down (+1) in the moderator's order; the
    positions are made dense (1, 2, 3…) on the way, and only the questions whose position
    changed are stamped (and so sent again to open pages, with their new key)."""
    with transaction.atomic():
        _lock(dialogue)
        places = _places(dialogue)
        index = next((i for i, p in enumerate(places) if p.pk == submission_id), None)
        if index is None or not 0 <= index + step < len(places):
            return False
        before = {place.pk: place.position for place in places}
        places[index], places[index + step] = places[index + step], places[index]
        changed = []
        for position, place in enumerate(places, start=1):
            if before[place.pk] != position:
                place.position = position
                changed.append(place)
        _touch(dialogue, *changed)
    return True


def _lock(dialogue):
    """Two moderators ordering or handing over at once wait for each other (PostgreSQL; SQLite
    writes one at a time anyway): the dialogue's own row is locked, so the second one places
    the questions only once the first one's places are committed, and never creates the same
    place twice. Its questions' places are locked too, against the secretariat and verdicts."""
    DialoguePage.objects.select_for_update(of=("self",)).only("pk").get(pk=dialogue.pk)
    list(
        DialogueQuestion.objects.select_for_update(of=("self",)).filter(
            submission__dialogue=dialogue
        )
    )


def pass_to_host(dialogue, ids, user):
    """Hand these approved questions to the host (chuyển cho khách mời)."""
    with transaction.atomic():
        _lock(dialogue)
        chosen = [p for p in _places(dialogue) if p.pk in set(ids) and p.passed_at is None]
        now = timezone.now()
        for place in chosen:
            place.passed_at, place.passed_by = now, user
        _touch(dialogue, *chosen)
    return len(chosen)


def take_back(dialogue, submission_id):
    """Take a question back from the host, while it has no answer."""
    with transaction.atomic():
        place = (
            DialogueQuestion.objects.select_for_update(of=("self",))
            .filter(submission__dialogue=dialogue, pk=submission_id, guest_answer__isnull=True)
            .first()
        )
        if place is None or place.passed_at is None:
            return False
        place.passed_at, place.passed_by = None, None
        _touch(dialogue, place)
    return True


def post_answer(dialogue, place, user, *, guest, text, photo=None, photo_credit="", clip=None):
    """Post or edit the guest's answer to a question handed to the host, and file it into the
    policy's questions and answers.

    The question's place (and its submission) are locked and read again: a question taken
    back, rejected or deleted meanwhile is refused (`Refused`), and two secretaries answering
    the same question at once post one answer, the second one's edit after the first's."""
    with transaction.atomic():
        place = (
            DialogueQuestion.objects.select_for_update(of=("self", "submission"))
            .select_related("submission")
            .filter(
                pk=place.pk,
                submission__dialogue=dialogue,
                submission__status=APPROVED,
                passed_at__isnull=False,
            )
            .first()
        )
        if place is None:
            raise Refused(NOT_PASSED)
        reply = GuestAnswer.objects.filter(question=place).first() or GuestAnswer(
            question=place, answered_by=user
        )
        reply.guest, reply.text = guest, text
        reply.photo, reply.photo_credit, reply.clip = photo, photo_credit, clip
        reply.save()
        file_answer(dialogue, place.submission, reply)
        if place.shown_at is None:
            place.shown_at = timezone.now()  # readers see it from now on
        _touch(dialogue, place)
    return reply


def file_answer(dialogue, submission, reply):
    """The answer's copy in the policy's Q&A: saving it renews the policy's pages and feed
    (participation_tag), and the question's link to it queues the sender's outcome mail."""
    fields = {
        "policy_id": submission.policy_id,
        "outcome": Outcome.ANSWERED,
        "explanation": reply.text,
        "answered_by": reply.guest.agency if reply.guest else None,
        "answered_on": timezone.localdate(dialogue.starts_at),
    }
    answer = reply.answer
    if answer is None:
        answer = Answer.objects.create(**fields)
        reply.answer = answer
        reply.save(update_fields=["answer"])
    else:
        for name, value in fields.items():
            setattr(answer, name, value)
        answer.save()
    if submission.answer_id != answer.pk:
        submission.answer = answer
        submission.save(update_fields=["answer"])
    return answer
