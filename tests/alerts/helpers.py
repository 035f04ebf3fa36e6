import re

from django.core import mail

from alerts.models import Subscription
from tests.queue import run_queue


def follow(client, email="lan.pham@example.vn", frequency="ngay", **target):
    """Send the follow form for `target` (trang=…, chu-de=…, tim="van-ban" with filters)."""
    return client.post("/theo-doi/dang-ky/", {"email": email, "frequency": frequency, **target})


def link_in(message, prefix):
    return re.search(rf"https?://[^\s]+?{prefix}[^\s]*", message.body).group(0)


def path_of(url):
    return re.sub(r"^https?://[^/]+", "", url)


def confirmed(client, email="lan.pham@example.vn", frequency="ngay", **target):
    """Follow `target` and click the confirmation link: the confirmed subscription."""
    follow(client, email, frequency, **target)
    run_queue()
    message = mail.outbox[-1]
    client.post(path_of(link_in(message, "/theo-doi/xac-nhan/")))
    mail.outbox.clear()
    return Subscription.objects.filter(subscriber__email=email).latest("confirmed_at")


def mails_to(email):
    return [message for message in mail.outbox if message.to == [email]]
