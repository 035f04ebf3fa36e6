import datetime as dt

from django.utils import timezone

from wagtail.models import Site

import pytest

from core.models import SiteSettings
from newsroom.models import SECTION_PAGE_SIZE
from tests.factories import ArticlePageFactory, AuthorFactory, SectionPageFactory
from tests.helpers import count_queries


@pytest.fixture
def section(home_page):
    return SectionPageFactory(parent=home_page, title="Thời sự", slug="thoi-su")


def test_home_lists_the_newest_story_first_and_leaves_out_drafts(client, section):
    older = ArticlePageFactory(parent=section, title="Tin cũ hơn")
    newer = ArticlePageFactory(parent=section, title="Tin mới nhất hôm nay")
    newer.first_published_at = timezone.now()
    newer.save()
    ArticlePageFactory(parent=section, title="Bản nháp chưa đăng", live=False)

    response = client.get("/")
    assert response.status_code == 200
    text = response.text
    assert text.index("Tin mới nhất hôm nay") < text.index("Tin cũ hơn")
    assert "Bản nháp chưa đăng" not in text
    assert older.url in text


def test_menu_shows_the_sections_and_marks_the_current_one(client, section):
    response = client.get(section.url)
    assert f'<a href="{section.url}" aria-current="page">Thời sự</a>' in response.text


def test_article_shows_dateline_time_sapo_prefix_photo_credit_and_bylines(client, section):
    authors = [AuthorFactory(name="Nguyễn Minh Châu"), AuthorFactory(name="Trần Thu Hà")]
    article = ArticlePageFactory(
        parent=section,
        title="Hội nghị trực tuyến với các địa phương",
        dateline="Đà Nẵng",
        first_published_at=dt.datetime(2022, 8, 28, 1, 0, tzinfo=dt.UTC),
        authors=authors,
    )
    response = client.get(article.url)
    assert response.status_code == 200
    text = response.text
    assert "Đà Nẵng" in text
    assert '<time datetime="2022-08-28T08:00:00+07:00">28/08/2022 08:00</time>' in text
    assert "<strong>(Chinhphu.vn) -</strong> Chính phủ họp phiên thường kỳ" in text
    assert "Quang cảnh hội nghị trực tuyến với các địa phương" in text  # the photo's caption
    assert "Ảnh: VGP/Lê Thu Hà" in text  # and its credit
    assert 'alt="Các đại biểu ngồi quanh bàn họp lớn"' in text
    assert (
        '<a href="/tac-gia/nguyen-minh-chau/">Nguyễn Minh Châu</a> - '
        '<a href="/tac-gia/tran-thu-ha/">Trần Thu Hà</a>'
    ) in text
    assert 'class="body-heading">Thúc đẩy tăng trưởng</h2>' in text
    assert f'<a href="{section.url}">Thời sự</a>' in text  # breadcrumbs


def test_unpublished_article_is_not_served(client, section):
    article = ArticlePageFactory(parent=section, live=False)
    assert client.get(article.url).status_code == 404


@pytest.fixture
def full_section(section):
    return [ArticlePageFactory(parent=section) for _ in range(SECTION_PAGE_SIZE + 5)]


def test_section_lists_twenty_stories_a_page_newest_first(client, section, full_section):
    first = client.get(section.url)
    assert first.context["page_obj"].number == 1
    assert first.context["lead_story"] == full_section[0]  # no editor's choice: the newest
    assert list(first.context["articles"]) == full_section[1:SECTION_PAGE_SIZE]
    assert "Trang 1 / 2" in first.text

    second = client.get(section.url, {"page": 2})
    assert second.context["lead_story"] is None
    assert list(second.context["articles"]) == full_section[SECTION_PAGE_SIZE:]


def test_the_editors_lead_story_heads_the_first_page_once(client, section, full_section):
    chosen = full_section[7]
    section.lead_story = chosen
    section.save()
    first = client.get(section.url)
    assert first.context["lead_story"] == chosen
    assert chosen not in first.context["articles"]
    assert first.context["articles"][0] == full_section[0]
    assert first.text.count(f'href="{chosen.url}"') == 1


def test_an_unpublished_lead_story_falls_back_to_the_newest(client, section, full_section):
    chosen = full_section[3]
    section.lead_story = chosen
    section.save()
    chosen.unpublish()
    first = client.get(section.url)
    assert first.context["lead_story"] == full_section[0]
    assert chosen.title not in first.text


@pytest.mark.parametrize(("page", "expected"), [("abc", 1), ("-3", 2), ("999", 2), ("", 1)])
def test_bad_page_numbers_give_the_first_or_last_page(
    client, section, full_section, page, expected
):
    response = client.get(section.url, {"page": page})
    assert response.status_code == 200
    assert response.context["page_obj"].number == expected


# Most of these are Wagtail's own: site lookup, routing one query per URL level, view restrictions.
# Issue 8 (performance) brings these to 12 or fewer; here they must not grow with the archive.
QUERY_BOUNDS = {"home": 14, "section": 12, "article": 19, "topic": 11, "author": 11}


@pytest.mark.parametrize("page_type", QUERY_BOUNDS)
def test_query_count_does_not_grow_with_the_number_of_stories(
    client, home_page, section, page_type
):
    author = AuthorFactory(name="Đặng Văn Tâm")
    article = ArticlePageFactory(parent=section, authors=[author, AuthorFactory()])
    article.topics.add("Đầu tư công")
    article.save()
    url = {
        "home": "/",
        "section": section.url,
        "article": article.url,
        "topic": "/chu-de/dau-tu-cong/",
        "author": author.get_absolute_url(),
    }[page_type]

    def add_stories(count):
        for _ in range(count):
            more = ArticlePageFactory(parent=section, authors=[author])
            more.topics.add("Đầu tư công")
            more.save()

    add_stories(5)  # enough to fill every related-story slot
    client.get(url)  # warm up renditions and site caches
    few = count_queries(client, url)
    add_stories(30)
    client.get(url)
    many = count_queries(client, url)
    assert many == few
    assert many <= QUERY_BOUNDS[page_type]


def test_without_a_short_name_the_sapo_has_no_empty_prefix(client, section):
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.short_name = ""
    site_settings.save()
    html = client.get(ArticlePageFactory(parent=section).url).text
    assert '<p class="article__sapo">Chính phủ họp phiên thường kỳ' in html
    assert "<strong></strong>" not in html
