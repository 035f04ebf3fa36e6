from wagtail.models import Collection

import pytest

from tests.factories import MultimediaIndexPageFactory, SectionPageFactory


@pytest.fixture
def section(home_page):
    return SectionPageFactory(parent=home_page, title="Thời sự", slug="thoi-su")


@pytest.fixture
def multimedia_index(home_page):
    return MultimediaIndexPageFactory(parent=home_page)


@pytest.fixture
def root_collection(db):
    return Collection.get_first_root_node()
