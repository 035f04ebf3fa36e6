"""Feeds are built once and kept in the shared cache until anything they may show changes.

Every cached feed's key carries a *generation*; publishing, unpublishing, moving or deleting a
page, changing a view restriction, or saving what entries show of other models (a photo's
credit, an author's name, a topic, an agency's answer, the site settings) starts a new one, so
every feed is rebuilt on its next request, in every app process that shares the cache. The new
generation starts when the change is committed: a reader who asks between the change and the
commit still gets the old feed, and the one after the commit the new one.

Rebuilding every feed on any change is cheap at the portal's pace (dozens of publications an
hour against ~800 polls a minute); an entry also expires after ten minutes, so a change made
behind Wagtail's back (a raw SQL fix) shows within that time.
"""

import uuid

from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

GENERATION_KEY = "feeds:generation"
ENTRY_SECONDS = 600
# What a feed entry shows of models other than pages.
SHOWN_IN_FEEDS = [
    "media.PortalImage",
    "media.PortalMedia",
    "media.PortalDocument",
    "newsroom.Author",
    "newsroom.Topic",
    "policy_pages.IssuingBody",
    "policy_pages.LegalField",
    "policy_pages.Answer",
    "core.SiteSettings",
]


def generation():
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        value = cache.get(GENERATION_KEY) or "none"  # "none": the cache is down
    return value


def start_new_generation(**kwargs):
    transaction.on_commit(lambda: cache.set(GENERATION_KEY, uuid.uuid4().hex, None))


def connect():
    """Called once from the app's ready()."""
    page_published.connect(start_new_generation, dispatch_uid="feeds-published")
    page_unpublished.connect(start_new_generation, dispatch_uid="feeds-unpublished")
    post_page_move.connect(start_new_generation, dispatch_uid="feeds-moved")
    post_delete.connect(_on_delete, dispatch_uid="feeds-deleted")
    submission = apps.get_model("policy_pages.Submission")
    post_save.connect(_on_submission, sender=submission, dispatch_uid="feeds-submission")
    post_delete.connect(start_new_generation, sender=submission, dispatch_uid="feeds-sub-del")
    for model in (PageViewRestriction, *map(apps.get_model, SHOWN_IN_FEEDS)):
        for signal in (post_save, post_delete):
            signal.connect(start_new_generation, sender=model, dispatch_uid=f"feeds-{model}")


def _on_delete(sender, instance, **kwargs):
    # A deleted live page leaves every feed that listed it; drafts never were in one.
    if isinstance(instance, Page) and instance.live:
        start_new_generation()


def _on_submission(sender, instance, created, **kwargs):
    # A new comment waits for moderation and is in no feed: the many sent an hour change none.
    # A moderator's verdict or an answer (given or taken back) may change a policy's feed.
    if not created:
        start_new_generation()
