"""Which pages cite which legal documents, as read from their text when they were published.

A row names the document as the citation did, not by its id: a full number's key
("15/2020/ND-CP"), or for a citation by type, number and year ("NĐ 15/2020") the key's start
and the type. So a document published after the pages that cite it finds them at once, and a
document's page lists what cites it with one query (`citing_pages()`).
"""

from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..numbers import year_prefix


class Citation(models.Model):
    source = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("trang")
    )
    key = models.CharField(max_length=60, blank=True)
    year_prefix = models.CharField(max_length=12, blank=True)
    document_type = models.CharField(max_length=30, blank=True)

    class Meta:
        verbose_name = _("trích dẫn văn bản")
        verbose_name_plural = _("trích dẫn văn bản")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "key", "year_prefix", "document_type"], name="citation_once"
            )
        ]
        indexes = [
            models.Index(fields=["key"], name="citation_key_idx"),
            models.Index(fields=["year_prefix", "document_type"], name="citation_prefix_idx"),
        ]

    def __str__(self):
        return self.key or f"{self.year_prefix} {self.document_type}".strip()

    @classmethod
    def record(cls, page, citations):
        """`page` cites `citations` (reader.Citation) from now on, and nothing else."""
        rows = {
            (c.key, "", "") if c.key else ("", c.year_prefix, c.document_type) for c in citations
        }
        with transaction.atomic():
            cls.objects.filter(source=page).delete()
            cls.objects.bulk_create(
                cls(source_id=page.pk, key=key, year_prefix=prefix, document_type=kind)
                for key, prefix, kind in sorted(rows)
            )

    @classmethod
    def of_document(cls, document):
        """The rows that cite `document`: by its number, or by its type, number and year."""
        if not document.number_key:
            return cls.objects.none()
        cited = Q(key=document.number_key)
        prefix = year_prefix(document.number_key)
        if prefix:
            cited |= Q(key="", year_prefix=prefix, document_type__in=["", document.document_type])
        return cls.objects.filter(cited).exclude(source_id=document.pk)
