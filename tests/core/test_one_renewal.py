"""`core.cache.one_renewal()`: a batch of changes renews the content generation once, and never
loses the renewal a change asked for, whether the block nests or fails."""

from django.db import transaction

import pytest

from core import cache as content_cache

BOTH = (content_cache.BASE_GENERATION_KEY, content_cache.GENERATION_KEY)


@pytest.fixture
def renewals(monkeypatch):
    made = []
    monkeypatch.setattr(content_cache, "_renew", lambda *keys: made.append(keys))
    return made


def test_many_changes_in_one_block_renew_once(db, renewals, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), content_cache.one_renewal():
        content_cache.start_new_generation()
        content_cache.renew_everything()
        content_cache.start_new_generation()
    assert renewals == [BOTH]


def test_a_nested_block_leaves_the_renewal_to_the_outer_one(
    db, renewals, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), content_cache.one_renewal():
        with content_cache.one_renewal():
            content_cache.start_new_generation()
        assert renewals == []  # not yet: the outer block is still open
        content_cache.start_new_generation()
    assert renewals == [(content_cache.GENERATION_KEY,)]


def test_a_block_that_fails_still_renews_what_it_changed(
    db, renewals, django_capture_on_commit_callbacks
):
    """What was saved before the error may be committed: one renewal too many costs a rebuild,
    one too few would serve old pages."""
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        content_cache.one_renewal(),
    ):
        content_cache.renew_everything()
        raise RuntimeError("the moderator's action stopped halfway")
    assert renewals == [BOTH]


def test_a_rolled_back_transaction_renews_nothing(db, renewals, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
        content_cache.one_renewal(),
    ):
        content_cache.renew_everything()
        raise RuntimeError("nothing was saved")
    assert renewals == []


def test_outside_a_block_each_change_renews_on_its_own(
    db, renewals, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        content_cache.start_new_generation()
        content_cache.start_new_generation()
    assert renewals == [(content_cache.GENERATION_KEY,)] * 2
