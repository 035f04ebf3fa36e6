import re

from django.urls import path, register_converter

from . import views
from .render import SUFFIXES
from .websub.hub import hub


class FeedFormat:
    """A feed's format from its address's ending, and back: `rss`, `atom`, `ninjs.json`."""

    regex = "|".join(re.escape(suffix) for suffix in SUFFIXES.values())
    formats = {suffix: fmt for fmt, suffix in SUFFIXES.items()}

    def to_python(self, value):
        return self.formats[value]

    def to_url(self, value):
        return SUFFIXES.get(value, value)


register_converter(FeedFormat, "feed_format")

app_name = "syndication"
urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", views.sitemap_index, name="sitemap_index"),
    path("sitemap-<slug:section>.xml", views.sitemap_section, name="sitemap"),
    path("news-sitemap.xml", views.news_sitemap, name="news_sitemap"),
    path("feeds/", views.feed_list, name="feed_list"),
    # The WebSub hub every feed names (syndication/websub/).
    path("websub/", hub, name="websub"),
    path("feeds/latest.<feed_format:fmt>", views.feed, {"source": "latest"}, name="latest"),
    path(
        "feeds/section/<slug:slug>.<feed_format:fmt>",
        views.feed,
        {"source": "section"},
        name="section",
    ),
    path(
        "feeds/topic/<slug:slug>.<feed_format:fmt>", views.feed, {"source": "topic"}, name="topic"
    ),
    path(
        "feeds/policy/<slug:slug>.<feed_format:fmt>",
        views.feed,
        {"source": "policy"},
        name="policy",
    ),
    path(
        "feeds/legal-documents.<feed_format:fmt>",
        views.feed,
        {"source": "legal_documents"},
        name="legal_documents",
    ),
    path(
        "feeds/multimedia/<slug:kind>.<feed_format:fmt>",
        views.feed,
        {"source": "multimedia"},
        name="multimedia",
    ),
    # Tombstones only: Atom is the format that has them (RFC 6721).
    path(
        "feeds/withdrawn.atom", views.feed, {"source": "withdrawn", "fmt": "atom"}, name="withdrawn"
    ),
    # A podcast is RSS only: that is what podcast apps read.
    path("feeds/podcast.rss", views.feed, {"source": "podcast"}, name="podcast"),
]
