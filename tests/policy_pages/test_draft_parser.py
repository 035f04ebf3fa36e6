"""A draft pasted or uploaded as .docx comes back as its units (Phần … Điểm), every line of it
somewhere in the tree, and a file that is no readable .docx is refused in Vietnamese."""

import io
import os
import random
import re
import unicodedata
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from policy_pages.drafting.parse import DraftFileError, parse_docx, parse_text
from policy_pages.drafting.tree import UnitKind, assign_anchors

DECREE = """\
CHÍNH PHỦ
NGHỊ ĐỊNH
Quy định chi tiết một số điều của Luật Thư viện
Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;
Theo đề nghị của Bộ trưởng Bộ Văn hoá, Thể thao và Du lịch;
Chương I
QUY ĐỊNH CHUNG
Điều 1. Phạm vi điều chỉnh
Nghị định này quy định chi tiết về thư viện công cộng cấp xã.
Điều 2: Đối tượng áp dụng
1. Thư viện công cộng các cấp.
2) Tổ chức, cá nhân có liên quan, gồm:
a) Trường học có thư viện;
b) Hộ gia đình mở thư viện cộng đồng;
đ) Cơ sở tôn giáo có phòng đọc.
Các đối tượng trên được hỗ trợ theo quy định tại Điều 5.
CHƯƠNG II. THƯ VIỆN CỘNG ĐỒNG
Mục 1. THÀNH LẬP
Điều 5. Điều kiện thành lập
1. Có nguồn tài nguyên thông tin.
2. Có không gian đọc, gồm:
a) Diện tích tối thiểu 20 m2;
b) Ánh sáng đủ để đọc.
Điều 5a. Thông báo thành lập
Điều 5 của Luật Thư viện được áp dụng cho thư viện cộng đồng.
Chương III
CÁC ĐIỀU KHOẢN THI HÀNH
Điều 6 . Hiệu lực thi hành
Nghị định này có hiệu lực từ ngày 01 tháng 7 năm 2026.
Nơi nhận:
- Như Điều 6;
- Lưu: VT.
"""

KEYWORDS = {
    UnitKind.PART: "Phần",
    UnitKind.CHAPTER: "Chương",
    UnitKind.SECTION: "Mục",
    UnitKind.SUBSECTION: "Tiểu mục",
    UnitKind.ARTICLE: "Điều",
}


def words(text):
    """The words of a text, case and Unicode form aside ("Ð" from old fonts read as "Đ")."""
    text = unicodedata.normalize("NFC", text).casefold().replace("ð", "đ")
    return re.findall(r"\w+", text)


def assert_nothing_lost(lines, units):
    """Every non-blank line is in the tree exactly once, in reading order: the tree's words
    (a heading's keyword, number and title, a unit's text) are the input's words, and every
    paragraph's text is a whole input line as written."""
    tree_words = []
    for unit in units:
        for each in unit.walk():
            heading = [KEYWORDS.get(each.kind, ""), each.number, each.title, each.text]
            tree_words += words(" ".join(heading))
    assert tree_words == [word for line in lines for word in words(line)]
    written = {unicodedata.normalize("NFC", line).strip() for line in lines}
    paragraphs = [each for unit in units for each in unit.walk() if each.kind == "doan"]
    assert all(paragraph.text in written for paragraph in paragraphs)


def outline(units, depth=0):
    """Each unit as "  label: title|text", indented by depth: what a reader of the tree sees."""
    rows = []
    for unit in units:
        rows.append("  " * depth + f"{unit.label}: {unit.title or unit.text}")
        rows += outline(unit.children, depth + 1)
    return rows


# --- Pasted text --------------------------------------------------------------------------


