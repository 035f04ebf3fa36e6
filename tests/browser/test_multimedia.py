"""A reader with a keyboard and a screen reader goes through a photo story and a video."""

import pytest

from demo import media as media_demo
from tests.browser.conftest import assert_accessible
from tests.factories import MultimediaIndexPageFactory, PhotoStoryPageFactory, VideoPageFactory


@pytest.fixture
def multimedia_index(home_page):
    return MultimediaIndexPageFactory(parent=home_page)


@pytest.fixture
def photo_story(multimedia_index):
    return PhotoStoryPageFactory(parent=multimedia_index, photos=4)


@pytest.fixture
def video_page(multimedia_index):
    # A real clip the project encodes itself: H.264 with sound, a poster and Vietnamese captions.
    media = media_demo.demo_video(
        "Video kiểm thử",
        "VGP/Kiểm thử",
        "Cây cầu mới vừa thông xe.",
        [(0.0, 2.0, "Cây cầu mới vừa thông xe."), (2.0, 4.0, "Người dân đi lại thuận tiện.")],
        seed="kiem-thu",
        seconds=4,
    )
    return VideoPageFactory(parent=multimedia_index, media=media)


def gallery_state(page):
    status = page.locator("[data-gallery-status]").inner_text()
    visible = page.locator("[data-gallery-slide]:not([hidden])")
    return status, visible.count(), visible.get_attribute("id")


def test_the_photo_story_gallery_works_with_the_keyboard(photo_story, live_url, page):
    page.goto(live_url + photo_story.url)
    assert gallery_state(page) == ("Ảnh 1 / 4", 1, "anh-1")
    # On the first photo there is none before: the button says so to a screen reader, and
    # pressing it changes nothing.
    previous = page.get_by_role("button", name="‹ Ảnh trước")
    assert page.get_by_role("button", name="‹ Ảnh trước", disabled=True).count() == 1
    assert page.get_by_role("button", name="Ảnh sau ›", disabled=False).count() == 1
    previous.focus()
    page.keyboard.press("Enter")
    assert gallery_state(page) == ("Ảnh 1 / 4", 1, "anh-1")
    assert_accessible(page)

    # Tab reaches "Ảnh sau"; Enter moves on, and the live region says where the reader is.
    next_button = page.get_by_role("button", name="Ảnh sau ›")
    for _ in range(40):
        page.keyboard.press("Tab")
        if next_button.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the “Ảnh sau” button")
    page.keyboard.press("Enter")
    assert gallery_state(page) == ("Ảnh 2 / 4", 1, "anh-2")
    assert page.locator("[data-gallery-status]").get_attribute("aria-live") == "polite"

    assert page.get_by_role("button", name="‹ Ảnh trước", disabled=False).count() == 1

    # Arrow keys, End and Home while focus is inside the gallery; they stop at the ends.
    page.keyboard.press("ArrowRight")
    assert gallery_state(page)[0] == "Ảnh 3 / 4"
    page.keyboard.press("Enter")  # "Ảnh sau" onto the last photo: it keeps the focus, unavailable
    assert gallery_state(page)[0] == "Ảnh 4 / 4"
    assert next_button.evaluate("el => el === document.activeElement")
    assert page.get_by_role("button", name="Ảnh sau ›", disabled=True).count() == 1
    page.keyboard.press("Enter")
    page.keyboard.press("ArrowRight")
    assert gallery_state(page)[0] == "Ảnh 4 / 4"
    assert_accessible(page)
    page.keyboard.press("ArrowLeft")
    assert gallery_state(page)[0] == "Ảnh 3 / 4"
    page.keyboard.press("End")
    assert gallery_state(page)[0] == "Ảnh 4 / 4"
    page.keyboard.press("Home")
    assert gallery_state(page)[0] == "Ảnh 1 / 4"
    page.keyboard.press("ArrowLeft")
    assert gallery_state(page)[0] == "Ảnh 1 / 4"

    # The thumbnails are buttons named for their photo; the current one is marked.
    third = page.get_by_role("button", name="Xem ảnh 3: Nông dân thu hoạch lúa trên cánh đồng 3")
    third.focus()
    page.keyboard.press("Enter")
    assert gallery_state(page) == ("Ảnh 3 / 4", 1, "anh-3")
    assert third.get_attribute("aria-current") == "true"
    page.keyboard.press("ArrowRight")  # from a thumbnail, focus follows the photo
    assert page.evaluate("document.activeElement.dataset.galleryThumb") == "3"
    assert page.locator("#anh-4 .figure__credit").inner_text() == "Ảnh: VGP/Lê Thu Hà"
    assert_accessible(page)


def test_a_photo_story_address_can_open_on_one_photo(photo_story, live_url, page):
    page.goto(live_url + photo_story.url + "#anh-2")
    assert gallery_state(page) == ("Ảnh 2 / 4", 1, "anh-2")


def test_the_video_plays_with_vietnamese_captions_and_a_transcript(video_page, live_url, page):
    page.goto(live_url + video_page.url)
    video = page.locator("video")
    page.wait_for_function("document.querySelector('video').readyState >= 1")
    assert 3.5 < video.evaluate("v => v.duration") < 4.5
    page.wait_for_function("document.querySelector('video').textTracks[0].cues?.length === 2")
    track = video.evaluate(
        "v => ({kind: v.textTracks[0].kind, lang: v.textTracks[0].language,"
        " mode: v.textTracks[0].mode, first: v.textTracks[0].cues[0].text})"
    )
    assert track == {
        "kind": "captions",
        "lang": "vi",
        "mode": "showing",
        "first": "Cây cầu mới vừa thông xe.",
    }
    assert video.get_attribute("poster")
    assert_accessible(page)

    # The transcript opens from the keyboard.
    summary = page.locator(".transcript summary")
    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator(".transcript__text").is_visible()
    assert "Cây cầu mới vừa thông xe." in page.locator(".transcript__text").inner_text()
    assert_accessible(page)
