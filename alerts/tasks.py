"""The alerts' background work: fan an event out to its followers in batches, send what is due
at the send rate, gather digests, and the subscription mails.

Nothing here holds a transaction while talking to the mail server. A batch of deliveries is
claimed (a short update), each mail is sent, then marked sent by its own short update; a worker
killed mid-batch leaves its claimed rows to be claimed again after ten minutes
(`ALERTS_CLAIM_SECONDS`), so nothing is lost, and what was marked is never sent again. The one
mail that can go twice is the one whose server said "accepted" in the instant before the worker
died, before the mark: it carries the same Message-ID both times (core/mail.py), so mail
systems can tell.
"""

import contextlib
import logging
import smtplib
import time
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from wagtail.models import Page

from core.mail import MAIL_ERRORS, connection, send_in_turn, wait_for_turn
from core.privacy import is_public
from core.queue import ALERTS, MAIL, RETRY_MINUTES, background, retry_or_raise

from . import mails
from .choices import DeliveryStatus, Frequency
from .events import EVERY_SEARCH
from .models import Delivery, Event, Subscriber, Subscription
from .targets import SEARCH_PREFIX, matching_searches

logger = logging.getLogger(__name__)

PENDING, SENT, FAILED, SKIPPED = (
    DeliveryStatus.PENDING,
    DeliveryStatus.SENT,
    DeliveryStatus.FAILED,
    DeliveryStatus.SKIPPED,
)
SEND_BATCH = 100
# How long one sending task goes on before handing over to a new one.
SEND_SECONDS = 60
# The mail server cannot be reached or stopped answering: the rest of the batch would fail too.
UNREACHABLE = (
    smtplib.SMTPConnectError,
    smtplib.SMTPServerDisconnected,
    ConnectionError,
    TimeoutError,
)
# A refusal that will not change on a later try: the address does not exist.
PERMANENT = (smtplib.SMTPRecipientsRefused,)


def audience(event):
    """The event's targets; "every document search" becomes the searches it matches (read once,
    on the first batch, and kept on the event so later batches read the same followers)."""
    if EVERY_SEARCH not in event.audience:
        return event.audience
    searches = (
        Subscription.objects.confirmed()
        .filter(target__startswith=SEARCH_PREFIX)
        .values_list("target", flat=True)
        .distinct()
    )
    page_id = event.page_id
    matched = matching_searches(page_id, list(searches)) if page_id else []
    event.audience = [t for t in event.audience if t != EVERY_SEARCH] + matched
    Event.objects.filter(pk=event.pk).update(audience=event.audience)
    return event.audience


@background(ALERTS)
def fan_out(event_id):
    """One batch of the event's followers becomes deliveries; the next batch is a new task, so
    a large fan-out never holds a worker long and resumes where it stopped."""
    event = Event.objects.filter(pk=event_id, fanned_out_at__isnull=True).first()
    if event is None:
        return 0
    batch = settings.PORTAL_ALERTS["BATCH"]
    followers = list(
        Subscription.objects.confirmed()
        .filter(target__in=audience(event), pk__gt=event.fanned_to)
        .order_by("pk")
        .values_list("pk", "subscriber_id", "frequency", "label")[:batch]
    )
    now = timezone.now()
    with transaction.atomic():
        Delivery.objects.bulk_create(
            [
                Delivery(
                    subscriber_id=subscriber_id,
                    event=event,
                    subscription_id=pk,
                    reason=label,
                    frequency=frequency,
                    next_attempt_at=now,
                )
                for pk, subscriber_id, frequency, label in followers
            ],
            ignore_conflicts=True,  # a follower of two of its targets is told once
        )
        done = len(followers) < batch
        Event.objects.filter(pk=event.pk).update(
            fanned_to=followers[-1][0] if followers else event.fanned_to,
            fanned_out_at=now if done else None,
        )
        if not done:
            fan_out.enqueue(event_id)
        if any(frequency == Frequency.IMMEDIATE for _pk, _s, frequency, _l in followers):
            send_pending.enqueue()
    return len(followers)


def claim_time():
    return timedelta(seconds=settings.PORTAL_ALERTS["CLAIM_SECONDS"])