def test_a_pasted_decree_reads_as_chapters_articles_clauses_and_points():
    units = parse_text(DECREE)

    assert outline(units) == [
        "Đoạn: CHÍNH PHỦ",
        "Đoạn: NGHỊ ĐỊNH",
        "Đoạn: Quy định chi tiết một số điều của Luật Thư viện",
        "Đoạn: Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;",
        "Đoạn: Theo đề nghị của Bộ trưởng Bộ Văn hoá, Thể thao và Du lịch;",
        "Chương I: QUY ĐỊNH CHUNG",
        "  Điều 1: Phạm vi điều chỉnh",
        "    Đoạn: Nghị định này quy định chi tiết về thư viện công cộng cấp xã.",
        "  Điều 2: Đối tượng áp dụng",
        "    Khoản 1: Thư viện công cộng các cấp.",
        "    Khoản 2: Tổ chức, cá nhân có liên quan, gồm:",
        "      Điểm a: Trường học có thư viện;",
        "      Điểm b: Hộ gia đình mở thư viện cộng đồng;",
        "      Điểm đ: Cơ sở tôn giáo có phòng đọc.",
        "        Đoạn: Các đối tượng trên được hỗ trợ theo quy định tại Điều 5.",
        "Chương II: THƯ VIỆN CỘNG ĐỒNG",
        "  Mục 1: THÀNH LẬP",
        "    Điều 5: Điều kiện thành lập",
        "      Khoản 1: Có nguồn tài nguyên thông tin.",
        "      Khoản 2: Có không gian đọc, gồm:",
        "        Điểm a: Diện tích tối thiểu 20 m2;",
        "        Điểm b: Ánh sáng đủ để đọc.",
        "    Điều 5a: Thông báo thành lập",
        "      Đoạn: Điều 5 của Luật Thư viện được áp dụng cho thư viện cộng đồng.",
        "Chương III: CÁC ĐIỀU KHOẢN THI HÀNH",
        "  Điều 6: Hiệu lực thi hành",
        "    Đoạn: Nghị định này có hiệu lực từ ngày 01 tháng 7 năm 2026.",
        "Đoạn: Nơi nhận:",
        "Đoạn: - Như Điều 6;",
        "Đoạn: - Lưu: VT.",
    ]
    assert_nothing_lost(DECREE.splitlines(), units)


def test_the_anchor_of_point_a_of_clause_2_of_article_5_is_dieu_5_khoan_2_diem_a():
    units = parse_text(DECREE)

    anchors = {anchor: unit for unit, anchor in assign_anchors(units)}

    assert anchors["dieu-5-khoan-2-diem-a"].text == "Diện tích tối thiểu 20 m2;"
    assert anchors["dieu-2-khoan-2-diem-dd"].text == "Cơ sở tôn giáo có phòng đọc."
    assert anchors["dieu-5a"].title == "Thông báo thành lập"
    assert anchors["chuong-ii-muc-1"].title == "THÀNH LẬP"


def test_headings_are_read_whatever_their_case_spacing_tabs_and_unicode_form():
    lines = [
        "ĐIỀU  1 .  PHẠM VI",
        "\u00a0Điều\u00a02:\tĐối tượng\u00a0",
        unicodedata.normalize("NFD", "Điều 3. Giải thích từ ngữ"),
        "Ðiều 4. Nguyên tắc",  # Ð is U+00D0, as old Vietnamese fonts convert
        "Điều 5 - Chính sách",
        "chương IV\tQUY ĐỊNH KHÁC",
    ]

    units = parse_text("\n".join(lines))

    assert [(unit.label, unit.title) for unit in units[:5]] == [
        ("Điều 1", "PHẠM VI"),
        ("Điều 2", "Đối tượng"),
        ("Điều 3", "Giải thích từ ngữ"),
        ("Điều 4", "Nguyên tắc"),
        ("Điều 5", "Chính sách"),
    ]
    assert (units[5].label, units[5].title) == ("Chương IV", "QUY ĐỊNH KHÁC")
    assert_nothing_lost(lines, units)


