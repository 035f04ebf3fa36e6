from django.apps import AppConfig


class SyndicationConfig(AppConfig):
    """The portal's face to machines: feeds, sitemaps, robots.txt and the API."""

    name = "syndication"
    verbose_name = "Phân phối nội dung"

    def ready(self):
        from . import purge

        purge.connect()  # Varnish purges on publish (docs/deploy.md)
