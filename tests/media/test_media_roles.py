"""Who may do what in the audio/video library: the newsroom's roles feed the multimedia desk."""

from django.urls import reverse

import pytest

from media.models import PortalMedia
from tests.factories import PortalImageFactory, PortalMediaFactory
from tests.helpers import log_in_verified, member_of
from tests.media.test_upload_rules import add_media, wav_bytes


@pytest.mark.parametrize("role", ["Phóng viên", "Biên tập viên", "Tổng biên tập"])
def test_every_newsroom_role_uploads_audio_and_chooses_it(client, root_collection, role):
    log_in_verified(client, member_of(role, "nguoidung"))  # the editor-in-chief gives a code
    response = add_media(client, root_collection, "audio", "ban-tin.wav", wav_bytes(0.5))
    assert response.status_code == 302
    media = PortalMedia.objects.get()
    assert media.uploaded_by_user.username == "nguoidung"
    assert client.get(reverse("wagtailmedia:chooser")).status_code == 200


def test_a_reporter_edits_their_own_audio_but_not_a_colleagues(client, root_collection):
    reporter = member_of("Phóng viên", "phongvien")
    own = PortalMediaFactory(uploaded_by_user=reporter)
    colleagues = PortalMediaFactory(uploaded_by_user=member_of("Phóng viên", "dongnghiep"))
    client.force_login(reporter)
    assert client.get(reverse("wagtailmedia:edit", args=[own.pk])).status_code == 200
    assert client.get(reverse("wagtailmedia:edit", args=[colleagues.pk])).status_code in (302, 403)


def test_an_editor_edits_any_audio(client, root_collection):
    media = PortalMediaFactory(uploaded_by_user=member_of("Phóng viên", "phongvien"))
    client.force_login(member_of("Biên tập viên", "bientap"))
    assert client.get(reverse("wagtailmedia:edit", args=[media.pk])).status_code == 200


def test_editors_find_photos_by_caption_credit_and_tag(client, db):
    client.force_login(member_of("Biên tập viên", "bientap"))
    tagged = PortalImageFactory(title="Ảnh A", caption="Cầu Rồng về đêm", credit="TTXVN/Hồ Cầu")
    tagged.tags.add("giao thông")
    tagged.save()  # as the admin's form does after saving tags, so the index has them
    PortalImageFactory(title="Ảnh B", caption="Lúa chín", credit="VGP/Quang Minh")
    for query in ("Cầu Rồng", "Hồ Cầu", "giao thông"):
        response = client.get(reverse("wagtailimages:index"), {"q": query})
        assert [image.title for image in response.context["page_obj"]] == ["Ảnh A"], query
