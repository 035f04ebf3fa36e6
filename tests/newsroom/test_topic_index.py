"""/chu-de/: every topic that has live public stories, with how many, in Vietnamese order."""

from wagtail.models import PageViewRestriction

import pytest
from bs4 import BeautifulSoup

from newsroom.models import Topic
from tests.factories import ArticlePageFactory, SectionPageFactory


@pytest.fixture
def section(home_page):
    return SectionPageFactory(parent=home_page, title="Xã hội", slug="xa-hoi")


def tagged(parent, *topics, **fields):
    story = ArticlePageFactory(parent=parent, **fields)
    story.topics.add(*topics)
    story.save()
    return story


def listed(client):
    response = client.get("/chu-de/")
    assert response.status_code == 200
    page = BeautifulSoup(response.text, "html.parser")
    return [
        (link.contents[0].strip(), link.select_one(".topic-index__count").get_text(), link["href"])
        for link in page.select(".topic-index a")
    ]


def test_topics_are_listed_with_their_counts_in_vietnamese_order(client, section):
    tagged(section, "Đầu tư công", "Y tế")
    tagged(section, "Đầu tư công")
    tagged(section, "Dân số")
    tagged(section, "Ăn uống")
    tagged(section, "An sinh xã hội")

    assert listed(client) == [
        ("An sinh xã hội", "(1 tin bài)", "/chu-de/an-sinh-xa-hoi/"),
        ("Ăn uống", "(1 tin bài)", "/chu-de/an-uong/"),
        ("Dân số", "(1 tin bài)", "/chu-de/dan-so/"),
        ("Đầu tư công", "(2 tin bài)", "/chu-de/dau-tu-cong/"),
        ("Y tế", "(1 tin bài)", "/chu-de/y-te/"),
    ]


def test_drafts_restricted_stories_and_empty_topics_are_not_counted(client, section):
    tagged(section, "Kinh tế số")
    tagged(section, "Kinh tế số", "Chỉ có bản nháp", live=False)
    private = SectionPageFactory(parent=section.get_parent(), title="Nội bộ", slug="noi-bo")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="mat-khau"
    )
    tagged(private, "Kinh tế số", "Chỉ trong mục hạn chế")
    Topic.objects.create(name="Chưa có tin")

    assert listed(client) == [("Kinh tế số", "(1 tin bài)", "/chu-de/kinh-te-so/")]


def test_the_vietnamese_order_puts_each_modified_letter_after_its_base():
    from core.text import vi_sort_key

    words = ["Ơn", "đi", "Ông", "ăn", "Ưu", "dê", "Oản", "ân", "ung", "an", "ê", "e"]
    assert sorted(words, key=vi_sort_key) == [
        "an", "ăn", "ân", "dê", "đi", "e", "ê", "Oản", "Ông", "Ơn", "ung", "Ưu"
    ]  # fmt: skip
    tones = ["bạ", "bá", "bã", "bả", "bà", "ba"]
    assert sorted(tones, key=vi_sort_key) == ["ba", "bà", "bả", "bã", "bá", "bạ"]


def test_the_index_costs_the_same_queries_with_few_or_many_topics(client, section):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        client.get("/chu-de/")  # warms the site and restriction caches
        with CaptureQueriesContext(connection) as captured:
            assert "Giáo dục" in client.get("/chu-de/").text
        return len(captured)

    tagged(section, "Giáo dục")
    few = count()
    for n in range(15):
        tagged(section, f"Chủ đề số {n}", "Giáo dục")
    assert count() == few <= 2
