import os

from django.core.cache import caches

from wagtail.models import Page, Site

import pytest

from core.pictures import clear_process_memo
from core.tag_memory import forget as forget_known
from tests.factories import HomePageFactory
from tests.helpers import log_in_verified

# Skips that CI turns into failures (tests/skips.py), and pytester to test that.
pytest_plugins = ["tests.skips", "pytester"]


@pytest.fixture
def home_page(db):
    """The portal's home page, served as the default site's root."""
    home = HomePageFactory(parent=Page.get_first_root_node())
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Cổng"},
    )
    return home


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache (the local one, or Redis in CI), and without the
    picture markup this process kept (core/pictures.py) and the cache tags' renewals it read
    (core/cache_tags.py): ids and file names come back from test to test."""
    for alias in ("default", "renditions"):
        caches[alias].clear()
    clear_process_memo()
    forget_known()
    yield
    for alias in ("default", "renditions"):
        caches[alias].clear()
    clear_process_memo()
    forget_known()


@pytest.fixture
def admin_client(client, admin_user):
    """pytest-django's admin client, past the second factor every superuser must give."""
    log_in_verified(client, admin_user)
    return client


@pytest.fixture(scope="session")
def live_server(django_db_setup):
    """pytest-django's live server, started once the test database exists.

    Started before it (pytest sets session fixtures up first, and pytest-django's does not ask
    for the database), the server saw the settings' in-memory name and shared the test's one
    connection with its request threads: a browser's overlapping requests then broke each
    other's transactions. After it, each thread opens its own connection to the test database
    file (portal/settings/test.py), as on PostgreSQL.
    """
    from pytest_django.live_server_helper import LiveServer

    server = LiveServer(os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS") or "localhost")
    yield server
    server.stop()
