"""The address the admin shows while an editor types a Vietnamese headline (issue 18, point 1)."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_newsroom_admin import log_in, member
from tests.factories import SectionPageFactory

TITLES = {
    "Điều hành đất nước: Thủ tướng chủ trì hội nghị": (
        "dieu-hanh-dat-nuoc-thu-tuong-chu-tri-hoi-nghi"
    ),
    "77 năm Văn phòng Chính phủ: “Hành trình vẻ vang”": (
        "77-nam-van-phong-chinh-phu-hanh-trinh-ve-vang"
    ),
    "Đổi mới thể chế, gỡ “điểm nghẽn” của nền kinh tế": (
        "doi-moi-the-che-go-diem-nghen-cua-nen-kinh-te"
    ),
    "Ưu tiên nguồn lực cho vùng đồng bào dân tộc thiểu số, miền núi": (
        "uu-tien-nguon-luc-cho-vung-dong-bao-dan-toc-thieu-so-mien-nui"
    ),
    "Hà Nội–Hải Phòng: khởi công cao tốc “xanh” 12.000 tỷ đồng": (
        "ha-noi-hai-phong-khoi-cong-cao-toc-xanh-12-000-ty-dong"
    ),
}


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
