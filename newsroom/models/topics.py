from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from taggit.models import ItemBase, TagBase

from core.text import vi_slugify


class Topic(TagBase):
    """A topic (chủ đề) that ties stories together across sections, e.g. "Kinh tế số"."""

    class Meta:
        verbose_name = _("chủ đề")
        verbose_name_plural = _("chủ đề")
        ordering = ["name"]

    def get_absolute_url(self):
        return reverse("newsroom:topic", args=[self.slug])

    def slugify(self, tag, i=None):
        # Taggit's slugify drops "đ" ("Đường" -> "uong"); ours folds it to "d".
        slug = vi_slugify(tag) or "chu-de"
        return f"{slug}-{i}" if i is not None else slug


class ArticleTopic(ItemBase):
    tag = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="tagged_articles")
    content_object = ParentalKey(
        "newsroom.ArticlePage", on_delete=models.CASCADE, related_name="topic_items"
    )
