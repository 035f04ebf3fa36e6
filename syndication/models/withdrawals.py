"""A story taken back from readers after it went out (unpublished, made private or deleted).

Outlets copied it from the feeds; the record is what lets them take their copy down: the feeds it
was in carry its tombstone for TOMBSTONE_DAYS (RFC 6721), `/feeds/withdrawn.atom` and
`/api/v2/withdrawn/` list it. It keeps only what was public and is needed to find the copy: the
item's id (its tag URI), its address, its title and the time. Nothing else of the story is kept
or published again. No foreign key to the page: a deleted page leaves its record.
"""

from datetime import timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

TOMBSTONE_DAYS = 30


class WithdrawalReason(models.TextChoices):
    UNPUBLISHED = "unpublished", _("thôi xuất bản")
    PRIVATE = "private", _("giới hạn người xem")
    DELETED = "deleted", _("đã xoá")


class WithdrawalQuerySet(models.QuerySet):
    def recent(self, now=None):
        """Those whose tombstones still show in the feeds."""
        since = (now or timezone.now()) - timedelta(days=TOMBSTONE_DAYS)
        return self.filter(withdrawn_at__gte=since)

    def in_feed(self, feed):
        """Those that were in the feed named `feed` (syndication/appearances.py)."""
        return self.filter(feeds__feed=feed).distinct()


class Withdrawal(models.Model):
    page_id = models.PositiveBigIntegerField(_("mã trang"), unique=True)
    guid = models.CharField(_("mã tin trong nguồn tin"), max_length=255)
    url = models.URLField(_("địa chỉ"), max_length=1000)
    title = models.CharField(_("tiêu đề"), max_length=255)
    withdrawn_at = models.DateTimeField(_("thời điểm gỡ"), default=timezone.now, db_index=True)
    reason = models.CharField(_("lý do"), max_length=20, choices=WithdrawalReason.choices)

    objects = WithdrawalQuerySet.as_manager()

    class Meta:
        ordering = ["-withdrawn_at", "-pk"]
        verbose_name = _("tin đã gỡ")
        verbose_name_plural = _("tin đã gỡ")

    def __str__(self):
        return self.title


class WithdrawnFrom(models.Model):
    """One feed the withdrawn story was in: `latest`, `section/thoi-su`, `topic/…`, …"""

    withdrawal = models.ForeignKey(Withdrawal, on_delete=models.CASCADE, related_name="feeds")
    feed = models.CharField(max_length=200, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["withdrawal", "feed"], name="unique_withdrawn_from")
        ]

    def __str__(self):
        return self.feed
