"""Issue 18, point 5: one message per rule, in the real admin.

A photo's alt text may stay empty when its caption describes it (the portal then uses the
caption): the editor is warned once, and only when both are empty. Autosave saves the article
while the editor works, without ever pausing on "Có lỗi nhập liệu".
"""

import io
import time

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

import pytest
from PIL import Image

from media.models import PortalImage
from newsroom.models import ArticlePage
from tests.factories import (
    ArticlePageFactory,
    AuthorFactory,
    PortalImageFactory,
    SectionPageFactory,
)

PASSWORD = "mat-khau-du-dai-2026"
ALT_MISSING = "Ảnh chưa có văn bản thay thế lẫn chú thích"
WAGTAIL_ALT_NAG = "Vui lòng nhập mô tả ảnh"


@pytest.fixture
def editor(live_url, home_page):
    user = get_user_model().objects.create_user("bientap", password=PASSWORD)
    user.groups.add(Group.objects.get(name="Biên tập viên"))
    return user


def log_in(page, base_url):
    page.goto(base_url + "/admin/login/")
    page.fill("#id_username", "bientap")
    page.fill("#id_password", PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(base_url + "/admin/")


def jpeg(name):
    buffer = io.BytesIO()
    Image.new("RGB", (800, 450), "teal").save(buffer, "JPEG")
    return {"name": name, "mimeType": "image/jpeg", "buffer": buffer.getvalue()}


def visible_texts(locator):
    return [item.inner_text() for item in locator.all() if item.is_visible()]


def test_an_upload_says_the_alt_text_rule_once_and_not_once_a_caption_is_given(
    editor, live_url, page
):
    log_in(page, live_url)
    page.goto(live_url + "/admin/images/multiple/add/")
    page.set_input_files("#fileupload", [jpeg("hoi-nghi.jpg")])
    row = page.locator("#upload-list > li").first
    row.locator("form").wait_for()

    messages = visible_texts(row.locator(".error-message, .help-warning, .help-critical"))
    assert len(messages) == 1, messages
    assert ALT_MISSING in messages[0]
    assert not row.get_by_text(WAGTAIL_ALT_NAG).is_visible()  # Wagtail's own, always shown

    row.locator("textarea[name$=caption]").fill("Thủ tướng chủ trì hội nghị trực tuyến")
    row.locator("button[type=submit]").click()
    row.wait_for(state="detached")
    image = PortalImage.objects.get(caption="Thủ tướng chủ trì hội nghị trực tuyến")
    assert image.description == ""

    page.goto(f"{live_url}/admin/images/{image.pk}/")
    assert ALT_MISSING not in page.content()
    assert page.locator(".help-warning, .error-message").filter(has_text="alt").count() == 0
    assert "Có thể để trống khi chú thích đã mô tả ảnh" in page.content()


def test_an_image_with_neither_alt_nor_caption_shows_one_warning_on_its_edit_page(
    editor, live_url, page
):
    bare = PortalImageFactory(title="Ảnh chưa mô tả", caption="", description="")
    captioned = PortalImageFactory(title="Ảnh có chú thích", description="")
    log_in(page, live_url)

    page.goto(f"{live_url}/admin/images/{bare.pk}/")
    warnings = visible_texts(page.locator(".help-warning, .error-message"))
    assert len(warnings) == 1 and ALT_MISSING in warnings[0], warnings

    page.goto(f"{live_url}/admin/images/{captioned.pk}/")
    assert page.get_by_text(ALT_MISSING).count() == 0


def test_fifteen_seconds_of_editing_are_autosaved_without_an_input_error(
    editor, home_page, live_url, page
):
    section = SectionPageFactory(parent=home_page, slug="thoi-su")
    article = ArticlePageFactory(parent=section, owner=editor, live=False)
    AuthorFactory(name="Nguyễn Minh Châu")
    edit_url = f"{live_url}/admin/pages/{article.pk}/edit/"
    autosaves = []
    page.on(
        "response",
        lambda response: (
            autosaves.append(response.status)
            if response.request.method == "POST"
            and response.url == edit_url
            and response.request.headers.get("accept") == "application/json"
            else None
        ),
    )
    log_in(page, live_url)
    page.goto(edit_url)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(2500)  # Wagtail reads the form's starting state after 2 s
    started = time.monotonic()

    page.locator("#id_sapo").click()
    page.keyboard.press("End")
    page.keyboard.type(" Hội nghị kéo dài đến chiều cùng ngày.", delay=40)
    page.locator("#id_article_authors-ADD").click()  # a byline row, its author not chosen yet
    page.wait_for_timeout(1500)
    page.locator("#inline_child_article_authors-0 [data-chooser-action-choose]").click()
    page.locator(".modal a", has_text="Nguyễn Minh Châu").click()
    page.locator(".modal").wait_for(state="hidden")
    page.locator('[data-contentpath="body"] button[title]').last.click()
    page.get_by_role("option", name="Tin liên quan", exact=True).click()  # empty for now
    page.wait_for_timeout(1500)
    page.locator('[data-contentpath="body"] [contenteditable=true]').first.click()
    page.keyboard.press("End")
    page.keyboard.type(" Các địa phương báo cáo tiến độ giải ngân vốn đầu tư công.", delay=40)
    while time.monotonic() - started < 15:
        page.wait_for_timeout(1000)

    assert len(autosaves) >= 2, autosaves
    assert all(200 <= status < 300 for status in autosaves), autosaves
    assert "Có lỗi nhập liệu" not in page.content()
    assert "tạm dừng" not in page.locator("#w-autosave-indicator").inner_text()
    draft = ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
    assert "giải ngân vốn đầu tư công" in str(draft.body)
    assert [link.author.name for link in draft.article_authors.all()] == ["Nguyễn Minh Châu"]
