from django.core.cache import caches

from wagtail.models import Page, Site

import pytest
from _pytest.nodeid import NodeId

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
    """Each test starts with an empty cache (the local one, or Redis in CI)."""
    for alias in ("default", "renditions"):
        caches[alias].clear()
    yield
    for alias in ("default", "renditions"):
        caches[alias].clear()


@pytest.fixture
def admin_client(client, admin_user):
    """pytest-django's admin client, past the second factor every superuser must give."""
    log_in_verified(client, admin_user)
    return client


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Keep an `xdist_group` on one worker (`make test` runs with --dist loadgroup).

    pytest-xdist 3.8 does it by suffixing the node id with "@group" in its own hook, through
    `item._nodeid`, which pytest 9 no longer reads (the id is `item._id`): every group was spread
    over both workers. Done here the way pytest 9 keeps ids, last, after every mark is on.
    """
    if not getattr(config.option, "loadgroup", False):
        return
    for item in items:
        groups = {
            str(mark.args[0] if mark.args else mark.kwargs.get("name", "default"))
            for mark in item.iter_markers("xdist_group")
        }
        if groups and "@" not in item.nodeid:
            item._id = NodeId.parse(f"{item.nodeid}@{'_'.join(sorted(groups))}")
