from django.apps import AppConfig


class SyndicationConfig(AppConfig):
    """The portal's face to machines: feeds, sitemaps, robots.txt and the API."""

    name = "syndication"
    verbose_name = "Phân phối nội dung"

    def ready(self):
        from core import cache_tags

        from . import changes, purge, websub, withdrawals

        # Each renewal of cache tags also goes to Varnish (docs/deploy.md, "Varnish in front").
        cache_tags.add_purger(purge.purge_tags)
        changes.connect()
        withdrawals.connect()
        websub.connect()