def test_a_chapter_title_wrapped_over_lines_in_capitals_is_one_title():
    text = """\
Chương II
QUYỀN VÀ NGHĨA VỤ CỦA
NGƯỜI TIÊU DÙNG
Chương III. TRÁCH NHIỆM CỦA
TỔ CHỨC, CÁ NHÂN KINH DOANH
Chương IV
Thanh tra
THANH TRA CHUYÊN NGÀNH
"""
    units = parse_text(text)

    assert outline(units) == [
        "Chương II: QUYỀN VÀ NGHĨA VỤ CỦA NGƯỜI TIÊU DÙNG",
        "Chương III: TRÁCH NHIỆM CỦA TỔ CHỨC, CÁ NHÂN KINH DOANH",
        "Chương IV: Thanh tra",
        "  Đoạn: THANH TRA CHUYÊN NGÀNH",
    ]
    assert_nothing_lost(text.splitlines(), units)


def test_parts_keep_their_number_as_written_and_take_the_next_line_as_title():
    text = """\
Phần thứ nhất
NHỮNG QUY ĐỊNH CHUNG
Chương I
Điều 1. Phạm vi
PHẦN THỨ  HAI
Những quy định cụ thể
Phần III. ĐIỀU KHOẢN THI HÀNH
"""
    units = parse_text(text)

    assert [(unit.number, unit.title) for unit in units] == [
        ("thứ nhất", "NHỮNG QUY ĐỊNH CHUNG"),
        ("thứ hai", "Những quy định cụ thể"),
        ("III", "ĐIỀU KHOẢN THI HÀNH"),
    ]
    chapter = units[0].children[0]
    assert (chapter.label, chapter.title) == ("Chương I", "")
    assert chapter.children[0].label == "Điều 1"
    assert [anchor for _, anchor in assign_anchors(units)][:1] == ["phan-thu-nhat"]
    assert_nothing_lost(text.splitlines(), units)


def test_sections_and_subsections_sit_in_their_chapter_and_a_new_chapter_closes_them():
    text = """\
Chương I. QUẢN LÝ
Mục 1. ĐĂNG KÝ
Tiểu mục 1. HỒ SƠ
Điều 1. Thành phần hồ sơ
1. Đơn đăng ký.
Chương II. THANH TRA
Điều 2. Thanh tra chuyên ngành
"""
    units = parse_text(text)

    assert outline(units) == [
        "Chương I: QUẢN LÝ",
        "  Mục 1: ĐĂNG KÝ",
        "    Tiểu mục 1: HỒ SƠ",
        "      Điều 1: Thành phần hồ sơ",
        "        Khoản 1: Đơn đăng ký.",
        "Chương II: THANH TRA",
        "  Điều 2: Thanh tra chuyên ngành",
    ]


def test_numbering_outside_an_article_stays_a_paragraph():
    text = """\
Căn cứ các quy định sau:
1. Luật Tổ chức Chính phủ;
a) Điều 5;
Điều 1. Phạm vi
"""
    units = parse_text(text)

    assert [unit.label for unit in units] == ["Đoạn", "Đoạn", "Đoạn", "Điều 1"]
    assert units[1].text == "1. Luật Tổ chức Chính phủ;"


def test_sentences_that_begin_like_headings_stay_paragraphs():
    lines = [
        "Điều 1. Giải thích từ ngữ",
        "Điều 5 của Luật này được hiểu như sau.",
        "Điều kiện kinh doanh được công bố công khai.",
        "Chương trình mục tiêu quốc gia được ưu tiên.",
        "Chương II của Luật Đất đai được giữ nguyên.",
        "Mục đích của quy định là bảo vệ người dân.",
        "Phần lớn thủ tục được thực hiện trực tuyến.",
        "Phần di sản được chia theo pháp luật.",
        "1.000 hồ sơ được giải quyết mỗi năm.",
        "1.2 Mức phí theo biểu.",
        "Điều 5-7 của Luật này không áp dụng.",
        "f) không phải là điểm;",
    ]

    units = parse_text("\n".join(lines))

    assert len(units) == 1
    assert [child.label for child in units[0].children] == ["Đoạn"] * 11
    assert_nothing_lost(lines, units)


