"""A reader asks a dialogue's guests a question with the keyboard alone and keeps the receipt;
an answer given meanwhile reaches the open page; after the dialogue the page is its transcript.
Each passes axe (no serious or critical issue)."""

import re
from datetime import timedelta

from django.utils import timezone

import pytest
from playwright.sync_api import expect

from policy_pages import dialogue_desk
from policy_pages.models import Submission
from tests.browser.conftest import assert_accessible
from tests.factories import (
    DialoguePageFactory,
    IssuingBodyFactory,
    PolicyIndexPageFactory,
    PolicyPageFactory,
    SectionPageFactory,
    answered,
    guest,
)

QUESTION = "Học sinh trường tư thục có được hỗ trợ học phí không?"


@pytest.fixture
def on_air(home_page, settings):
    settings.PORTAL_PARTICIPATION = {**settings.PORTAL_PARTICIPATION, "MIN_SECONDS": 1}
    policy = PolicyPageFactory(
        parent=PolicyIndexPageFactory(parent=home_page),
        title="Miễn học phí cho học sinh phổ thông công lập",
        drafting_agency=IssuingBodyFactory(name="Bộ Giáo dục và Đào tạo"),
    )
    section = SectionPageFactory(parent=home_page, title="Xã hội", slug="xa-hoi")
    dialogue = DialoguePageFactory(
        parent=section, title="Giao lưu trực tuyến: Miễn học phí", policy=policy
    )
    minister = guest(dialogue, "Phạm Ngọc Thưởng", "Thứ trưởng", "Bộ Giáo dục và Đào tạo")
    answered(
        dialogue,
        "Con tôi học lớp 10 thì từ năm học nào được miễn học phí?",
        minister,
        "Từ năm học 2025-2026, học sinh phổ thông công lập được miễn học phí.",
        name="Trần Thị Lan",
    )
    return dialogue


def test_a_reader_asks_with_the_keyboard_and_gets_a_receipt(on_air, live_url, page):
    page.goto(live_url + on_air.url)
    assert page.locator(".live-badge--on").text_content().strip().endswith("Đang giao lưu")
    assert page.locator("[data-live-list] > li").count() == 1
    assert_accessible(page)
    page.get_by_role("textbox", name="Họ và tên").focus()
    page.keyboard.type("Lê Văn Minh")
    page.keyboard.press("Tab")
    page.keyboard.type("minh.le@example.vn")
    page.keyboard.press("Tab")  # the organisation, left empty
    page.keyboard.press("Tab")  # into the capacity radios, "Cá nhân" chosen
    page.keyboard.press("Tab")
    page.keyboard.type(QUESTION)
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # tell me when it is answered
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # consent
    assert page.locator("input[name=consent]").is_checked()
    page.wait_for_timeout(1100)  # a person takes longer than the form's lower bound
    page.get_by_role("button", name="Gửi câu hỏi").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/y-kien/bien-nhan/\w+/\?moi=1$"))
    assert re.fullmatch(r"YK(-[0-9A-Z]{4}){4}", page.locator(".receipt__code").inner_text())
    assert_accessible(page)
    question = Submission.objects.get(body=QUESTION)
    assert question.dialogue_id == on_air.pk and question.notify_outcome
    assert question.name == "Lê Văn Minh" and question.email == "minh.le@example.vn"


def test_after_the_dialogue_the_page_is_its_transcript(on_air, live_url, page):
    on_air.ends_at = timezone.now() - timedelta(minutes=1)
    on_air.save_revision().publish()
    page.goto(live_url + on_air.url)
    assert page.get_by_role("heading", name="Toàn văn buổi giao lưu").is_visible()
    assert page.locator(".live-badge").count() == 0
    assert page.locator("form#cau-hoi-giao-luu").count() == 0
    item = page.locator("[data-live-list] > li").first
    assert "Câu hỏi của Trần Thị Lan" in item.inner_text()
    assert "Phạm Ngọc Thưởng, Thứ trưởng, Bộ Giáo dục và Đào tạo trả lời" in item.inner_text()
    assert_accessible(page)


def test_an_answer_given_meanwhile_reaches_the_open_page_under_its_question(on_air, live_url, page):
    """The guests' secretariat answers while a reader has the page open: the script
    (static/js/live-coverage.js) adds it after the earlier answers, by its own poll, and an
    edited answer replaces the one shown."""
    page.goto(live_url + on_air.url)
    items = page.locator("[data-live-list] > li")
    assert items.count() == 1
    minister = on_air.guests.get()

    later = answered(
        on_air,
        "Trẻ em học mầm non có được miễn học phí không?",
        minister,
        "Trẻ em mẫu giáo năm tuổi được miễn học phí từ năm học 2025-2026.",
        name="Nguyễn Văn Hùng",
    )
    # No event: the page's own timer (core.live.POLL_SECONDS) fetches it.
    expect(items).to_have_count(2, timeout=8_000)
    assert "Câu hỏi của Nguyễn Văn Hùng" in items.last.inner_text()  # oldest first
    assert "Trẻ em mẫu giáo năm tuổi" in items.last.inner_text()

    place = Submission.objects.get(pk=later.pk).dialogue_place
    dialogue_desk.post_answer(
        on_air,
        place,
        None,
        guest=minister,
        text="Trẻ em mầm non năm tuổi và học sinh phổ thông công lập được miễn học phí.",
    )
    page.locator("[data-live-updates]").dispatch_event("live:poll")
    expect(items.last).to_contain_text("Trẻ em mầm non năm tuổi và học sinh phổ thông")
    expect(items).to_have_count(2)
    assert_accessible(page)
