from django.apps import AppConfig


class SyndicationConfig(AppConfig):
    """The portal's face to machines: feeds, sitemaps, robots.txt and the API."""

    name = "syndication"
    verbose_name = "Phân phối nội dung"

    def ready(self):
        from . import cache

        cache.connect()
