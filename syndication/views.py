from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from wagtail.contrib.sitemaps import views as sitemap_views

from core.models import SiteSettings

from .sitemaps import PageSitemap, recent_news

SITEMAPS = {"trang": PageSitemap}
FIVE_MINUTES = 300


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
        f"Sitemap: {request.build_absolute_uri(reverse('syndication:sitemap_index'))}",
        f"Sitemap: {request.build_absolute_uri(reverse('syndication:news_sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
