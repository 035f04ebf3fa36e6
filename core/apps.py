from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Building blocks every desk shares: page mixins, Vietnamese text tools, site settings."""

    name = "core"
    verbose_name = "Dùng chung"

    def ready(self):
        from . import navigation  # noqa: F401  (connects the menu's cache invalidation)