def test_a_sentence_after_a_clause_continues_that_clause():
    units = parse_text("Điều 3. Trách nhiệm\n1. Bộ Tư pháp:\nChủ trì thực hiện.\n2. Bộ Tài chính.")

    first, second = units[0].children

    assert [child.text for child in first.children] == ["Chủ trì thực hiện."]
    assert (second.label, second.children) == ("Khoản 2", [])


def test_an_article_heading_too_long_for_a_name_keeps_its_words_as_the_article_text():
    sentence = "Các bộ, cơ quan ngang bộ và Ủy ban nhân dân cấp tỉnh tổ chức thực hiện. " * 8

    (article,) = parse_text(f"Điều 3. {sentence}")

    assert (article.label, article.title, article.text) == ("Điều 3", "", sentence.strip())


def test_a_chapter_heading_too_long_for_a_name_takes_no_title_from_the_next_line():
    sentence = "Chương này quy định về quyền và nghĩa vụ của các bên có liên quan. " * 8

    (chapter,) = parse_text(f"Chương I. {sentence}\nMột dòng không phải tên chương.")

    assert (chapter.title, chapter.text) == ("", sentence.strip())
    assert [child.text for child in chapter.children] == ["Một dòng không phải tên chương."]


def test_inserted_articles_clauses_and_points_keep_their_letter():
    text = "Điều 5a. Bổ sung\n2a. Khoản chèn;\na1) Điểm chèn;\nđ) Điểm đ."

    (article,) = parse_text(text)

    assert article.number == "5a"
    (clause,) = article.children
    assert clause.number == "2a"
    assert [point.number for point in clause.children] == ["a1", "đ"]


def test_points_may_sit_directly_in_an_article():
    (article,) = parse_text("Điều 4. Nguyên tắc\na) Công khai;\nb) Minh bạch.")

    assert [child.label for child in article.children] == ["Điểm a", "Điểm b"]


def test_recipients_and_signature_belong_to_no_article():
    units = parse_text(DECREE)

    assert [unit.text for unit in units[-3:]] == ["Nơi nhận:", "- Như Điều 6;", "- Lưu: VT."]


def test_blank_lines_and_invisible_marks_are_ignored():
    units = parse_text("\ufeffĐiều 1. Phạm vi\r\n\r\n   \n\u200b\nNội dung.\n")

    assert outline(units) == ["Điều 1: Phạm vi", "  Đoạn: Nội dung."]


@pytest.mark.parametrize("seed", range(8))
def test_nothing_is_lost_whatever_order_the_lines_come_in(seed):
    """Points before any Điều, a Mục after a Khoản, a title line far from its Chương: a faulty
    draft still loses no line."""
    lines = DECREE.splitlines() + ["Phần thứ hai", "Tiểu mục 2", "a1) Chen;", "", "  "]
    random.Random(seed).shuffle(lines)  # noqa: S311 (a repeatable order, no secret)

    assert_nothing_lost(lines, parse_text("\n".join(lines)))


# --- Word files -----------------------------------------------------------------------------


def word_file(document):
    stream = io.BytesIO()
    document.save(stream)
    stream.seek(0)
    return stream


def add_runs(document, *runs, style=None):
    """A paragraph whose text Word split into runs of different formatting."""
    paragraph = document.add_paragraph(style=style)
    for number, text in enumerate(runs):
        paragraph.add_run(text).bold = number % 2 == 0
    return paragraph


