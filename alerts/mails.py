"""The alerts' mails: confirmation, one event, a digest, the manage link.

Every alert and digest says why it was sent and carries RFC 8058's one-click unsubscribe
(`List-Unsubscribe` with `List-Unsubscribe-Post`), answered without login by `views.stop`.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from core.addresses import absolute
from core.mail import compose

from .choices import Frequency
from .tokens import confirm_token, manage_token, stop_token


def manage_url(subscriber):
    return absolute(reverse("alerts:manage") + "?t=" + manage_token(subscriber))


def stop_url(subscriber, what):
    return absolute(reverse("alerts:stop", args=[stop_token(subscriber, what)]))


def list_headers(stop):
    return {"List-Unsubscribe": f"<{stop}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def confirmation(subscription):
    subscriber = subscription.subscriber
    return compose(
        subscriber.email,
        _("Xác nhận theo dõi: %(what)s") % {"what": subscription.label},
        "alerts/email/confirm",
        {
            "subscription": subscription,
            "confirm_url": absolute(reverse("alerts:confirm", args=[confirm_token(subscription)])),
            "target_url": absolute(subscription.url) if subscription.url else "",
        },
        key=f"confirm-{subscription.pk}-{subscription.created_at.timestamp()}",
    )


def already_following(subscription):
    subscriber = subscription.subscriber
    return compose(
        subscriber.email,
        _("Bạn đã theo dõi: %(what)s") % {"what": subscription.label},
        "alerts/email/already",
        {"subscription": subscription, "manage_url": manage_url(subscriber)},
    )


def manage_link(subscriber):
    return compose(
        subscriber.email,
        _("Đường dẫn quản lý thư báo tin"),
        "alerts/email/manage_link",
        {"manage_url": manage_url(subscriber)},
    )


def event_item(event):
    return {
        "kind": event.get_kind_display(),
        "title": event.title,
        "summary": event.summary,
        "url": absolute(event.path) if event.path else "",
        "created_at": event.created_at,
    }


def alert(delivery, connection=None):
    subscriber, event = delivery.subscriber, delivery.event
    stop = stop_url(subscriber, delivery.subscription_id) if delivery.subscription_id else ""
    return compose(
        subscriber.email,
        f"[{event.get_kind_display()}] {event.title}",
        "alerts/email/alert",
        {
            "item": event_item(event),
            "reason": delivery.reason,
            "manage_url": manage_url(subscriber),
            "stop_url": stop,
        },
        headers=list_headers(stop) if stop else None,
        key=f"alert-{subscriber.pk}-{event.pk}",
        connection=connection,
    )


def digest(subscriber, frequency, deliveries, connection=None):
    """One mail for the period: each event under the subscription that brought it."""
    stop = stop_url(subscriber, frequency)
    groups = {}
    for delivery in deliveries:
        groups.setdefault(delivery.reason, []).append(event_item(delivery.event))
    period = _("hôm qua") if frequency == Frequency.DAILY else _("tuần qua")
    first = min(delivery.pk for delivery in deliveries)
    return compose(
        subscriber.email,
        _("Tin %(period)s bạn theo dõi: %(count)s mục")
        % {"period": period, "count": len(deliveries)},
        "alerts/email/digest",
        {
            "groups": sorted(groups.items()),
            "frequency": Frequency(frequency).label,
            "count": len(deliveries),
            "manage_url": manage_url(subscriber),
            "stop_url": stop,
        },
        headers=list_headers(stop),
        key=f"digest-{subscriber.pk}-{first}",
        connection=connection,
    )
