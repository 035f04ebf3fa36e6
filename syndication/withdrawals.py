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

from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from core.guarded import guarded

from . import changes
from .appearances import feeds_showing
from .entries import tag_uri
from .feeds import EVERYTHING, WITHDRAWN
from .models import Withdrawal, WithdrawnFrom
from .models.withdrawals import WithdrawalReason


def tombstones(feed_name, root_url):
    """The withdrawals of the site at `root_url` that the feed named `feed_name` carries now,
    newest first: those it listed, or all of them in `/feeds/withdrawn.atom`."""
    withdrawals = Withdrawal.objects.recent().filter(url__startswith=root_url + "/")
    if feed_name != WITHDRAWN:
        withdrawals = withdrawals.in_feed(feed_name)
    return list(withdrawals)


def _restricted_paths(excluding=None):
    restrictions = PageViewRestriction.objects.all()
    if excluding is not None:
        restrictions = restrictions.exclude(pk=excluding)
    return list(restrictions.values_list("page__path", flat=True))


def _public(page, restricted_paths):
    return not any(page.path.startswith(path) for path in restricted_paths)


def withdraw(page, reason, when=None):
    """Record `page` (specific, as it was out) as withdrawn, with the feeds that listed it, and
    tell the feeds' subscribers once committed. Pages no feed lists are not recorded."""
    if not isinstance(page, EVERYTHING):
        return None
    site = page.get_site()
    if site is None:
        return None
    names = feeds_showing(page)
    withdrawal, _created = Withdrawal.objects.update_or_create(
        page_id=page.pk,
        defaults={
            "guid": tag_uri(site.root_url, f"trang-{page.pk}"),
            "url": page.get_full_url(),
            "title": page.title[:255],
            "withdrawn_at": when or timezone.now(),
            "reason": reason,
        },
    )
    withdrawal.feeds.all().delete()
    WithdrawnFrom.objects.bulk_create(
        [WithdrawnFrom(withdrawal=withdrawal, feed=name) for name in names]
    )
    changes.announce(page, names)
    return withdrawal


def _unpublished(page):
    page = page.specific
    if _public(page, _restricted_paths()):
        withdraw(page, WithdrawalReason.UNPUBLISHED)


def _deleted(page):
    # Wagtail unpublishes a live page just before deleting it (its pre_delete handler), which
    # recorded it above; now the reason is known.
    Withdrawal.objects.filter(page_id=page.pk).update(reason=WithdrawalReason.DELETED)


def _published(page):
    page = page.specific
    if _public(page, _restricted_paths()):
        Withdrawal.objects.filter(page_id=page.pk).delete()


def _live_under(page):
    return Page.objects.live().descendant_of(page, inclusive=True).specific()


def _restricted(restriction):
    """A new view restriction: the live pages it hides that were public until now."""
    before = _restricted_paths(excluding=restriction.pk)
    if not _public(restriction.page, before):
        return  # already hidden by a restriction above it
    for page in _live_under(restriction.page):
        if _public(page, before):
            withdraw(page, WithdrawalReason.PRIVATE)


def _restriction_lifted(restriction):
    """The pages it hid that are public again are back in their feeds: no tombstone now."""
    page = Page.objects.filter(pk=restriction.page_id).first()
    if page is None:
        return  # deleted with its page
    remaining = _restricted_paths(excluding=restriction.pk)
    back = [live.pk for live in _live_under(page) if _public(live, remaining)]
    Withdrawal.objects.filter(page_id__in=back, reason=WithdrawalReason.PRIVATE).delete()


def _moved(page, parent_before):
    """A live page moved under a restriction leaves the feeds as surely as one made private."""
    page = page.specific
    if not page.live or parent_before is None:
        return
    restricted = _restricted_paths()
    if _public(parent_before, restricted) and not _public(page, restricted):
        for moved in _live_under(page):
            withdraw(moved, WithdrawalReason.PRIVATE)


def _on_restriction_saved(sender, instance, created, **kwargs):
    if created:
        guarded(_restricted)(sender, instance)


def _on_moved(sender, instance, **kwargs):
    def moved(page):
        _moved(page, kwargs.get("parent_page_before"))

    guarded(moved)(sender, instance)


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
    post_page_move.connect(_on_moved, dispatch_uid="withdrawals-moved", weak=False)


def _on_page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        guarded(_deleted)(sender, instance)
