import pytest

from tests.factories import ArticlePageFactory, SectionPageFactory


@pytest.fixture
def section(home_page):
    return SectionPageFactory(parent=home_page, title="Kinh tế", slug="kinh-te")


def test_search_finds_a_published_article_by_a_word_of_its_sapo(client, section):
    ArticlePageFactory(
        parent=section,
        title="Xuất khẩu nông sản tăng mạnh",
        sapo="Kim ngạch xuất khẩu gạo và cà phê đạt mức cao nhất trong mười năm.",
    )
    response = client.get("/search/", {"q": "cà phê"})
    assert response.status_code == 200
    assert "Xuất khẩu nông sản tăng mạnh" in response.text


def test_search_never_shows_an_unpublished_article(client, section):
    ArticlePageFactory(parent=section, title="Bản nháp chưa duyệt về cà phê", live=False)
    response = client.get("/search/", {"q": "cà phê"})
    assert response.status_code == 200
    assert "Bản nháp chưa duyệt" not in response.text
    assert "Không tìm thấy kết quả nào" in response.text


@pytest.mark.parametrize(
    "query", ["", "   ", "x" * 10_000, "'; DROP TABLE wagtailcore_page; --", "<script>", "%%%&&&"]
)
def test_odd_queries_get_a_normal_page(client, home_page, query):
    response = client.get("/search/", {"q": query, "page": "abc"})
    assert response.status_code == 200
    assert "<script>" not in response.text.split("<main", 1)[1]
