"""Factories per desk, for tests: `from tests.factories import ArticlePageFactory`."""

from .media import PortalImageFactory
from .multimedia import (
    AudioBulletinPageFactory,
    InfographicPageFactory,
    MultimediaIndexPageFactory,
    PhotoStoryPageFactory,
    PortalMediaFactory,
    VideoPageFactory,
)
from .newsroom import (
    ArticlePageFactory,
    AuthorFactory,
    HomePageFactory,
    LiveCoveragePageFactory,
    SectionPageFactory,
    live_update,
)

__all__ = [
    "AudioBulletinPageFactory",
    "InfographicPageFactory",
    "MultimediaIndexPageFactory",
    "PhotoStoryPageFactory",
    "PortalMediaFactory",
    "VideoPageFactory",
    "ArticlePageFactory",
    "AuthorFactory",
    "HomePageFactory",
    "LiveCoveragePageFactory",
    "PortalImageFactory",
    "SectionPageFactory",
    "live_update",
]
