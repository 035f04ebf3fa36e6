"""Which pages cite which legal documents, as read from their text when they were published.

A row keeps the document as the citation named it: a full number's key ("15/2020/ND-CP"), or
for a citation by type, number and year ("NĐ 15/2020") the key's start and the type; and the one
live public document that name fitted when it was read, if one did (`document`). A document
published after the pages that cite it takes their rows then (citations/store.py), so a
document's page lists what cites it with one query (`of_document()`), never a page that cited
another document of the same number (another province's "15/2020/QĐ-UBND").
"""

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _


class Citation(models.Model):
    source = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("trang")
    )
    key = models.CharField(max_length=60, blank=True)
    year_prefix = models.CharField(max_length=12, blank=True)
    document_type = models.CharField(max_length=30, blank=True)
    document = models.ForeignKey(
        "policy_pages.LegalDocumentPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("văn bản"),
    )

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

    @property
    def names(self):
        return (self.key, self.year_prefix, self.document_type)

    @classmethod
    def record(cls, page, found):
        """`page` cites the documents `found` names ({names: document or None}) from now on,
        and nothing else."""
        with transaction.atomic():
            cls.objects.filter(source=page).delete()
            cls.objects.bulk_create(
                cls(
                    source_id=page.pk,
                    key=key,
                    year_prefix=prefix,
                    document_type=kind,
                    document=found[(key, prefix, kind)],
                )
                for key, prefix, kind in sorted(found)
            )

    @classmethod
    def of_document(cls, document):
        return cls.objects.filter(document=document).exclude(source_id=document.pk)
