"""The public answer table (bản tổng hợp, tiếp thu, giải trình ý kiến) and its .docx and .xlsx:
rows by unit in reading order, counts, excerpts, outcome, explanation and the change; nothing
before the report is public; never a commenter's email."""

import io
from datetime import date

import pytest
from bs4 import BeautifulSoup
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from openpyxl import load_workbook

from tests.factories import AnswerFactory, PolicyPageFactory
from tests.helpers import count_queries
from tests.policy_pages.answered_drafts import comment, reported_policy, same_anchors

pytestmark = pytest.mark.django_db

HEADINGS = [
    "STT",
    "Điều, khoản",
    "Nội dung góp ý (tóm tắt, số ý kiến)",
    "Cơ quan, tổ chức, cá nhân góp ý",
    "Nội dung tiếp thu, giải trình",
    "Điều, khoản đã sửa ở dự thảo sau",
]


@pytest.fixture
def reported(policies_index):
    return reported_policy(policies_index)


def soup(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_the_table_lists_answers_by_unit_in_reading_order_then_the_whole_draft(client, reported):
    page = soup(client, f"{reported.url}tiep-thu-giai-trinh/")

    rows = page.select(".answer-row")
    units = [row.select_one(".answer-row__unit").get_text(strip=True) for row in rows]
    assert units == [
        "Khoản 2 Điều 1",
        "Điều 2. Công khai hồ sơ dự thảo trên cổng thông tin (mục 2)",
        "Điểm a khoản 2 Điều 5",
        "Ý kiến chung về dự thảo",
    ]
    assert rows[2].select_one(".answer-row__unit a")["href"] == (
        f"{reported.url}du-thao/1/#dieu-5-khoan-2-diem-a"
    )
    answer = reported.answers.get(outcome="tiep-thu")
    assert rows[2]["id"] == f"tra-loi-{answer.pk}"
    general_heading = page.select_one("#answers-general-heading").get_text(strip=True)
    assert general_heading == "Ý kiến chung về dự thảo"


def test_a_row_shows_count_three_excerpts_outcome_explanation_and_the_diff_link(client, reported):
    answer = reported.answers.get(outcome="tiep-thu")
    row = soup(client, f"{reported.url}tiep-thu-giai-trinh/").select_one(f"#tra-loi-{answer.pk}")

    assert row.select_one(".answer-row__count").get_text(strip=True) == "4 ý kiến góp ý"
    excerpts = [li.get_text(" ", strip=True) for li in row.select(".answer-row__excerpts li")]
    assert len(excerpts) == 3
    assert excerpts[0].startswith("Về đoạn “Đăng tải toàn văn dự thảo”:")
    assert "Lê Thị Hồng (Hội Luật gia tỉnh Nghệ An)" in excerpts[0]
    assert "Phạm Quốc Bảo" in excerpts[1]
    assert row.select_one(".answer__outcome").get_text(strip=True) == "Tiếp thu"
    assert "bổ sung yêu cầu đăng tải toàn văn" in row.get_text()
    change = row.select_one(".answer-row__changed a")
    assert change.get_text(strip=True) == "Điểm a khoản 2 Điều 5 (Dự thảo 2)"
    assert change["href"] == f"{reported.url}so-sanh/?tu=1&den=2#dieu-5-khoan-2-diem-a"


def test_the_summary_counts_approved_comments_per_outcome_and_nothing_private(client, reported):
    response = client.get(f"{reported.url}tiep-thu-giai-trinh/")
    page = BeautifulSoup(response.content, "html.parser")

    summary = page.select_one(".answer-table__summary").get_text(" ", strip=True)
    assert summary.startswith("8 ý kiến được tổng hợp:")
    assert "tiếp thu 4" in summary and "không tiếp thu 1" in summary
    assert "tiếp thu một phần 1" in summary and "ghi nhận 2" in summary
    text = response.content.decode()
    assert "@example.vn" not in text
    assert "Ý kiến bị từ chối" not in text
    assert "Trả lời câu hỏi" not in text


def test_a_change_in_an_unpublished_version_is_not_linked(client, reported):
    second = reported.draft_versions.get(number=2)
    second.published_at = None
    second.save()

    page = soup(client, f"{reported.url}tiep-thu-giai-trinh/")

    assert page.select(".answer-row__changed") == []


@pytest.mark.parametrize("suffix", ["tiep-thu-giai-trinh/", "tiep-thu-giai-trinh.docx"])
def test_nothing_shows_before_the_report_date(client, reported, suffix, time_machine):
    time_machine.move_to(date(2025, 5, 19))

    assert client.get(f"{reported.url}{suffix}").status_code == 404


def test_a_policy_without_a_report_has_no_table(client, policies_index):
    policy = PolicyPageFactory(parent=policies_index)

    for suffix in ("tiep-thu-giai-trinh/", "tiep-thu-giai-trinh.xlsx"):
        assert client.get(f"{policy.url}{suffix}").status_code == 404
    assert client.get(f"{policy.url}tiep-thu-giai-trinh.pdf").status_code == 404


def test_the_tables_queries_stay_flat_with_many_answers_and_comments(
    client, reported, django_assert_max_num_queries
):
    url = f"{reported.url}tiep-thu-giai-trinh/"
    client.get(url)  # the site and view restrictions are cached after a first view
    few = count_queries(client, url)
    first = reported.draft_versions.get(number=1)
    second = reported.draft_versions.get(number=2)
    v2 = same_anchors(second)
    for unit in list(first.units.all())[:20]:
        answer = AnswerFactory(policy=reported, unit=unit, outcome="ghi-nhan")
        if unit.anchor in v2:
            answer.changed_units.set([v2[unit.anchor]])
        for n in range(5):
            comment(reported, unit, answer, f"Góp ý thêm số {n} về {unit.anchor}.")

    with django_assert_max_num_queries(few):
        page = soup(client, url)
    assert len(page.select(".answer-row")) == 24


def open_docx(response):
    assert response.status_code == 200
    return Document(io.BytesIO(response.content))


def test_the_word_file_has_the_dossier_layout_cell_by_cell(client, reported):
    response = client.get(f"{reported.url}tiep-thu-giai-trinh.docx")

    assert response["Content-Disposition"] == (
        'attachment; filename="tiep-thu-giai-trinh-lay-y-kien-dien-tu.docx"'
    )
    document = open_docx(response)
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert section.page_width > section.page_height
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[:3] == [
        "BẢN TỔNG HỢP, TIẾP THU, GIẢI TRÌNH Ý KIẾN GÓP Ý",
        reported.title,
        "Ngày 20/05/2025",
    ]
    table = document.tables[0]
    heading = table.rows[0]
    assert [cell.text for cell in heading.cells] == HEADINGS
    assert all(run.bold for cell in heading.cells for run in cell.paragraphs[0].runs)
    assert heading._tr.trPr.find(qn("w:tblHeader")) is not None
    cells = [[cell.text for cell in row.cells] for row in table.rows[1:]]
    assert [row[0] for row in cells] == ["1", "2", "3", "4"]
    assert [row[1] for row in cells] == [
        "Khoản 2 Điều 1",
        "Điều 2. Công khai hồ sơ dự thảo trên cổng thông tin (mục 2)",
        "Điểm a khoản 2 Điều 5",
        "Ý kiến chung về dự thảo",
    ]
    assert cells[2][2].endswith("(4 ý kiến)")
    assert cells[2][2].startswith("• “Đăng tải toàn văn dự thảo”: Đề nghị đăng tải")
    assert cells[2][3].split("\n") == [
        "Lê Thị Hồng (Hội Luật gia tỉnh Nghệ An)",
        "Phạm Quốc Bảo",
        "Vũ Thanh Hà (Công ty Luật Ánh Dương)",
        "Ngô Đức Thịnh",
    ]
    assert cells[2][4] == "Tiếp thu. Đã bổ sung yêu cầu đăng tải toàn văn kèm phụ lục."
    assert cells[2][5] == "Điểm a khoản 2 Điều 5 (Dự thảo 2)"
    assert cells[1][5] == ""
    assert "@example.vn" not in response.content.decode("latin-1")


def test_the_spreadsheet_has_a_frozen_bold_heading_and_no_formula(client, reported):
    response = client.get(f"{reported.url}tiep-thu-giai-trinh.xlsx")

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="tiep-thu-giai')
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "BẢN TỔNG HỢP, TIẾP THU, GIẢI TRÌNH Ý KIẾN GÓP Ý"
    assert sheet["A2"].value == reported.title
    assert sheet["A3"].value == "Ngày 20/05/2025"
    assert [cell.value for cell in sheet[5]] == HEADINGS
    assert all(cell.font.bold for cell in sheet[5])
    assert sheet.freeze_panes == "A6"
    assert sheet.column_dimensions["C"].width == 60
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=6)]
    assert [row[0] for row in rows] == [1, 2, 3, 4]
    assert rows[0][1:] == [
        "Khoản 2 Điều 1",
        "• Rút ngắn thời hạn phản hồi.\n(1 ý kiến)",
        "Hà My",
        "Tiếp thu một phần. Tiếp thu phần thời hạn, giữ nguyên đối tượng.",
        None,
    ]
    assert sheet.cell(row=6, column=3).alignment.wrap_text
    # A name a spreadsheet would run as a formula is kept as text.
    assert rows[3][3] == '\'=HYPERLINK("http://x.example")\nMai Anh'
    assert sheet.cell(row=9, column=4).data_type == "s"


