"""Site search (/search/): accent-insensitive both ways, exact document numbers first, filters,
promotions, and nothing unpublished, private or personal. Runs on SQLite and on PostgreSQL."""

import datetime as dt
import re

from django.test import TestCase
from django.utils import timezone

from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

import pytest

from newsroom import live_desk
from tests.factories import (
    ArticlePageFactory,
    LegalDocumentIndexPageFactory,
    LegalDocumentPageFactory,
    LiveCoveragePageFactory,
    PolicyIndexPageFactory,
    PolicyPageFactory,
    SectionPageFactory,
    SubmissionFactory,
    VideoPageFactory,
)
from tests.helpers import hidden_stories, member_of


@pytest.fixture
def section(home_page):
    return SectionPageFactory(parent=home_page, title="Kinh tế", slug="kinh-te")


@pytest.fixture
def documents_index(home_page):
    return LegalDocumentIndexPageFactory(parent=home_page)


def search(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response


def result_titles(response):
    """The titles of the ranked results (and exact-number documents), in the order shown."""
    main = response.text.split("<main", 1)[1]
    results = main.split('<h2 class="visually-hidden">Kết quả</h2>', 1)
    if len(results) == 1:
        return []
    return re.findall(r'class="search-results__title"><a href="[^"]*">([^<]*)</a>', results[1])


def promoted_titles(response):
    main = response.text.split("<main", 1)[1]
    if "Được đề xuất" not in main:
        return []
    block = main.split("Được đề xuất", 1)[1].split("</section>", 1)[0]
    return re.findall(r'class="search-results__title"><a href="[^"]*">([^<]*)</a>', block)


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


# --- Accents: readers type without diacritics, and with them ---


@pytest.mark.parametrize("query", ["chinh phu", "Chính phủ", "CHINH PHU", "chính phu"])
def test_chinh_phu_with_or_without_diacritics_finds_the_article(client, section, query):
    ArticlePageFactory(
        parent=section,
        title="Chính phủ ban hành chương trình hành động",
        sapo="Văn bản nêu các nhiệm vụ trọng tâm của năm.",
    )
    ArticlePageFactory(parent=section, title="Giá lúa tăng", sapo="Nông dân phấn khởi vụ mùa.")
    assert result_titles(search(client, q=query)) == ["Chính phủ ban hành chương trình hành động"]


def test_nghi_dinh_without_diacritics_finds_a_decree(client, documents_index):
    LegalDocumentPageFactory(
        parent=documents_index,
        title="Nghị định về quản lý thuế",
        summary="Quy định về đăng ký, khai, nộp thuế.",
    )
    assert "Nghị định về quản lý thuế" in result_titles(search(client, q="nghi dinh"))


@pytest.mark.parametrize("query", ["dat dai", "đất đai", "Đất Đai", "dat đai"])
def test_d_and_dj_match_each_other_in_the_query(client, section, query):
    ArticlePageFactory(parent=section, title="Sửa đổi Luật Đất đai", sapo="Lấy ý kiến nhân dân.")
    assert result_titles(search(client, q=query)) == ["Sửa đổi Luật Đất đai"]


def test_accented_query_finds_text_written_without_diacritics(client, section):
    """Names are sometimes written plainly (e.g. in English quotes): "Đắk Lắk" still finds them."""
    ArticlePageFactory(parent=section, title="Dak Lak coffee exports", sapo="Coffee from Dak Lak.")
    assert result_titles(search(client, q="Đắk Lắk")) == ["Dak Lak coffee exports"]


def test_letters_with_two_marks_fold_too(client, section):
    """ế, ộ, ữ carry two marks: SQLite's own tokenizer would leave them half-folded."""
    ArticlePageFactory(parent=section, title="Kinh tế số bứt phá", sapo="Hội nghị về dữ liệu.")
    assert result_titles(search(client, q="kinh te so")) == ["Kinh tế số bứt phá"]
    assert result_titles(search(client, q="hoi nghi du lieu")) == ["Kinh tế số bứt phá"]


def test_words_in_the_body_topics_and_document_text_are_found_without_diacritics(
    client, section, documents_index
):
    article = ArticlePageFactory(
        parent=section,
        title="Tin tức trong ngày",
        body=[("paragraph", RichText("<p>Khởi công đường cao tốc Bắc Nam phía Đông.</p>"))],
    )
    article.topics.add("Giao thông vận tải")
    article.save_revision().publish()  # topics are child rows, written after the page itself
    LegalDocumentPageFactory(
        parent=documents_index,
        title="Thông tư hướng dẫn",
        summary="Hướng dẫn thi hành.",
        full_text="<p>Điều 1. Phạm vi điều chỉnh về bảo hiểm xã hội tự nguyện.</p>",
    )
    assert result_titles(search(client, q="duong cao toc")) == ["Tin tức trong ngày"]
    assert result_titles(search(client, q="giao thong van tai")) == ["Tin tức trong ngày"]
    assert result_titles(search(client, q="bao hiem xa hoi tu nguyen")) == ["Thông tư hướng dẫn"]


def test_a_live_coverage_update_is_found_once_posted(client, section):
    """An update is posted from the live desk, without a new publication: the page's search
    entry is refreshed once the update is committed (newsroom/live_desk.py)."""
    page = LiveCoveragePageFactory(parent=section, title="Trực tiếp: Kỳ họp Quốc hội")
    editor = member_of("Biên tập viên", "bien-tap-tim-kiem")
    with TestCase.captureOnCommitCallbacks(execute=True):
        live_desk.post(
            page, editor, [("text", RichText("<p>Quốc hội biểu quyết thông qua Luật Thủ đô.</p>"))]
        )
    assert result_titles(search(client, q="luat thu do")) == ["Trực tiếp: Kỳ họp Quốc hội"]


def test_vietnamese_syllables_that_are_english_stop_words_are_searchable(client, section):
    """ "số", "thể", "an", "do" fold to English stop words; PostgreSQL must not drop them."""
    ArticlePageFactory(parent=section, title="Thể thao an toàn", sapo="Do mưa lớn, giải hoãn.")
    ArticlePageFactory(parent=section, title="Giá lúa tăng", sapo="Nông dân phấn khởi.")
    assert result_titles(search(client, q="the")) == ["Thể thao an toàn"]
    assert result_titles(search(client, q="an")) == ["Thể thao an toàn"]
    assert result_titles(search(client, q="do")) == ["Thể thao an toàn"]


# --- A document's number and symbol ---


@pytest.fixture
def decrees(documents_index):
    """The decree 68/2023/NĐ-CP, and others that mention its number more often than it does."""
    target = LegalDocumentPageFactory(
        parent=documents_index,
        title="Nghị định về quản lý thuế",
        number_symbol="68/2023/NĐ-CP",
        summary="Quy định chi tiết Luật Quản lý thuế.",
        issued_on=dt.date(2023, 9, 1),
        effective_on=dt.date(2023, 10, 15),
    )
    for number in range(3):
        LegalDocumentPageFactory(
            parent=documents_index,
            title=f"Nghị định sửa đổi Nghị định 68/2023/NĐ-CP, lần {number + 1}",
            number_symbol=f"{10 + number}/2024/NĐ-CP",
            summary="Sửa đổi, bổ sung Nghị định số 68/2023/NĐ-CP và Nghị định 68/2023/NĐ-CP.",
            full_text="<p>Nghị định 68/2023/NĐ-CP được sửa đổi: 68/2023/NĐ-CP.</p>",
        )
    LegalDocumentPageFactory(
        parent=documents_index, title="Nghị định về hóa đơn", number_symbol="123/2020/NĐ-CP"
    )
    return target


@pytest.mark.parametrize(
    "query",
    [
        "68/2023/NĐ-CP",
        "68/2023/ND-CP",
        "68/2023/nđ-cp",
        " 68/2023/nd-cp ",
        "Nghị định 68/2023/NĐ-CP",
    ],
)
def test_the_exact_number_puts_that_document_first_and_once(client, decrees, query):
    titles = result_titles(search(client, q=query))
    assert titles[0] == "Nghị định về quản lý thuế"
    assert titles.count("Nghị định về quản lý thuế") == 1
    assert len(titles) >= 2  # the documents that mention it follow


def test_a_document_found_is_dated_by_its_issue_not_by_its_page(client, decrees):
    """The page went up today; readers need the day the decree was issued (1 September 2023)."""
    decrees.first_published_at = timezone.make_aware(dt.datetime(2026, 11, 20, 9))
    decrees.save(update_fields=["first_published_at"])
    response = search(client, q="quan ly thue")
    meta = response.text.split('<ol class="search-results">', 1)[1].split("search-results__title")[
        0
    ]
    assert "Ban hành ngày" in meta
    assert '<time datetime="2023-09-01">01/09/2023</time>' in meta
    assert "20/11/2026" not in meta


def test_the_exact_number_shows_the_number_symbol(client, decrees):
    response = search(client, q="68/2023/ND-CP")
    assert "68/2023/NĐ-CP" in response.text.split("search-results__number", 1)[1]


def test_an_unpublished_document_is_never_put_first_by_its_number(client, documents_index):
    LegalDocumentPageFactory(
        parent=documents_index,
        title="Nghị định chưa công bố",
        number_symbol="99/2025/NĐ-CP",
        live=False,
    )
    response = search(client, q="99/2025/NĐ-CP")
    assert "Nghị định chưa công bố" not in response.text


def test_the_exact_number_respects_the_kind_filter(client, decrees):
    assert result_titles(search(client, q="68/2023/ND-CP", kind="bai-viet")) == []


# --- Filters ---


@pytest.fixture
def mixed(section, home_page, documents_index):
    other = SectionPageFactory(parent=home_page, title="Xã hội", slug="xa-hoi")
    ArticlePageFactory(
        parent=section,
        title="Ngân sách nhà nước tháng Một",
        first_published_at=timezone.make_aware(dt.datetime(2024, 1, 10, 9)),
    )
    ArticlePageFactory(
        parent=other,
        title="Ngân sách cho giáo dục",
        first_published_at=timezone.make_aware(dt.datetime(2024, 3, 5, 9)),
    )
    VideoPageFactory(
        parent=section,
        title="Video: Ngân sách và đầu tư công",
        first_published_at=timezone.make_aware(dt.datetime(2024, 2, 1, 9)),
    )
    LegalDocumentPageFactory(
        parent=documents_index,
        title="Nghị quyết về dự toán ngân sách",
        number_symbol="01/NQ-CP",
        first_published_at=timezone.make_aware(dt.datetime(2024, 2, 20, 9)),
    )
    return other


ALL_MIXED = {
    "Ngân sách nhà nước tháng Một",
    "Ngân sách cho giáo dục",
    "Video: Ngân sách và đầu tư công",
    "Nghị quyết về dự toán ngân sách",
}


def test_without_filters_every_kind_is_searched(client, mixed):
    assert set(result_titles(search(client, q="ngan sach"))) == ALL_MIXED


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("bai-viet", {"Ngân sách nhà nước tháng Một", "Ngân sách cho giáo dục"}),
        ("video", {"Video: Ngân sách và đầu tư công"}),
        ("van-ban", {"Nghị quyết về dự toán ngân sách"}),
        ("chinh-sach", set()),
        ("khong-co", ALL_MIXED),  # unknown: ignored
        ("<script>", ALL_MIXED),
    ],
)
def test_the_kind_filter(client, mixed, kind, expected):
    assert set(result_titles(search(client, q="ngan sach", kind=kind))) == expected


