from django.conf import settings
from django.db import models


def optional_link(to, verbose_name, help_text=""):
    """An editor's optional choice of another object, emptied (not deleted with) if that object
    goes; nothing links back to the page from it."""
    return models.ForeignKey(
        to,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=help_text,
    )


def optional_image_field(verbose_name, help_text=""):
    """A photo from the library."""
    return optional_link(settings.WAGTAILIMAGES_IMAGE_MODEL, verbose_name, help_text)


def optional_document_field(verbose_name, help_text=""):
    """A file from the library."""
    return optional_link(settings.WAGTAILDOCS_DOCUMENT_MODEL, verbose_name, help_text)
