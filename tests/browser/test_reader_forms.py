"""The public forms as a reader fills them: the search's dates in the Vietnamese order whatever
the browser's language, and the comment form's consent read as one sentence."""

import datetime as dt
import re
from datetime import timedelta

from django.utils import timezone

import pytest

from tests.browser.conftest import assert_accessible
from tests.factories import (
    ArticlePageFactory,
    PolicyIndexPageFactory,
    PolicyPageFactory,
    SectionPageFactory,
    milestone,
)


@pytest.fixture
def budget_stories(home_page):
    section = SectionPageFactory(parent=home_page, title="Kinh tế", slug="kinh-te")
    for title, day in [
        ("Ngân sách tháng Một", dt.datetime(2024, 1, 10, 9)),
        ("Ngân sách tháng Hai", dt.datetime(2024, 2, 20, 9)),
        ("Ngân sách tháng Ba", dt.datetime(2024, 3, 5, 9)),
    ]:
        ArticlePageFactory(parent=section, title=title, first_published_at=timezone.make_aware(day))


@pytest.fixture
def english_tab(page):
    """A tab of a browser set to American English, whose date inputs read mm/dd/yyyy."""
    context = page.context.browser.new_context(locale="en-US", timezone_id="America/New_York")
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()


def _titles(tab):
    return tab.locator(".search-results__title a").all_inner_texts()


def test_search_dates_read_and_show_day_month_year_in_an_english_browser(
    budget_stories, live_url, english_tab
):
    tab = english_tab
    # An old link, with the ISO date the form used to send.
    tab.goto(live_url + "/search/?q=ngan+sach&tu=2024-02-01")
    date_from = tab.get_by_label("Từ ngày")
    date_to = tab.get_by_label("Đến ngày")
    assert date_from.input_value() == "01/02/2024"
    assert date_to.get_attribute("placeholder") == "dd/mm/yyyy"
    assert set(_titles(tab)) == {"Ngân sách tháng Hai", "Ngân sách tháng Ba"}

    date_to.fill("29/02/2024")
    tab.get_by_role("button", name="Tìm kiếm", exact=True).click()
    tab.wait_for_url(re.compile(r".*den=29%2F02%2F2024.*"))
    assert (date_from.input_value(), date_to.input_value()) == ("01/02/2024", "29/02/2024")
    assert _titles(tab) == ["Ngân sách tháng Hai"]
    assert_accessible(tab)

    # A day that does not exist: the reader is told, in Vietnamese, and gets every result.
    date_from.fill("31/02/2024")
    date_to.fill("")
    tab.get_by_role("button", name="Tìm kiếm", exact=True).click()
    tab.wait_for_url(re.compile(r".*tu=31%2F02%2F2024.*"))
    assert "“31/02/2024” ở ô “từ ngày” không hợp lệ" in tab.get_by_role("alert").inner_text()
    assert len(_titles(tab)) == 3


@pytest.fixture
def open_policy(home_page):
    policy = PolicyPageFactory(
        parent=PolicyIndexPageFactory(parent=home_page),
        title="Dự thảo Luật Bảo vệ quyền lợi người tiêu dùng (sửa đổi)",
    )
    today = timezone.localdate()
    milestone(policy, "lay-y-kien", today - timedelta(days=2), closes_on=today + timedelta(days=28))
    return policy


READING_ORDER = """(label) => {
    // The line fragments of the label's words (the checkbox aside), in reading order.
    const walker = document.createTreeWalker(label, NodeFilter.SHOW_TEXT);
    const fragments = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const rect of range.getClientRects()) {
            if (rect.width > 1) {
                fragments.push({text: node.textContent.trim().slice(0, 20), top: rect.top,
                                bottom: rect.bottom, left: rect.left, right: rect.right});
            }
        }
    }
    const box = label.querySelector("input").getBoundingClientRect();
    return {fragments, box: {top: box.top, bottom: box.bottom, right: box.right}};
}"""


@pytest.mark.parametrize("width", [1280, 375])
def test_the_consent_reads_as_one_sentence_beside_its_checkbox(open_policy, live_url, page, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_url + open_policy.url)
    label = page.locator("label", has=page.locator("input[name=consent]"))
    found = label.evaluate(READING_ORDER)
    fragments, box = found["fragments"], found["box"]
    text_left = fragments[0]["left"]
    # The checkbox sits before the words, on their first line.
    assert box["right"] <= text_left
    assert box["top"] < fragments[0]["bottom"] and box["bottom"] > fragments[0]["top"]
    # The words read as one paragraph: each piece on the line of the one before (to its right)
    # or on a later line starting at the paragraph's left edge; never back up a line into a
    # column of its own, as the link and the asterisk did.
    for before, after in zip(fragments, fragments[1:], strict=False):
        same_line = abs(after["top"] - before["top"]) < 2
        if same_line:
            assert after["left"] >= before["right"] - 1, (before, after)
        else:
            assert after["top"] >= before["bottom"] - 1, (before, after)
            assert abs(after["left"] - text_left) < 2, (before, after)
    label.get_by_role("link", name="Thông báo xử lý dữ liệu cá nhân").wait_for()
    assert_accessible(page)