def claim(queryset, now, limit=SEND_BATCH):
    """Claim up to `limit` due rows of `queryset` for this task: (ids claimed)."""
    due = queryset.filter(
        Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - claim_time()),
        status=PENDING,
        next_attempt_at__lte=now,
    )
    ids = list(due.order_by("pk").values_list("pk", flat=True)[:limit])
    if not ids:
        return []
    # The conditional update is the claim: a row another task claimed a moment ago no longer
    # matches, and the rows this update marked are those with this exact claim time.
    due.filter(pk__in=ids).update(claimed_at=now)
    return list(Delivery.objects.filter(pk__in=ids, claimed_at=now).values_list("pk", flat=True))


class PublicPages:
    """Whether each event's page is still live and public, read once per page per batch:
    a story taken down (or deleted: its event keeps no page) before its alert went out is not
    announced."""

    def __init__(self):
        self.known = {}

    def __call__(self, event):
        if event.page_id is None:
            return False
        if event.page_id not in self.known:
            page = Page.objects.live().filter(pk=event.page_id).first()
            self.known[event.page_id] = page is not None and is_public(page)
        return self.known[event.page_id]


def failed(delivery_ids, error, now):
    """A try that failed: again after the pause for this attempt, or failed for good."""
    for delivery in Delivery.objects.filter(pk__in=delivery_ids):
        attempts = delivery.attempts + 1
        final = isinstance(error, PERMANENT) or attempts > len(RETRY_MINUTES)
        Delivery.objects.filter(pk=delivery.pk).update(
            attempts=attempts,
            claimed_at=None,
            status=FAILED if final else PENDING,
            next_attempt_at=now + timedelta(minutes=RETRY_MINUTES[min(attempts, 5) - 1]),
            last_error=str(error)[:1000],
        )
    logger.warning("Alert mail failed for deliveries %s: %s", delivery_ids, error)


@background(ALERTS)
def send_pending(seconds=SEND_SECONDS):
    """Send due immediate alerts, a batch at a time, until none is left or `seconds` have
    passed; then a new task goes on, so no task runs long enough to look stalled
    (core/queue.py) however large the backlog at the send rate."""
    sent = 0
    public = PublicPages()
    immediate = Delivery.objects.filter(frequency=Frequency.IMMEDIATE)
    deadline = time.monotonic() + seconds
    while ids := claim(immediate, timezone.now()):
        rows = list(
            Delivery.objects.filter(pk__in=ids).select_related("subscriber", "event").order_by("pk")
        )
        sent_now, stop = send_batch(rows, public, deadline)
        sent += sent_now
        if stop:
            break
    return sent


def send_batch(rows, public, deadline):
    """Send a claimed batch on one connection: (mails sent, whether to stop the task). Past the
    deadline the rest is released to a new task; a mail server that cannot be reached fails
    the rest of the batch for a later try, rather than each mail waiting out its timeout."""
    sent, smtp = 0, connection()
    try:
        for position, delivery in enumerate(rows):
            rest = [row.pk for row in rows[position:]]
            if time.monotonic() > deadline:
                Delivery.objects.filter(pk__in=rest).update(claimed_at=None)
                send_pending.enqueue()
                return sent, True
            if delivery.subscription_id is None or not public(delivery.event):
                # Stopped since (its subscription is gone), or no longer public.
                Delivery.objects.filter(pk=delivery.pk).update(status=SKIPPED, claimed_at=None)
                continue
            wait_for_turn()
            try:
                # Opened here, the batch's connection stays open: a backend that `send()`
                # opens itself is closed after that one mail.
                smtp.open()
                mails.alert(delivery, connection=smtp).send()
            except UNREACHABLE as error:
                failed(rest, error, timezone.now())
                return sent, True
            except Exception as error:  # this mail only (refused, or a bad address or page)
                failed([delivery.pk], error, timezone.now())
                close(smtp)
                smtp = connection()
                continue
            Delivery.objects.filter(pk=delivery.pk).update(
                status=SENT, sent_at=timezone.now(), claimed_at=None
            )
            sent += 1
        return sent, False
    finally:
        close(smtp)


def close(smtp):
    """Close a batch's connection, whatever state a failure left it in."""
    with contextlib.suppress(*MAIL_ERRORS):
        smtp.close()


