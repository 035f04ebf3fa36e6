"""An editor drops an agency photo into the image library: its caption and credit are filled."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

import pytest
from playwright.sync_api import expect

from media.models import PortalImage
from tests.media.test_agency_captions import (
    BYLINE,
    CAPTION,
    NOTE,
    agency_iptc,
    agency_jpeg,
    xmp_packet,
)

PASSWORD = "mat-khau-du-dai-2026"


@pytest.fixture
def editor(db):
    user = get_user_model().objects.create_user("bientap", password=PASSWORD)
    user.groups.add(Group.objects.get(name="Biên tập viên"))
    return user


def test_an_agency_photo_arrives_with_its_caption_and_credit(editor, live_url, page, tmp_path):
    photo = tmp_path / "cao-toc-bac-nam.jpg"
    photo.write_bytes(agency_jpeg(agency_iptc(), xmp_packet(CAPTION, BYLINE, "TTXVN")))

    page.goto(live_url + "/admin/login/")
    page.fill("#id_username", "bientap")
    page.fill("#id_password", PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(live_url + "/admin/")

    page.goto(live_url + "/admin/images/multiple/add/")
    page.locator("input[type=file]").set_input_files(str(photo))

    caption = page.get_by_label("Chú thích")
    expect(caption).to_have_value(CAPTION)
    expect(page.get_by_label("Nguồn ảnh")).to_have_value("TTXVN/Dương Giang")
    expect(page.get_by_text(NOTE).first).to_be_visible()

    # The editor corrects the suggested caption and saves: their words are what is kept.
    caption.fill("Thủ tướng kiểm tra công trường cao tốc tại Nghệ An.")
    page.get_by_role("button", name="Cập nhật").click()
    expect(page.get_by_role("status").get_by_text("Đã cập nhật ảnh.")).to_be_visible()
    image = PortalImage.objects.get()
    assert image.caption == "Thủ tướng kiểm tra công trường cao tốc tại Nghệ An."
    assert image.credit == "TTXVN/Dương Giang"
