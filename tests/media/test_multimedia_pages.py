"""The multimedia desk as readers and editors meet it: where each kind may live, what each page
shows, and how the kinds mix into the portal's listings."""

from datetime import UTC, datetime, timedelta

from django.core.exceptions import ValidationError

from wagtail.test.utils import WagtailPageTestCase

import pytest
from bs4 import BeautifulSoup

from media.models import (
    MULTIMEDIA_PAGE_TYPES,
    AudioBulletinPage,
    InfographicPage,
    MultimediaIndexPage,
    PhotoStoryPage,
    VideoPage,
)
from newsroom.models import ArticlePage, HomePage, SectionPage
from tests.factories import (
    ArticlePageFactory,
    AudioBulletinPageFactory,
    InfographicPageFactory,
    PhotoStoryPageFactory,
    PortalMediaFactory,
    VideoPageFactory,
)
from tests.helpers import count_queries


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


class MultimediaTreeRulesTests(WagtailPageTestCase):
    def test_the_index_sits_under_the_home_page_once(self):
        self.assertAllowedParentPageTypes(MultimediaIndexPage, {HomePage})
        self.assertEqual(MultimediaIndexPage.max_count, 1)
        self.assertAllowedSubpageTypes(MultimediaIndexPage, set(MULTIMEDIA_PAGE_TYPES))

    def test_each_kind_lives_in_the_index_or_a_section_and_has_no_children(self):
        for page_type in MULTIMEDIA_PAGE_TYPES:
            with self.subTest(page_type=page_type.__name__):
                self.assertAllowedParentPageTypes(page_type, {MultimediaIndexPage, SectionPage})
                self.assertAllowedSubpageTypes(page_type, set())
                self.assertCanNotCreateAt(HomePage, page_type)
                self.assertCanNotCreateAt(ArticlePage, page_type)


def test_a_photo_story_shows_every_photo_in_order_with_caption_number_and_credit(
    client, multimedia_index
):
    story = PhotoStoryPageFactory(parent=multimedia_index, photos=3)
    page = soup(client.get(story.url))

    assert page.select_one(".kind-badge").get_text() == "Ảnh"
    assert story.sapo in page.select_one(".article__sapo").get_text()
    slides = page.select("[data-gallery-slide]")
    assert [s["id"] for s in slides] == ["anh-1", "anh-2", "anh-3"]
    captions = [s.select_one(".figure__text").get_text() for s in slides]
    assert captions == [f"Nông dân thu hoạch lúa trên cánh đồng {n} - Ảnh {n}" for n in (1, 2, 3)]
    assert all(s.select_one(".figure__credit").get_text() == "Ảnh: VGP/Lê Thu Hà" for s in slides)
    # Every photo has its alt text; only the first loads eagerly.
    imgs = [s.select_one("img") for s in slides]
    assert all(img["alt"] == "Các đại biểu ngồi quanh bàn họp lớn" for img in imgs)
    assert [img["loading"] for img in imgs] == ["eager", "lazy", "lazy"]
    # The viewer's controls and thumbnails are there for gallery.js, hidden until it runs.
    assert page.select_one("[data-gallery-controls]").has_attr("hidden")
    thumbs = page.select("[data-gallery-thumb]")
    assert [t["aria-label"] for t in thumbs][0].startswith("Xem ảnh 1: Nông dân")
    assert page.select_one("script[src$='js/gallery.js']")
    assert "Vụ mùa năm nay bội thu" in page.select_one(".article__body").get_text()


def test_a_photo_caption_typed_on_the_story_replaces_the_one_saved_with_the_photo(
    client, multimedia_index
):
    story = PhotoStoryPageFactory(parent=multimedia_index, photos=1)
    photo = story.photos.get()
    photo.caption = "Cánh đồng lúa chín vàng ở Điện Biên"
    photo.save()
    page = soup(client.get(story.url))
    assert (
        page.select_one(".figure__text").get_text() == "Cánh đồng lúa chín vàng ở Điện Biên - Ảnh 1"
    )


def test_a_video_page_plays_the_file_with_poster_captions_and_transcript(client, multimedia_index):
    video = VideoPageFactory(parent=multimedia_index)
    page = soup(client.get(video.url))

    player = page.select_one("video")
    assert player.has_attr("controls")
    assert player["poster"] == video.media.thumbnail.url
    assert (player["width"], player["height"]) == ("1280", "720")
    assert player.select_one("source")["src"] == video.media.url
    assert player.select_one("source")["type"] == "video/mp4"
    track = player.select_one("track")
    assert track["kind"] == "captions"
    assert track["srclang"] == "vi"
    assert track["src"] == video.media.captions.url
    assert track.has_attr("default")
    assert "2 phút 05 giây" in page.select_one(".media-player .figure__text").get_text()
    assert page.select_one(".media-player .figure__credit").get_text() == "Video: VGP/Ban Biên tập"
    transcript = page.select_one(".transcript")
    assert "Sau đây là bản tin thời sự" in transcript.get_text()
    # The captions file is served with the type browsers require for a <track>.
    assert client.get(video.media.captions.url)["Content-Type"].startswith("text/vtt")