@background(ALERTS)
def send_digest(subscriber_id, frequency):
    """Everything pending of this frequency for one subscriber, in one mail."""
    now = timezone.now()
    pending = Delivery.objects.filter(subscriber_id=subscriber_id, frequency=frequency)
    ids = claim(pending, now, limit=1000)
    if not ids:
        return 0
    public = PublicPages()
    rows = list(
        Delivery.objects.filter(pk__in=ids).select_related("subscriber", "event").order_by("pk")
    )
    shown = [d for d in rows if d.subscription_id is not None and public(d.event)]
    hidden = [delivery.pk for delivery in rows if delivery not in shown]
    Delivery.objects.filter(pk__in=hidden).update(status=SKIPPED, claimed_at=None)
    if not shown:
        return 0
    wait_for_turn()
    try:
        mails.digest(rows[0].subscriber, frequency, shown).send()
    except Exception as error:  # tried again by the tick once due (`catch_up`)
        failed([delivery.pk for delivery in shown], error, timezone.now())
        return 0
    Delivery.objects.filter(pk__in=[d.pk for d in shown]).update(
        status=SENT, sent_at=timezone.now(), claimed_at=None
    )
    return len(shown)


def digests(frequency):
    """The digest job: a task per subscriber with something pending of this frequency."""

    def run(period):
        subscribers = (
            Delivery.objects.filter(frequency=frequency, status=PENDING)
            .values_list("subscriber_id", flat=True)
            .distinct()
        )
        for subscriber_id in subscribers.iterator():
            send_digest.enqueue(subscriber_id, frequency)

    return run


@background(MAIL)
def send_notice(kind, pk, attempt=1):
    """A subscription's own mails: "confirm", "already" (a subscription asked again), "manage"
    (the manage link asked for)."""
    if kind == "manage":
        subscriber = Subscriber.objects.filter(pk=pk).first()
        message = mails.manage_link(subscriber) if subscriber else None
    else:
        subscription = Subscription.objects.select_related("subscriber").filter(pk=pk).first()
        if subscription is None or (kind == "confirm" and subscription.confirmed_at):
            return "nothing to send"
        message = (mails.confirmation if kind == "confirm" else mails.already_following)(
            subscription
        )
    if message is None:
        return "nothing to send"
    error = send_in_turn(message)
    if error is None:
        return "sent"
    return retry_or_raise(send_notice, kind, pk, attempt=attempt, error=error)


def forget_unconfirmed(period=None, now=None):
    """Subscriptions never confirmed within 7 days are deleted, and addresses left with none."""
    now = now or timezone.now()
    Subscription.objects.filter(
        confirmed_at__isnull=True, created_at__lt=now - timedelta(days=7)
    ).delete()
    Subscriber.objects.filter(subscriptions__isnull=True, deliveries__isnull=True).filter(
        created_at__lt=now - timedelta(days=7)
    ).delete()


def catch_up():
    """Every tick: an event whose fan-out stopped (its worker killed) is fanned out again, and
    due alerts with no sender queued get one."""
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    now = timezone.now()
    queued = DBTaskResult.objects.filter(
        status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]
    )
    stopped = Event.objects.filter(
        fanned_out_at__isnull=True, created_at__lt=now - timedelta(minutes=2)
    )
    if stopped.exists() and not queued.filter(task_path=fan_out.module_path).exists():
        for event_id in stopped.values_list("pk", flat=True)[:100]:
            fan_out.enqueue(event_id)
    due = Delivery.objects.filter(
        Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - claim_time()),
        frequency=Frequency.IMMEDIATE,
        status=PENDING,
        next_attempt_at__lte=now,
    )
    if due.exists() and not queued.filter(task_path=send_pending.module_path).exists():
        send_pending.enqueue()
    # A digest that failed is tried again on its retry's time, not at the next period.
    retries = (
        Delivery.objects.filter(status=PENDING, attempts__gt=0, next_attempt_at__lte=now)
        .exclude(frequency=Frequency.IMMEDIATE)
        .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - claim_time()))
        .values_list("subscriber_id", "frequency")
        .distinct()
    )
    for subscriber_id, frequency in retries[:100]:
        send_digest.enqueue(subscriber_id, frequency)
