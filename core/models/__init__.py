"""Shared models: page mixins every desk builds on, and the site-wide settings.

Dependencies point one way: desks import from here, never the reverse.
"""

from .fields import optional_document_field, optional_image_field, optional_link
from .jobs import ScheduledRun
from .mixins import (
    BasePage,
    IntroductionMixin,
    ListingFields,
    PublicationTimeMixin,
    live_stories,
)
from .site_settings import SiteSettings

__all__ = [
    "BasePage",
    "IntroductionMixin",
    "ListingFields",
    "PublicationTimeMixin",
    "ScheduledRun",
    "SiteSettings",
    "live_stories",
    "optional_document_field",
    "optional_image_field",
    "optional_link",
]
