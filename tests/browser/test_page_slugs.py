"""The address the admin shows while an editor types a Vietnamese headline (issue 18, point 1)."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_newsroom_admin import log_in, member
from tests.factories import SectionPageFactory

# The headlines of the server-side tests: all six tones, đ/Đ, ư/ơ, colons, quotes, numbers.
from tests.newsroom.test_page_slugs import TITLES


@pytest.fixture
def section(live_url, home_page):
    member("phongvien", "Phóng viên")
    return live_url, SectionPageFactory(parent=home_page, title="Thời sự", slug="thoi-su")


def test_the_slug_follows_a_vietnamese_headline_as_it_is_typed(section, page):
    base_url, section = section
    log_in(page, base_url, "phongvien")
    page.goto(f"{base_url}/admin/pages/add/newsroom/articlepage/{section.pk}/")
    page.wait_for_load_state("networkidle")
    title = page.locator("#id_title")
    for headline, expected in TITLES.items():
        title.fill("")
        # Key by key, as an editor types: Wagtail copies the title into the slug on keyup.
        title.press_sequentially(headline)
        page.get_by_role("tab", name="Quảng bá").click()
        expect(page.locator("#id_slug")).to_have_value(expected)
        page.get_by_role("tab", name="Nội dung").click()
