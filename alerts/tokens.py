"""The signed links of the alerts' mails. Each carries the subscriber's random key, never the
email; a new key (`Subscriber.key`) voids every link sent before."""

from django.core import signing

CONFIRM_SECONDS = 48 * 3600
CONFIRM, MANAGE, STOP = "alerts.confirm", "alerts.manage", "alerts.stop"


def confirm_token(subscription):
    return signing.dumps([subscription.subscriber.key, subscription.pk], salt=CONFIRM)


def manage_token(subscriber):
    return signing.dumps(subscriber.key, salt=MANAGE)


def stop_token(subscriber, what):
    """`what`: a subscription's id, or a frequency (a digest gathers every subscription of it)."""
    return signing.dumps([subscriber.key, what], salt=STOP)


def read(token, salt, max_age=None):
    """The token's value, or None if it is forged, damaged or (with `max_age`) too old."""
    try:
        return signing.loads(str(token)[:500], salt=salt, max_age=max_age)
    except signing.BadSignature:
        return None
