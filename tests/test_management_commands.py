from datetime import timedelta
from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command

from wagtail.models import Revision, Site

import pytest
from mutagen import File as MutagenFile
from PIL import Image

from media.models import (
    AudioBulletinPage,
    InfographicPage,
    MultimediaIndexPage,
    PhotoStoryPage,
    PortalImage,
    PortalMedia,
    VideoPage,
)
from newsroom.models import (
    ArticleCorrection,
    ArticlePage,
    ArticleTopic,
    Author,
    HomePage,
    LiveCoveragePage,
    SectionPage,
    Topic,
)
from policy_pages.choices import DocumentStatus, Stage
from policy_pages.models import (
    IssuingBody,
    LegalDocumentIndexPage,
    LegalDocumentPage,
    LegalDocumentRelation,
    LegalField,
    PolicyIndexPage,
    PolicyPage,
)


def test_ensure_admin_creates_one_admin_and_keeps_its_password_private(db, tmp_path):
    password_file = tmp_path / "admin-password.txt"
    out = StringIO()
    call_command("ensure_admin", "--password-file", str(password_file), stdout=out)
    assert "admin" in out.getvalue() and str(password_file) in out.getvalue()
    password = password_file.read_text().strip()
    assert password_file.stat().st_mode & 0o077 == 0
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.check_password(password)

    call_command("ensure_admin", "--password-file", str(password_file), stdout=StringIO())
    assert get_user_model().objects.count() == 1
    assert password_file.read_text().strip() == password


def test_seed_demo_builds_a_real_portal_and_running_it_again_changes_nothing(db, client):
    def counts():
        # Revisions and topic links catch a second run that edits pages rather than adds them.
        return (
            HomePage.objects.count(),
            SectionPage.objects.count(),
            ArticlePage.objects.count(),
            PortalImage.objects.count(),
            PortalMedia.objects.count(),
            PhotoStoryPage.objects.count(),
            Revision.objects.count(),
            ArticleTopic.objects.count(),
        )

    call_command("seed_demo", stdout=StringIO())
    first = counts()
    call_command("seed_demo", stdout=StringIO())
    assert counts() == first

    home = HomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert SectionPage.objects.live().child_of(home).filter(show_in_menus=True).count() >= 5
    articles = ArticlePage.objects.live().select_related("image")
    assert articles.count() >= 30
    for article in articles:
        assert article.image.caption and article.image.credit, article.title
        assert article.sapo and article.dateline and article.first_published_at

    # Archive stories keep the time they were first published, long before the portal's.
    archived = ArticlePage.objects.get(slug="tu-lieu-ngay-hoi-sach-dau-tien-o-pho-co")
    assert archived.last_published_at - archived.first_published_at > timedelta(days=365)
    assert "21/04/2019 07:30" in client.get(archived.url).text
    assert archived.url not in client.get("/news-sitemap.xml").text

    # Every kind of newsroom content has an example.
    assert Author.objects.count() >= 5
    assert Topic.objects.filter(tagged_articles__isnull=False).distinct().count() >= 5
    live = LiveCoveragePage.objects.live().get()
    assert live.updates.count() >= 5 and live.is_live
    assert live.updates.filter(pinned=True).count() == 1
    assert live.updates.filter(corrected_at__isnull=False).exists()
    live_text = client.get(live.url).text
    assert "Ghim</span>" in live_text and "Đã sửa lúc" in live_text
    assert ArticleCorrection.objects.exists()
    home.refresh_from_db()
    assert home.top_story is not None and home.featured_slots.exists()

    response = client.get("/")
    assert response.status_code == 200
    assert home.top_story.title in response.text

    # The multimedia desk: one of each kind, with files the project made itself.
    assert MultimediaIndexPage.objects.live().get().show_in_menus
    # Each desk's index page carries the desk's own review (core/workflows.py).
    assert MultimediaIndexPage.objects.get().get_workflow().name == "Duyệt đa phương tiện"
    assert PolicyIndexPage.objects.get().get_workflow().name == "Duyệt chính sách"
    assert LegalDocumentIndexPage.objects.get().get_workflow().name == "Duyệt chính sách"
    assert home.get_workflow().name == "Duyệt tin bài"
    story = PhotoStoryPage.objects.live().get()
    assert story.photos.count() >= 4
    assert all(photo.image.credit and photo.image.caption for photo in story.photos.all())
    assert ArticlePage.objects.live().filter(layout="longform").exists()

    video = VideoPage.objects.live().get().media
    assert MutagenFile(video.file.path).info.length == pytest.approx(video.duration, abs=0.5)
    assert video.duration >= 3 and video.width == 640
    assert video.captions.read().startswith(b"WEBVTT")
    with Image.open(video.thumbnail.path) as poster:
        assert poster.size == (640, 360)

    bulletin = AudioBulletinPage.objects.live().get()
    audio = MutagenFile(bulletin.media.file.path)
    assert audio.mime[0] == "audio/mp3" and audio.info.length >= 3
    assert bulletin.media.transcript and bulletin.broadcast_partner

    infographic = InfographicPage.objects.live().get()
    assert infographic.image.height > infographic.image.width
    assert "65%" in infographic.text_alternative

    for page in (story, VideoPage.objects.get(), bulletin, infographic):
        assert client.get(page.url).status_code == 200, page.title

    # The policy desk: issuers, fields, documents in every status with relations, and a policy in
    # every stage, one of them open for comment.
    assert IssuingBody.objects.count() >= 8 and LegalField.objects.count() >= 8
    documents = LegalDocumentPage.objects.live().with_status()
    assert documents.count() >= 20
    assert set(documents.values_list("status", flat=True)) == set(DocumentStatus.values)
    assert LegalDocumentRelation.objects.count() >= 8
    policies = PolicyPage.objects.live()
    assert {policy.current_stage for policy in policies} == set(Stage.values)
    assert any(policy.consultation and policy.consultation.state == "open" for policy in policies)
    for url in ("/van-ban/", "/chinh-sach/", policies.first().url, documents.first().url):
        assert client.get(url).status_code == 200, url


def test_generate_renditions_makes_the_listing_sizes_once(db):
    from core.renditions import filter_specs
    from tests.factories import PortalImageFactory

    image = PortalImageFactory()
    out = StringIO()
    call_command("generate_renditions", stdout=out)
    expected = {*filter_specs("card", image), *filter_specs("card-lead", image)}
    assert set(image.renditions.values_list("filter_spec", flat=True)) == expected
    assert f"Đã tạo {len(expected)} ảnh" in out.getvalue()
    out = StringIO()
    call_command("generate_renditions", stdout=out)
    assert "Đã tạo 0 ảnh" in out.getvalue()


def test_generate_renditions_refuses_an_unknown_size(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Không có cỡ ảnh “khong-co”"):
        call_command("generate_renditions", "--sizes", "card,khong-co")
