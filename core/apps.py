from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Building blocks every desk shares: page mixins, Vietnamese text tools, site settings."""

    name = "core"
    verbose_name = "Dùng chung"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from . import cache_renewal, cache_tags, checks, navigation, pictures, privacy  # noqa: F401
        from .models import SiteSettings

        cache_renewal.connect()
        pictures.connect()  # photos loaded during a render have their renditions fetched together
        # The settings (the site's name, its footer, the republishing terms) show on every page.
        for signal in (post_save, post_delete):
            signal.connect(
                cache_tags.renew_everything,
                sender=SiteSettings,
                dispatch_uid=f"renew-settings-{signal}",
            )
        from . import input_cleaning, registry

        registry.clean_text_of(self.label)
        from datetime import time

        from . import queue, schedule

        schedule.daily("queue-prune", time(4, 0), queue.prune_finished)
        input_cleaning.connect()  # every stored text in NFC, rich text sanitised
