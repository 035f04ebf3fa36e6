"""Fixed lists every desk shares. The values are stored in pages' StreamFields: they never
change; the labels may."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class HeadingLevel(models.TextChoices):
    SECTION = "h2", _("Tiêu đề mục")
    SUBSECTION = "h3", _("Tiêu đề nhỏ")


class ImageDisplay(models.TextChoices):
    """How wide a photo in a body shows; the wider ones are for long-form stories."""

    COLUMN = "column", _("Trong cột chữ")
    WIDE = "wide", _("Rộng hơn cột chữ")
    FULL = "full", _("Tràn màn hình")