def test_an_audio_bulletin_names_its_partner_air_time_duration_and_transcript(
    client, multimedia_index
):
    air_time = datetime(2026, 11, 20, 6, 30, tzinfo=UTC)
    bulletin = AudioBulletinPageFactory(parent=multimedia_index, air_time=air_time)
    page = soup(client.get(bulletin.url))

    assert page.select_one("audio source")["src"] == bulletin.media.url
    facts = page.select_one(".facts").get_text(" ", strip=True)
    assert "Đài Tiếng nói Việt Nam" in facts
    assert "20/11/2026 13:30" in facts  # shown in Vietnam time
    assert "2 phút 05 giây" in facts
    assert "Sau đây là bản tin thời sự" in page.select_one(".transcript").get_text()
    assert page.select_one(".kind-badge").get_text() == "Âm thanh"


def test_an_infographic_comes_with_its_full_text_alternative(client, multimedia_index):
    infographic = InfographicPageFactory(parent=multimedia_index)
    page = soup(client.get(infographic.url))

    img = page.select_one(".infographic img")
    assert "nội dung có ở phần dạng chữ" in img["alt"]
    text = page.select_one("#noi-dung-dang-chu").get_text()
    assert "giải ngân 65% kế hoạch vốn" in text
    assert "Địa phương: 69%" in text
    assert page.select_one(".infographic .figure__credit").get_text() == "Ảnh: VGP/Lê Thu Hà"
    # A tall infographic is never cropped: its renditions keep the 1:2 shape.
    assert int(img["height"]) == 2 * int(img["width"])


def test_an_infographic_cannot_be_saved_without_its_text_alternative(multimedia_index):
    infographic = InfographicPageFactory.build(text_alternative="")
    with pytest.raises(ValidationError) as error:
        infographic.full_clean()
    assert "text_alternative" in error.value.message_dict


@pytest.mark.parametrize(
    ("page_factory", "media_kwargs", "message"),
    [
        (VideoPageFactory, {"video": True, "captions": ""}, "chưa có phụ đề"),
        (VideoPageFactory, {"video": True, "transcript": ""}, "chưa có bản ghi lời"),
        (AudioBulletinPageFactory, {"transcript": "  "}, "chưa có bản ghi lời"),
        (VideoPageFactory, {}, "không đúng loại"),  # an audio file on a video page
    ],
)
def test_audio_and_video_pages_refuse_files_readers_could_not_follow(
    multimedia_index, page_factory, media_kwargs, message
):
    page = page_factory.build(media=PortalMediaFactory(**media_kwargs))
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert message in " ".join(error.value.message_dict["media"])


def test_the_index_lists_every_kind_from_anywhere_in_the_site_newest_first(
    client, multimedia_index, section
):
    photo = PhotoStoryPageFactory(parent=multimedia_index)
    video = VideoPageFactory(parent=section)  # filed in a section, still listed here
    audio = AudioBulletinPageFactory(parent=multimedia_index)
    infographic = InfographicPageFactory(parent=section)
    draft = VideoPageFactory(parent=multimedia_index, live=False)
    ArticlePageFactory(parent=section)  # plain news is not multimedia

    response = client.get(multimedia_index.url)
    page = soup(response)
    listed = [story.pk for story in response.context["stories"]]
    assert listed == [photo.pk, video.pk, audio.pk, infographic.pk]
    assert draft.pk not in listed
    badges = [badge.get_text() for badge in page.select(".card .kind-badge")]
    assert badges == ["Ảnh", "Video", "Âm thanh", "Infographic"]


@pytest.mark.parametrize(
    ("kind", "expected"), [("video", VideoPage), ("am-thanh", AudioBulletinPage)]
)
def test_the_index_filters_by_kind(client, multimedia_index, kind, expected):
    PhotoStoryPageFactory(parent=multimedia_index)
    VideoPageFactory(parent=multimedia_index)
    AudioBulletinPageFactory(parent=multimedia_index)
    response = client.get(multimedia_index.url, {"loai": kind})
    assert [type(story) for story in response.context["stories"]] == [expected]
    current = soup(response).select_one(".kind-filter [aria-current='page']")
    assert current["href"].endswith(f"?loai={kind}")


@pytest.mark.parametrize("kind", ["khong-co", "<script>", "video' OR 1=1", ""])
def test_an_unknown_kind_shows_everything_instead_of_an_error(client, multimedia_index, kind):
    PhotoStoryPageFactory(parent=multimedia_index)
    VideoPageFactory(parent=multimedia_index)
    response = client.get(multimedia_index.url, {"loai": kind})
    assert len(response.context["stories"]) == 2


def test_the_index_is_paginated_and_keeps_the_filter_on_the_next_page(client, multimedia_index):
    for _ in range(25):
        InfographicPageFactory(parent=multimedia_index)
    first = client.get(multimedia_index.url, {"loai": "infographic"})
    assert len(first.context["stories"]) == 24
    next_link = soup(first).select_one(".pagination a[rel=next]")
    assert next_link["href"] == "?loai=infographic&page=2"
    second = client.get(multimedia_index.url, {"loai": "infographic", "page": 2})
    assert len(second.context["stories"]) == 1