def test_the_section_filter_keeps_what_is_under_that_section(client, mixed):
    assert set(result_titles(search(client, q="ngan sach", section="kinh-te"))) == {
        "Ngân sách nhà nước tháng Một",
        "Video: Ngân sách và đầu tư công",
    }
    assert set(result_titles(search(client, q="ngan sach", section="xa-hoi"))) == {
        "Ngân sách cho giáo dục"
    }
    assert set(result_titles(search(client, q="ngan sach", section="khong-co"))) == ALL_MIXED


@pytest.mark.parametrize(
    ("tu", "den"),
    [("01/02/2024", "29/02/2024"), ("2024-02-01", "2024-02-29"), ("1/2/2024", "29/2/2024")],
)
def test_the_date_range_in_either_format(client, mixed, tu, den):
    assert set(result_titles(search(client, q="ngan sach", tu=tu, den=den))) == {
        "Video: Ngân sách và đầu tư công",
        "Nghị quyết về dự toán ngân sách",
    }


def test_the_date_range_counts_whole_days_in_hanoi_time(client, section):
    # 00:30 on 1 March in Hà Nội is still 29 February in UTC.
    ArticlePageFactory(
        parent=section,
        title="Ngân sách đầu tháng Ba",
        first_published_at=timezone.make_aware(dt.datetime(2024, 3, 1, 0, 30)),
    )
    assert result_titles(search(client, q="ngan sach", tu="01/03/2024", den="01/03/2024")) == [
        "Ngân sách đầu tháng Ba"
    ]
    assert result_titles(search(client, q="ngan sach", den="29/02/2024")) == []


