"""Factories per desk, for tests: `from tests.factories import ArticlePageFactory`."""

from .media import PortalImageFactory
from .newsroom import ArticlePageFactory, AuthorFactory, HomePageFactory, SectionPageFactory

__all__ = [
    "ArticlePageFactory",
    "AuthorFactory",
    "HomePageFactory",
    "PortalImageFactory",
    "SectionPageFactory",
]
