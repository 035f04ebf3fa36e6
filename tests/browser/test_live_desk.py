"""A reader's open live page keeps up with the live desk (static/js/live-coverage.js and
core/live.py): an update posted meanwhile appears within a poll, a withdrawal replaces the
update's content with its notice, a deleted one goes; the page passes axe-core with pinned,
corrected and withdrawn updates on it; a reporter posts through the admin desk's StreamField
form and a reader's open page shows it."""

import datetime as dt
import re

from django.utils import timezone

from wagtail.rich_text import RichText

import pytest
from playwright.sync_api import expect

from newsroom import live_desk
from tests.browser.conftest import assert_accessible
from tests.factories import LiveCoveragePageFactory, SectionPageFactory, live_update
from tests.helpers import member_of

PASSWORD = "mat-khau-du-dai-2026"


def text(content):
    return [("text", RichText(f"<p>{content}</p>"))]


@pytest.fixture
def desk(live_url, home_page):
    section = SectionPageFactory(parent=home_page, title="Thời sự", slug="thoi-su")
    page = LiveCoveragePageFactory(parent=section, title="Trực tiếp: Kỳ họp Quốc hội")
    now = timezone.now()
    live_update(page, "Các đại biểu vào hội trường.", now - dt.timedelta(minutes=40))
    live_update(page, "Quốc hội chào cờ.", now - dt.timedelta(minutes=30))
    editor = member_of("Biên tập viên", "bien-tap-trinh-duyet")
    return page, editor, live_url


def test_an_update_posted_meanwhile_reaches_the_open_page_within_a_poll(desk, page):
    live, editor, base_url = desk
    page.goto(base_url + live.url)
    items = page.locator("[data-live-list] > li")
    assert items.count() == 2

    posted = live_desk.post(live, editor, text("Chủ tịch Quốc hội phát biểu khai mạc."))
    # No event: the script's own timer (core.live.POLL_SECONDS) fetches it.
    page.locator(f"#{posted.anchor}").wait_for(timeout=8_000)
    assert items.first.get_attribute("id") == posted.anchor  # the newest on top
    assert "Có 1 cập nhật mới." in page.locator("[data-live-status]").inner_text()


def test_withdrawals_deletions_and_pins_replace_items_in_place(desk, page):
    live, editor, base_url = desk
    page.goto(base_url + live.url)
    oldest, newer = live.updates.order_by("posted_at")
    mine = live_desk.post(live, editor, text("Gõ nhầm, sẽ xoá."))
    section = page.locator("[data-live-updates]")
    section.dispatch_event("live:poll")
    page.locator(f"#{mine.anchor}").wait_for()

    live_desk.pin(oldest, editor)
    live_desk.remove(newer, editor, "Thông tin chưa chính xác.")
    live_desk.remove(mine, editor)  # within the grace period: deleted
    section.dispatch_event("live:poll")
    page.locator(f"#{mine.anchor}").wait_for(state="detached")
    withdrawn = page.locator(f"#{newer.anchor}")
    withdrawn.get_by_text("Thông tin chưa chính xác.").wait_for()
    assert "Quốc hội chào cờ." not in withdrawn.inner_text()
    ids = page.locator("[data-live-list] > li").evaluate_all("items => items.map(i => i.id)")
    assert ids == [oldest.anchor, newer.anchor]  # the pinned one first
    assert "Ghim" in page.locator(f"#{oldest.anchor}").text_content()


def test_the_live_page_is_accessible_with_every_kind_of_update(desk, page):
    live, editor, base_url = desk
    oldest, newer = live.updates.order_by("posted_at")
    live_desk.pin(oldest, editor)
    live_desk.edit(newer, editor, text("Quốc hội chào cờ, hát Quốc ca."), "Bổ sung nghi thức.")
    gone = live_desk.post(live, editor, text("Sẽ rút."))
    live_desk.edit(gone, member_of("Tổng biên tập", "tbt-trinh-duyet"), text("Sẽ rút!"), "Sửa.")
    live_desk.remove(gone, editor, "Trùng với cập nhật trước.")
    page.goto(base_url + live.url)
    assert page.get_by_text("Đã sửa lúc").count() == 1
    assert page.get_by_text("Cập nhật này đã được rút lúc").count() == 1
    assert_accessible(page)


def test_a_reporter_posts_from_the_admin_desk_and_a_reader_sees_it(desk, page):
    """The whole way: the desk's StreamField form in the real admin, a reader's open page."""
    live, editor, base_url = desk
    reporter = member_of("Phóng viên tường thuật", "pv-trinh-duyet")
    reporter.set_password(PASSWORD)
    reporter.save()
    live_desk.assign(live, reporter, by=editor)

    reader = page.context.browser.new_context(locale="vi-VN").new_page()
    reader.goto(base_url + live.url)

    page.goto(base_url + "/admin/login/")
    page.fill("#id_username", "pv-trinh-duyet")
    page.fill("#id_password", PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(base_url + "/admin/")
    page.get_by_role("link", name="Tường thuật trực tiếp").first.click()
    page.get_by_role("link", name=live.title).click()
    page.wait_for_load_state("networkidle")
    page.locator(".c-sf-add-button").first.click()
    page.get_by_role("option", name="Đoạn văn").click()
    page.locator("[contenteditable=true]").first.click()
    page.keyboard.type("Quốc hội biểu quyết thông qua Luật Thủ đô.")
    expect(page.locator('input[name="cap-nhat-content-0-value"]')).to_have_value(
        re.compile("Luật Thủ đô")
    )
    page.get_by_role("button", name="Đăng cập nhật").click()
    page.get_by_text("Đã đăng cập nhật.").wait_for()

    update = live.updates.get(posted_by=reporter)
    reader.locator(f"#{update.anchor}").get_by_text("Luật Thủ đô").wait_for(timeout=8_000)
    reader.context.close()
