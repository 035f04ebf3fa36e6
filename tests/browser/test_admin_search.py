"""The image library's search box, typed into as an editor does (issue 18, point 4)."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_newsroom_admin import log_in, member
from tests.factories import PortalImageFactory

CREDITED = "Đại biểu dự lễ kỷ niệm tại hội trường"
OTHER = "Toàn cảnh phiên họp"


@pytest.fixture
def library(live_url, db):
    PortalImageFactory(title=CREDITED, credit="VGP/Trần Văn Sơn")
    PortalImageFactory(title=OTHER, credit="VGP/Trần Văn Sáu")
    member("bientap", "Biên tập viên")
    return live_url


def test_typing_a_credit_without_diacritics_finds_the_photo(library, page):
    log_in(page, library, "bientap")
    page.goto(f"{library}/admin/images/")
    expect(page.get_by_text(OTHER)).to_be_visible()
    page.wait_for_load_state("networkidle")
    # Key by key: the library searches as the editor types.
    page.locator("#id_q").press_sequentially("tran van son")
    expect(page.get_by_text(OTHER)).to_have_count(0)
    expect(page.get_by_text(CREDITED)).to_be_visible()
