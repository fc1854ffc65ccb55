"""Questions in and out of .xlsx, and a competition's results as .xlsx.

An import is checked row by row first; a dry run reports every bad row with its number and
reason, and a real import stores all rows or, if any is bad, none. Questions already in the bank
(same category and stem) are skipped, so importing a file twice adds nothing.
"""

import io
import zipfile

from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation
from sqlalchemy import func, select

from ..associations.models import Association, District
from ..audit import services as audit
from ..common.auth import check_role
from ..common.spreadsheets import safe_cell, workbook_to_bytes
from ..common.time import SHANGHAI
from ..errors import ValidationFailed
from ..extensions import db
from ..members.models import Member
from . import board_rows, scopes
from .models import TYPE_LABELS, Attempt, CompetitionEntry, Question, QuestionCategory, QuestionType
from .questions import LETTERS, check_question, needs_fixed_order
from .ranking import competition_ranks

SHEET = "题目"
OPTION_COLUMNS = tuple(f"选项{letter}" for letter in LETTERS)
COLUMNS = ("题型", "题干", *OPTION_COLUMNS, "答案", "解析", "分类", "难度", "依据")
REQUIRED_COLUMNS = ("题型", "题干", "答案", "解析", "分类")
MAX_ROWS = 5000
# An .xlsx is a zip: refuse archives that inflate beyond this (zip bombs).
MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024

TYPE_NAMES = {
    "单选": QuestionType.SINGLE,
    "单选题": QuestionType.SINGLE,
    "多选": QuestionType.MULTIPLE,
    "多选题": QuestionType.MULTIPLE,
    "判断": QuestionType.TRUE_FALSE,
    "判断题": QuestionType.TRUE_FALSE,
    **{kind.value: kind for kind in QuestionType},
}
DIFFICULTY_NAMES = {
    "1": 1,
    "2": 2,
    "3": 3,
    "易": 1,
    "简单": 1,
    "中": 2,
    "中等": 2,
    "难": 3,
    "困难": 3,
}
DIFFICULTY_LABELS = {1: "简单", 2: "中等", 3: "困难"}
TRUE_FALSE_KEYS = {"正确": "A", "对": "A", "√": "A", "错误": "B", "错": "B", "×": "B"}
LIMITS = {"题干": 500, "解析": 2000, "分类": 40, "依据": 200}

INSTRUCTIONS = (
    ("列名", "说明"),
    ("题型", "单选、多选或判断"),
    ("题干", "题目正文，不超过 500 字"),
    ("选项A–选项H", "按顺序填写，至少两个；判断题可不填（自动为“正确”“错误”）"),
    ("答案", "正确选项的字母，如 B 或 ABD；判断题也可填“正确”或“错误”"),
    ("解析", "答题后展示给会员的解析，必填"),
    ("分类", "题目分类名称；不存在的分类会在导入时新建（试导入会列出）"),
    ("难度", "1、2、3 或 简单、中等、困难；不填为 1"),
    ("依据", "可选：所依据的法规或文件名称"),
    ("", ""),
    ("说明", "从第 2 行起每行一题；同一分类下题干相同的题目视为已存在，导入时跳过。"),
    ("", "请先“试导入”检查，有任何一行出错时，正式导入不会写入任何题目。"),
)


