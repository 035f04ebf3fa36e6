import pytest


@pytest.fixture
def page_cache_on(settings):
    """The whole-page cache as production runs it (the tests' settings turn it off)."""
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture
def far_from_midnight(monkeypatch):
    """A day with hours left: a kept page's time is not cut short by the next day (which the
    page cache never outlives, tests/core/test_page_cache.py says how)."""
    from core import page_cache

    monkeypatch.setattr(page_cache, "seconds_to_midnight", lambda: 12 * 3600)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a change and its on-commit callbacks, as a committed transaction would."""

    def run(change):
        with django_capture_on_commit_callbacks(execute=True):
            change()

    return run
