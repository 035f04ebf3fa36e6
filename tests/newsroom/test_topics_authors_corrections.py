import datetime as dt

import pytest

from newsroom.models import LISTING_PAGE_SIZE, ArticleCorrection, RelatedArticle, Topic
from tests.factories import ArticlePageFactory, AuthorFactory, SectionPageFactory


@pytest.fixture
def section(home_page):
    return SectionPageFactory(parent=home_page, title="Kinh tế", slug="kinh-te")


@pytest.mark.parametrize(
    ("name", "slug"),
    [("Kinh tế số", "kinh-te-so"), ("Đường sắt tốc độ cao", "duong-sat-toc-do-cao")],
)
def test_vietnamese_topic_names_get_ascii_addresses(db, name, slug):
    topic = Topic.objects.create(name=name)
    assert topic.slug == slug
    assert topic.get_absolute_url() == f"/chu-de/{slug}/"


def test_topic_page_lists_only_published_stories_of_that_topic(client, section):
    tagged = ArticlePageFactory(parent=section, title="Thanh toán không dùng tiền mặt tăng")
    tagged.topics.add("Kinh tế số")
    tagged.save()
    draft = ArticlePageFactory(parent=section, title="Bản nháp kinh tế số", live=False)
    draft.topics.add("Kinh tế số")
    draft.save()
    ArticlePageFactory(parent=section, title="Tin không cùng chủ đề")

    response = client.get("/chu-de/kinh-te-so/")
    assert response.status_code == 200
    assert "Chủ đề: Kinh tế số" in response.text
    assert "Thanh toán không dùng tiền mặt tăng" in response.text
    assert "Bản nháp kinh tế số" not in response.text
    assert "Tin không cùng chủ đề" not in response.text


def test_unknown_topic_or_author_is_a_404(client, home_page):
    assert client.get("/chu-de/khong-co/").status_code == 404
    assert client.get("/tac-gia/khong-co/").status_code == 404


def test_author_page_lists_their_stories_paginated(client, section):
    author = AuthorFactory(name="Lê Thị Hồng Đào", bio="Phóng viên mảng kinh tế.")
    assert author.slug == "le-thi-hong-dao"
    for _ in range(LISTING_PAGE_SIZE + 2):
        ArticlePageFactory(parent=section, authors=[author])
    ArticlePageFactory(parent=section, title="Bài của người khác", authors=[AuthorFactory()])

    first = client.get(author.get_absolute_url())
    assert first.status_code == 200
    assert "Phóng viên mảng kinh tế." in first.text
    assert len(first.context["articles"]) == LISTING_PAGE_SIZE
    assert "Bài của người khác" not in first.text
    last = client.get(author.get_absolute_url(), {"page": "nhieu"})
    assert last.context["page_obj"].number == 1
    assert len(client.get(author.get_absolute_url(), {"page": 9}).context["articles"]) == 2


def test_authors_with_the_same_name_get_distinct_addresses(db):
    first, second = AuthorFactory(name="Nguyễn Văn An"), AuthorFactory(name="Nguyễn Văn An")
    assert first.slug == "nguyen-van-an"
    assert second.slug == "nguyen-van-an-2"


def test_corrections_show_newest_first_and_update_the_modified_time(client, section):
    article = ArticlePageFactory(parent=section)
    older = dt.datetime(2030, 1, 2, 3, 0, tzinfo=dt.UTC)
    newer = dt.datetime(2030, 1, 3, 3, 0, tzinfo=dt.UTC)
    ArticleCorrection.objects.create(page=article, corrected_at=older, text="Sửa tên địa danh.")
    ArticleCorrection.objects.create(page=article, corrected_at=newer, text="Sửa số liệu GDP.")

    response = client.get(article.url)
    text = response.text
    assert "Đính chính" in text
    assert text.index("Sửa số liệu GDP.") < text.index("Sửa tên địa danh.")
    assert "03/01/2030 10:00" in text
    assert response.context["page"].modified_time == newer


def test_related_articles_are_the_editors_choice_then_shared_topics(client, section):
    article = ArticlePageFactory(parent=section)
    article.topics.add("Xuất khẩu")
    article.save()
    chosen = ArticlePageFactory(parent=section, title="Bài biên tập viên chọn")
    RelatedArticle.objects.create(page=article, article=chosen)
    same_topic = ArticlePageFactory(parent=section, title="Bài cùng chủ đề xuất khẩu")
    same_topic.topics.add("Xuất khẩu")
    same_topic.save()
    unpublished = ArticlePageFactory(parent=section, title="Bài chưa đăng", live=False)
    unpublished.topics.add("Xuất khẩu")
    unpublished.save()
    ArticlePageFactory(parent=section, title="Bài chẳng liên quan")

    related = client.get(article.url).context["related_articles"]
    assert [a.title for a in related] == ["Bài biên tập viên chọn", "Bài cùng chủ đề xuất khẩu"]