def add_table(document, rows):
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for row, texts in zip(table.rows, rows, strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    return table


def numbered(paragraph):
    """Give the paragraph Word's automatic numbering (w:numPr): its number is not in the text."""
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = 1
    return paragraph


def a_word_decree():
    """A decree as drafters type it in Word, and the lines a reader sees in it."""
    document = docx.Document()
    add_table(document, [["CHÍNH PHỦ", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"]])
    document.add_paragraph("Căn cứ Luật Tổ chức Chính phủ;")
    document.add_heading("Chương I", level=1)
    document.add_paragraph("QUY ĐỊNH CHUNG")
    document.add_heading("Điều 1. Phạm vi điều chỉnh", level=2)
    numbered(document.add_paragraph("Hoạt động thư viện", style="List Number"))
    add_runs(document, "Điề", "u 5. Phạm", " vi áp dụng")
    add_runs(document, "1", ". Cơ quan nhà ", "nước;")
    add_runs(document, "2. Các tổ chức sau:")
    document.add_paragraph("a) Trường học;")
    document.add_paragraph("đ) Cơ sở tôn giáo.")
    add_table(document, [["1.", "Lệ phí đăng ký"], ["2.", "Phí thẩm định"]])
    document.add_heading("Điều 5a. Thông báo", level=3)
    lines = [
        "CHÍNH PHỦ",
        "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Căn cứ Luật Tổ chức Chính phủ;",
        "Chương I",
        "QUY ĐỊNH CHUNG",
        "Điều 1. Phạm vi điều chỉnh",
        "Hoạt động thư viện",
        "Điều 5. Phạm vi áp dụng",
        "1. Cơ quan nhà nước;",
        "2. Các tổ chức sau:",
        "a) Trường học;",
        "đ) Cơ sở tôn giáo.",
        "1.",
        "Lệ phí đăng ký",
        "2.",
        "Phí thẩm định",
        "Điều 5a. Thông báo",
    ]
    return word_file(document), lines


def test_a_word_decree_reads_like_its_text_with_tables_kept_as_paragraphs():
    stream, lines = a_word_decree()

    units = parse_docx(stream)

    assert outline(units) == [
        "Đoạn: CHÍNH PHỦ",
        "Đoạn: CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Đoạn: Căn cứ Luật Tổ chức Chính phủ;",
        "Chương I: QUY ĐỊNH CHUNG",
        "  Điều 1: Phạm vi điều chỉnh",
        "    Đoạn: Hoạt động thư viện",
        "  Điều 5: Phạm vi áp dụng",
        "    Khoản 1: Cơ quan nhà nước;",
        "    Khoản 2: Các tổ chức sau:",
        "      Điểm a: Trường học;",
        "      Điểm đ: Cơ sở tôn giáo.",
        "        Đoạn: 1.",
        "        Đoạn: Lệ phí đăng ký",
        "        Đoạn: 2.",
        "        Đoạn: Phí thẩm định",
        "  Điều 5a: Thông báo",
    ]
    assert_nothing_lost(lines, units)
    anchors = {anchor: unit for unit, anchor in assign_anchors(units)}
    assert anchors["dieu-5-khoan-2-diem-a"].text == "Trường học;"


def test_an_uploaded_word_file_and_an_open_file_read_the_same(tmp_path):
    stream, _ = a_word_decree()
    path = tmp_path / "du-thao.docx"
    path.write_bytes(stream.getvalue())
    upload = SimpleUploadedFile("du-thao.docx", stream.getvalue())
    upload.read(10)  # a validator may have read some of it already

    with path.open("rb") as opened:
        from_disk = parse_docx(opened)

    assert outline(parse_docx(upload)) == outline(from_disk)


def test_a_line_break_inside_a_word_paragraph_separates_its_lines():
    document = docx.Document()
    chapter = document.add_paragraph()
    chapter.add_run("Chương II")
    chapter.add_run().add_break()
    chapter.add_run("Quy định cụ thể")
    article = document.add_paragraph()
    article.add_run("Điều 3. Giải thích từ ngữ")
    article.add_run().add_break()
    article.add_run("Trong Nghị định này, các từ ngữ dưới đây được hiểu như sau:")

    units = parse_docx(word_file(document))

    assert outline(units) == [
        "Chương II: Quy định cụ thể",
        "  Điều 3: Giải thích từ ngữ",
        "    Đoạn: Trong Nghị định này, các từ ngữ dưới đây được hiểu như sau:",
    ]


def test_a_text_box_is_read_once_after_its_paragraph_and_as_a_paragraph():
    """Word stores a text box twice, for new and for old readers; only one copy is shown."""
    document = docx.Document()
    anchor = document.add_paragraph("Điều 1. Phạm vi")
    box = "<w:txbxContent><w:p><w:r><w:t>1. DỰ THẢO LẦN 2</w:t></w:r></w:p></w:txbxContent>"
    anchor._p.append(
        parse_xml(
            f"<w:r {nsdecls('w', 'wp')} "
            "xmlns:mc='http://schemas.openxmlformats.org/markup-compatibility/2006' "
            "xmlns:wps='http://schemas.microsoft.com/office/word/2010/wordprocessingShape' "
            "xmlns:v='urn:schemas-microsoft-com:vml'>"
            "<mc:AlternateContent>"
            f"<mc:Choice Requires='wps'><w:drawing><wps:txbx>{box}</wps:txbx></w:drawing>"
            "</mc:Choice>"
            f"<mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict>"
            "</mc:Fallback>"
            "</mc:AlternateContent></w:r>"
        )
    )

    units = parse_docx(word_file(document))

    assert outline(units) == ["Điều 1: Phạm vi", "  Đoạn: 1. DỰ THẢO LẦN 2"]


def test_tracked_insertions_are_read_and_tracked_deletions_are_not():
    document = docx.Document()
    document.add_paragraph("Điều 7. Hiệu lực")
    paragraph = document.add_paragraph("1. Có hiệu lực từ ngày ")
    revisions = (
        parse_xml(
            f"<w:ins {nsdecls('w')} w:id='1' w:author='Tổ soạn thảo'>"
            "<w:r><w:t>01/7/2026</w:t></w:r></w:ins>"
        ),
        parse_xml(
            f"<w:del {nsdecls('w')} w:id='2' w:author='Tổ soạn thảo'>"
            "<w:r><w:delText>01/01/2026</w:delText><w:tab/></w:r></w:del>"
        ),
    )
    for revision in revisions:
        paragraph._p.append(revision)
    paragraph.add_run(".")

    (article,) = parse_docx(word_file(document))

    assert article.children[0].text == "Có hiệu lực từ ngày 01/7/2026."


def test_text_in_a_content_control_is_read_in_its_place():
    document = docx.Document()
    document.add_paragraph("Điều 1. Phạm vi")
    document.add_paragraph("Điều 2. Đối tượng")
    control = parse_xml(
        f"<w:sdt {nsdecls('w')}><w:sdtContent>"
        "<w:p><w:r><w:t>Nội dung trong ô nhập liệu.</w:t></w:r></w:p>"
        "</w:sdtContent></w:sdt>"
    )
    document.paragraphs[0]._p.addnext(control)

    first, _ = parse_docx(word_file(document))

    assert [child.text for child in first.children] == ["Nội dung trong ô nhập liệu."]


# --- Files refused ------------------------------------------------------------------------


def zip_bytes(members):
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return stream.getvalue()


def refusal(data):
    with pytest.raises(DraftFileError) as caught:
        parse_docx(io.BytesIO(data))
    return str(caught.value)


def test_random_bytes_are_no_word_file():
    assert refusal(os.urandom(4096)) == "Tệp không phải là tệp Word (.docx) hợp lệ."
    assert refusal(b"") == "Tệp không phải là tệp Word (.docx) hợp lệ."


def test_a_zip_without_a_word_document_is_no_word_file():
    data = zip_bytes({"mimetype": "application/zip", "content.xml": "<x/>"})

    assert refusal(data) == "Tệp không phải là tệp Word (.docx) hợp lệ."


def test_a_password_protected_file_is_refused_with_the_reason():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "EncryptionInfo".encode("utf-16-le")

    assert refusal(ole) == "Tệp đã được đặt mật khẩu (mã hoá); hãy gửi bản không đặt mật khẩu."


def test_a_word_97_file_is_refused_with_the_advice_to_save_it_as_docx():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "WordDocument".encode("utf-16-le")

    assert refusal(ole) == (
        "Tệp ở định dạng Word cũ (.doc); hãy mở bằng Word, lưu thành .docx rồi gửi lại."
    )


@pytest.fixture
def unpacking_forbidden(monkeypatch):
    """python-docx unpacks the file: a test that forbids it shows a refusal came first."""

    def unpack(*args):
        raise AssertionError("python-docx opened the file")

    monkeypatch.setattr(docx, "Document", unpack)


def test_a_file_over_10_mb_is_refused_before_it_is_unpacked(unpacking_forbidden):
    picture = os.urandom(10 * 1024 * 1024)  # random, so the zip cannot shrink it
    too_big = zip_bytes({"word/document.xml": "<w:document/>", "word/media/anh.png": picture})

    assert refusal(too_big) == "Tệp lớn hơn 10 MB."


def test_a_file_of_exactly_10_mb_is_read():
    stream, lines = a_word_decree()
    with zipfile.ZipFile(stream) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}

    def packed(padding):
        """The decree with a stored (uncompressed) picture of `padding` random bytes."""
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in members.items():
                archive.writestr(name, data)
            archive.writestr("word/media/anh.bin", os.urandom(padding), zipfile.ZIP_STORED)
        return out.getvalue()

    overhead = len(packed(0))
    data = packed(10 * 1024 * 1024 - overhead)

    assert len(data) == 10 * 1024 * 1024
    assert_nothing_lost(lines, parse_docx(io.BytesIO(data)))


ZIP_BOMB = "Tệp nén bất thường: khi giải nén, nội dung lớn quá mức cho phép."


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path, unpacking_forbidden):
    path = tmp_path / "bom.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        with archive.open("word/media/image1.png", "w") as member:
            chunk = bytes(1024 * 1024)
            for _ in range(150):
                member.write(chunk)

    assert path.stat().st_size < 1024 * 1024
    with path.open("rb") as opened, pytest.raises(DraftFileError, match=ZIP_BOMB):
        parse_docx(opened)


def test_a_member_that_unpacks_a_thousandfold_is_refused():
    data = zip_bytes({"word/document.xml": bytes(20 * 1024 * 1024)})

    assert refusal(data) == ZIP_BOMB


def test_members_that_together_unpack_past_100_mb_are_refused(tmp_path):
    """Each under 1 MB, too small to be held to the ratio, but over 100 MB in all."""
    path = tmp_path / "nhieu-phan.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        for number in range(101):
            archive.writestr(f"word/media/{number}.bin", bytes(1_040_000))

    with path.open("rb") as opened, pytest.raises(DraftFileError, match=ZIP_BOMB):
        parse_docx(opened)


def test_an_archive_of_thousands_of_members_is_refused():
    members = {f"word/media/{number}.xml": "" for number in range(2001)}
    members["word/document.xml"] = "<w:document/>"

    assert refusal(zip_bytes(members)) == ZIP_BOMB


def test_a_broken_word_package_is_refused_not_crashed_on():
    stream, _ = a_word_decree()
    with zipfile.ZipFile(stream) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members["word/document.xml"] = b"<w:document><w:body><w:p>"

    assert refusal(zip_bytes(members)) == (
        "Không đọc được nội dung tệp Word; hãy mở tệp bằng Word, lưu lại rồi gửi lại."
    )
