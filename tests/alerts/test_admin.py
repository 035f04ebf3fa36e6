"""Admins see failed mail and failed tasks, and can export or delete one person's data."""

import json

from django.core import mail

from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from alerts.choices import DeliveryStatus, EventKind, Frequency
from alerts.models import Delivery, Event, Subscriber, Subscription
from syndication.websub.tasks import deliver
from tests.alerts.helpers import confirmed
from tests.factories import PolicyIndexPageFactory, PolicyPageFactory
from tests.helpers import log_in_verified


def test_an_admin_exports_and_deletes_one_persons_subscriptions(client, admin_user, home_page):
    policy = PolicyPageFactory(parent=PolicyIndexPageFactory(parent=home_page))
    policy.save_revision().publish()
    subscription = confirmed(client, trang=policy.pk)
    subscriber = subscription.subscriber
    log_in_verified(client, admin_user)
    found = client.get("/admin/subscribers/", {"q": "lan.pham"})
    assert found.status_code == 200 and "lan.pham@example.vn" in found.text
    exported = client.get(f"/admin/subscribers/export/{subscriber.pk}/")
    data = json.loads(exported.content)
    assert data["email"] == "lan.pham@example.vn"
    assert data["subscriptions"][0]["label"] == subscription.label
    deleted = client.post(f"/admin/subscribers/delete/{subscriber.pk}/")
    assert deleted.status_code == 302
    assert not Subscriber.objects.exists() and not Subscription.objects.exists()


def test_the_export_is_for_admins_only(client, home_page):
    subscriber = Subscriber.objects.create(email="an@example.vn")
    response = client.get(f"/admin/subscribers/export/{subscriber.pk}/")
    assert response.status_code in (302, 403)
    assert b"an@example.vn" not in response.content
    assert not mail.outbox


def test_failed_alert_mail_and_failed_tasks_are_listed_for_admins_and_nothing_else(
    client, admin_user, db
):
    event = Event.objects.create(key="thu", kind=EventKind.MILESTONE, title="Mốc mới", path="/")
    _sent, _failed = (
        Delivery.objects.create(
            subscriber=Subscriber.objects.create(email=f"{name}@example.vn"),
            event=event,
            reason=f"Theo dõi chính sách ({name})",
            frequency=Frequency.IMMEDIATE,
            status=status,
            last_error=error,
        )
        for name, status, error in [
            ("da-gui", DeliveryStatus.SENT, ""),
            ("loi", DeliveryStatus.FAILED, "Máy chủ thư từ chối địa chỉ"),
        ]
    )
    done, broken = deliver.enqueue(0), deliver.enqueue(0)
    DBTaskResult.objects.filter(pk=broken.id).update(
        status=TaskResultStatus.FAILED, exception_class_path="builtins.ValueError"
    )
    DBTaskResult.objects.filter(pk=done.id).update(status=TaskResultStatus.SUCCESSFUL)
    log_in_verified(client, admin_user)
    alerts = client.get("/admin/failed_alerts/")
    assert alerts.status_code == 200
    assert "(loi)" in alerts.text and "(da-gui)" not in alerts.text
    tasks = client.get("/admin/failed_tasks/")
    assert tasks.status_code == 200
    assert str(broken.id) in tasks.text and str(done.id) not in tasks.text