def test_sections_and_the_home_page_list_multimedia_beside_articles_with_a_badge(
    client, home_page, section
):
    article = ArticlePageFactory(parent=section, title="Tin thời sự buổi sáng")
    video = VideoPageFactory(parent=section, title="Video: Khánh thành cầu mới")
    video.first_published_at = article.first_published_at + timedelta(minutes=5)
    video.save()

    listing = soup(client.get(section.url))
    lead = listing.select_one(".section-lead .card")
    assert lead.select_one(".card__title").get_text() == "Video: Khánh thành cầu mới"
    assert lead.select_one(".kind-badge").get_text() == "Video"
    assert lead.select_one(".card__credit").get_text() == "Ảnh: VGP/Lê Thu Hà"

    home = soup(client.get(home_page.url))
    titles = [t.get_text() for t in home.select(".card__title")]
    assert "Video: Khánh thành cầu mới" in titles
    assert "Tin thời sự buổi sáng" in titles


def test_a_long_form_article_breaks_its_pictures_out_of_the_column(client, section):
    article = ArticlePageFactory(parent=section, layout="longform")
    article.body = [
        ("paragraph", "<p>Mở đầu câu chuyện.</p>"),
        ("image", {"image": article.image, "caption": "Toàn cảnh", "display": "full"}),
        ("image", {"image": article.image, "caption": "Chi tiết", "display": "column"}),
    ]
    article.save()
    page = soup(client.get(article.url))

    assert "page-longform" in page.body["class"]
    assert page.select_one(".kind-badge").get_text() == "E-magazine"
    figures = page.select("figure.figure")
    assert [f["class"][1] for f in figures] == ["figure--full", "figure--full", "figure--column"]
    # A full-width picture offers renditions wide enough for a large screen.
    full_sizes = figures[1].select_one("img")["sizes"]
    assert full_sizes == "100vw"
    listing = soup(client.get(section.url))
    assert listing.select_one(".kind-badge").get_text() == "E-magazine"


def test_a_standard_article_shows_no_kind_badge(client, section):
    ArticlePageFactory(parent=section)
    assert not soup(client.get(section.url)).select(".kind-badge")


def test_multimedia_pages_drafts_are_not_listed_anywhere(client, home_page, section):
    VideoPageFactory(parent=section, live=False, title="Video chưa duyệt")
    for url in (home_page.url, section.url):
        assert "Video chưa duyệt" not in client.get(url).content.decode()


def test_every_multimedia_kind_is_found_by_site_search(client, home_page, multimedia_index):
    VideoPageFactory(parent=multimedia_index, title="Video: Lễ chào cờ tại Quảng trường Ba Đình")
    results = client.get("/search/", {"q": "Quảng trường Ba Đình"})
    assert "Lễ chào cờ" in results.content.decode()


def test_the_kinds_are_registered_for_the_admin(admin_client, multimedia_index):
    for page_type in (PhotoStoryPage, VideoPage, AudioBulletinPage, InfographicPage):
        url = f"/admin/pages/add/media/{page_type.__name__.lower()}/{multimedia_index.pk}/"
        assert admin_client.get(url).status_code == 200


def add_one_of_each_kind(parent):
    for factory in (
        PhotoStoryPageFactory,
        VideoPageFactory,
        AudioBulletinPageFactory,
        InfographicPageFactory,
    ):
        factory(parent=parent)


@pytest.mark.parametrize("where", ["index", "section"])
def test_listings_of_mixed_kinds_cost_the_same_queries_at_any_size(
    client, multimedia_index, section, where
):
    url = {"index": multimedia_index.url, "section": section.url}[where]
    add_one_of_each_kind(section)
    ArticlePageFactory(parent=section)
    client.get(url)  # warm the rendition and site caches
    few = count_queries(client, url)
    for _ in range(4):
        add_one_of_each_kind(section)
    client.get(url)
    assert count_queries(client, url) == few
    # The pages, then one query per kind present (five at most): bounded by the kinds, not rows.
    assert few <= 16


def test_a_photo_story_costs_the_same_queries_with_3_or_12_photos(client, multimedia_index):
    small = PhotoStoryPageFactory(parent=multimedia_index, photos=3)
    large = PhotoStoryPageFactory(parent=multimedia_index, photos=12)
    client.get(small.url), client.get(large.url)
    assert count_queries(client, small.url) == count_queries(client, large.url)


def test_editors_can_preview_every_multimedia_kind(admin_client, multimedia_index):
    """A draft's preview renders the revision, whose photos are in memory, not in the database."""
    from django.urls import reverse

    for factory in (
        PhotoStoryPageFactory,
        VideoPageFactory,
        AudioBulletinPageFactory,
        InfographicPageFactory,
    ):
        page = factory(parent=multimedia_index)
        page.save_revision()
        response = admin_client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk]))
        assert response.status_code == 200, page.title
