"""Factories per desk, for tests: `from tests.factories import ArticlePageFactory`."""

from .dialogues import DialoguePageFactory, answered, dialogue_question, guest
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
from .policy import (
    AnswerFactory,
    IssuingBodyFactory,
    LegalDocumentIndexPageFactory,
    LegalDocumentPageFactory,
    LegalFieldFactory,
    PolicyIndexPageFactory,
    PolicyPageFactory,
    SubmissionFactory,
    milestone,
    open_for_comment,
    relate,
)

__all__ = [
    "DialoguePageFactory",
    "answered",
    "dialogue_question",
    "guest",
    "AnswerFactory",
    "SubmissionFactory",
    "IssuingBodyFactory",
    "LegalDocumentIndexPageFactory",
    "LegalDocumentPageFactory",
    "LegalFieldFactory",
    "PolicyIndexPageFactory",
    "PolicyPageFactory",
    "milestone",
    "open_for_comment",
    "relate",
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
