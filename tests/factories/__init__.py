"""Factories per desk, for tests: `from tests.factories import ArticlePageFactory`."""

from .media import PortalImageFactory
from .newsroom import (
    ArticlePageFactory,
    AuthorFactory,
    HomePageFactory,
    LiveCoveragePageFactory,
    SectionPageFactory,
    live_update,
)

__all__ = [
    "ArticlePageFactory",
    "AuthorFactory",
    "HomePageFactory",
    "LiveCoveragePageFactory",
    "PortalImageFactory",
    "SectionPageFactory",
    "live_update",
]
