"""`feeds_changed`: what the feeds of a change are, told once the change is committed.

Sent with `names` (the feeds that list the changed page, syndication/appearances.py) and
`root_url` (its site's) after a page is published (first time, again, or corrected: a correction is
saved with the page) and after a page is withdrawn (syndication/withdrawals.py). The WebSub hub
delivers those feeds to their subscribers (syndication/websub.py).
"""

from django.db import transaction
from django.dispatch import Signal

from wagtail.signals import page_published

from core.guarded import guarded
from core.privacy import is_public

from .appearances import feeds_showing

feeds_changed = Signal()


def announce(page, names):
    """Send `feeds_changed` for `page`'s feeds `names` once the transaction commits."""
    site = page.get_site()
    if site is not None:
        announce_names(names, site.root_url)


def announce_names(names, root_url):
    """Send `feeds_changed` for the feeds `names` of the site at `root_url`, once committed."""
    if names:
        names = list(names)
        transaction.on_commit(
            lambda: feeds_changed.send(sender=None, names=names, root_url=root_url)
        )


def _published(page):
    page = page.specific
    if page.live and is_public(page):
        announce(page, feeds_showing(page))


def connect():
    page_published.connect(
        guarded(_published), dispatch_uid="syndication-feeds-changed", weak=False
    )
