from django.conf import settings
from django.db import models


def optional_image_field(verbose_name, help_text=""):
    """A photo from the library, optional, and emptied (not deleted with) if the photo goes."""
    return models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=help_text,
    )


def optional_document_field(verbose_name):
    """A file from the library, optional, and emptied (not deleted with) if the file goes."""
    return models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