def test_changing_the_units_an_answer_changed_renews_the_cached_pages(
    reported, django_capture_on_commit_callbacks
):
    """The table shows them: a cached copy must not outlive the officer's correction."""
    from core import cache_tags

    answer = reported.answers.get(outcome="tiep-thu")
    key = "test:answer-table"
    with cache_tags.collecting() as tags:
        cache_tags.add(f"participation-{reported.pk}")
    cache_tags.store(key, cache_tags.clock(), 60, tags, body="bảng cũ")
    assert cache_tags.lookup(key)[2]
    with django_capture_on_commit_callbacks(execute=True):
        answer.changed_units.clear()

    assert not cache_tags.lookup(key)[2]


def test_a_long_comment_shows_its_beginning_cut_at_a_word(client, reported):
    answer = reported.answers.get(outcome="khong-tiep-thu")
    unit = answer.unit
    long_text = "Đề nghị cân nhắc lại toàn bộ phạm vi áp dụng của dự thảo " * 12
    comment(reported, unit, answer, long_text, name="Người viết dài")

    row = soup(client, f"{reported.url}tiep-thu-giai-trinh/").select_one(f"#tra-loi-{answer.pk}")

    excerpt = row.select("q")[1].get_text()
    assert excerpt.endswith("…") and len(excerpt) <= 200
    assert long_text.startswith(excerpt[:-1])
    assert not excerpt[:-1].endswith(" ")
