"""The answer table as the files officers put in the dossier: a Word document (landscape A4, the
heading row repeated on every page) and a spreadsheet (the heading row frozen), with the columns
of the usual bản tổng hợp, tiếp thu, giải trình ý kiến."""

import io

from django.utils.translation import gettext as _

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from core.text import vi_slugify

from .answer_table import commenters
from .moderation_queue import safe_cell

TITLE = "BẢN TỔNG HỢP, TIẾP THU, GIẢI TRÌNH Ý KIẾN GÓP Ý"
GENERAL = "Ý kiến chung về dự thảo"
HEADINGS = [
    "STT",
    "Điều, khoản",
    "Nội dung góp ý (tóm tắt, số ý kiến)",
    "Cơ quan, tổ chức, cá nhân góp ý",
    "Nội dung tiếp thu, giải trình",
    "Điều, khoản đã sửa ở dự thảo sau",
]
# Width of each column: in millimetres on landscape A4 (277 mm between margins), in characters
# in the spreadsheet.
DOCX_WIDTHS_MM = [12, 35, 75, 45, 75, 35]
XLSX_WIDTHS = [6, 24, 60, 32, 60, 28]
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def file_name(policy, extension):
    """ASCII, so every browser and mail client keeps it as it is."""
    return f"tiep-thu-giai-trinh-{vi_slugify(policy.slug or policy.title, 60)}.{extension}"


def table_cells(policy, table):
    """The table's rows as the six columns' text, numbered in order."""
    senders = commenters(policy)
    lines = []
    for number, row in enumerate(table.all_rows, start=1):
        excerpts = [
            (f"“{excerpt.quote}”: " if excerpt.quote else "") + excerpt.text
            for excerpt in row.excerpts
        ]
        count = _("%(count)s ý kiến") % {"count": row.comment_count}
        lines.append(
            [
                str(number),
                row.reference or GENERAL,
                "\n".join([*(f"• {text}" for text in excerpts), f"({count})"]),
                "\n".join(senders.get(row.answer.pk, [])),
                f"{row.outcome_label}. {row.answer.explanation}",
                "\n".join(f"{c.reference} ({c.version_label})" for c in row.changed),
            ]
        )
    return lines


def date_line(policy):
    day = policy.report_published_on
    return f"Ngày {day:%d/%m/%Y}" if day else ""


def docx_file(policy, table):
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(10))
    for text, size, bold in (
        (TITLE, 14, True),
        (policy.title, 12, True),
        (date_line(policy), 11, False),
    ):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(text)
        run.bold, run.font.size = bold, Pt(size)
    grid = document.add_table(rows=1, cols=len(HEADINGS))
    grid.style = "Table Grid"
    heading_row = grid.rows[0]
    _repeat_as_heading(heading_row)
    for cell, heading in zip(heading_row.cells, HEADINGS, strict=True):
        cell.paragraphs[0].add_run(heading).bold = True
    for values in table_cells(policy, table):
        for cell, value in zip(grid.add_row().cells, values, strict=True):
            cell.text = value
    for column, width in zip(grid.columns, DOCX_WIDTHS_MM, strict=True):
        for cell in column.cells:
            cell.width = Mm(width)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _repeat_as_heading(row):
    """Word repeats a row marked tblHeader at the top of each page the table runs onto."""
    properties = row._tr.get_or_add_trPr()
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    properties.append(marker)


def xlsx_file(policy, table):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Tiếp thu, giải trình"
    for text in (TITLE, policy.title, date_line(policy)):
        sheet.append([safe_cell(text)])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"].font = Font(bold=True)
    sheet.append([])
    sheet.append(HEADINGS)
    heading_row = sheet.max_row
    wrap = Alignment(wrap_text=True, vertical="top")
    for cell in sheet[heading_row]:
        cell.font, cell.alignment = Font(bold=True), wrap
    for values in table_cells(policy, table):
        sheet.append([int(values[0]), *(safe_cell(value) for value in values[1:])])
        for cell in sheet[sheet.max_row]:
            cell.alignment = wrap
    for index, width in enumerate(XLSX_WIDTHS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.freeze_panes = f"A{heading_row + 1}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
