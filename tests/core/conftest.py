import pytest


@pytest.fixture
def page_cache_on(settings):
    """The whole-page cache as production runs it (the tests' settings turn it off)."""
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a change and its on-commit callbacks, as a committed transaction would."""

    def run(change):
        with django_capture_on_commit_callbacks(execute=True):
            change()

    return run
