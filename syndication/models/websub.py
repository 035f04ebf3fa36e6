"""Subscriptions to the portal's own WebSub hub (W3C WebSub): a subscriber's callback for one
topic (a feed's address), kept once the callback has confirmed its intent."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SubscriptionState(models.TextChoices):
    ACTIVE = "active", _("đang nhận")
    DROPPED = "dropped", _("đã ngừng vì lỗi")


class SubscriptionQuerySet(models.QuerySet):
    def deliverable(self, now=None):
        """Those that get deliveries: active (not dropped) and within their lease."""
        return self.filter(state=SubscriptionState.ACTIVE, expires_at__gt=now or timezone.now())

    def expired(self, now=None):
        return self.filter(expires_at__lte=now or timezone.now())

    def of_feeds(self, root_url, names):
        """Those whose topic is an address of one of the feeds `names` on the site of
        `root_url`, in either format, or may be: a feed's address is its name under /feeds/
        with the format after a dot, so this narrows by the start of the address and the
        caller reads each topic's path to be sure (syndication/websub/topics.py)."""
        prefix = root_url + reverse("syndication:feed_list")
        condition = Q()
        for name in names:
            condition |= Q(topic__startswith=f"{prefix}{name}.")
        return self.filter(condition) if names else self.none()

    def on_host(self, host):
        """Those whose callback is on `host`, whatever its scheme and port."""
        condition = Q()
        for scheme in ("http", "https"):
            condition |= Q(callback__iexact=f"{scheme}://{host}")
            for after in ("/", ":", "?"):
                condition |= Q(callback__istartswith=f"{scheme}://{host}{after}")
        return self.filter(condition)


class Subscription(models.Model):
    topic = models.CharField(_("nguồn tin"), max_length=1000)
    callback = models.URLField(_("địa chỉ nhận"), max_length=1000)
    secret = models.CharField(_("khoá ký"), max_length=200, blank=True)
    outlet = models.ForeignKey(
        "syndication.Outlet",
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="subscriptions",
    )
    state = models.CharField(
        _("trạng thái"),
        max_length=20,
        choices=SubscriptionState.choices,
        default=SubscriptionState.ACTIVE,
    )
    verified_at = models.DateTimeField(_("xác nhận lúc"), default=timezone.now)
    expires_at = models.DateTimeField(_("hết hạn lúc"))
    failures = models.PositiveSmallIntegerField(_("số lần gửi lỗi liên tiếp"), default=0)
    last_delivered_at = models.DateTimeField(_("gửi thành công gần nhất"), null=True, blank=True)
    last_error = models.CharField(_("lỗi gần nhất"), max_length=300, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        ordering = ["topic", "callback"]
        constraints = [
            models.UniqueConstraint(fields=["topic", "callback"], name="unique_subscription")
        ]
        verbose_name = _("đăng ký nhận tin đẩy")
        verbose_name_plural = _("đăng ký nhận tin đẩy")

    def __str__(self):
        return f"{self.callback} ← {self.topic}"