@pytest.mark.parametrize("bad", ["31/02/2024", "99/99/9999", "hôm qua", "0001-01-01", "x" * 5000])
def test_a_bad_date_is_ignored_with_a_notice(client, mixed, bad):
    response = search(client, q="ngan sach", tu=bad)
    assert set(result_titles(response)) == ALL_MIXED
    assert "không hợp lệ nên đã được bỏ qua" in response.text


def test_dates_given_backwards_are_swapped(client, mixed):
    response = search(client, q="ngan sach", tu="29/02/2024", den="01/02/2024")
    assert set(result_titles(response)) == {
        "Video: Ngân sách và đầu tư công",
        "Nghị quyết về dự toán ngân sách",
    }
    assert "đổi chỗ" in response.text


def test_pagination_keeps_the_query_and_the_filters(client, section):
    for number in range(22):
        ArticlePageFactory(
            parent=section,
            title=f"Giải ngân vốn đầu tư công kỳ {number}",
            first_published_at=timezone.make_aware(dt.datetime(2024, 5, 1 + number, 9)),
        )
    response = search(client, q="giai ngan", kind="bai-viet", section="kinh-te", tu="01/05/2024")
    assert len(result_titles(response)) == 20
    next_link = re.search(r'href="\?([^"]*)" rel="next"', response.text).group(1)
    assert (
        next_link
        == "q=giai+ngan&amp;kind=bai-viet&amp;section=kinh-te&amp;tu=2024-05-01&amp;page=2"
    )
    second = search(
        client, q="giai ngan", kind="bai-viet", section="kinh-te", tu="2024-05-01", page=2
    )
    assert len(result_titles(second)) == 2
    assert 'rel="prev"' in second.text


