import datetime as dt

from django.utils import timezone

import pytest

from tests.browser.conftest import assert_accessible
from tests.factories import (
    LiveCoveragePageFactory,
    SectionPageFactory,
    live_update,
)


@pytest.fixture
def live_page(live_url, home_page):
    section = SectionPageFactory(parent=home_page, title="Thời sự", slug="thoi-su")
    page = LiveCoveragePageFactory(parent=section, title="Trực tiếp: Hội nghị Chính phủ")
    live_update(page, "Hội nghị bắt đầu.", timezone.now() - dt.timedelta(minutes=10))
    return page, live_url


def test_a_new_update_appears_without_a_reload(live_page, page):
    live, base_url = live_page
    page.goto(base_url + live.url)
    assert page.locator(".live-badge--on").text_content().strip().endswith("Trực tiếp")
    assert page.locator(".live-update").count() == 1
    assert_accessible(page)

    live_update(live, "Thủ tướng phát biểu kết luận hội nghị.", timezone.now())
    page.locator("[data-live-updates]").dispatch_event("live:poll")
    first = page.locator(".live-update").first
    first.get_by_text("Thủ tướng phát biểu kết luận hội nghị.").wait_for()
    assert page.locator(".live-update").count() == 2
    assert "Có 1 cập nhật mới." in page.locator("[data-live-status]").inner_text()
