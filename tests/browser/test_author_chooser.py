"""A byline author the portal does not know yet, added from the real article editor (issue 18,
point 7): created in the chooser, chosen at once, published, shown on the page."""

import re

import pytest
from playwright.sync_api import expect

from newsroom.models import ArticlePage, Author
from tests.browser.test_newsroom_admin import log_in, member, run_action, wait_until
from tests.factories import PortalImageFactory, SectionPageFactory

TITLE = "Đà Nẵng đón chuyến tàu du lịch đầu tiên của năm"
AUTHOR = "Nguyễn Thị Hương"


@pytest.fixture
def newsroom(live_url, home_page):
    section = SectionPageFactory(parent=home_page, title="Xã hội", slug="xa-hoi")
    PortalImageFactory(title="Tàu cập cảng Tiên Sa", caption="Du khách xuống tàu", credit="VGP")
    member("tongbientap", "Tổng biên tập")
    return live_url, section


def test_an_author_created_from_the_chooser_is_chosen_and_shown_in_the_byline(newsroom, page):
    base_url, section = newsroom
    log_in(page, base_url, "tongbientap")
    page.goto(f"{base_url}/admin/pages/add/newsroom/articlepage/{section.pk}/")
    page.wait_for_load_state("networkidle")
    page.fill("#id_title", TITLE)
    page.fill("#id_dateline", "Đà Nẵng")
    page.fill("#id_sapo", "Hơn 2.000 du khách quốc tế đến thành phố trong ngày đầu năm mới.")
    page.locator('[data-contentpath="image"] [data-chooser-action-choose]').first.click()
    page.locator(".modal [data-chooser-modal-choice]").first.click()
    page.locator(".modal").wait_for(state="hidden")
    page.locator('[data-contentpath="body"] button[title]').first.click()
    page.get_by_role("option", name="Đoạn văn").click()
    page.locator('[data-contentpath="body"] [contenteditable=true]').first.click()
    page.keyboard.type("Con tàu cập cảng Tiên Sa lúc 7 giờ sáng.")
    expect(page.locator('input[name="body-0-value"]')).to_have_value(re.compile("Tiên Sa"))

    page.locator("#id_article_authors-ADD").click()
    authors = page.locator("#id_article_authors-FORMS")
    authors.locator("[data-chooser-action-choose]").first.click()
    modal = page.locator(".modal")
    modal.get_by_role("tab", name="Thêm tác giả mới").click()
    modal.locator('input[name="name"]').fill(AUTHOR)
    modal.get_by_role("button", name="Thêm và chọn tác giả").click()
    modal.wait_for(state="hidden")
    expect(authors.locator("[data-chooser-title]").first).to_have_text(AUTHOR)

    run_action(page, 'button[name="action-publish"]')
    wait_until(lambda: ArticlePage.objects.filter(title=TITLE, live=True).exists(), "publication")
    article = ArticlePage.objects.get(title=TITLE)
    assert [author.name for author in article.authors] == [AUTHOR]
    assert Author.objects.get(name=AUTHOR).slug == "nguyen-thi-huong"
    page.goto(base_url + article.url)
    expect(page.locator(".article__byline")).to_have_text(AUTHOR)
    expect(page.locator(".article__byline a")).to_have_attribute(
        "href", "/tac-gia/nguyen-thi-huong/"
    )
