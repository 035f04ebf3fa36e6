"""`core.cache_tags.one_renewal()`: a batch of changes renews their tags once, and never loses
the renewal a change asked for, whether the block nests or fails."""

from django.db import transaction

import pytest

from core import cache_tags


@pytest.fixture
def renewals(monkeypatch):
    made = []
    monkeypatch.setattr(cache_tags, "_renew", lambda tags, hard: made.append((tags, hard)))
    return made


def test_many_changes_in_one_block_renew_once(db, renewals, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), cache_tags.one_renewal():
        cache_tags.invalidate("participation-1")
        cache_tags.invalidate("page-2", hard=True)
        cache_tags.invalidate("participation-1")
    assert renewals == [({"participation-1", "page-2"}, True)]


def test_a_nested_block_leaves_the_renewal_to_the_outer_one(
    db, renewals, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), cache_tags.one_renewal():
        with cache_tags.one_renewal():
            cache_tags.invalidate("page-2")
        assert renewals == []  # not yet: the outer block is still open
        cache_tags.invalidate("page-3")
    assert renewals == [({"page-2", "page-3"}, False)]


def test_a_block_that_fails_still_renews_what_it_changed(
    db, renewals, django_capture_on_commit_callbacks
):
    """What was saved before the error may be committed: one renewal too many costs a render,
    one too few would serve old pages."""
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        cache_tags.one_renewal(),
    ):
        cache_tags.renew_everything()
        raise RuntimeError("the moderator's action stopped halfway")
    assert renewals == [({"all"}, True)]


def test_a_rolled_back_transaction_renews_nothing(db, renewals, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
        cache_tags.one_renewal(),
    ):
        cache_tags.renew_everything()
        raise RuntimeError("nothing was saved")
    assert renewals == []


def test_outside_a_block_each_change_renews_on_its_own(
    db, renewals, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        cache_tags.invalidate("page-2")
        cache_tags.invalidate("page-2")
    assert renewals == [({"page-2"}, False)] * 2


def test_with_tags_off_every_renewal_renews_everything(
    db, renewals, settings, django_capture_on_commit_callbacks
):
    """The bench's comparison with the whole-site generation (CACHE_TAGS=0)."""
    settings.CACHE_TAGS = False
    with django_capture_on_commit_callbacks(execute=True):
        cache_tags.invalidate("page-2")
    assert renewals == [({"all"}, False)]
