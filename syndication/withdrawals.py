"""Withdrawals: a story that went out and was taken back (unpublished, made private, deleted).

Outlets hold copies of what the feeds gave them. When a story is withdrawn the portal writes down
what identifies their copy (syndication/models/withdrawals.py) and the feeds that listed it
(syndication/appearances.py), so that:
- those feeds carry its Atom tombstone (RFC 6721 `at:deleted-entry`) for TOMBSTONE_DAYS, and its
  ninjs item says `pubstatus: withdrawn`;
- `/feeds/withdrawn.atom` and `/api/v2/withdrawn/?since=` list it;
- WebSub subscribers of those feeds get them again (syndication/changes.py).
Only a story readers could see is recorded: a private page that is unpublished was never out, and
its title must not come out now. A story published again (and public) leaves the record: it is
back in its feeds under the same id.

The writes happen inside the editor's transaction (a failed unpublish leaves none) and never fail
it (core/guarded.py): a record that could not be written is logged.
"""

import threading
from dataclasses import dataclass

from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

from core.guarded import guarded
from core.privacy import is_public, read_restricted_paths

from . import changes
from .appearances import feeds_showing
from .entries import page_guid
from .feeds import EVERYTHING, WITHDRAWN
from .models import Withdrawal, WithdrawnFrom
from .models.withdrawals import WithdrawalReason

# Tombstones a feed carries at most (a feed lists 50 stories), and /feeds/withdrawn.atom.
MOST_TOMBSTONES = 100
MOST_WITHDRAWN = 1000


def tombstones(feed_name, root_url):
    """The withdrawals of the site at `root_url` that the feed named `feed_name` carries now,
    newest first: those it listed, or all of them in `/feeds/withdrawn.atom`."""
    withdrawals = Withdrawal.objects.recent().filter(url__startswith=root_url + "/")
    if feed_name != WITHDRAWN:
        withdrawals = withdrawals.in_feed(feed_name)
    # A section of thousands made private would otherwise put thousands of tombstones in every
    # poll of the feeds: the newest are kept, and the API lists them all.
    most = MOST_WITHDRAWN if feed_name == WITHDRAWN else MOST_TOMBSTONES
    return list(withdrawals[:most])


@dataclass
class OutThere:
    """What identifies a public page's copies, read while it is still where readers saw it."""

    page_id: int
    root_url: str
    url: str
    title: str
    feeds: list


def out_there(page):
    """`page` (specific, live, public) as outlets have it, or None if no feed lists it."""
    if not isinstance(page, EVERYTHING):
        return None
    site = page.get_site()
    if site is None:
        return None
    return OutThere(page.pk, site.root_url, page.get_full_url(), page.title, feeds_showing(page))


def record(copy, reason):
    """Record `copy` (an OutThere) as withdrawn; answers the names of the feeds it was in."""
    withdrawal, _created = Withdrawal.objects.update_or_create(
        page_id=copy.page_id,
        defaults={
            "guid": page_guid(copy.root_url, copy.page_id),
            "url": copy.url,
            "title": copy.title[:255],
            "withdrawn_at": timezone.now(),
            "reason": reason,
        },
    )
    withdrawal.feeds.all().delete()
    WithdrawnFrom.objects.bulk_create(
        [WithdrawnFrom(withdrawal=withdrawal, feed=name) for name in copy.feeds]
    )
    return copy.feeds


def withdraw_all(copies, reason):
    """Record each of `copies` and tell the subscribers of their feeds and of
    /feeds/withdrawn.atom, once, when committed."""
    copies = [copy for copy in copies if copy is not None]
    names = {name for copy in copies for name in record(copy, reason)}
    if copies:
        changes.announce_names([*sorted(names), WITHDRAWN], copies[0].root_url)


def withdraw(page, reason):
    """Record `page` (specific, as it was out) as withdrawn, with the feeds that listed it."""
    withdraw_all([out_there(page)], reason)


def forget(pages):
    """The withdrawals of `pages`, which are out again, forgotten (and their feeds told)."""
    pages = list(pages)
    gone = Withdrawal.objects.filter(page_id__in=[page.pk for page in pages])
    if pages and gone.exists():
        names = set(
            WithdrawnFrom.objects.filter(withdrawal__in=gone).values_list("feed", flat=True)
        )
        gone.delete()
        site = pages[0].get_site()
        if site is not None:
            changes.announce_names([*sorted(names), WITHDRAWN], site.root_url)


