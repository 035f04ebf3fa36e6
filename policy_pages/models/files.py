"""A file from the library attached to a page under a name of its own: a legal document's signed
copy, a policy's draft. Readers see the name, or the file's title when there is none."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable


class LabelledFile(Orderable):
    document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        verbose_name=_("tệp"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    label = models.CharField(_("tên hiển thị"), max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("label")]

    class Meta(Orderable.Meta):
        abstract = True

    @property
    def display_label(self):
        return self.label or self.document.title
