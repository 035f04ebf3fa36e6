"""Who issues documents and what they are about: snippets the whole policy desk shares."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from core.search.indexing import FoldedWords
from core.text import vi_slugify


class SluggedName(FoldedWords, index.Indexed, models.Model):
    name = models.CharField(_("tên"), max_length=200, unique=True)
    slug = models.SlugField(
        _("đường dẫn"),
        max_length=80,
        unique=True,
        blank=True,
        help_text=_("Dùng trong bộ lọc, ví dụ “bo-tai-chinh”. Để trống sẽ tạo từ tên."),
    )
    sort_order = models.PositiveSmallIntegerField(
        _("thứ tự"), default=100, help_text=_("Số nhỏ đứng trước trong danh sách lọc.")
    )

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        *FoldedWords.folded_search_fields,
    ]
    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = vi_slugify(self.name, max_length=80)
        super().save(*args, **kwargs)


@register_snippet
class IssuingBody(SluggedName):
    """An issuing body (cơ quan ban hành): Quốc hội, Chính phủ, Thủ tướng Chính phủ, a ministry."""

    class Meta(SluggedName.Meta):
        verbose_name = _("cơ quan ban hành")
        verbose_name_plural = _("cơ quan ban hành")


@register_snippet
class LegalField(SluggedName):
    """A field (lĩnh vực) of law and policy: Tài chính, Giáo dục, Đất đai…"""

    class Meta(SluggedName.Meta):
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")
