from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Building blocks every desk shares: page mixins, Vietnamese text tools, site settings."""

    name = "core"
    verbose_name = "Dùng chung"

    def ready(self):
        from . import cache, checks, navigation, privacy  # noqa: F401  (connect, register)
        from .models import SiteSettings

        cache.connect()
        cache.refresh_on_save(SiteSettings)
        from . import input_cleaning, registry

        registry.clean_text_of(self.label)
        input_cleaning.connect()  # every stored text in NFC, rich text sanitised
