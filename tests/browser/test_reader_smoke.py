from io import StringIO

from django.core.management import call_command

import feedparser
import pytest

from tests.browser.conftest import assert_accessible


@pytest.fixture
def demo_portal(live_url):
    call_command("seed_demo", stdout=StringIO())
    # As `make setup` does: the listing sizes are made now, so no page waits for AVIF encoding.
    call_command("generate_renditions", stdout=StringIO())
    return live_url


def test_keyboard_reader_can_skip_to_the_content(home_page, live_url, page):
    page.goto(live_url + "/")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.inner_text() == "Bỏ qua, đến nội dung chính"
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_404_page_is_accessible(home_page, live_url, page):
    response = page.goto(live_url + "/khong-co-trang-nay/")
    assert response.status == 404
    assert "Không tìm thấy trang" in page.locator("h1").inner_text()
    assert_accessible(page)


def test_readers_and_an_outlet_walk_the_demo_portal(demo_portal, page):
    """Four walks on one seeded demo (seeding it takes longer than any walk): a reader from the
    home page to an author, the pages at 320, 768 and 1280 pixels, an outlet finding a feed, a
    reader searching without diacritics; then a draft of the policy section, read, compared
    and answered."""
    goes_from_home_to_section_article_topic_and_author(page, demo_portal)
    fits_the_screen_from_320_pixels_up(page, demo_portal)
    finds_every_feed_from_the_footer_and_reads_one(page, demo_portal)
    searches_without_diacritics_and_narrows_by_kind(page, demo_portal)
    reads_a_draft_its_changes_and_the_answers(page, demo_portal)


def goes_from_home_to_section_article_topic_and_author(page, demo_portal):
    page.goto(demo_portal + "/")
    assert page.get_attribute("html", "lang") == "vi"
    assert page.locator(".card__title a").count() >= 10
    policies = page.get_by_role("region", name="Chính sách")
    assert policies.locator(".consultation-flag").first.inner_text().startswith(("Còn ", "Hạn"))
    assert policies.locator("li time").count() >= 2
    assert_accessible(page)

    page.get_by_role("navigation", name="Chuyên mục").get_by_role("link").nth(1).click()
    page.wait_for_selector("h1")
    section_title = page.locator("h1").inner_text()
    assert page.locator(".site-nav a[aria-current=page]").inner_text() == section_title
    assert_accessible(page)

    # The first plain article (a multimedia card carries a kind badge and its own page type).
    page.locator(".card:not(:has(.kind-badge)) .card__title a").first.click()
    page.wait_for_selector(".article__sapo")
    assert page.locator(".article__sapo").inner_text().startswith("(Chinhphu.vn) -")
    assert page.locator(".figure__credit").first.inner_text().startswith("Ảnh: ")
    assert "- Ảnh 1" in page.locator(".figure__text").first.inner_text()
    assert page.locator(".breadcrumbs").get_by_role("link", name=section_title).count() == 1
    assert_accessible(page)

    topic = page.locator(".article__topics a").first
    topic_name = topic.inner_text()
    topic.click()
    page.wait_for_selector("h1")
    assert page.locator("h1").inner_text() == f"Chủ đề: {topic_name}"
    assert page.locator(".card__title").count() >= 1
    assert_accessible(page)

    page.go_back()
    byline = page.locator(".article__byline a").first
    author_name = byline.inner_text()
    byline.click()
    page.wait_for_selector("h1")
    assert page.locator("h1").inner_text() == author_name
    assert page.locator(".card__title").count() >= 1
    assert_accessible(page)

    page.go_back()
    page.locator(".article__topics a").first.click()
    page.get_by_role("navigation", name="Đường dẫn").get_by_role("link", name="Chủ đề").click()
    page.wait_for_selector(".topic-index")
    assert page.locator("h1").inner_text() == "Chủ đề"
    assert page.locator(".topic-index a", has_text=topic_name).count() == 1
    assert_accessible(page)


