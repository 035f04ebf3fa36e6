"""The live desk: who may post to a live page, and each change to its updates, recorded.

Reporters of the live desk ("Phóng viên tường thuật") post to the live pages an editor assigned
them to; editors (Biên tập viên, Tổng biên tập, administrators) act on every live page. Within
GRACE of posting, the poster edits or deletes an update silently (a typo, a wrong photo); after
it, or when someone else does it, an edit is a correction shown on the update with its note,
and a removal is a withdrawal: the update stays in place as a notice with the reason, its
content gone from the page, feeds and the API. Editors pin one update above the others.

Each change is one transaction with its history row, and renews only the page's own answers
(core.live.renew) once committed: no revision, no publication, no listing renewed.
"""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.models import Page
from wagtail.search import index

from core import live

from .models import (
    LiveCoveragePage,
    LiveDeskAssignment,
    LiveUpdate,
    LiveUpdateAction,
    LiveUpdateHistory,
)

GRACE = timedelta(minutes=10)
LIVE_REPORTER = "Phóng viên tường thuật"


# The desk's rights are model permissions (migration 0019), read from the user's permission
# cache, which the admin loads on every page anyway: the menu costs no query.
POST_PERMISSION = "newsroom.add_liveupdate"  # the live-desk reporter: the pages assigned
EDIT_ANY_PERMISSION = "newsroom.change_liveupdate"  # editors: every live page, any update


def is_editor(user):
    return user.is_active and user.has_perm(EDIT_ANY_PERMISSION)


def is_on_desk(user):
    """An editor, or a reporter of the live desk (who sees the pages assigned to them)."""
    return is_editor(user) or (user.is_active and user.has_perm(POST_PERMISSION))


def pages_for(user):
    """The live pages `user` may post to, newest event first."""
    pages = LiveCoveragePage.objects.order_by("-started_at", "-pk")
    if is_editor(user):
        return pages
    if not user.is_active:
        return pages.none()
    return pages.filter(desk_assignments__user=user)


def may_post(user, page):
    if is_editor(user):
        return True
    return user.is_active and LiveDeskAssignment.objects.filter(page=page, user=user).exists()


def in_grace(update, now=None):
    return (now or timezone.now()) - update.posted_at <= GRACE


def may_change_silently(user, update):
    """Edit or delete without a trace on the page: the poster, within the grace period."""
    return (
        update.posted_by_id == user.pk
        and in_grace(update)
        and not update.is_withdrawn
        and not update.corrected_at
    )


def may_correct(user, update):
    """Correct or withdraw: an editor any update, a reporter their own."""
    if update.is_withdrawn or update.is_removed:
        return False
    return is_editor(user) or update.posted_by_id == user.pk


def may_pin(user):
    return is_editor(user)


def _record(update, action, user, before=None, note="", at=None):
    LiveUpdateHistory.objects.create(
        update=update,
        action=action,
        user=user,
        at=at or update.changed_at,
        content_before=before if before is not None else [],
        note=note,
    )


def _renew_on_commit(update, *, hard=False):
    page_id = update.page_id
    transaction.on_commit(lambda: after_change(page_id, hard=hard))


def after_change(page_id, *, hard=False):
    """Once a change is committed: the page's answers renewed (`hard` when something shown is
    taken away: no cache serves the old copy meanwhile), its search entry refreshed."""
    live.renew(page_id, hard=hard)
    page = LiveCoveragePage.objects.filter(pk=page_id, live=True).first()
    if page is not None:
        index.insert_or_update_object(page)


@transaction.atomic
def post(page, user, content):
    if not may_post(user, page):
        raise PermissionDenied
    now = timezone.now()
    update = LiveUpdate.objects.create(
        page=page, content=content, posted_by=user, posted_at=now, changed_at=now
    )
    _record(update, LiveUpdateAction.POSTED, user)
    _renew_on_commit(update)
    return update


@transaction.atomic
def edit(update, user, content, note=""):
    """A silent edit by the poster within the grace period, else a correction with `note`."""
    update = LiveUpdate.objects.select_for_update().get(pk=update.pk)
    before = list(update.content.raw_data)
    now = timezone.now()
    if may_change_silently(user, update):
        action = LiveUpdateAction.EDITED
    elif may_correct(user, update):
        if not note.strip():
            raise ValidationError(
                {"note": _("Ghi rõ đã sửa gì: ghi chú này hiện cùng cập nhật cho bạn đọc.")}
            )
        action = LiveUpdateAction.CORRECTED
        update.corrected_at = now
        update.correction_note = note.strip()
    else:
        raise PermissionDenied
    update.content = content
    update.changed_at = now
    update.save()
    _record(update, action, user, before, note.strip())
    _renew_on_commit(update)
    return update


@transaction.atomic
def remove(update, user, reason=""):
    """A silent delete by the poster within the grace period, else a withdrawal with `reason`,
    shown where the update was."""
    update = LiveUpdate.objects.select_for_update().get(pk=update.pk)
    before = list(update.content.raw_data)
    now = timezone.now()
    if may_change_silently(user, update):
        action = LiveUpdateAction.DELETED
        update.removed_at = now
    elif may_correct(user, update):
        if not reason.strip():
            raise ValidationError(
                {"reason": _("Ghi lý do rút: lý do này hiện cho bạn đọc ở chỗ cập nhật.")}
            )
        action = LiveUpdateAction.WITHDRAWN
        update.withdrawn_at = now
        update.withdrawal_reason = reason.strip()
    else:
        raise PermissionDenied
    update.pinned = False
    update.content = []  # the history keeps what it said; readers never get it again
    update.changed_at = now
    update.save()
    _record(update, action, user, before, reason.strip())
    _renew_on_commit(update, hard=True)
    return update


@transaction.atomic
def pin(update, user, pinned=True):
    """Pin `update` above the others (the one pinned before is unpinned), or unpin it."""
    if not may_pin(user):
        raise PermissionDenied
    # The page's row first: two editors pinning two updates at once take turns, so the second
    # unpins the first's (the constraint on LiveUpdate is the last guard).
    list(Page.objects.select_for_update().filter(pk=update.page_id).values_list("pk"))
    update = LiveUpdate.objects.select_for_update().get(pk=update.pk)
    if update.is_removed or update.is_withdrawn:
        raise ValidationError(_("Không thể ghim cập nhật đã xoá hoặc đã rút."))
    now = timezone.now()
    if pinned:
        for other in LiveUpdate.objects.filter(page_id=update.page_id, pinned=True).exclude(
            pk=update.pk
        ):
            other.pinned, other.changed_at = False, now
            other.save(update_fields=["pinned", "changed_at"])
            _record(other, LiveUpdateAction.UNPINNED, user)
    update.pinned, update.changed_at = pinned, now
    update.save(update_fields=["pinned", "changed_at"])
    _record(update, LiveUpdateAction.PINNED if pinned else LiveUpdateAction.UNPINNED, user)
    _renew_on_commit(update)
    return update


def assign(page, reporter, by):
    if not is_editor(by):
        raise PermissionDenied
    return LiveDeskAssignment.objects.get_or_create(
        page=page, user=reporter, defaults={"assigned_by": by}
    )[0]


def unassign(page, reporter, by):
    if not is_editor(by):
        raise PermissionDenied
    LiveDeskAssignment.objects.filter(page=page, user=reporter).delete()
