from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Building blocks every desk shares: page mixins, Vietnamese text tools, site settings."""

    name = "core"
    verbose_name = "Dùng chung"

    def ready(self):
        from . import navigation, privacy  # noqa: F401  (connect their cache invalidation)