def _unpublished(page):
    page = page.specific
    if is_public(page, read_restricted_paths()):
        withdraw(page, WithdrawalReason.UNPUBLISHED)


def _deleted(page):
    # Wagtail unpublishes a live page just before deleting it (its pre_delete handler), which
    # recorded it above; now the reason is known.
    Withdrawal.objects.filter(page_id=page.pk).update(reason=WithdrawalReason.DELETED)


def _published(page):
    page = page.specific
    if is_public(page, read_restricted_paths()):
        forget([page])


def _live_under(page):
    return Page.objects.live().descendant_of(page, inclusive=True).specific()


def _restricted(restriction):
    """A new view restriction: the live pages it hides that were public until now."""
    before = read_restricted_paths(excluding=restriction.pk)
    if not is_public(restriction.page, before):
        return  # already hidden by a restriction above it
    copies = [out_there(page) for page in _live_under(restriction.page) if is_public(page, before)]
    withdraw_all(copies, WithdrawalReason.PRIVATE)


def _restriction_lifted(restriction):
    """The pages it hid that are public again are back in their feeds: no tombstone now."""
    page = Page.objects.filter(pk=restriction.page_id).first()
    if page is None:
        return  # deleted with its page
    remaining = read_restricted_paths(excluding=restriction.pk)
    back = [live for live in _live_under(page) if is_public(live, remaining)]
    forget(live for live in back if _withdrawn_as_private(live))


def _withdrawn_as_private(page):
    return Withdrawal.objects.filter(page_id=page.pk, reason=WithdrawalReason.PRIVATE).exists()


# The copies a move takes out of readers' sight, read before the move (where outlets have them)
# and recorded after it, by page id; per thread, as each request moves its own pages.
_moving = threading.local()


def _before_move(page, parent_after):
    """A live page going under a restriction leaves the feeds as surely as one made private:
    read its public pages' addresses and feeds where they are now."""
    if not hasattr(_moving, "copies"):
        _moving.copies = {}
    _moving.copies.pop(page.pk, None)  # left by a move that failed
    restricted = read_restricted_paths()
    if is_public(parent_after, restricted):
        return
    # A page with a restriction of its own (or under one inside it) was never public: skipped.
    _moving.copies[page.pk] = [
        out_there(live) for live in _live_under(page) if is_public(live, restricted)
    ]


def _after_move(page, parent_before):
    copies = getattr(_moving, "copies", {}).pop(page.pk, None)
    if copies:
        withdraw_all(copies, WithdrawalReason.PRIVATE)
        return
    restricted = read_restricted_paths()
    if parent_before is not None and not is_public(parent_before, restricted):
        # Back from under a restriction: what is public again is out again.
        back = [live for live in _live_under(page) if is_public(live, restricted)]
        forget(live for live in back if _withdrawn_as_private(live))


def _on_restriction_saved(sender, instance, created, **kwargs):
    if created:
        guarded(_restricted)(sender, instance)


def _on_before_move(sender, instance, **kwargs):
    def before(page):
        _before_move(page, kwargs["parent_page_after"])

    guarded(before)(sender, instance)


def _on_moved(sender, instance, **kwargs):
    def after(page):
        _after_move(page, kwargs.get("parent_page_before"))

    guarded(after)(sender, instance)


def connect():
    page_unpublished.connect(
        guarded(_unpublished), dispatch_uid="withdrawals-unpublished", weak=False
    )
    page_published.connect(guarded(_published), dispatch_uid="withdrawals-republished", weak=False)
    post_delete.connect(_on_page_deleted, dispatch_uid="withdrawals-deleted", weak=False)
    post_save.connect(
        _on_restriction_saved,
        sender=PageViewRestriction,
        dispatch_uid="withdrawals-restricted",
        weak=False,
    )
    post_delete.connect(
        guarded(_restriction_lifted),
        sender=PageViewRestriction,
        dispatch_uid="withdrawals-restriction-lifted",
        weak=False,
    )
    pre_page_move.connect(_on_before_move, dispatch_uid="withdrawals-moving", weak=False)
    post_page_move.connect(_on_moved, dispatch_uid="withdrawals-moved", weak=False)


def _on_page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        guarded(_deleted)(sender, instance)
