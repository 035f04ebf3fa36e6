"""Who follows what, what happened, and what each follower was sent.

A subscriber is an email address and nothing else: no account, no name. Its `key`, random,
goes (signed) into every link of every mail; changing it voids them all. A subscription waits
unconfirmed until its link is clicked (nothing is sent before) and is deleted if that never
happens within 7 days. An event is recorded once under its key, whoever notices it first (the
editor's publication, the midnight job); each follower gets it once, by the delivery's unique
(subscriber, event). See docs/personal-data.md for what is kept and how long.
"""

import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import DeliveryStatus, EventKind, Frequency


def new_key():
    return secrets.token_urlsafe(24)


class Subscriber(models.Model):
    email = models.EmailField(_("thư điện tử"), max_length=254, unique=True)
    key = models.CharField(max_length=40, unique=True, default=new_key, editable=False)
    created_at = models.DateTimeField(_("ngày đăng ký"), default=timezone.now)

    class Meta:
        verbose_name = _("người nhận thư báo tin")
        verbose_name_plural = _("người nhận thư báo tin")

    def __str__(self):
        return self.email


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def stop(self):
        """Stop these subscriptions: nothing of them is sent any more, not even what waits
        (a retry, a digest), and an address left following nothing is forgotten with its
        record of mails. Answers the labels of what was stopped."""
        stopped = list(self.values_list("pk", "label", "subscriber_id"))
        ids = [pk for pk, _label, _subscriber in stopped]
        Delivery.objects.filter(subscription_id__in=ids, status=DeliveryStatus.PENDING).update(
            status=DeliveryStatus.SKIPPED, claimed_at=None
        )
        Subscription.objects.filter(pk__in=ids).delete()
        Subscriber.objects.filter(
            pk__in={subscriber for _pk, _label, subscriber in stopped}, subscriptions__isnull=True
        ).delete()
        return [label for _pk, label, _subscriber in stopped]


class Subscription(models.Model):
    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="subscriptions"
    )
    # What is followed, as the fan-out finds it: "trang-12" (a policy, a document, a section),
    # "chu-de-3" (a topic), "van-ban?loai=nghi-dinh&linh-vuc=thue" (a document search).
    target = models.CharField(_("theo dõi"), max_length=400)
    label = models.CharField(_("nội dung theo dõi"), max_length=400)
    url = models.CharField(_("đường dẫn"), max_length=600, blank=True)
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    topic = models.ForeignKey(
        "newsroom.Topic", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    frequency = models.CharField(
        _("tần suất"), max_length=20, choices=Frequency.choices, default=Frequency.IMMEDIATE
    )
    created_at = models.DateTimeField(_("ngày đăng ký"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("ngày xác nhận"), null=True, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("đăng ký nhận thư báo tin")
        verbose_name_plural = _("đăng ký nhận thư báo tin")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "target"], name="one_subscription_per_target"
            )
        ]
        indexes = [models.Index(fields=["target", "confirmed_at"])]

    def __str__(self):
        return self.label


class Event(models.Model):
    """Something a follower is told: recorded once under its key."""

    key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(_("loại"), max_length=20, choices=EventKind.choices)
    # The page the mail links to; checked to be live and public when the mail is sent.
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(_("tiêu đề"), max_length=500)
    summary = models.TextField(_("tóm tắt"), blank=True)
    path = models.CharField(_("đường dẫn"), max_length=600)
    # The targets whose followers are told (Subscription.target values).
    audience = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    fanned_out_at = models.DateTimeField(null=True, blank=True)
    # The last subscription read by the fan-out: a fan-out stopped midway resumes after it.
    fanned_to = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("sự kiện báo tin")
        verbose_name_plural = _("sự kiện báo tin")
        # The tick's look for fan-outs left unfinished reads only those.
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=models.Q(fanned_out_at__isnull=True),
                name="alerts_event_not_fanned_out",
            )
        ]

    def __str__(self):
        return self.title


class Delivery(models.Model):
    """One event for one follower: mailed at once or gathered into a digest."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="deliveries")
    subscription = models.ForeignKey(
        Subscription, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(_("lý do gửi"), max_length=400)
    frequency = models.CharField(_("tần suất"), max_length=20, choices=Frequency.choices)
    status = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.PENDING,
    )
    attempts = models.PositiveSmallIntegerField(_("số lần thử"), default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)

    class Meta:
        verbose_name = _("thư báo tin")
        verbose_name_plural = _("thư báo tin")
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "event"], name="one_delivery_per_event")
        ]
        indexes = [models.Index(fields=["status", "frequency", "next_attempt_at"])]

    def __str__(self):
        return f"{self.event} → {self.subscriber_id}"
