import hashlib
import time
from urllib.parse import urlencode

from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.encoding import iri_to_uri
from django.utils.http import http_date, quote_etag
from django.views.decorators.cache import cache_control
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_safe

from wagtail.contrib.sitemaps import views as sitemap_views
from wagtail.models import Site

from core import cache_tags
from core.addresses import absolute, site_root
from core.models import SiteSettings

from . import feeds
from . import render as feed_render
from .directory import feed_directory
from .sitemaps import PageSitemap, recent_news
from .withdrawals import tombstones

SITEMAPS = {"trang": PageSitemap}
FIVE_MINUTES = 300
# Outlets poll every few minutes; a minute keeps a proxy's copy close to what the portal has.
FEED_MAX_AGE = 60
FIRST_SEEN_SECONDS = 7 * 24 * 3600
# A built feed is kept until what it shows changes (core/cache_tags.py), ten minutes at most.
ENTRY_SECONDS = 600
BUILD_WAIT_SECONDS = 3
# The document feed's filters; anything else in the address is ignored.
DOCUMENT_FILTERS = ("loai", "co-quan", "linh-vuc", "hieu-luc", "nam")
# How many items the answer holds, for the count of what each outlet fetched
# (syndication/outlet_polls.py, which drops the header before the answer leaves).
ITEMS_HEADER = "X-Feed-Items"


@require_safe
@cache_control(max_age=FIVE_MINUTES, public=True)
def sitemap_index(request):
    return sitemap_views.index(request, SITEMAPS, sitemap_url_name="syndication:sitemap")


@require_safe
@cache_control(max_age=FIVE_MINUTES, public=True)
def sitemap_section(request, section):
    return sitemap_views.sitemap(request, SITEMAPS, section=section)


@require_safe
@cache_control(max_age=FIVE_MINUTES, public=True)
def news_sitemap(request):
    """Google News' format: articles of the last 48 hours, with the publication's name and
    language, and the time in Hà Nội's zone."""
    return render(
        request,
        "syndication/news_sitemap.xml",
        {"stories": recent_news(), "publication": SiteSettings.for_request(request).site_name},
        content_type="application/xml; charset=utf-8",
    )


