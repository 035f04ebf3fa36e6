"""The immediate alerts of a batch go over one SMTP connection (found by bench/alerts.py: each
mail opened and closed its own), and a refused mail costs its batch a new connection, not the
other mails."""

import smtplib

from django.core.mail.backends import smtp
from django.utils import timezone

import pytest

from alerts.choices import DeliveryStatus
from alerts.models import Delivery
from tests.alerts.helpers import confirmed
from tests.factories import milestone
from tests.queue import run_queue

REFUSED = "refused@example.vn"


class CountingSMTP:
    """smtplib.SMTP's part the backend uses: each instance is a connection."""

    opened = []

    def __init__(self, *args, **kwargs):
        self.sent = []
        CountingSMTP.opened.append(self)

    def sendmail(self, from_addr, to_addrs, message):
        if REFUSED in to_addrs:
            raise smtplib.SMTPRecipientsRefused({REFUSED: (550, b"No such user")})
        self.sent.extend(to_addrs)

    def quit(self):
        pass

    def close(self):
        pass


class CountingBackend(smtp.EmailBackend):
    connection_class = CountingSMTP


@pytest.fixture
def counted(settings):
    CountingSMTP.opened = []

    def switch():
        settings.EMAIL_BACKEND = f"{__name__}.CountingBackend"
        return CountingSMTP.opened

    return switch


def test_a_batch_of_alerts_goes_over_one_connection(client, policy, counted):
    readers = [f"reader-{n}@example.vn" for n in range(5)]
    for email in readers:
        confirmed(client, email=email, trang=policy.pk)
    connections = counted()
    milestone(policy, "tham-dinh", timezone.localdate())
    policy.save_revision().publish()
    run_queue()
    assert len(connections) == 1
    assert sorted(connections[0].sent) == readers


def test_a_refused_mail_fails_alone_and_the_batch_goes_on(client, policy, counted):
    readers = ["a@example.vn", REFUSED, "b@example.vn"]
    for email in readers:
        confirmed(client, email=email, trang=policy.pk)
    connections = counted()
    milestone(policy, "tham-dinh", timezone.localdate())
    policy.save_revision().publish()
    run_queue()
    assert len(connections) == 2
    assert sorted(to for connection in connections for to in connection.sent) == [
        "a@example.vn",
        "b@example.vn",
    ]
    statuses = dict(Delivery.objects.values_list("subscriber__email", "status"))
    assert statuses[REFUSED] == DeliveryStatus.FAILED
    assert statuses["a@example.vn"] == statuses["b@example.vn"] == DeliveryStatus.SENT


def test_a_sending_task_hands_over_to_a_new_one_when_its_time_is_up(client, policy):
    """However large the backlog, no task runs long enough for the queue to think its worker
    died (core/queue.py): the rest goes to a new task, unclaimed."""
    from django_tasks_db.models import DBTaskResult

    from alerts.models import Event
    from alerts.tasks import fan_out, send_pending

    confirmed(client, trang=policy.pk)
    milestone(policy, "tham-dinh", timezone.localdate())
    policy.save_revision().publish()
    DBTaskResult.objects.all().delete()
    fan_out.call(Event.objects.get().pk)
    DBTaskResult.objects.all().delete()
    assert send_pending.call(seconds=-1) == 0
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.claimed_at) == (DeliveryStatus.PENDING, None)
    assert DBTaskResult.objects.filter(task_path=send_pending.module_path).count() == 1
    run_queue()
    assert Delivery.objects.get().status == DeliveryStatus.SENT
