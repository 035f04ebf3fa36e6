"""Mail to a member of the public, sent by the queue (core/queue.py), never in their request:
the receipt of what they sent, and, if they asked for it, what the agency answered.

Each mail is sent once: the task reads whether it went already (`receipt_sent_at`,
`outcome_sent_at`) and marks it after the mail server accepted it. A mail server that fails is
tried again later; after the last try the task fails where the admins see it.
"""

import logging

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.addresses import absolute
from core.mail import compose, send_in_turn
from core.privacy import visible
from core.queue import MAIL, background, retry_or_raise

from .models.participation import APPROVED, Submission
from .receipt_outcome import comment_outcome, unit_words

logger = logging.getLogger(__name__)


def lookup_url(submission):
    # The site's own address (its Site record), never a request's Host header.
    return absolute(reverse("policy_pages:receipt", args=[submission.receipt]))


def send_once(task, submission_id, attempt, sent_field, make_message):
    """Send the message `make_message(submission)` gives (None: nothing to send) unless
    `sent_field` says it went already; mark it sent; on a mail error, try again later."""
    # The row stays locked while its mail goes (at most EMAIL_TIMEOUT): a second task for the
    # same mail, from another worker, skips it and finds it sent after.
    with transaction.atomic():
        submission = (
            Submission.objects.select_related("policy")
            .select_for_update(skip_locked=True, of=("self",))
            .filter(pk=submission_id, **{f"{sent_field}__isnull": True})
            .first()
        )
        if submission is None:
            return "already sent or being sent"
        message = make_message(submission)
        if message is None:
            return "nothing to send"
        error = send_in_turn(message)
        if error is None:
            Submission.objects.filter(pk=submission_id).update(**{sent_field: timezone.now()})
            return "sent"
    return retry_or_raise(task, submission_id, attempt=attempt, error=error)


def receipt_message(submission):
    return compose(
        submission.email,
        _("Biên nhận ý kiến %(code)s") % {"code": submission.receipt_display},
        "policy_pages/email/receipt",
        {
            "submission": submission,
            "policy": submission.policy,
            "lookup_url": lookup_url(submission),
            "outcome_asked": submission.notify_outcome,
        },
        key=f"receipt-{submission.pk}",
    )


def outcome_message(submission):
    """The answer, its explanation and each change it made to the text; None until the
    receipt page shows them (approved, answered, the answer table public)."""
    outcome = comment_outcome(submission)
    if outcome is None:
        return None
    changes = [
        {
            "heading": change.heading,
            "was": unit_words(change.was),
            "now": unit_words(change.unit),
            "diff": change.diff,
            "compare_url": absolute(change.compare_url) if change.compare_url else "",
        }
        for change in outcome.changes
    ]
    return compose(
        submission.email,
        _("Ý kiến %(code)s đã được trả lời") % {"code": submission.receipt_display},
        "policy_pages/email/outcome",
        {
            "submission": submission,
            "policy": submission.policy,
            "answer": outcome.answer,
            "changes": changes,
            "lookup_url": lookup_url(submission),
            **dialogue_words(submission),
        },
        key=f"outcome-{submission.pk}",
    )


def dialogue_words(submission):
    """For a question answered at an online dialogue: the dialogue, its address, the guest."""
    if not submission.dialogue_id:
        return {}
    dialogue = submission.dialogue
    place = getattr(submission, "dialogue_place", None)
    answer = getattr(place, "guest_answer", None) if place else None
    # Its address only while readers may open it (published, under no view restriction).
    public = visible(dialogue) is not None
    return {
        "dialogue": dialogue,
        "dialogue_url": absolute(dialogue.url or "") if public else "",
        "guest": answer.guest if answer else None,
    }


@background(MAIL)
def send_receipt(submission_id, attempt=1):
    return send_once(send_receipt, submission_id, attempt, "receipt_sent_at", receipt_message)


@background(MAIL)
def send_outcome(submission_id, attempt=1):
    return send_once(send_outcome, submission_id, attempt, "outcome_sent_at", outcome_message)


def awaiting_outcome():
    """Senders who asked to be told and have an answer not yet mailed: whether the answer is
    public yet is for `outcome_message` to judge."""
    return Submission.objects.filter(
        notify_outcome=True,
        outcome_sent_at__isnull=True,
        status=APPROVED,
        answer__isnull=False,
    )


@background(MAIL)
def send_outcomes(policy_id=None):
    """Enqueue the outcome mail of each sender waiting for one (on one policy, or all)."""
    waiting = awaiting_outcome()
    if policy_id is not None:
        waiting = waiting.filter(policy_id=policy_id)
    ids = list(waiting.values_list("pk", flat=True))
    for pk in ids:
        send_outcome.enqueue(pk)
    return len(ids)


def daily_outcomes(period):
    """A report dated ahead becomes public on its day, with no one publishing anything."""
    send_outcomes.enqueue()
