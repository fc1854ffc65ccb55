"""Simple .xlsx tables with openpyxl: one header row, one record per row, and a template."""

# Generic on purpose (columns are data), so other features' imports can share it.

import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils.exceptions import InvalidFileException

from ..common.spreadsheets import workbook_to_bytes
from ..errors import field_error

# Blank rows tolerated per allowed data row (Excel often keeps formatted empty rows).
BLANK_ROW_SLACK = 10


@dataclass(frozen=True)
class Column:
    """A column: the key records use, the header people see, and a note for the template."""

    key: str
    header: str
    required: bool = False
    note: str = ""
    width: int = 14


def _header(value):
    # The template marks required columns with "*"; people may also keep or drop it.
    return str(value).strip().rstrip("*").strip() if value is not None else ""


def text(value):
    """A cell as stripped text ("" for empty); whole numbers without ".0", dates as ISO."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value).strip()


def _blank(values):
    return all(text(value) == "" for value in values)


def read_records(data, columns, max_rows):
    """[(row number as Excel shows it, {key: cell value})] from the first sheet."""
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise field_error(
            "file", "文件不是有效的 Excel 表格（.xlsx）", reason="file_invalid"
        ) from None
    try:
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        header = next(rows, None) or ()
        positions = {_header(value): index for index, value in enumerate(header)}
        missing = [column.header for column in columns if column.required]
        missing = [name for name in missing if name not in positions]
        if missing:
            raise field_error("file", "表格缺少列：" + "、".join(missing), reason="columns_missing")
        records = []
        for number, values in enumerate(rows, start=2):
            if number > (max_rows + 1) * BLANK_ROW_SLACK:
                break
            if _blank(values):
                continue
            if len(records) == max_rows:
                raise field_error(
                    "file", f"一次最多导入 {max_rows} 行，请拆分后再导入", reason="too_many_rows"
                )
            record = {}
            for column in columns:
                index = positions.get(column.header)
                record[column.key] = (
                    values[index] if index is not None and index < len(values) else None
                )
            records.append((number, record))
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise field_error(
            "file", "表格内容无法读取，文件可能已损坏", reason="file_invalid"
        ) from None
    finally:
        workbook.close()
    return records


def template(columns, examples, notes, title="数据"):
    """An .xlsx with the header (required columns marked *), example rows and a notes sheet."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    bold = Font(bold=True)
    required_fill = PatternFill("solid", fgColor="FDE9D9")
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(
            row=1, column=index, value=column.header + ("*" if column.required else "")
        )
        cell.font = bold
        if column.required:
            cell.fill = required_fill
        sheet.column_dimensions[cell.column_letter].width = column.width
    for example in examples:
        sheet.append([example.get(column.key) for column in columns])
    sheet.freeze_panes = "A2"

    guide = workbook.create_sheet("填写说明")
    guide.append(["列", "必填", "说明"])
    for cell in guide[1]:
        cell.font = bold
    for column in columns:
        guide.append([column.header, "是" if column.required else "", column.note])
    guide.append([])
    for line in notes:
        guide.append([line])
    guide.column_dimensions["A"].width = 16
    guide.column_dimensions["C"].width = 90
    for row in guide.iter_rows(min_row=2):
        row[-1].alignment = Alignment(wrap_text=True, vertical="top")
    return workbook_to_bytes(workbook)
