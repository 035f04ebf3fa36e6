"""The outlets' usage report as a file: one line per outlet and feed (an outlet that fetched
nothing in the period has one line of its own), in CSV (UTF-8 with a BOM, so a spreadsheet reads
the diacritics) or XLSX."""

import codecs
import csv
import io

from django.http import HttpResponse

from openpyxl import Workbook
from openpyxl.styles import Font

from policy_pages.moderation_queue import safe_cell

HEADINGS = [
    "Đơn vị",
    "Trạng thái",
    "Nguồn tin",
    "Lượt lấy",
    "Số tin đã lấy",
    "Lấy tin gần nhất",
]
XLSX_WIDTHS = [36, 22, 36, 12, 14, 18]
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def lines(rows):
    """[outlet, state, feed, polls, items, last poll (a date or None)] of each outlet and feed."""
    for row in rows:
        name, state = row.outlet.name, str(row.state.label)
        if not row.feeds:
            yield [name, state, "", 0, 0, row.last_poll]
        for feed in row.feeds:
            yield [name, state, feed.feed, feed.polls, feed.items, feed.last_poll]


def _filename(today, days, extension):
    return f"khai-thac-nguon-tin-{days}-ngay-den-{today.isoformat()}.{extension}"


def _attachment(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_file(rows, today, days):
    buffer = io.StringIO()
    buffer.write(codecs.BOM_UTF8.decode())
    writer = csv.writer(buffer)
    writer.writerow(HEADINGS)
    for line in lines(rows):
        *cells, last_poll = line
        day = last_poll.strftime("%d/%m/%Y") if last_poll else ""
        writer.writerow([*(safe_cell(cell) for cell in cells), day])
    return _attachment(buffer.getvalue(), "text/csv; charset=utf-8", _filename(today, days, "csv"))


def xlsx_file(rows, today, days):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Khai thác nguồn tin"
    sheet.append(HEADINGS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for line in lines(rows):
        sheet.append([safe_cell(cell) for cell in line])
        sheet.cell(row=sheet.max_row, column=len(HEADINGS)).number_format = "DD/MM/YYYY"
    for index, width in enumerate(XLSX_WIDTHS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _attachment(buffer.getvalue(), XLSX_TYPE, _filename(today, days, "xlsx"))


EXPORTS = {"csv": csv_file, "xlsx": xlsx_file}