@require_safe
@cache_control(max_age=3600, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /y-kien/",
        "Disallow: /search/",
        "",
        f"Sitemap: {absolute(reverse('syndication:sitemap_index'), request)}",
        f"Sitemap: {absolute(reverse('syndication:news_sitemap'), request)}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
@gzip_page
def feed(request, source, fmt="rss", **kwargs):
    """One feed, from the shared cache when it has it (no database query then), with the
    validators feed readers send back: a matching `If-None-Match` or `If-Modified-Since` gets
    304 and no body."""
    # The clock is read first (in lookup()): a change committed while this request builds the
    # feed renews it, never lands under it.
    variant = _document_variant(request.GET) if source == "legal_documents" else ""
    cached, stamp, fresh = cache_tags.lookup(_cache_key(request, source, fmt, kwargs, variant))
    if cached is not None and fresh:
        cache_tags.add(*cached["tags"])  # for the page cache's copy of this answer
    else:
        cached = _build(request, stamp, source, fmt, kwargs)
    response = HttpResponse(cached["body"], content_type=feed_render.CONTENT_TYPES[fmt])
    # WebSub discovery (W3C WebSub, 4): the hub that pushes this feed, and its own address.
    root = site_root(request)
    self_url = cached.get("self") or root + request.path
    hub_url = _hub_url(root)
    response["Link"] = f'<{iri_to_uri(hub_url)}>; rel="hub", <{iri_to_uri(self_url)}>; rel="self"'
    response["ETag"] = cached["etag"]
    response["Last-Modified"] = http_date(cached["modified"])
    if "items" in cached:  # an entry kept before items were counted has none
        response[ITEMS_HEADER] = str(cached["items"])
    patch_cache_control(response, public=True, max_age=FEED_MAX_AGE)
    return get_conditional_response(
        request, etag=cached["etag"], last_modified=cached["modified"], response=response
    )


def _build(request, stamp, source, fmt, kwargs):
    site = Site.find_for_request(request)
    if site is None:
        raise Http404("Không có trang này.")
    with cache_tags.collecting() as tags:
        # Every feed lists what was published last (of its kind, section, topic…).
        cache_tags.add(cache_tags.PUBLICATIONS)
        feed_ = feeds.find(request, site, source, **kwargs)
        # Written under the canonical filters: odd or unknown values share the entry of what
        # they actually select, so no address can fill the cache with copies.
        key = _cache_key(request, source, fmt, kwargs, feed_.variant)
        cached = _fresh_entry(key) or _built_by_another(key)
        if cached is None:
            cached = _render(request, site, feed_, fmt)
            cache_tags.store(key, stamp, _seconds(feed_), tags, **cached)
            cache.delete(f"{key}:building")
    return cached


def _fresh_entry(key):
    entry, _stamp, fresh = cache_tags.lookup(key)
    if entry is not None and fresh:
        cache_tags.add(*entry["tags"])
        return entry
    return None


def _seconds(feed_):
    # Every feed /feeds/ lists has at most one filter; a combination of several is served but
    # kept only briefly, so combinations cannot crowd the cache.
    return FEED_MAX_AGE if feed_.variant.count("&") >= 1 else ENTRY_SECONDS


def _render(request, site, feed_, fmt):
    self_url = site.root_url + request.path
    if feed_.variant:
        self_url += f"?{feed_.variant}"
    # RSS has no tombstone: its readers see the item gone.
    withdrawals = tombstones(feed_.name, site.root_url) if fmt != feed_render.RSS else []
    entries = feed_.build()
    body = feed_render.render(feed_, entries, fmt, self_url, _hub_url(site.root_url), withdrawals)
    etag = quote_etag(hashlib.sha256(body).hexdigest()[:32])
    # The same bytes keep the time they first went out, so a reader that sends only
    # If-Modified-Since gets 304 after a rebuild that changed nothing in this feed.
    cache.add(f"feeds:since:{etag}", int(time.time()), FIRST_SEEN_SECONDS)
    modified = cache.get(f"feeds:since:{etag}") or int(time.time())
    return {
        "body": body,
        "etag": etag,
        "modified": modified,
        "self": self_url,
        "items": len(entries),
    }


def _hub_url(root_url):
    """The WebSub hub that pushes the site's feeds (syndication/websub/)."""
    return root_url + reverse("syndication:websub")


def _built_by_another(key):
    """The feed another request is building now, once it is there; None if this request is to
    build it. After a publication ~800 outlets ask for the same few feeds within seconds: one
    request per feed builds it and the others wait for its bytes (at most BUILD_WAIT_SECONDS,
    then they build it themselves, so a builder that died costs a delay, never an error)."""
    # add() answers None, not False, when the cache is down: then nobody can be building it.
    if cache.add(f"{key}:building", 1, BUILD_WAIT_SECONDS) is not False:
        return None
    deadline = time.monotonic() + BUILD_WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(0.05)
        cached = _fresh_entry(key)
        if cached is not None:
            return cached
    return None


def _document_variant(params):
    return urlencode(
        sorted((name, params[name][:80]) for name in DOCUMENT_FILTERS if params.get(name))
    )


def _cache_key(request, source, fmt, kwargs, variant):
    # Today's date is part of it: a policy's milestone dated ahead joins its feed on its day.
    parts = [request.get_host(), source, fmt, timezone.localdate().isoformat()]
    parts += [f"{name}={value}" for name, value in sorted(kwargs.items())]
    digest = hashlib.sha256("|".join([*parts, variant]).encode()).hexdigest()[:40]
    return f"feeds:{digest}"


@require_safe
def feed_list(request):
    """/feeds/: every feed with its address, and the terms on which outlets may republish."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404("Không có trang này.")
    return render(
        request,
        "syndication/feed_list.html",
        {"groups": feed_directory(site), "settings_": SiteSettings.for_site(site)},
    )
