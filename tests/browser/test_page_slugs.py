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


def test_the_address_under_the_title_follows_the_headline_and_the_slug(section, page):
    """Wagtail shows the slug only on the "Quảng bá" tab: the address sits under the title."""
    base_url, section = section
    log_in(page, base_url, "phongvien")
    page.goto(f"{base_url}/admin/pages/add/newsroom/articlepage/{section.pk}/")
    page.wait_for_load_state("networkidle")
    address = page.locator(".page-address__url")
    expect(address).to_have_text("http://localhost/thoi-su/")
    page.locator("#id_title").press_sequentially("Điều hành đất nước: Thủ tướng chủ trì hội nghị")
    expect(address).to_have_text(
        "http://localhost/thoi-su/dieu-hanh-dat-nuoc-thu-tuong-chu-tri-hoi-nghi/"
    )

    page.get_by_role("button", name="Sửa đường dẫn").click()
    slug = page.locator("#id_slug")
    expect(slug).to_be_focused()
    # Wagtail copies the title into the slug 100 ms after the title loses focus (a debounce):
    # nobody types a slug that fast, a script does, and its text would be overwritten.
    page.wait_for_timeout(300)
    slug.fill("hoi-nghi-chinh-phu")
    page.get_by_role("tab", name="Nội dung").click()
    expect(address).to_have_text("http://localhost/thoi-su/hoi-nghi-chinh-phu/")


def test_the_address_of_a_published_page_shows_its_slug_and_follows_a_new_one(section, page):
    from tests.factories import PhotoStoryPageFactory

    base_url, section = section
    story = PhotoStoryPageFactory(parent=section, title="Mùa lúa chín", slug="mua-lua-chin")
    member("bientap", "Biên tập viên")
    log_in(page, base_url, "bientap")
    page.goto(f"{base_url}/admin/pages/{story.pk}/edit/")
    address = page.locator(".page-address__url")
    expect(address).to_have_text("http://localhost/thoi-su/mua-lua-chin/")
    page.get_by_role("button", name="Sửa đường dẫn").click()
    page.locator("#id_slug").fill("mua-vang-tay-bac")
    expect(address).to_have_text("http://localhost/thoi-su/mua-vang-tay-bac/")
