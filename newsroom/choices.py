"""The news desk's fixed lists. The values are stored: they never change; the labels may."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ArticleLayout(models.TextChoices):
    STANDARD = "standard", _("Tin bài thường")
    LONGFORM = "longform", _("Long-form (E-magazine): ảnh lớn tràn màn hình")
