import pytest

from tests.factories import (
    LegalDocumentIndexPageFactory,
    PolicyIndexPageFactory,
    SectionPageFactory,
)


@pytest.fixture
def documents_index(home_page):
    return LegalDocumentIndexPageFactory(parent=home_page)


@pytest.fixture
def policies_index(home_page):
    return PolicyIndexPageFactory(parent=home_page)


@pytest.fixture
def section(home_page):
    return SectionPageFactory(parent=home_page, title="Thời sự", slug="thoi-su")
