"""The hub's work, all of it in the task queue (core/queue.py), none in anyone's request.

- `verify`: the callback is asked whether it wants what was asked in its name (WebSub 5.3);
  only an answer that echoes the challenge subscribes, renews or stops.
- `fan_out`: a publication's feeds (syndication/changes.py) become one `deliver` task per
  subscription to one of them. The editor's request only enqueues `fan_out`, once.
- `deliver`: the topic's bytes now, POSTed to the callback, signed with its secret. A failure
  is tried again on the queue's schedule (RETRY_MINUTES); after the last try, or at once on
  410 Gone, the subscription is dropped and gets nothing more until it subscribes again.

Deliveries coalesce: `fan_out` queues no delivery for a subscription that has one queued and not
started, a retry waiting for its time included, since a delivery sends the topic's bytes as they
are when it runs: the queued one carries the new publication too. Two publications racing may
still queue two; the second then sends the same bytes again, which costs a subscriber nothing.
"""

import hashlib
import hmac
import logging
import secrets
from datetime import timedelta

from django.utils import timezone

from django_tasks import TaskResultStatus

from core.queue import background, retry_later

from ..models import Outlet, Subscription
from ..models.websub import SubscriptionState
from . import callbacks
from .topics import NotATopic, current, sites_by_root, topic_of

logger = logging.getLogger(__name__)

WEBSUB = "websub"
# One stranger cannot fill the table: subscriptions per callback host (renewals always pass).
PER_HOST = 200
CALL_ERRORS = (callbacks.CallbackRefused, callbacks.CallbackFailed)


def over_host_limit(topic, callback):
    """True when a new subscription would put the callback's host over PER_HOST."""
    if Subscription.objects.filter(topic=topic, callback=callback).exists():
        return False
    return Subscription.objects.on_host(callbacks.host_of(callback)).count() >= PER_HOST


@background(WEBSUB)
def verify(mode, topic, callback, lease_seconds, secret=""):
    """Ask the callback; subscribe (or renew) or unsubscribe if it echoes the challenge. A
    failed verification changes nothing and is not tried again: the subscriber asks again."""
    existing = Subscription.objects.filter(topic=topic, callback=callback)
    if mode == "unsubscribe" and not existing.exists():
        return "nothing to stop"
    if mode == "subscribe" and over_host_limit(topic, callback):
        return "refused: too many subscriptions on the host"
    challenge = secrets.token_urlsafe(32)
    params = {"hub.mode": mode, "hub.topic": topic, "hub.challenge": challenge}
    if mode == "subscribe":
        params["hub.lease_seconds"] = lease_seconds
    asked_at = timezone.now()  # the lease runs from the question (WebSub 5.3)
    try:
        answer = callbacks.call("GET", callbacks.with_query(callback, params))
    except CALL_ERRORS as error:
        logger.info("WebSub verification of %s for %s failed: %s", callback, topic, error)
        return "not verified"
    if not 200 <= answer.status < 300 or answer.body != challenge.encode():
        return "not verified"
    if mode == "unsubscribe":
        existing.delete()
        return "unsubscribed"
    try:
        key = topic_of(topic).outlet_key
    except NotATopic:  # the site's address changed since the request
        return "not a topic any more"
    Subscription.objects.update_or_create(
        topic=topic,
        callback=callback,
        defaults={
            "secret": secret,
            "outlet": Outlet.objects.filter(key=key, active=True).first() if key else None,
            "state": SubscriptionState.ACTIVE,
            "verified_at": asked_at,
            "expires_at": asked_at + timedelta(seconds=lease_seconds),
            "failures": 0,
            "last_error": "",
        },
    )
    return "subscribed"


def announce(sender, names, root_url, **kwargs):
    """`feeds_changed`'s receiver, in the editor's request once committed: one task, queued
    only when someone may be waiting. Never raises: the publication is done whatever happens."""
    try:
        if Subscription.objects.deliverable().of_feeds(root_url, names).exists():
            fan_out.enqueue(list(names), root_url)
    except Exception:
        logger.exception("WebSub: could not queue the deliveries of %s", names)


@background(WEBSUB)
def fan_out(names, root_url):
    """One `deliver` per subscription to one of the feeds `names`, unless one is queued."""
    queued = queued_deliveries()
    sites = sites_by_root()
    count = 0
    candidates = Subscription.objects.deliverable().of_feeds(root_url, names)
    for pk, topic in candidates.values_list("pk", "topic").iterator():
        try:
            if topic_of(topic, sites).name not in names:
                continue
        except NotATopic:
            continue
        if pk not in queued:
            deliver.enqueue(pk)
            count += 1
    return count


def queued_deliveries():
    """The subscriptions that have a delivery queued and not started."""
    from django_tasks_db.models import DBTaskResult

    rows = DBTaskResult.objects.filter(
        task_path=deliver.module_path, status=TaskResultStatus.READY
    ).values_list("args_kwargs", flat=True)
    return {row["args"][0] for row in rows if row.get("args")}


@background(WEBSUB)
def deliver(subscription_id, attempt=1):
    """The topic's bytes now, to the callback. 2xx is delivered; 410 drops the subscription;
    anything else is tried again later, and dropped after the last try."""
    subscription = Subscription.objects.deliverable().filter(pk=subscription_id).first()
    if subscription is None:
        return "not deliverable"
    try:
        topic = topic_of(subscription.topic)
    except NotATopic as error:
        _record(subscription, last_error=str(error))
        return "not a topic any more"
    response = current(topic)
    if response.status_code != 200:
        # The feed is gone (its section unpublished): nothing to send, nothing to retry.
        _record(subscription, last_error=f"Nguồn tin không còn (HTTP {response.status_code}).")
        return "topic gone"
    body = response.content
    headers = {"Content-Type": response["Content-Type"], "Link": response["Link"]}
    if subscription.secret:
        headers["X-Hub-Signature"] = "sha256=" + signature(subscription.secret, body)
    try:
        answer = callbacks.call("POST", subscription.callback, body=body, headers=headers)
    except CALL_ERRORS as error:
        answer, problem = None, str(error)
    else:
        problem = None if 200 <= answer.status < 300 else f"HTTP {answer.status}"
    if problem is None:
        _record(subscription, failures=0, last_delivered_at=timezone.now(), last_error="")
        return "delivered"
    if answer is not None and answer.status == 410:
        _drop(subscription, "Bên nhận trả lời 410 Gone: đăng ký đã bị huỷ ở phía bên nhận.")
        return "gone"
    _record(subscription, failures=attempt, last_error=problem)
    if retry_later(deliver, subscription.pk, attempt=attempt, error=problem):
        return "retrying"
    _drop(subscription, f"Gửi không thành công sau {attempt} lần: {problem}")
    return "dropped"


def signature(secret, body):
    """X-Hub-Signature's hex HMAC-SHA256 of the body with the subscriber's secret (WebSub 7.1)."""
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def _record(subscription, **fields):
    if "last_error" in fields:
        fields["last_error"] = fields["last_error"][:300]
    Subscription.objects.filter(pk=subscription.pk).update(**fields)


def _drop(subscription, reason):
    _record(subscription, state=SubscriptionState.DROPPED, last_error=reason)
    logger.warning("WebSub subscription %s dropped: %s", subscription, reason)


def forget_expired(period=None, now=None):
    """The daily job: subscriptions past their lease (dropped ones too) are deleted."""
    Subscription.objects.expired(now).delete()