def _text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def template():
    """An empty question sheet with drop-downs, and a sheet that explains the columns."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    sheet.append(COLUMNS)
    sheet.freeze_panes = "A2"
    for index, width in enumerate((8, 50, *([20] * len(LETTERS)), 8, 50, 16, 8, 30), 1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = width
    kinds = DataValidation(type="list", formula1='"单选,多选,判断"', allow_blank=True)
    levels = DataValidation(type="list", formula1='"1,2,3"', allow_blank=True)
    sheet.add_data_validation(kinds)
    sheet.add_data_validation(levels)
    kinds.add(f"A2:A{MAX_ROWS + 1}")
    level_column = sheet.cell(row=1, column=COLUMNS.index("难度") + 1).column_letter
    levels.add(f"{level_column}2:{level_column}{MAX_ROWS + 1}")
    guide = workbook.create_sheet("说明")
    for row in INSTRUCTIONS:
        guide.append(row)
    guide.column_dimensions["A"].width = 14
    guide.column_dimensions["B"].width = 80
    return workbook_to_bytes(workbook)


def _refuse(message):
    raise ValidationFailed(message, reason="invalid_spreadsheet", errors={"file": [message]})


def _open(data):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNCOMPRESSED_BYTES:
                _refuse("表格文件过大")
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError):
        _refuse("文件不是有效的 .xlsx 表格，请使用下载的模板")


def read_rows(data):
    """[(row number, {column: text})] from the question sheet; refuses bad files and headers."""
    workbook = _open(data)
    try:
        sheet = workbook[SHEET] if SHEET in workbook.sheetnames else workbook.worksheets[0]
        lines = sheet.iter_rows(values_only=True)
        header = [_text(value) for value in next(lines, ())]
        missing = [column for column in REQUIRED_COLUMNS if column not in header]
        if missing:
            _refuse(f"第 1 行缺少列：{'、'.join(missing)}（请使用下载的模板）")
        positions = {name: header.index(name) for name in COLUMNS if name in header}
        rows = []
        for number, values in enumerate(lines, 2):
            cells = {
                name: _text(values[index]) if index < len(values) else ""
                for name, index in positions.items()
            }
            if not any(cells.values()):
                continue
            if len(rows) == MAX_ROWS:
                _refuse(f"一次最多导入 {MAX_ROWS} 题，请分批导入")
            rows.append((number, cells))
        return rows
    finally:
        workbook.close()


def _check_row(cells):
    """(question fields, [(column, message)]) for one row."""
    problems = []
    kind = TYPE_NAMES.get(cells.get("题型", ""))
    if kind is None:
        problems.append(("题型", f"题型“{cells.get('题型', '')}”无效，应为单选、多选或判断"))
    for column in ("题干", "解析", "分类"):
        if not cells.get(column):
            problems.append((column, f"{column}不能为空"))
    for column, limit in LIMITS.items():
        if len(cells.get(column, "")) > limit:
            problems.append((column, f"{column}不能超过 {limit} 字"))
    difficulty = DIFFICULTY_NAMES.get(cells.get("难度") or "1")
    if difficulty is None:
        problems.append(("难度", f"难度“{cells['难度']}”无效，应为 1、2 或 3"))
    options = [cells.get(column, "") for column in OPTION_COLUMNS]
    while options and not options[-1]:
        options.pop()
    answer = cells.get("答案", "")
    if kind == QuestionType.TRUE_FALSE:
        answer = TRUE_FALSE_KEYS.get(answer, answer)
    fields = None
    if kind is not None:
        options, answer, errors = check_question(kind, options, answer)
        column_of = {"options": "选项", "answer": "答案"}
        problems.extend(
            (column_of.get(field, field), messages[0]) for field, messages in errors.items()
        )
        fields = {
            "type": kind.value,
            "stem": cells.get("题干", ""),
            "options": options,
            "answer": answer,
            "analysis": cells.get("解析", ""),
            "difficulty": difficulty,
            "reference": cells.get("依据") or None,
            "fixed_order": needs_fixed_order(options),
        }
    return fields, problems


def check_rows(rows, progress=None):
    """Check every row against the bank; return (new questions, report)."""
    categories = {
        category.name: category for category in db.session.scalars(select(QuestionCategory))
    }
    existing = {
        (category_id, stem): question_id
        for question_id, category_id, stem in db.session.execute(
            select(Question.id, Question.category_id, Question.stem)
        )
    }
    seen = {}
    report = {"rows": len(rows), "created": 0, "skipped": [], "new_categories": [], "errors": []}
    accepted = []
    for number, cells in rows:
        fields, problems = _check_row(cells)
        for column, message in problems:
            report["errors"].append({"row": number, "column": column, "message": message})
        if progress:
            progress(1)
        if problems:
            continue
        name = cells["分类"]
        category = categories.get(name)
        if category is None and name not in report["new_categories"]:
            report["new_categories"].append(name)
        key = (category.id if category else name, fields["stem"])
        if key in existing:
            report["skipped"].append({"row": number, "question_id": existing[key]})
            continue
        if key in seen:
            message = f"与第 {seen[key]} 行题目重复"
            report["errors"].append({"row": number, "column": "题干", "message": message})
            continue
        seen[key] = number
        accepted.append((name, fields))
    return accepted, report


def import_questions(data, dry_run=False, admin=None, progress=None, rows=None):
    """Import questions from .xlsx bytes: all rows or none; a dry run only reports."""
    if admin is not None:
        check_role(admin, scopes.QUESTION_EDITORS)
    rows = read_rows(data) if rows is None else rows
    accepted, report = check_rows(rows, progress)
    report["dry_run"] = dry_run
    report["importable"] = len(accepted)
    if dry_run:
        return report
    if report["errors"]:
        errors = {}
        for error in report["errors"]:
            errors.setdefault(f"row {error['row']}", []).append(
                f"{error['column']}：{error['message']}"
            )
        first = report["errors"][0]
        message = f"第 {first['row']} 行有误（共 {len(errors)} 行有误），未导入任何题目"
        raise ValidationFailed(message, reason="import_rows_invalid", errors=errors)
    categories = {
        category.name: category for category in db.session.scalars(select(QuestionCategory))
    }
    for name in report["new_categories"]:
        categories[name] = QuestionCategory(name=name, description="")
        db.session.add(categories[name])
    for name, fields in accepted:
        db.session.add(Question(category=categories[name], **fields))
        if progress:
            progress(1)
    report["created"] = len(accepted)
    detail = {"created": report["created"], "skipped": len(report["skipped"])}
    audit.record("question.import", target_type="question", detail=detail, admin=admin)
    db.session.commit()
    return report


def export_questions(statement):
    """The selected questions as .xlsx in the import layout, to edit and import again."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET)
    sheet.append(["编号", *COLUMNS, "启用"])
    for question in db.session.scalars(statement.execution_options(yield_per=500)):
        options = list(question.options) + [""] * (len(LETTERS) - len(question.options))
        values = [
            question.id,
            TYPE_LABELS[question.type][:2],
            question.stem,
            *options,
            question.answer,
            question.analysis,
            question.category.name,
            question.difficulty,
            question.reference or "",
            "是" if question.enabled else "否",
        ]
        sheet.append([safe_cell(sheet, value) for value in values])
    return workbook_to_bytes(workbook)


