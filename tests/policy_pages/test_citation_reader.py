"""The citation reader finds each form in which Vietnamese text cites a legal document, and
nothing that only looks like one."""

import pytest

from policy_pages.citations.reader import find_citations, read_query


def read(text):
    return [(c.document_type, c.number, c.year, c.symbol, c.pinpoint) for c in find_citations(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("theo Nghị định số 15/2020/NĐ-CP của Chính phủ", ("nghi-dinh", "15", "2020", "ND-CP", "")),
        ("Luật số 64/2025/QH15 có hiệu lực", ("luat", "64", "2025", "QH15", "")),
        ("Thông tư 12/2024/TT-BTC hướng dẫn", ("thong-tu", "12", "2024", "TT-BTC", "")),
        ("tại Quyết định 1234/QĐ-TTg ngày 5/10", ("quyet-dinh", "1234", "", "QD-TTG", "")),
        ("Nghị quyết 57-NQ/TW về đột phá", ("nghi-quyet", "57", "", "NQ/TW", "")),
        ("Nghị quyết số 01/NQ-CP năm nay", ("nghi-quyet", "1", "", "NQ-CP", "")),
        ("văn bản 15/2020/NĐ-CP đã hết hiệu lực", ("nghi-dinh", "15", "2020", "ND-CP", "")),
        ("Văn bản hợp nhất số 08/VBHN-BTC", ("van-ban-hop-nhat", "8", "", "VBHN-BTC", "")),
        (
            "Thông tư liên tịch 03/2016/TTLT-BTP-BNV",
            ("thong-tu-lien-tich", "3", "2016", "TTLT-BTP-BNV", ""),
        ),
    ],
)
def test_full_numbers_are_read_with_their_type(text, expected):
    assert read(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "theo NĐ 15/2020 về xử phạt",
        "NĐ15/2020 quy định",
        "theo nghị định 15 năm 2020",
        "Nghị định 15/2020",
    ],
)
def test_type_and_number_forms_name_the_type_the_number_and_the_year(text):
    assert read(text) == [("nghi-dinh", "15", "2020", "", "")]


@pytest.mark.parametrize(
    "text",
    [
        "nghi dinh so 15/2020/ND-CP",
        "Nghi dinh 15/2020/ND-CP",
        "Nghị dinh số 15/2020/ND-CP",
        "NGHỊ ĐỊNH SỐ 15/2020/NĐ-CP",
    ],
)
def test_without_diacritics_or_with_d_for_đ_the_citation_is_the_same(text):
    assert read(text) == [("nghi-dinh", "15", "2020", "ND-CP", "")]


@pytest.mark.parametrize(
    ("text", "pinpoints"),
    [
        ("khoản 2 Điều 5 Nghị định 15/2020/NĐ-CP", ["dieu-5-khoan-2"]),
        ("điểm a khoản 1 Điều 3 Luật số 64/2025/QH15", ["dieu-3-khoan-1-diem-a"]),
        ("điểm đ khoản 1 Điều 3 Luật số 64/2025/QH15", ["dieu-3-khoan-1-diem-dd"]),
        ("theo khoản 3, Điều 7 của Thông tư 12/2024/TT-BTC", ["dieu-7-khoan-3"]),
        ("Điều 12a Nghị định 15/2020/NĐ-CP", ["dieu-12a"]),
        ("Điều 5 và Điều 6 Nghị định 15/2020/NĐ-CP", ["dieu-5", "dieu-6"]),
        ("khoản 2 và khoản 3 Điều 5 Nghị định 15/2020/NĐ-CP", ["dieu-5-khoan-2", "dieu-5-khoan-3"]),
        ("khoan 2 dieu 5 nghi dinh 15/2020/ND-CP", ["dieu-5-khoan-2"]),
    ],
)
def test_the_unit_cited_before_the_document_is_its_pinpoint(text, pinpoints):
    assert [c[4] for c in read(text)] == pinpoints


def test_several_documents_in_one_sentence_each_with_its_type():
    text = (
        "Nghị định 15/2020/NĐ-CP và Nghị định 14/2022/NĐ-CP; các Thông tư 12/2024/TT-BTC, "
        "13/2024/TT-BTC; NĐ 15/2020 và 14/2021."
    )
    assert [(c[0], c[1], c[2]) for c in read(text)] == [
        ("nghi-dinh", "15", "2020"),
        ("nghi-dinh", "14", "2022"),
        ("thong-tu", "12", "2024"),
        ("thong-tu", "13", "2024"),
        ("nghi-dinh", "15", "2020"),
        ("nghi-dinh", "14", "2021"),
    ]


