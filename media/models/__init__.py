from .assets import PortalDocument, PortalImage, PortalMedia, PortalRendition
from .pages import (
    KINDS,
    MULTIMEDIA_PAGE_TYPES,
    AudioBulletinPage,
    InfographicPage,
    MultimediaIndexPage,
    PhotoStoryPage,
    PhotoStoryPhoto,
    VideoPage,
    multimedia_stories,
)

__all__ = [
    "KINDS",
    "MULTIMEDIA_PAGE_TYPES",
    "AudioBulletinPage",
    "InfographicPage",
    "MultimediaIndexPage",
    "PhotoStoryPage",
    "PhotoStoryPhoto",
    "PortalDocument",
    "PortalImage",
    "PortalMedia",
    "PortalRendition",
    "VideoPage",
    "multimedia_stories",
]
