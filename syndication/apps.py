from django.apps import AppConfig


class SyndicationConfig(AppConfig):
    """The portal's face to machines: feeds, sitemaps, robots.txt and the API."""

    name = "syndication"
    verbose_name = "Phân phối nội dung"

    def ready(self):
        from core import cache_tags, schedule

        from . import changes, outlet_keys, purge, usage, websub, withdrawals

        # Each renewal of cache tags also goes to Varnish (docs/deploy.md, "Varnish in front").
        cache_tags.add_purger(purge.purge_tags)
        changes.connect()
        withdrawals.connect()
        websub.connect()
        # Outlets' keys in the shared cache follow their outlets; their polls, counted in the
        # process, go to the cache once each answer has gone, and to the database every tick.
        outlet_keys.connect()
        usage.connect()
        schedule.every_tick(usage.flush)