def test_a_citation_covers_its_words_in_the_original_text():
    text = "Theo khoản 2 Điều 5 Nghị định số 15/2020/NĐ-CP, mức phạt tăng."
    (citation,) = find_citations(text)
    assert citation.text == "khoản 2 Điều 5 Nghị định số 15/2020/NĐ-CP"
    assert text[citation.start : citation.end] == citation.text
    assert citation.key == "15/2020/ND-CP"


@pytest.mark.parametrize(
    "text",
    [
        "Ngày 15/10/2020, tháng 5/2024, tỷ lệ đạt 15/20 và đội nhà thắng 3/1.",
        "Nhà số 15/2020 ngõ Quỳnh và số 15/20 Lý Thường Kiệt.",
        "Bản án số 15/2020/HS-ST của Tòa án nhân dân tỉnh.",
        "Điều 5 của điều lệ công ty; khoản vay 15 tỷ đồng.",
        "Luật Đất đai năm 2024 và Hiến pháp năm 2013.",
        "Quyết định 15 ngày sau; năm 2020 có 15 trường hợp; tốc độ 60/km.",
        "Chuẩn ISO 9001:2015, mã sản phẩm TT-2024, dịch COVID-19.",
        "tt 12/2024 và nd 15/2020 viết thường trong câu không phải số văn bản.",
        "Hội đồng quyết định 2 năm 2024 và 2025 không tăng phí; trường thông báo 3/2024 chỉ tiêu.",
        "Điểm TB 15/2020 của lớp, hệ CĐ 12/2023 và CT 5/2024 (công ty) không phải văn bản.",
        "Công văn số 2345/TCHQ-GSQL, Báo cáo số 325/BC-BYT, mẫu số 01/TK-GTGT, QCVN 41:2019/BGTVT.",
    ],
)
def test_numbers_that_are_no_citation_are_left_alone(text):
    assert read(text) == []


@pytest.mark.parametrize(
    "query", ["nd 15 2020", "NĐ15/2020", "nghi dinh 15 2020", "nghị định 15/2020"]
)
def test_a_search_reads_the_type_number_and_year(query):
    assert [(c.document_type, c.number, c.year) for c in read_query(query)] == [
        ("nghi-dinh", "15", "2020")
    ]


def test_a_search_reads_a_bare_number_and_year_and_a_lower_case_symbol():
    assert [c.names for c in read_query("15/2020")] == [("", "15/2020/", "")]
    assert [c.key for c in read_query("15/2020/nd-cp")] == ["15/2020/ND-CP"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Quyết định số 15/2020 của Ủy ban", ("quyet-dinh", "15", "2020")),
        ("Theo Quyết định 15 năm 2020 của tỉnh", ("quyet-dinh", "15", "2020")),
        ("theo quyết định số 15/2020", ("quyet-dinh", "15", "2020")),
    ],
)
def test_a_type_that_is_also_a_verb_cites_with_a_capital_or_so(text, expected):
    assert [c[:3] for c in read(text)] == [expected]


def test_named_laws_take_the_nearest_type_word_before_their_name():
    assert read("Luật sửa đổi một số điều của Bộ luật Lao động số 45/2019/QH14") == [
        ("bo-luat", "45", "2019", "QH14", "")
    ]
    assert read("Văn bản hợp nhất Luật Doanh nghiệp số 67/VBHN-VPQH") == [
        ("van-ban-hop-nhat", "67", "", "VBHN-VPQH", "")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "NĐ" + " " * 100_000,
        "Thông tư" + "\xa0" * 100_000,
        "luật " * 20_000,
        "Điều 1 và " * 20_000,
        "1/" * 50_000,
        "<" * 50_000,
    ],
)
def test_long_hostile_text_is_read_at_once(text):
    """Each is read in well under a second (linear); a regression to quadratic time would make
    this test take minutes, which the suite's time shows."""
    assert len(read(text)) < 50_000


def test_a_symbol_too_long_for_a_document_is_none():
    assert read("Nghị định số 15/2020/" + "A" * 60) == []
