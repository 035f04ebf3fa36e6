"""The outlets that republish the portal, and what each fetches.

An outlet's key (`?k=` in its feed addresses) changes nothing in what it gets: feeds stay public.
It lets the portal count, per outlet, per day and per feed, the polls and the items fetched, with
no IP address stored (syndication/usage.py).
"""

import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

KEY_BYTES = 18


def new_key():
    return secrets.token_urlsafe(KEY_BYTES)


class Outlet(models.Model):
    name = models.CharField(_("tên cơ quan, đơn vị"), max_length=200)
    contact_name = models.CharField(_("người liên hệ"), max_length=200, blank=True)
    contact_email = models.EmailField(_("email liên hệ"), blank=True)
    contact_phone = models.CharField(_("điện thoại liên hệ"), max_length=40, blank=True)
    terms_accepted = models.TextField(
        _("điều khoản đã chấp thuận"),
        blank=True,
        help_text=_("Nguyên văn điều khoản sử dụng lại nội dung mà đơn vị đã chấp thuận."),
    )
    terms_accepted_on = models.DateField(_("ngày chấp thuận"), null=True, blank=True)
    key = models.CharField(_("khoá"), max_length=64, unique=True, default=new_key, editable=False)
    active = models.BooleanField(
        _("đang hoạt động"),
        default=True,
        help_text=_("Khoá của đơn vị ngừng hoạt động không được đếm nữa; nguồn tin vẫn công khai."),
    )
    created_at = models.DateTimeField(_("ngày tạo"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("đơn vị khai thác tin")
        verbose_name_plural = _("đơn vị khai thác tin")

    def __str__(self):
        return self.name


class OutletUsage(models.Model):
    """An outlet's fetches of one feed on one day (Hà Nội time)."""

    outlet = models.ForeignKey(Outlet, on_delete=models.CASCADE, related_name="usage")
    day = models.DateField(_("ngày"))
    feed = models.CharField(_("nguồn tin"), max_length=300)
    polls = models.PositiveIntegerField(_("lượt lấy"), default=0)
    items = models.PositiveIntegerField(_("số tin đã lấy"), default=0)

    class Meta:
        ordering = ["-day", "outlet", "feed"]
        constraints = [
            models.UniqueConstraint(fields=["outlet", "day", "feed"], name="unique_outlet_usage")
        ]
        verbose_name = _("lượt khai thác")
        verbose_name_plural = _("lượt khai thác")

    def __str__(self):
        return f"{self.outlet} - {self.feed} - {self.day}"