# --- Editors' promotions ---


def promote(query_string, page=None, **fields):
    return SearchPromotion.objects.create(
        query=Query.get(query_string), page=page, sort_order=0, **fields
    )


def test_a_promoted_page_shows_first_marked_as_proposed(client, section, home_page):
    guide = PolicyPageFactory(
        parent=PolicyIndexPageFactory(parent=home_page), title="Hỏi đáp về thủ tục hành chính"
    )
    ArticlePageFactory(parent=section, title="Cải cách thủ tục hành chính", sapo="Thủ tục.")
    promote("thu tuc", page=guide, description="Mọi câu hỏi thường gặp.")
    for query in ["thu tuc", "Thủ tục"]:
        response = search(client, q=query)
        assert promoted_titles(response) == ["Hỏi đáp về thủ tục hành chính"]
        main = response.text.split("<main", 1)[1]
        assert main.index("Được đề xuất") < main.index("Cải cách thủ tục hành chính")
        assert "Mọi câu hỏi thường gặp." in main
        assert "Hỏi đáp về thủ tục hành chính" not in result_titles(response)  # shown once


def test_an_unpublished_promoted_page_is_not_shown(client, section):
    draft = ArticlePageFactory(parent=section, title="Bài chưa đăng về thủ tục", live=False)
    ArticlePageFactory(parent=section, title="Cải cách thủ tục hành chính")
    promote("thu tuc", page=draft)
    response = search(client, q="thu tuc")
    assert promoted_titles(response) == []
    assert "Bài chưa đăng" not in response.text


def test_an_outside_link_can_be_promoted(client, home_page):
    promote(
        "dich vu cong",
        external_link_url="https://dichvucong.gov.vn/",
        external_link_text="Cổng Dịch vụ công quốc gia",
    )
    response = search(client, q="dịch vụ công")
    assert promoted_titles(response) == ["Cổng Dịch vụ công quốc gia"]
    assert 'href="https://dichvucong.gov.vn/"' in response.text


