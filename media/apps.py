from django.apps import AppConfig


class MediaConfig(AppConfig):
    """The asset library and the multimedia desk. Uploaded files live in var/uploads/, not here."""

    name = "media"
    verbose_name = "Ảnh và đa phương tiện"

    def ready(self):
        from core import registry
        from core.cache_renewal import renew_on_save

        from . import roles  # noqa: F401  (connects the signal that puts the desk's review on)
        from .models import PortalDocument, PortalImage, PortalMedia

        # Pages and feeds show photos with their captions and credits, media and attachments.
        renew_on_save(PortalImage, PortalMedia, PortalDocument)
        # The tags editors type on photos and documents are taggit's rows.
        registry.clean_text_of(self.label, "taggit")
