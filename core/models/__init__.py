"""Shared models: page mixins every desk builds on, and the site-wide settings.

Dependencies point one way: desks import from here, never the reverse.
"""

from .fields import optional_image_field
from .mixins import BasePage, ListingFields, live_stories
from .site_settings import SiteSettings

__all__ = ["BasePage", "ListingFields", "SiteSettings", "live_stories", "optional_image_field"]
