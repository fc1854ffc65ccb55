"""Writing .xlsx workbooks that are safe to open (no formula injection)."""

import io

from flask import send_file
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(sheet, value):
    """A cell that is never a formula, whatever text a user typed into it."""
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"
    return cell


def workbook_to_bytes(workbook):
    """The saved .xlsx file of a workbook."""
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def workbook_bytes(sheets):
    """An .xlsx of (title, header, rows) sheets."""
    workbook = Workbook(write_only=True)
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(title[:31])
        sheet.append([safe_cell(sheet, value) for value in header])
        for row in rows:
            sheet.append([safe_cell(sheet, value) for value in row])
    return workbook_to_bytes(workbook)


def xlsx_response(data, name):
    """A download of workbook bytes as name.xlsx."""
    return send_file(
        io.BytesIO(data), mimetype=XLSX_MIME, as_attachment=True, download_name=f"{name}.xlsx"
    )