def test_searching_writes_nothing(client, section):
    """No Query row and no hit count per search: a write on every read would not scale."""
    ArticlePageFactory(parent=section, title="Chính phủ họp")
    promote("chinh phu", external_link_url="https://example.vn/", external_link_text="Trang")
    queries, hits = Query.objects.count(), QueryDailyHits.objects.count()
    for query in ["chinh phu", "một câu hỏi chưa ai hỏi"]:
        search(client, q=query)
    assert (Query.objects.count(), QueryDailyHits.objects.count()) == (queries, hits)


# --- Nothing unpublished, scheduled, private or personal ---


def test_no_draft_scheduled_private_or_unpublished_page_appears(client, section):
    hidden = hidden_stories(section)
    live = ArticlePageFactory(parent=section, title="Tin công khai", slug="cong-khai")
    live.title = "Bí mật trong bản sửa chưa duyệt"
    live.save_revision()  # a draft change to a live page
    ArticlePageFactory(parent=section, title="Bí mật đã đăng", slug="da-dang")
    for query in ["bi mat", "Bí mật", "bi mat ban nhap", "hen gio", "noi bo", "da go", "ban sua"]:
        response = search(client, q=query)
        for slug in hidden:
            assert f"/{slug}/" not in response.text, (query, slug)
        assert "chưa duyệt" not in response.text, query
    assert result_titles(search(client, q="bi mat")) == ["Bí mật đã đăng"]


def test_a_restriction_on_a_section_hides_everything_under_it(client, section):
    ArticlePageFactory(parent=section, title="Kế hoạch nội bộ của ban")
    PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
    assert result_titles(search(client, q="ke hoach")) == []


def test_a_commenters_email_and_name_are_found_nowhere(client, home_page):
    policy = PolicyPageFactory(
        parent=PolicyIndexPageFactory(parent=home_page), title="Chính sách nhà ở xã hội"
    )
    SubmissionFactory(
        policy=policy,
        status="da-duyet",
        name="Lê Văn Dân",
        email="nguoi.dan@example.vn",
        body="Đề nghị mở rộng đối tượng được mua nhà ở xã hội.",
    )
    for query in ["nguoi.dan@example.vn", "nguoi dan example", "Lê Văn Dân", "le van dan"]:
        response = search(client, q=query)
        assert result_titles(response) == [], query
        assert "Không tìm thấy kết quả nào" in response.text
    response = search(client, q="Lê Văn Dân")
    assert "nguoi.dan@example.vn" not in response.text
    assert "Chính sách nhà ở xã hội" in result_titles(search(client, q="nha o xa hoi"))


# --- Odd and hostile input ---


HOSTILE = [
    "",
    "   ",
    "x" * 10_000,
    "chinh phu " * 1_000,
    "'; DROP TABLE wagtailcore_page; --",
    "<script>alert(1)</script>",
    "%%%",
    "&&&",
    '"chinh phu"',
    '"',
    "'",
    "*",
    "chinh*",
    "OR",
    "chinh OR phu",
    "AND NOT",
    "NEAR(chinh phu)",
    "title:chinh",
    "-phu",
    "^",
    "(",
    "\\",
    "chinh\x00phu",
    "\x00",
    "🇻🇳 chính phủ 🎉",
    "🎉",
    "_",
    "68/2023/",
    "/" * 300,
]


@pytest.mark.parametrize("query", HOSTILE)
def test_odd_queries_get_a_normal_page(client, section, query):
    ArticlePageFactory(parent=section, title="Chính phủ họp phiên thường kỳ")
    response = client.get("/search/", {"q": query, "page": "abc"})
    assert response.status_code == 200
    assert "<script>" not in response.text.split("<main", 1)[1]


@pytest.mark.parametrize(
    "params",
    [
        {"kind": "\x00", "section": "\x00", "tu": "\x00", "den": "\x00", "page": "\x00"},
        {"kind": "x" * 10_000, "section": "x" * 10_000, "page": "99999999999999999999"},
        {"tu": "9999-12-31", "den": "0000-00-00", "page": "-1"},
        {"section": "kinh-te", "tu": "'; DROP TABLE x; --", "den": "<script>"},
    ],
)
def test_odd_filters_get_a_normal_page(client, section, params):
    ArticlePageFactory(parent=section, title="Chính phủ họp phiên thường kỳ")
    response = client.get("/search/", {"q": "chinh phu", **params})
    assert response.status_code == 200
    assert "<script>" not in response.text.split("<main", 1)[1]


