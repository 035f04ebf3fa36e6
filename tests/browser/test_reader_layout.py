"""What a reader sees of the portal's frame at the widths readers use: the sections menu, and
the typeface it is set in."""

import pytest

from tests.browser.conftest import assert_accessible
from tests.factories import SectionPageFactory

# The portal's menu as the demo has it: ten links, some 1,400 px of them in a 1,200 px bar.
MENU_TITLES = [
    "Thời sự",
    "Kinh tế",
    "Xã hội",
    "Chuyển đổi số",
    "Văn hóa - Thể thao",
    "Địa phương",
    "Đa phương tiện",
    "Văn bản chỉ đạo, điều hành",
    "Chính sách",
]

NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= document.documentElement.clientWidth"


@pytest.fixture
def menu_portal(home_page, live_url):
    for number, title in enumerate(MENU_TITLES):
        SectionPageFactory(parent=home_page, title=title, slug=f"muc-{number}")
    return live_url


def _shown_whole(tab, locator):
    """The element is on screen and not cut off by a scrolling or clipping ancestor."""
    return locator.evaluate(
        """(element) => {
            const box = element.getBoundingClientRect();
            if (!box.width || box.left < 0 || box.right > innerWidth) return false;
            for (let up = element.parentElement; up; up = up.parentElement) {
                if (getComputedStyle(up).overflowX === "visible") continue;
                const frame = up.getBoundingClientRect();
                if (box.left < frame.left - 0.5 || box.right > frame.right + 0.5) return false;
            }
            return true;
        }"""
    )


@pytest.mark.parametrize("width", [1280, 1440, 1920])
def test_every_section_is_in_the_bar_or_under_more_by_keyboard(menu_portal, page, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(menu_portal + "/")
    nav = page.get_by_role("navigation", name="Chuyên mục")
    assert page.evaluate(NO_SIDEWAYS_SCROLL)

    bar = nav.locator(".site-nav__list a")
    in_bar = bar.all_inner_texts()
    assert in_bar[0] == "Trang chủ"
    for index in range(bar.count()):
        assert _shown_whole(page, bar.nth(index)), f"“{in_bar[index]}” is cut off at {width} px"
    # The bar is one row: the links all share the first link's top.
    tops = {round(box["y"]) for box in (bar.nth(i).bounding_box() for i in range(bar.count()))}
    assert len(tops) == 1, f"the bar wraps at {width} px"

    under_more = [title for title in MENU_TITLES if title not in in_bar]
    assert under_more, "the demo's menu is wider than the bar: some go under “Thêm”"
    assert in_bar[1:] + under_more == MENU_TITLES  # editors' order kept

    # From the bar's last link, Tab reaches "Thêm", Enter opens it, Tab walks its links.
    bar.last.focus()
    page.keyboard.press("Tab")
    summary = nav.locator("summary")
    assert summary.evaluate("(element) => element === document.activeElement")
    assert summary.inner_text().startswith("Thêm")
    assert not nav.locator(".site-nav__more-list").is_visible()
    page.keyboard.press("Enter")
    for title in under_more:
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.textContent")
        assert focused == title
        assert _shown_whole(page, nav.get_by_role("link", name=title, exact=True))
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    assert_accessible(page)

    # Escape closes it, back on "Thêm" (menu.js); Enter opens it again.
    page.keyboard.press("Escape")
    assert not nav.locator(".site-nav__more-list").is_visible()
    assert summary.evaluate("(element) => element === document.activeElement")
    page.keyboard.press("Enter")
    nav.get_by_role("link", name=MENU_TITLES[-1], exact=True).focus()
    page.keyboard.press("Enter")  # on the last link under "Thêm"
    page.wait_for_url(f"**/muc-{len(MENU_TITLES) - 1}/")
    assert nav.locator("[aria-current=page]").text_content() == MENU_TITLES[-1]
    # Closed again on the new page, "Thêm" is marked as holding the current section.
    assert summary.evaluate("(e) => getComputedStyle(e).borderBottomColor") == "rgb(165, 14, 14)"


def test_on_a_phone_the_bar_wraps_and_more_opens_in_view(menu_portal, page):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(menu_portal + "/")
    nav = page.get_by_role("navigation", name="Chuyên mục")
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    for link in nav.locator(".site-nav__list a").all():
        assert _shown_whole(page, link), link.inner_text()
    summary = nav.locator("summary")
    assert _shown_whole(page, summary)
    summary.focus()
    page.keyboard.press("Enter")
    for link in nav.locator(".site-nav__more-list a").all():
        assert _shown_whole(page, link), link.inner_text()
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    assert_accessible(page)


def test_the_text_is_set_in_the_portal_typeface_loaded_from_the_portal(menu_portal, page):
    fonts = []
    page.on(
        "requestfinished",
        lambda request: fonts.append(request.url) if ".woff2" in request.url else None,
    )
    page.goto(menu_portal + "/")
    page.evaluate("document.fonts.ready")
    loaded = page.evaluate(
        """[...document.fonts].filter((f) => f.status === "loaded")
            .map((f) => `${f.family} ${f.weight} ${f.style}`)"""
    )
    # The menu's semi-bold Vietnamese letters and the body's text, each from both subsets.
    assert {face.replace('"', "") for face in loaded} == {
        "Be Vietnam Pro 400 normal",
        "Be Vietnam Pro 600 normal",
        "Be Vietnam Pro 700 normal",
    }
    assert fonts and all(url.startswith(menu_portal + "/static/fonts/") for url in fonts), fonts
    assert {url.rsplit("/", 1)[1].split(".")[0] for url in fonts} >= {
        "be-vietnam-pro-latin-400-normal",
        "be-vietnam-pro-vietnamese-400-normal",
        "be-vietnam-pro-latin-600-normal",
        "be-vietnam-pro-vietnamese-600-normal",
    }
