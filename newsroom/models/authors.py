from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from core.models import optional_image_field
from core.search.indexing import FoldedWords
from core.text import vi_slugify


class Author(FoldedWords, index.Indexed, models.Model):
    """A reporter or contributor, credited in bylines, with a page listing their stories (its
    admin, and the chooser that adds one from an article: newsroom/author_admin.py)."""

    name = models.CharField(_("họ và tên"), max_length=120)
    pen_name = models.CharField(
        _("bút danh"), max_length=120, blank=True, help_text=_("Hiện trong dòng tác giả nếu có.")
    )
    slug = models.SlugField(
        _("đường dẫn"),
        max_length=120,
        unique=True,
        blank=True,
        help_text=_("Để trống sẽ tạo từ tên, ví dụ “nguyen-minh-chau”."),
    )
    photo = optional_image_field(_("ảnh chân dung"))
    bio = models.TextField(_("giới thiệu ngắn"), blank=True, max_length=600)

    panels = [
        FieldPanel("name"),
        FieldPanel("pen_name"),
        FieldPanel("slug"),
        FieldPanel("photo"),
        FieldPanel("bio"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("pen_name"),
        index.AutocompleteField("name"),
        *FoldedWords.folded_search_fields,
    ]

    class Meta:
        verbose_name = _("tác giả")
        verbose_name_plural = _("tác giả")
        ordering = ["name"]

    def __str__(self):
        return self.byline_name

    def save(self, *args, **kwargs):
        if not self.slug:
            base = vi_slugify(self.byline_name, max_length=100) or "tac-gia"
            slug, n = base, 1
            while Author.objects.filter(slug=slug).exclude(pk=self.pk).exists():
                n += 1
                slug = f"{base}-{n}"
            self.slug = slug
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("newsroom:author", args=[self.slug])

    @property
    def byline_name(self):
        return self.pen_name or self.name