def test_the_search_page_costs_a_bounded_number_of_queries(
    client, mixed, django_assert_max_num_queries
):
    """Sections, promotions, count, ranked ids, one query per page type shown, site and
    settings: no query per result."""
    search(client, q="ngan sach")  # warm the caches (restrictions, menu)
    with django_assert_max_num_queries(9):
        search(client, q="ngan sach")
    with django_assert_max_num_queries(6):
        search(client, q="ngan sach", kind="bai-viet", section="kinh-te", tu="01/01/2024")


def test_past_the_ranked_limit_the_newest_matches_are_ranked_and_the_reader_told(
    client, section, monkeypatch
):
    """PostgreSQL ranks only the newest MAX_RANKED matches of a common query (see _ranked);
    SQLite, the embedded default, ranks them all."""
    from django.db import connection

    from core.search import query as site_search

    monkeypatch.setattr(site_search, "MAX_RANKED", 2)
    for n, title in enumerate(["Giá cà phê tháng một", "Giá cà phê tháng hai", "Giá cà phê mới"]):
        ArticlePageFactory(
            parent=section,
            title=title,
            first_published_at=timezone.now() - dt.timedelta(days=30 - 10 * n),
        )
    response = search(client, q="ca phe")
    if connection.vendor == "postgresql":
        assert set(result_titles(response)) == {"Giá cà phê tháng hai", "Giá cà phê mới"}
        assert "Có hơn 2 kết quả" in response.text
    else:
        assert len(result_titles(response)) == 3
        assert "Có 3 kết quả" in response.text


def test_a_title_match_ranks_above_a_newer_body_only_match(client, section):
    """Ranking, not publication order: on PostgreSQL among the newest matches (see _ranked)."""
    from django.db import connection

    ArticlePageFactory(
        parent=section,
        title="Khoáng sản chiến lược được quản lý chặt",
        first_published_at=timezone.now() - dt.timedelta(days=20),
    )
    ArticlePageFactory(
        parent=section,
        title="Phiên họp thường kỳ tháng mười",
        sapo="Chính phủ bàn nhiều việc, trong đó có khai thác khoáng sản ở vài tỉnh.",
        first_published_at=timezone.now() - dt.timedelta(days=1),
    )
    titles = result_titles(search(client, q="khoang san"))
    expected = ["Khoáng sản chiến lược được quản lý chặt", "Phiên họp thường kỳ tháng mười"]
    if connection.vendor == "postgresql":
        assert titles == expected
    else:  # SQLite: Wagtail's FTS5 ranking (BM25), ours only on PostgreSQL
        assert sorted(titles) == sorted(expected)


@pytest.fixture
def decree_15(documents_index, section):
    """15/2020/NĐ-CP among numbers that share its number or its year, and an article that says
    "nghị định 15 năm 2020" more often than the decree does."""
    target = LegalDocumentPageFactory(
        parent=documents_index,
        title="Nghị định quy định xử phạt vi phạm hành chính trong lĩnh vực bưu chính",
        number_symbol="15/2020/NĐ-CP",
        issued_on=dt.date(2020, 2, 3),
        effective_on=dt.date(2020, 4, 15),
    )
    for number in ("15/2021/NĐ-CP", "16/2020/NĐ-CP", "150/2020/NĐ-CP", "115/2020/NĐ-CP"):
        LegalDocumentPageFactory(
            parent=documents_index,
            number_symbol=number,
            summary="Sửa đổi quy định của nghị định 15 năm 2020 và Nghị định 15/2020/NĐ-CP.",
        )
    ArticlePageFactory(
        parent=section,
        title="Nghị định 15 năm 2020: nghị định 15 2020 được áp dụng ra sao",
        sapo="Nghị định 15/2020, nd 15 2020, 15/2020: bạn đọc hỏi về nghị định 15 năm 2020.",
    )
    return target


@pytest.mark.parametrize(
    "query", ["nd 15 2020", "NĐ15/2020", "15/2020", "nghi dinh 15 2020", "15/2020/ND-CP"]
)
def test_the_forms_readers_type_put_the_cited_document_first(client, decree_15, query):
    titles = result_titles(search(client, q=query))
    assert titles[0] == decree_15.title
    assert titles.count(decree_15.title) == 1
