"""Admins see failed mail and failed tasks, and can export or delete one person's data."""

import json

from django.core import mail

from alerts.models import Delivery, Subscriber, Subscription
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


def test_failed_alert_mail_and_failed_tasks_are_listed_for_admins(client, admin_user, db):
    log_in_verified(client, admin_user)
    assert client.get("/admin/failed_alerts/").status_code == 200
    assert client.get("/admin/failed_tasks/").status_code == 200
    assert Delivery.objects.count() == 0