def export_results(competition):
    """Every participant's best attempt, ranked, with its leaves of the app, as an .xlsx."""
    entry = CompetitionEntry
    rows = db.session.execute(
        select(
            entry.member_id,
            entry.score,
            entry.time_used_ds,
            entry.finish_s,
            Member.nickname,
            Association.name,
            District.name,
            Attempt.finished_at,
            Attempt.leave_count,
            Attempt.leave_ms,
        )
        .join(Member, Member.id == entry.member_id)
        .join(Attempt, Attempt.id == entry.attempt_id)
        .outerjoin(Association, Association.id == entry.association_id)
        .outerjoin(District, District.code == entry.district_code)
        .where(entry.competition_id == competition.id)
        .order_by(entry.score.desc(), entry.time_used_ds, entry.finish_s, entry.member_id)
    ).all()
    attempts = dict(
        db.session.execute(
            select(Attempt.member_id, func.count())
            .where(Attempt.competition_id == competition.id)
            .group_by(Attempt.member_id)
        ).all()
    )
    ranks = competition_ranks([(-row.score, row.time_used_ds, row.finish_s) for row in rows])
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("成绩")
    sheet.append([safe_cell(sheet, competition.title)])
    sheet.append(
        [
            "排名",
            "会员",
            "协会",
            "区县",
            "得分",
            "用时（秒）",
            "完成时间（北京时间）",
            "作答次数",
            "切出次数",
            "切出时长（秒）",
        ]
    )
    for rank, row in zip(ranks, rows, strict=True):
        member_id, score, time_used_ds, _, nickname, association, district, finished_at = row[:8]
        values = [
            rank,
            board_rows.display_name(member_id, nickname),
            association or "",
            district or "",
            score,
            time_used_ds / 10,
            finished_at.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M:%S"),
            attempts.get(member_id, 0),
            row.leave_count,
            row.leave_ms / 1000,
        ]
        sheet.append([safe_cell(sheet, value) for value in values])
    return workbook_to_bytes(workbook)
