"""Real worker processes on a shared database (PostgreSQL, CI's second pass) and a real SMTP
server: a worker killed in the middle of a batch and started again sends each alert once and
loses none."""

import os
import signal
from collections import Counter

from django.utils import timezone

import pytest

from alerts.models import Delivery, Subscriber, Subscription
from tests.factories import PolicyIndexPageFactory, PolicyPageFactory, milestone
from tests.mailserver import smtp_server
from tests.servers import (
    live_database_url,
    one_server_at_a_time,
    task_process,
    wait_for,
    worker,
)
from tests.skips import postgresql_pass

FOLLOWERS = 120
HELD = 40  # the mail the first worker dies waiting on


def followers(policy):
    subscribers = Subscriber.objects.bulk_create(
        Subscriber(email=f"nguoi-theo-doi-{n}@example.vn") for n in range(FOLLOWERS)
    )
    Subscription.objects.bulk_create(
        Subscription(
            subscriber=subscriber,
            target=f"trang-{policy.pk}",
            label=f"Chính sách: {policy.title}",
            page=policy,
            confirmed_at=timezone.now(),
        )
        for subscriber in subscribers
    )


@postgresql_pass("worker processes and the test share its data")
@one_server_at_a_time
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_killed_mid_batch_and_restarted_sends_each_alert_once(home_page):
    policy = PolicyPageFactory(
        parent=PolicyIndexPageFactory(parent=home_page), title="Chính sách điện mặt trời mái nhà"
    )
    policy.save_revision().publish()
    followers(policy)
    database = live_database_url()
    with smtp_server(hold_at=HELD) as inbox:
        env = {
            "DJANGO_SETTINGS_MODULE": "tests.settings_smtp_mail",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(inbox.port),
            "ALERTS_SEND_PER_SECOND": "10000",
            # Claims and running tasks of a dead worker are taken back after 2 s, not 10 min.
            "ALERTS_CLAIM_SECONDS": "2",
            "QUEUE_STALLED_SECONDS": "2",
        }
        milestone(policy, "tham-dinh", timezone.localdate())
        policy.save_revision().publish()  # the event, and its fan-out queued
        with worker(database, **env) as first:
            wait_for(inbox.held.is_set, 60, "the worker did not reach the held mail")
            os.kill(first.pid, signal.SIGKILL)
            first.wait()
        inbox.release()
        accepted_before = len(inbox.messages)
        assert accepted_before == HELD - 1
        assert Delivery.objects.filter(status="da-gui").count() == HELD - 1
        # Started again, with the scheduler that takes back what the dead worker held.
        with (
            worker(database, **env),
            task_process(database, "run_scheduler", "--interval", "0.5", **env),
        ):
            wait_for(
                lambda: len(inbox.messages) >= FOLLOWERS,
                90,
                f"{FOLLOWERS} alerts did not arrive ({len(inbox.messages)} did)",
            )
            wait_for(
                lambda: Delivery.objects.filter(status="da-gui").count() == FOLLOWERS,
                30,
                "the deliveries were not all marked sent",
            )
    sent = Counter(inbox.recipients())
    assert len(sent) == FOLLOWERS
    assert set(sent.values()) == {1}, "some follower got the alert twice"
    assert all("Thẩm định, trình" in message["Subject"] for _to, message in inbox.messages)


@postgresql_pass("worker processes and the test share its data")
@one_server_at_a_time
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_daily_digest_goes_by_a_real_worker_to_a_real_mail_server_once(client, policy):
    from core.schedule import run_job
    from tests.alerts.helpers import confirmed

    subscription = confirmed(client, frequency="hang-ngay", trang=policy.pk)
    today = timezone.localdate()
    milestone(policy, "soan-thao", today)
    milestone(policy, "tham-dinh", today)
    policy.save_revision().publish()
    database = live_database_url()
    with smtp_server() as inbox:
        env = {
            "DJANGO_SETTINGS_MODULE": "tests.settings_smtp_mail",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(inbox.port),
        }
        with worker(database, **env):
            wait_for(
                lambda: Delivery.objects.filter(status="cho").count() == 2,
                60,
                "the two events were not fanned out",
            )
            # The 07:00 job, as the scheduler queues it; queued twice, as two schedulers might.
            run_job.enqueue("alerts-daily-digest", today.isoformat())
            run_job.enqueue("alerts-daily-digest", today.isoformat())
            wait_for(lambda: inbox.messages, 60, "the digest did not arrive")
            wait_for(
                lambda: Delivery.objects.filter(status="da-gui").count() == 2,
                30,
                "the digest's deliveries were not marked sent",
            )
    [(to, message)] = inbox.messages
    assert to == [subscription.subscriber.email]
    assert "2 mục" in message["Subject"]
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text = message.get_body(("plain",)).get_content()
    assert "Soạn thảo" in text and "Thẩm định, trình" in text
