"""A policy's draft versions as structured text (Dự thảo 1, 2, …) and the units each is made of.

A unit (an Điều, a Khoản, a paragraph…) belongs to one version; its lineage is what stays the
same across versions: version 2's Điều 4 that was version 1's Điều 3 shares its lineage, and
comments, answers and the old anchor reach it through that. The tree is kept as rows with their
parent and their place in reading order, so a version reads in one query, in order, whatever its
size. What the rows hold is computed by policy_pages/drafting/ (parsing, matching, anchors).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..drafting.tree import UnitKind


def compare_path(start, end, anchor=""):
    """The comparison of versions `start` and `end`, below the policy's address; the one way
    the reader's pages, the answer table, the receipt and the feed write it."""
    return f"so-sanh/?tu={start}&den={end}" + (f"#{anchor}" if anchor else "")


class DraftVersionQuerySet(models.QuerySet):
    def published(self):
        """Versions an officer has published: the only ones readers, feeds and the API see."""
        return self.filter(published_at__isnull=False, published_at__lte=timezone.now())


class DraftVersion(models.Model):
    """One numbered version of a policy's draft, with the file the drafting team sent."""

    policy = models.ForeignKey(
        "policy_pages.PolicyPage",
        verbose_name=_("chính sách"),
        on_delete=models.CASCADE,
        related_name="draft_versions",
    )
    number = models.PositiveSmallIntegerField(_("số dự thảo"))
    drafted_on = models.DateField(_("ngày dự thảo"))
    note = models.TextField(
        _("ghi chú"),
        blank=True,
        max_length=5000,
        help_text=_("Dự thảo này khác dự thảo trước ở đâu, vì sao."),
    )
    source_file = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        verbose_name=_("tệp dự thảo"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Empty until an officer has checked the parsed text and its matches and published it.
    published_at = models.DateTimeField(_("công bố lúc"), null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now)

    objects = DraftVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("dự thảo")
        verbose_name_plural = _("các dự thảo")
        ordering = ["policy", "number"]
        constraints = [
            models.UniqueConstraint(fields=["policy", "number"], name="one_draft_number_per_policy")
        ]
        permissions = [
            ("publish_draftversion", _("Công bố dự thảo và bản tiếp thu, giải trình")),
        ]

    def __str__(self):
        return str(self.label)

    @property
    def label(self):
        return _("Dự thảo %(number)s") % {"number": self.number}

    @property
    def is_published(self):
        return self.published_at is not None and self.published_at <= timezone.now()


class DraftLineage(models.Model):
    """What stays one unit across versions (Điều 3 of version 1, Điều 4 of version 2): the
    thread comments and answers hang on."""

    policy = models.ForeignKey(
        "policy_pages.PolicyPage",
        verbose_name=_("chính sách"),
        on_delete=models.CASCADE,
        related_name="draft_lineages",
    )

    class Meta:
        verbose_name = _("mạch của một đơn vị dự thảo")
        verbose_name_plural = _("mạch của các đơn vị dự thảo")

    def __str__(self):
        return f"#{self.pk}"


class DraftUnit(models.Model):
    """One unit of one version: a Phần, Chương, Mục, Tiểu mục, Điều, Khoản, Điểm or paragraph."""

    version = models.ForeignKey(
        DraftVersion, verbose_name=_("dự thảo"), on_delete=models.CASCADE, related_name="units"
    )
    lineage = models.ForeignKey(
        # Deleted with its lineage, which goes with the policy: comments and answers still
        # protect the units they name (their own foreign keys).
        DraftLineage,
        verbose_name=_("mạch"),
        on_delete=models.CASCADE,
        related_name="units",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("thuộc"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    # Reading order in the version (0, 1, 2 …) and depth in the tree (0 at the top): the whole
    # text in one ordered query, its table of contents without walking parents.
    position = models.PositiveIntegerField(_("thứ tự"))
    depth = models.PositiveSmallIntegerField(_("cấp"), default=0)
    kind = models.CharField(_("loại"), max_length=10, choices=UnitKind.choices)
    number = models.CharField(_("số, ký hiệu"), max_length=30, blank=True)
    title = models.CharField(_("tên"), max_length=500, blank=True)
    text = models.TextField(_("nội dung"), blank=True, max_length=50_000)
    anchor = models.SlugField(_("neo"), max_length=200, allow_unicode=False)

    class Meta:
        verbose_name = _("đơn vị dự thảo")
        verbose_name_plural = _("các đơn vị dự thảo")
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "position"], name="one_unit_per_place"),
            models.UniqueConstraint(fields=["version", "anchor"], name="one_unit_per_anchor"),
            models.UniqueConstraint(fields=["version", "lineage"], name="one_unit_per_lineage"),
        ]

    def __str__(self):
        return self.heading

    @property
    def label(self):
        """ "Điều 5", "Khoản 2", "Điểm a", "Chương II"; a paragraph says where it is."""
        if self.kind == UnitKind.PARAGRAPH:
            return str(_("Đoạn"))
        return f"{UnitKind(self.kind).label} {self.number}".strip()

    @property
    def heading(self):
        """ "Điều 5. Phạm vi điều chỉnh"; a unit without a name, its label."""
        return f"{self.label}. {self.title}" if self.title else self.label
