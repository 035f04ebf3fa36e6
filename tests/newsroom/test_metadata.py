import datetime as dt
import json
import re

import pytest

from tests.factories import ArticlePageFactory, AuthorFactory, SectionPageFactory

LD_JSON = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


@pytest.fixture
def article(home_page):
    section = SectionPageFactory(parent=home_page, title="Thời sự", slug="thoi-su")
    article = ArticlePageFactory(
        parent=section,
        title="Chính phủ thông qua đề án </script><script>alert(1)</script>",
        first_published_at=dt.datetime(2022, 8, 28, 1, 0, tzinfo=dt.UTC),
        authors=[AuthorFactory(name="Trần Minh Khôi")],
    )
    article.topics.add("Cải cách hành chính")
    article.save()
    return article


def structured_data(html):
    return {data["@type"]: data for data in map(json.loads, LD_JSON.findall(html))}


def test_article_carries_news_article_structured_data(client, article):
    html = client.get(article.url).text
    data = structured_data(html)
    news = data["NewsArticle"]
    assert news["headline"] == article.title
    assert news["datePublished"] == "2022-08-28T08:00:00+07:00"
    assert news["dateModified"].endswith("+07:00")
    assert news["author"] == [
        {
            "@type": "Person",
            "name": "Trần Minh Khôi",
            "url": "http://localhost/tac-gia/tran-minh-khoi/",
        }
    ]
    assert news["image"][0].startswith("http://localhost/uploads/")
    assert news["publisher"]["name"] == "Cổng Thông tin điện tử Chính phủ"
    assert news["inLanguage"] == "vi"
    assert news["keywords"] == ["Cải cách hành chính"]
    crumbs = data["BreadcrumbList"]["itemListElement"]
    assert [item["name"] for item in crumbs] == ["Thời sự", article.title]


def test_a_title_cannot_break_out_of_the_structured_data(client, article):
    html = client.get(article.url).text
    assert "<script>alert(1)</script>" not in html


def test_article_has_open_graph_and_twitter_card_with_the_listing_image(client, article):
    html = client.get(article.url).text
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:locale" content="vi_VN">' in html
    assert re.search(r'<meta property="og:image" content="http://localhost/uploads/[^"]+">', html)
    assert '<meta property="og:image:width" content="1200">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert '<meta property="article:published_time" content="2022-08-28T08:00:00+07:00">' in html
    assert f'<link rel="canonical" href="http://localhost{article.url}">' in html
    assert '<meta name="description" content="Chính phủ họp phiên thường kỳ' in html


def test_section_is_a_website_with_its_introduction_as_description(client, article):
    section = article.get_parent().specific
    html = client.get(section.url).text
    assert '<meta property="og:type" content="website">' in html
    assert '<meta name="description" content="Tin tức, sự kiện trong ngày.">' in html
