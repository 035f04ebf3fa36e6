from django.core.cache import caches

from wagtail.models import Page, Site

import pytest

from tests.factories import HomePageFactory


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