def fits_the_screen_from_320_pixels_up(page, demo_portal):
    page.goto(demo_portal + "/")
    urls = [
        "/",
        page.locator(".card:not(:has(.kind-badge)) .card__title a").first.get_attribute("href"),
        "/multimedia/",
        "/multimedia/mua-vang-tren-nhung-thua-ruong-bac-thang/",
        "/thoi-su/video-toan-canh-cay-cau-moi-noi-doi-bo-song/",
        "/multimedia/infographic-giai-ngan-von-dau-tu-cong-muoi-thang/",
        "/dia-phuong/emagazine-hanh-trinh-dua-dien-ve-ban-vung-cao/",  # full-width pictures
        "/feeds/",
        "/chu-de/",
        "/khong-co-trang-nay/",
        "/chinh-sach/nghi-dinh-lay-y-kien-dien-tu/du-thao/1/",
        "/chinh-sach/nghi-dinh-lay-y-kien-dien-tu/so-sanh/?tu=1&den=2",
        "/chinh-sach/nghi-dinh-lay-y-kien-dien-tu/tiep-thu-giai-trinh/",
    ]
    for width in (320, 768, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        for url in urls:
            page.goto(demo_portal + url)
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{url} scrolls sideways by {overflow}px at {width}px"


def finds_every_feed_from_the_footer_and_reads_one(page, demo_portal):
    page.goto(demo_portal + "/")
    page.get_by_role("link", name="Nguồn tin RSS, Atom cho cơ quan báo chí").click()
    page.wait_for_selector("h1")
    assert page.locator("h1").inner_text() == "Nguồn tin RSS, Atom"
    assert page.locator(".feed-list li").count() >= 20
    assert_accessible(page)
    href = page.get_by_role("link", name="Tin mới nhất, nguồn RSS").get_attribute("href")
    response = page.request.get(demo_portal + href)
    assert response.headers["content-type"] == "application/rss+xml; charset=utf-8"
    parsed = feedparser.parse(response.body())
    assert not parsed.bozo and len(parsed.entries) == 50


def searches_without_diacritics_and_narrows_by_kind(page, demo_portal):
    page.goto(demo_portal + "/search/")
    page.get_by_label("Từ khóa hoặc số, ký hiệu văn bản").fill("chinh phu hop phien")
    page.get_by_role("button", name="Tìm kiếm").click()
    page.wait_for_selector(".result-count")
    titles = page.locator(".search-results__title").all_inner_texts()
    assert any("Chính phủ họp phiên" in title for title in titles)
    assert_accessible(page)
    page.get_by_label("Loại nội dung").select_option(label="Văn bản")
    page.get_by_role("button", name="Tìm kiếm").click()
    page.wait_for_selector(".result-count")
    assert "kind=van-ban" in page.url
    assert_accessible(page)


def reads_a_draft_its_changes_and_the_answers(page, demo_portal):
    policy = f"{demo_portal}/chinh-sach/nghi-dinh-lay-y-kien-dien-tu/"
    page.goto(policy)
    page.get_by_role("link", name="Đọc toàn văn dự thảo 2").click()
    page.wait_for_selector("#dieu-5")
    assert page.url.endswith("/du-thao/2/")
    assert "Dự thảo 2" in page.locator("main").inner_text()
    assert page.locator("nav a[href='#dieu-5']").count() == 1
    assert_accessible(page)

    page.goto(policy + "du-thao/1/")
    assert page.locator(".unit__count").count() >= 5  # the demo's 40 comments, under their units
    assert_accessible(page)

    page.goto(policy)
    page.get_by_role("link", name="Những gì đã thay đổi giữa hai dự thảo gần nhất").click()
    page.wait_for_selector("ins")
    assert page.locator("del").count() >= 1
    assert_accessible(page)

    page.goto(policy + "tiep-thu-giai-trinh/")
    assert page.locator("[id^=tra-loi-]").count() >= 5
    assert_accessible(page)
    for extension in ("docx", "xlsx"):
        response = page.request.get(f"{policy}tiep-thu-giai-trinh.{extension}")
        assert response.status == 200
        assert "attachment" in response.headers["content-disposition"]
