"""Purge the shared cache in front of the app (Varnish) of everything that shows a page, when the
page is published, withdrawn, moved, renamed, deleted or put behind a view restriction.

Wagtail's frontend_cache purges a published or unpublished page's own addresses. A story also
shows on its section listings and the home page, on its topic and author pages, on the policies
and stories that link to it or share a topic with it, in the feeds, the sitemaps, search and the
API; this module purges those too, through the same backends (`WAGTAILFRONTENDCACHE`, set only
when `FRONTEND_CACHE_URLS` is: docs/deploy.md). Varnish drops every query string of a purged
path (`?page=2`, a feed's filters), and everything under a path that ends in "*"
(deploy/varnish/portal.vcl).

The URLs are worked out when the signal fires (a deleted page still exists then) and purged once
the change is committed, so the app cannot hand Varnish the old page again after the purge.
"""

import logging
import threading
from urllib.parse import urlsplit, urlunsplit
from urllib.request import urlopen

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from wagtail.contrib.frontend_cache.backends.http import HTTPBackend, PurgeRequest
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page, PageViewRestriction, ReferenceIndex
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from newsroom.models import ArticlePage, SectionPage
from policy_pages.models import PolicyPage

# A publish purges at most this many addresses (plus the subtree prefixes, always kept). A
# story's own page, listings and feeds come first; pages that only share a topic come last.
MAX_URLS = 300
# Stories that show the newest ones sharing a topic in their "related" box: the newest few per
# topic are the ones read; older ones catch up within their cache lifetime.
TOPIC_NEIGHBOURS = 20
REFERRERS = 50
FEED_FORMATS = ("rss", "atom")
# Addresses that list whatever was published last, on any site.
SITE_WIDE = [
    "/feeds/",
    "/feeds/latest.rss",
    "/feeds/latest.atom",
    "/sitemap*",  # the index and every sitemap-<section>.xml
    "/news-sitemap.xml",
    "/search/",
    "/api/v2/*",  # pages, and the images and documents that live pages use
]

# Purges are sent inside the editor's publish: a cache that does not answer must not hang it.
PURGE_TIMEOUT_SECONDS = 2

_pending = threading.local()
logger = logging.getLogger(__name__)


class TimedHTTPBackend(HTTPBackend):
    """Wagtail's HTTP backend with a timeout: its own waits as long as the cache does.

    A purge that fails is logged; the entry then lives out its TTL (docs/deploy.md).
    """

    def purge(self, url):
        parsed = urlsplit(url)
        target = urlunsplit([self.cache_scheme, self.cache_netloc, parsed.path, parsed.query, ""])
        request = PurgeRequest(target, headers={"Host": parsed.netloc})
        try:
            urlopen(request, timeout=PURGE_TIMEOUT_SECONDS)  # noqa: S310 - LOCATION from settings
        except OSError as error:  # URLError, HTTPError and timeouts among them
            logger.error("Could not purge %s from the HTTP cache: %s", url, error)


def enabled():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def connect():
    """Called once from the app's ready()."""
    page_published.connect(_on_published, dispatch_uid="purge-published")
    # Also sent for each live page about to be deleted (Wagtail unpublishes it first).
    page_unpublished.connect(_on_unpublished, dispatch_uid="purge-unpublished")
    post_page_move.connect(_on_moved, dispatch_uid="purge-moved")
    page_slug_changed.connect(_on_slug_changed, dispatch_uid="purge-slug")
    for signal in (post_save, post_delete):
        signal.connect(_on_restriction, sender=PageViewRestriction, dispatch_uid=f"purge-{signal}")


