"""A story's whole way through the real admin: written, submitted, reviewed, approved, published."""

import re
import time
from base64 import b32decode

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect

from bench.editor_entry import wait_for_autosave
from newsroom.models import ArticlePage
from tests.factories import PortalImageFactory, SectionPageFactory

PASSWORD = "mat-khau-du-dai-2026"
TITLE = "Hà Nội khánh thành tuyến đường sắt đô thị mới"
APPROVE = 'button[data-workflow-action-name="approve"]:not([data-workflow-action-modal-url])'


def member(username, group):
    user = get_user_model().objects.create_user(username, password=PASSWORD)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def newsroom(live_url, home_page):
    section = SectionPageFactory(parent=home_page, title="Thời sự", slug="thoi-su")
    PortalImageFactory(title="Tàu điện trên cầu cạn", caption="Đoàn tàu chạy thử", credit="VGP")
    member("phongvien", "Phóng viên")
    member("bientap", "Biên tập viên")
    member("tongbientap", "Tổng biên tập")
    return live_url, section


def log_in(page, base_url, username):
    page.context.clear_cookies()
    page.goto(base_url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("form button[type=submit]").click()
    if username == "tongbientap":
        set_up_two_factor(page)
    page.wait_for_url(base_url + "/admin/")


def set_up_two_factor(page):
    """The editor-in-chief's first login: the admin asks for an authenticator app first. The
    test plays the app, reading the key shown under the QR code."""
    page.wait_for_url("**/admin/xac-thuc/thiet-lap/**")
    secret = page.locator(".two-factor-qr code").inner_text().replace(" ", "")
    code = totp(b32decode(secret + "=" * (-len(secret) % 8)))
    page.fill("#id_code", f"{code:06d}")
    page.get_by_role("button", name="Bật xác thực hai bước").click()


def run_action(page, selector):
    # The admin's scripts must have wired the buttons up first: a workflow button pressed too
    # early acts as the form's plain submit (save draft) instead.
    page.wait_for_load_state("networkidle")
    wait_for_autosave(page)
    # The action sits in the footer's drop-up menu; press it as the menu would.
    with page.expect_navigation():
        page.locator(selector).first.evaluate("button => button.click()")


def wait_until(check, what, seconds=15):
    """Poll the database until the server has done what the browser asked (bounded)."""
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, f"not done after {seconds} s: {what}"
        time.sleep(0.2)


def test_reporter_writes_editors_approve_and_the_story_is_published(newsroom, page):
    base_url, section = newsroom

    log_in(page, base_url, "phongvien")
    page.goto(f"{base_url}/admin/pages/add/newsroom/articlepage/{section.pk}/")
    page.fill("#id_title", TITLE)
    page.fill("#id_dateline", "Hà Nội")
    page.fill("#id_sapo", "Tuyến đường sắt đô thị mới giúp giảm ùn tắc ở cửa ngõ phía tây.")
    page.locator('[data-contentpath="image"] [data-chooser-action-choose]').first.click()
    page.locator(".modal [data-chooser-modal-choice]").first.click()
    page.locator(".modal").wait_for(state="hidden")
    page.locator('[data-contentpath="body"] button[title]').first.click()
    page.get_by_role("option", name="Đoạn văn").click()
    # Typed key by key: the rich-text editor keeps its own state and ignores a bulk fill.
    page.locator('[data-contentpath="body"] [contenteditable=true]').first.click()
    page.keyboard.type("Tuyến dài hơn 12 km với 8 nhà ga trên cao.")
    # It copies its content into the form's hidden field a moment later; wait for that (with
    # expect: wait_for_function evals its text in the page, which the admin's CSP forbids).
    expect(page.locator('input[name="body-0-value"]')).to_have_value(re.compile("8 nhà ga"))
    run_action(page, 'button[name="action-submit"]')

    article = ArticlePage.objects.get(title=TITLE)
    assert not article.live
    assert article.current_workflow_state.status == "in_progress"
    assert article.image is not None
    assert "8 nhà ga trên cao" in str(article.get_latest_revision_as_object().body)

    def task_name():
        state = ArticlePage.objects.get(pk=article.pk).current_workflow_state
        return state.current_task_state.task.name if state else None

    log_in(page, base_url, "bientap")
    page.goto(f"{base_url}/admin/pages/{article.pk}/edit/")
    run_action(page, APPROVE)
    wait_until(lambda: task_name() == "Tổng biên tập duyệt", "the editor's approval")
    assert not ArticlePage.objects.get(pk=article.pk).live

    log_in(page, base_url, "tongbientap")
    page.goto(f"{base_url}/admin/pages/{article.pk}/edit/")
    run_action(page, APPROVE)
    wait_until(lambda: ArticlePage.objects.get(pk=article.pk).live, "publication")
    page.context.clear_cookies()
    page.goto(base_url + "/")
    assert page.get_by_role("link", name=TITLE).count() >= 1
    page.goto(base_url + section.url)
    assert page.get_by_role("link", name=TITLE).count() == 1
