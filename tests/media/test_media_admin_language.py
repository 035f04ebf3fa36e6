"""The audio/video library (wagtailmedia, which ships no Vietnamese) reads Vietnamese.

Its strings are translated in locale/vi/LC_MESSAGES/django.po; these tests fail if that catalogue
was not compiled, or if a wagtailmedia upgrade changes a msgid so the admin falls back to English.
"""

import json
import re

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.urls import reverse
from django.utils import translation

import pytest

from media.models import PortalMedia
from tests.factories import PortalMediaFactory
from tests.media.test_upload_rules import upload


def element_text(tag, text):
    """The text of the page's first <tag>, whitespace collapsed."""
    match = re.search(rf"(?s)<{tag}[^>]*>(.*?)</{tag}>", text)
    assert match, f"the page has a <{tag}>"
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split())


def heading(text):
    return element_text("h1", text)


def sidebar_items(text):
    """Every menu item of the admin sidebar, which is drawn by script from a JSON island."""
    match = re.search(
        r'(?s)<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', text
    )
    assert match, "the page carries the sidebar's JSON"

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("name"), str) and isinstance(node.get("label"), str):
                yield node
            for value in node.values():
                yield from walk(value)
        elif isinstance(node, list):
            for value in node:
                yield from walk(value)

    return list(walk(json.loads(match.group(1))))


@pytest.mark.parametrize(
    ("url_name", "args", "title", "vietnamese", "english"),
    [
        (
            "wagtailmedia:index",
            (),
            "Âm thanh/video",
            ["Thêm âm thanh", "Thêm video", "Tìm âm thanh/video"],
            ["Add audio", "Add video", "Search media", ">Media<"],
        ),
        (
            "wagtailmedia:add",
            ("audio",),
            "Thêm âm thanh",
            ["Thời lượng", "Ảnh đại diện (poster)", "Tải lên", "Đang tải lên…"],
            ["Add audio", "Duration", "Thumbnail", ">Upload<", "Uploading"],
        ),
        (
            "wagtailmedia:add",
            ("video",),
            "Thêm video",
            ["Thời lượng", "Chiều rộng", "Chiều cao", "Ảnh đại diện (poster)", "Tải lên"],
            ["Add video", "Duration", "Width", "Height", "Thumbnail", ">Upload<"],
        ),
    ],
)
def test_the_audio_video_library_pages_read_vietnamese(
    admin_client, url_name, args, title, vietnamese, english
):
    response = admin_client.get(reverse(url_name, args=args))
    assert response.status_code == 200
    text = response.content.decode()
    assert heading(text) == title
    assert element_text("title", text) == f"{title} - Wagtail"
    for phrase in vietnamese:
        assert phrase in text, phrase
    for phrase in english:
        assert phrase not in text, phrase


def test_the_duration_field_explains_itself_in_vietnamese(admin_client):
    # The portal's form (media.forms) replaces wagtailmedia's help text with a longer one; the
    # model's own "Duration in seconds" is translated too, for every other form that shows it.
    text = admin_client.get(reverse("wagtailmedia:add", args=("video",))).content.decode()
    assert "Tính bằng giây" in text
    assert "Duration in seconds" not in text
    with translation.override("vi"):
        duration = PortalMedia._meta.get_field("duration")
        assert str(duration.help_text) == "Thời lượng tính bằng giây"
        assert str(duration.verbose_name) == "thời lượng"
        assert str(PortalMedia._meta.get_field("thumbnail").verbose_name) == "ảnh đại diện (poster)"


def test_the_library_lists_an_item_in_vietnamese(admin_client, db):
    PortalMediaFactory(title="Bản tin sáng")
    text = admin_client.get(reverse("wagtailmedia:index")).content.decode()
    assert "Bản tin sáng" in text
    for phrase in ("Tiêu đề", "Loại", "Ngày tải lên", "Tệp âm thanh", "Vừa xong"):
        assert phrase in text, phrase
    for phrase in ("Audio file", "Uploaded", "minutes", " ago"):
        assert phrase not in text, phrase


def test_editing_and_deleting_an_item_read_vietnamese(admin_client, db):
    media = PortalMediaFactory(title="Bản tin trưa")
    edit = admin_client.get(reverse("wagtailmedia:edit", args=[media.pk])).content.decode()
    assert heading(edit) == "Đang sửa Bản tin trưa"
    for phrase in ("Đổi tệp âm thanh/video:", "Dung lượng", "Nơi sử dụng", "Được dùng 0 lần"):
        assert phrase in edit, phrase
    for phrase in ("Editing", "Change media file", "Filesize", "Usage", "Used 0 times"):
        assert phrase not in edit, phrase

    delete = admin_client.get(reverse("wagtailmedia:delete", args=[media.pk])).content.decode()
    assert "Bạn có chắc muốn xoá tệp âm thanh/video này?" in delete
    assert "Are you sure" not in delete

    response = admin_client.post(reverse("wagtailmedia:delete", args=[media.pk]), follow=True)
    assert "Đã xoá tệp âm thanh/video &#x27;Bản tin trưa&#x27;." in response.content.decode()


def test_a_refused_upload_says_why_in_vietnamese(admin_client, root_collection):
    response = admin_client.post(
        reverse("wagtailmedia:add", args=("audio",)),
        {"title": "", "collection": root_collection.pk, "file": upload("ghi-chu.txt", b"xin chao")},
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "Không thể lưu tệp âm thanh/video vì có lỗi." in text
    assert "could not be saved" not in text
    assert not PortalMedia.objects.exists()


def test_djangos_file_extension_check_reads_vietnamese():
    # wagtailmedia checks extensions with Django's validator, whose Vietnamese catalogue lacks it.
    with translation.override("vi"), pytest.raises(ValidationError) as refused:
        FileExtensionValidator(["mp3"])(upload("ghi-chu.txt", b"xin chao"))
    assert refused.value.messages == [
        "Không nhận tệp có phần mở rộng “txt”. Các phần mở rộng được phép: mp3."
    ]


def test_the_admin_menu_and_dashboard_name_the_library_in_vietnamese(admin_client, db):
    PortalMediaFactory()
    text = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    labels = {item["name"]: item["label"] for item in sidebar_items(text)}
    assert labels["media"] == "Âm thanh/video"
    assert "tệp âm thanh/video" in text  # the site summary panel
    assert "Media file" not in text