def urls_showing(page, *, withdrawn=False):
    """Full URLs of the page and of everything that shows it, most important first.

    `withdrawn`: the page left (unpublished, deleted, moved away, restricted): everything under
    its address goes, not only the addresses Wagtail knows of.
    """
    page = page.specific_deferred
    batch = PurgeBatch()
    own = page.get_full_url(batch)
    site = page.get_site()
    if own is None or site is None:
        return []
    root_url = site.root_url
    urls = [own + "*"] if withdrawn else []
    batch.add_page(page)  # its own addresses, as Wagtail knows them (get_cached_paths)
    urls += sorted(batch.urls)

    ancestors = list(Page.objects.ancestor_of(page).filter(depth__gt=1).live().specific())
    topics = list(getattr(page, "topic_list", None) or page_topics(page))
    paths = []
    for ancestor in ancestors:
        ancestor_url = ancestor.get_full_url(batch)
        if ancestor_url:
            urls.append(ancestor_url)
        if isinstance(ancestor, SectionPage):
            paths += _feeds(f"/feeds/section/{ancestor.slug}")
    paths += SITE_WIDE
    for topic in topics:
        paths.append(topic.get_absolute_url())
        paths += _feeds(f"/feeds/topic/{topic.slug}")
    for author in getattr(page, "authors", None) or []:
        if hasattr(author, "get_absolute_url"):
            paths.append(author.get_absolute_url())
    kind = getattr(page, "kind_slug", "")
    if kind:
        paths += _feeds(f"/feeds/multimedia/{kind}")
        paths.append("/feeds/podcast.rss")
    paths += _feeds("/feeds/legal-documents")
    if isinstance(page, PolicyPage):
        paths += _feeds(f"/feeds/policy/{page.slug}")
    urls += [root_url + path for path in paths]

    # Pages that show it: those that link to it (a policy's related news, a story's related
    # stories, a "see also" block, a rich-text link), then those that pick it by a shared topic.
    showing = referrers(page)
    if topics:
        topic_ids = [topic.pk for topic in topics]
        showing += list(
            PolicyPage.objects.live().filter(topic_items__tag__in=topic_ids).distinct()[:REFERRERS]
        )
        showing += list(
            ArticlePage.objects.published()
            .filter(topic_items__tag__in=topic_ids)
            .exclude(pk=page.pk)
            .distinct()[:TOPIC_NEIGHBOURS]
        )
    for other in showing:
        other_url = other.get_full_url(batch)
        if other_url:
            urls.append(other_url)
        if isinstance(other, PolicyPage):
            urls += [root_url + path for path in _feeds(f"/feeds/policy/{other.slug}")]
    return list(dict.fromkeys(urls))


def page_topics(page):
    # A policy has topics but no `topic_list`.
    return page.topics.all() if isinstance(page, PolicyPage) else []


def referrers(page, limit=REFERRERS):
    """Live pages whose content points at `page`, from Wagtail's reference index."""
    page_type = ContentType.objects.get_for_model(Page)
    ids = (
        ReferenceIndex.get_references_to(page)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    )
    pages = Page.objects.live().filter(pk__in=list(ids[: limit * 2])).exclude(pk=page.pk)
    return list(pages.specific()[:limit])


def _feeds(stem):
    return [f"{stem}.{fmt}" for fmt in FEED_FORMATS]


def schedule(urls):
    """Purge `urls` once the current transaction commits (at once outside one).

    Every change in one transaction shares one batch: the first commit callback purges it all
    and the others find it empty. A batch whose transaction rolled back is purged with the next
    one, which purges a little more than needed and never less.
    """
    if not urls:
        return
    pending = getattr(_pending, "urls", None)
    if pending is None:
        pending = _pending.urls = {}
    pending.update(dict.fromkeys(urls))
    transaction.on_commit(_flush)


def _flush():
    urls = list(getattr(_pending, "urls", None) or {})
    _pending.urls = {}
    if not urls:
        return
    prefixes = [url[:-1] for url in urls if url.endswith("*")]
    exact = [u for u in urls if not u.endswith("*") and not u.startswith(tuple(prefixes))]
    PurgeBatch([url for url in urls if url.endswith("*")] + exact[:MAX_URLS]).purge()


def _on_published(sender, instance, **kwargs):
    if enabled():
        schedule(urls_showing(instance))


def _on_unpublished(sender, instance, **kwargs):
    if not enabled():
        return
    parent = instance.get_parent()
    if parent is not None and parent.depth > 1 and not parent.live:
        # Part of a section withdrawn as a whole: the section's own purge covers everything
        # under it, and its listings and feeds.
        schedule([instance.get_full_url() + "*"] if instance.get_full_url() else [])
        return
    schedule(urls_showing(instance, withdrawn=True))


def _on_moved(sender, instance, url_path_before, url_path_after, parent_page_before, **kwargs):
    if not enabled() or url_path_before == url_path_after:
        return
    urls = _old_address(instance, url_path_before)
    if instance.live:
        urls += urls_showing(instance)
    if parent_page_before is not None and parent_page_before.live:
        urls += urls_showing(parent_page_before)
    schedule(urls)


def _on_slug_changed(sender, instance, instance_before, **kwargs):
    if enabled() and instance_before.live:
        schedule(_old_address(instance, instance_before.url_path))


def _old_address(page, url_path):
    """The page's former address and everything under it: readers now get 404 or a redirect."""
    current = page.url_path
    page.url_path = url_path
    try:
        old = page.get_full_url()
    finally:
        page.url_path = current
    return [old + "*"] if old else []


def _on_restriction(sender, instance, **kwargs):
    # A page put behind a login or password, or made public again: every copy of it and of
    # what lists it must go.
    if enabled():
        schedule(urls_showing(instance.page, withdrawn=True))
