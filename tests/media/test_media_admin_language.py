"""The audio/video library (wagtailmedia, which ships no Vietnamese) reads Vietnamese."""

import json

from django.urls import reverse

import pytest


@pytest.mark.parametrize(
    ("url_args", "vietnamese", "english"),
    [
        (("wagtailmedia:index", []), "Âm thanh/video", "Add audio"),
        (("wagtailmedia:add", ["audio"]), "Thêm âm thanh", "Add audio"),
        (("wagtailmedia:add", ["video"]), "Thêm video", "Duration in seconds"),
    ],
)
def test_the_audio_video_library_reads_vietnamese(admin_client, url_args, vietnamese, english):
    name, args = url_args
    text = admin_client.get(reverse(name, args=args)).content.decode()
    assert vietnamese in text
    assert english not in text


def test_the_admin_menu_names_the_library_in_vietnamese(admin_client):
    # The sidebar is drawn by script from JSON, where non-ASCII letters are escaped.
    text = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert json.dumps("Âm thanh/video")[1:-1] in text
