import hashlib
import time
from urllib.parse import urlencode

from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag
from django.views.decorators.cache import cache_control
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_safe

from wagtail.contrib.sitemaps import views as sitemap_views
from wagtail.models import Site

from core.addresses import absolute
from core.cache import generation
from core.models import SiteSettings

from . import feeds
from . import render as feed_render
from .directory import feed_directory
from .sitemaps import PageSitemap, recent_news

SITEMAPS = {"trang": PageSitemap}
FIVE_MINUTES = 300
# Outlets poll every few minutes; a minute keeps a proxy's copy close to what the portal has.
FEED_MAX_AGE = 60
SOURCES = {
    "latest": feeds.latest_feed,
    "section": feeds.section_feed,
    "topic": feeds.topic_feed,
    "policy": feeds.policy_feed,
    "legal_documents": feeds.legal_documents_feed,
    "multimedia": feeds.multimedia_feed,
    "podcast": feeds.podcast_feed,
}
FIRST_SEEN_SECONDS = 7 * 24 * 3600
# A built feed waits for the next content generation (core/cache.py), ten minutes at most.
ENTRY_SECONDS = 600
BUILD_WAIT_SECONDS = 3
# The document feed's filters; anything else in the address is ignored.
DOCUMENT_FILTERS = ("loai", "co-quan", "linh-vuc", "hieu-luc", "nam")


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
    # The generation is read first: a change committed while this request builds the feed
    # then lands in the next generation, never under this one.
    current = generation()
    variant = _document_variant(request.GET) if source == "legal_documents" else ""
    cached = cache.get(_cache_key(request, current, source, fmt, kwargs, variant))
    if cached is None:
        cached = _build(request, current, source, fmt, kwargs)
    response = HttpResponse(cached["body"], content_type=feed_render.CONTENT_TYPES[fmt])
    response["ETag"] = cached["etag"]
    response["Last-Modified"] = http_date(cached["modified"])
    patch_cache_control(response, public=True, max_age=FEED_MAX_AGE)
    return get_conditional_response(
        request, etag=cached["etag"], last_modified=cached["modified"], response=response
    )


def _build(request, current, source, fmt, kwargs):
    site = Site.find_for_request(request)
    if site is None:
        raise Http404("Không có trang này.")
    feed_ = SOURCES[source](request, site, **kwargs)
    # Written under the canonical filters: odd or unknown values share the entry of what they
    # actually select, so no address can fill the cache with copies.
    key = _cache_key(request, current, source, fmt, kwargs, feed_.variant)
    cached = cache.get(key) or _built_by_another(key)
    if cached is None:
        self_url = site.root_url + request.path
        if feed_.variant:
            self_url += f"?{feed_.variant}"
        body = feed_render.render(feed_, feed_.build(), fmt, self_url)
        etag = quote_etag(hashlib.sha256(body).hexdigest()[:32])
        # The same bytes keep the time they first went out, so a reader that sends only
        # If-Modified-Since gets 304 after a rebuild that changed nothing in this feed.
        cache.add(f"feeds:since:{etag}", int(time.time()), FIRST_SEEN_SECONDS)
        modified = cache.get(f"feeds:since:{etag}") or int(time.time())
        cached = {"body": body, "etag": etag, "modified": modified}
        # Every feed /feeds/ lists has at most one filter; a combination of several is served
        # but kept only briefly, so combinations cannot crowd the cache.
        narrow = feed_.variant.count("&") >= 1
        cache.set(key, cached, FEED_MAX_AGE if narrow else ENTRY_SECONDS)
        cache.delete(f"{key}:building")
    return cached


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
        cached = cache.get(key)
        if cached is not None:
            return cached
    return None


def _document_variant(params):
    return urlencode(
        sorted((name, params[name][:80]) for name in DOCUMENT_FILTERS if params.get(name))
    )


def _cache_key(request, current, source, fmt, kwargs, variant):
    # Today's date is part of it: a policy's milestone dated ahead joins its feed on its day.
    parts = [current, request.get_host(), source, fmt, timezone.localdate().isoformat()]
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
