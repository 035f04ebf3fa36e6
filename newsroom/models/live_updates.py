"""A live page's updates as records of their own: posting, editing or taking one away is not a
page revision and renews only that page (core/live.py). Every change keeps a history row with
who, when and the content before it. The rules of who may do what are in newsroom/live_desk.py.
"""

from datetime import UTC

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.fields import StreamField

from core import live
from core.blocks import ImageBlock, ParagraphBlock

from ..blocks import LegalDocumentCardBlock, LiveVideoBlock, PullQuoteBlock
from .live import LiveCoveragePage


class LiveUpdateBlock(blocks.StreamBlock):
    text = ParagraphBlock()
    photo = ImageBlock()
    quote = PullQuoteBlock()
    video = LiveVideoBlock()
    legal_document = LegalDocumentCardBlock()


class LiveUpdateQuerySet(models.QuerySet):
    def shown(self):
        """What readers see: not deleted (a withdrawn update stays, as its notice)."""
        return self.filter(removed_at__isnull=True)

    def in_page_order(self):
        """Pinned first, then newest first."""
        return self.order_by("-pinned", "-posted_at", "-pk")


class LiveUpdate(models.Model):
    page = models.ForeignKey(
        LiveCoveragePage,
        on_delete=models.CASCADE,
        related_name="updates",
        verbose_name=_("trang tường thuật"),
    )
    content = StreamField(LiveUpdateBlock(), verbose_name=_("nội dung"), blank=True)
    posted_at = models.DateTimeField(_("thời điểm đăng"), default=timezone.now)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người đăng"),
    )
    # The stamp of the update's last change, of any kind: the changes endpoint's `since`.
    changed_at = models.DateTimeField(_("thay đổi lần cuối"), default=timezone.now)
    pinned = models.BooleanField(_("ghim"), default=False)
    corrected_at = models.DateTimeField(_("sửa lúc"), null=True, blank=True)
    correction_note = models.TextField(_("ghi chú đính chính"), blank=True)
    withdrawn_at = models.DateTimeField(_("rút lúc"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("lý do rút"), blank=True)
    # Deleted by its poster within the grace period: gone from the page; the row stays so the
    # endpoint can tell open pages to take it away, and the history keeps what it said.
    removed_at = models.DateTimeField(_("xoá lúc"), null=True, blank=True)

    objects = LiveUpdateQuerySet.as_manager()

    class Meta:
        verbose_name = _("cập nhật trực tiếp")
        verbose_name_plural = _("cập nhật trực tiếp")
        # Not Django's default name: the inline rows' old table kept its indexes' and
        # sequence's names when migration 0013 renamed it, and these must not clash with them.
        db_table = "newsroom_live_update"
        indexes = [models.Index(fields=["page", "changed_at"], name="liveupdate_page_changed")]
        constraints = [
            models.UniqueConstraint(
                fields=["page"], condition=models.Q(pinned=True), name="one_pinned_update_a_page"
            )
        ]

    def __str__(self):
        return f"#{self.pk} {timezone.localtime(self.posted_at):%d/%m/%Y %H:%M}"

    @property
    def is_withdrawn(self):
        return self.withdrawn_at is not None

    @property
    def is_removed(self):
        return self.removed_at is not None

    @property
    def public_content(self):
        """The blocks readers may see: none once withdrawn or deleted."""
        return [] if self.is_withdrawn or self.is_removed else self.content

    @property
    def order_key(self):
        """Sorts as the page shows updates, newest first (core/live.py's `data-order-key`):
        pinned ones above the others, then by time posted."""
        posted = self.posted_at.astimezone(UTC).strftime("%Y%m%d%H%M%S%f")
        return f"{int(self.pinned)}-{posted}-{self.pk:012d}"

    @property
    def changed_stamp(self):
        return live.stamp(self.changed_at)

    @property
    def anchor(self):
        return f"cap-nhat-{self.pk}"


class LiveUpdateAction(models.TextChoices):
    POSTED = "posted", _("Đăng")
    EDITED = "edited", _("Sửa trong thời gian cho phép")
    DELETED = "deleted", _("Xoá trong thời gian cho phép")
    CORRECTED = "corrected", _("Đính chính")
    WITHDRAWN = "withdrawn", _("Rút")
    PINNED = "pinned", _("Ghim")
    UNPINNED = "unpinned", _("Bỏ ghim")


class LiveUpdateHistory(models.Model):
    """One change to an update: who, when, what it was before (the content's raw blocks)."""

    update = models.ForeignKey(
        LiveUpdate, on_delete=models.CASCADE, related_name="history", verbose_name=_("cập nhật")
    )
    action = models.CharField(_("thao tác"), max_length=16, choices=LiveUpdateAction.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người thực hiện"),
    )
    at = models.DateTimeField(_("lúc"), default=timezone.now)
    content_before = models.JSONField(_("nội dung trước đó"), default=list, blank=True)
    note = models.TextField(_("ghi chú, lý do"), blank=True)

    class Meta:
        verbose_name = _("lịch sử cập nhật trực tiếp")
        verbose_name_plural = _("lịch sử cập nhật trực tiếp")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.get_action_display()} #{self.update_id}"


class LiveDeskAssignment(models.Model):
    """A reporter who may post to one live page, chosen by an editor."""

    page = models.ForeignKey(
        LiveCoveragePage,
        on_delete=models.CASCADE,
        related_name="desk_assignments",
        verbose_name=_("trang tường thuật"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="live_desk_assignments",
        verbose_name=_("phóng viên"),
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người phân công"),
    )
    assigned_at = models.DateTimeField(_("phân công lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("phân công tường thuật")
        verbose_name_plural = _("phân công tường thuật")
        constraints = [
            models.UniqueConstraint(fields=["page", "user"], name="one_assignment_per_reporter")
        ]

    def __str__(self):
        return f"{self.user} → {self.page}"
