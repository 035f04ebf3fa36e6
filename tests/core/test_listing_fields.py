"""What a listing card, a feed entry and the page's meta description show of each page type:
the editor's listing fields first, then the page's own summary and lead picture."""

import pytest

from media.models import (
    AudioBulletinPage,
    InfographicPage,
    MultimediaIndexPage,
    PhotoStoryPage,
    PortalImage,
    VideoPage,
)
from newsroom.models import ArticlePage, HomePage, LiveCoveragePage, SectionPage
from policy_pages.models import (
    LegalDocumentIndexPage,
    LegalDocumentPage,
    PolicyIndexPage,
    PolicyPage,
)

# A page made in memory still reads its default locale and content type.
pytestmark = pytest.mark.django_db

OWN_SUMMARY = [
    (ArticlePage, "sapo"),
    (LiveCoveragePage, "sapo"),
    (PhotoStoryPage, "sapo"),
    (VideoPage, "sapo"),
    (AudioBulletinPage, "sapo"),
    (InfographicPage, "sapo"),
    (SectionPage, "introduction"),
    (MultimediaIndexPage, "introduction"),
    (LegalDocumentPage, "summary"),
    (PolicyPage, "summary"),
    # The two policy indexes have an introduction but have never summarised with it.
    (LegalDocumentIndexPage, "search_description"),
    (PolicyIndexPage, "search_description"),
    (HomePage, "search_description"),
]
WITH_LEAD_PICTURE = [ArticlePage, LiveCoveragePage, PhotoStoryPage, VideoPage, InfographicPage]


@pytest.mark.parametrize(("page_type", "field"), OWN_SUMMARY)
def test_a_page_without_a_listing_summary_is_summarised_by_its_own_text(page_type, field):
    page = page_type(title="Chính sách mới", **{field: "Những điểm mới về thuế thu nhập cá nhân."})
    assert page.display_summary == "Những điểm mới về thuế thu nhập cá nhân."
    assert page.meta_description == "Những điểm mới về thuế thu nhập cá nhân."


@pytest.mark.parametrize(("page_type", "field"), OWN_SUMMARY)
def test_the_listing_summary_comes_before_the_page_s_own_text(page_type, field):
    page = page_type(
        title="Chính sách mới",
        listing_summary="Tóm tắt ngắn cho danh sách tin.",
        **{field: "Những điểm mới về thuế thu nhập cá nhân."},
    )
    assert page.display_summary == "Tóm tắt ngắn cho danh sách tin."


@pytest.mark.parametrize("page_type", WITH_LEAD_PICTURE)
def test_a_story_without_a_listing_image_shows_its_lead_picture(page_type):
    lead, chosen = PortalImage(title="Ảnh chính"), PortalImage(title="Ảnh đại diện")
    assert page_type(title="Tin", image=lead).display_image is lead
    assert page_type(title="Tin", image=lead, listing_image=chosen).display_image is chosen


@pytest.mark.parametrize("page_type", [SectionPage, PolicyPage, LegalDocumentPage])
def test_a_page_without_a_lead_picture_shows_only_its_listing_image(page_type):
    chosen = PortalImage(title="Ảnh đại diện")
    assert page_type(title="Trang").display_image is None
    assert page_type(title="Trang", listing_image=chosen).display_image is chosen
