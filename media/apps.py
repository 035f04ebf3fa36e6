from django.apps import AppConfig


class MediaConfig(AppConfig):
    """The asset library and the multimedia desk. Uploaded files live in var/uploads/, not here."""

    name = "media"
    verbose_name = "Ảnh và đa phương tiện"
