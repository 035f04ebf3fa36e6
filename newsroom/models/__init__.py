"""The news desk's models, split by concept.

Dependencies inside the package point one way: topics and authors know nothing of pages;
article builds on both; live coverage is an article, and its updates (live_updates) build on it;
listing (home, sections) builds on article.
"""

from core.paginate import LISTING_PAGE_SIZE

from .article import (
    ArticleAuthor,
    ArticleCorrection,
    ArticlePage,
    RelatedArticle,
)
from .authors import Author
from .listing import (
    FEATURED_COUNT,
    HOME_LATEST_COUNT,
    SECTION_PAGE_SIZE,
    HomeFeaturedSlot,
    HomePage,
    SectionPage,
)
from .live import LiveCoveragePage
from .live_updates import (
    LiveDeskAssignment,
    LiveUpdate,
    LiveUpdateAction,
    LiveUpdateBlock,
    LiveUpdateHistory,
)
from .topics import ArticleTopic, Topic

__all__ = [
    "FEATURED_COUNT",
    "HomeFeaturedSlot",
    "HOME_LATEST_COUNT",
    "LISTING_PAGE_SIZE",
    "SECTION_PAGE_SIZE",
    "ArticleAuthor",
    "ArticleCorrection",
    "ArticlePage",
    "ArticleTopic",
    "Author",
    "HomePage",
    "LiveCoveragePage",
    "LiveDeskAssignment",
    "LiveUpdate",
    "LiveUpdateAction",
    "LiveUpdateBlock",
    "LiveUpdateHistory",
    "RelatedArticle",
    "SectionPage",
    "Topic",
]
