"""Question import from .xlsx (dry run, all or nothing, CLI) and export."""

import io

from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from backend.app.extensions import db
from backend.app.quizzes.models import Question, QuestionCategory
from backend.app.quizzes.spreadsheets import COLUMNS

from ..factories import QuestionCategoryFactory, QuestionFactory
from .conftest import API

ADMIN = f"{API}/admin"
GOOD = [
    {
        "题型": "单选",
        "题干": "社会团体应当向哪个部门申请登记？",
        "选项A": "民政部门",
        "选项B": "税务部门",
        "选项C": "公安部门",
        "答案": "A",
        "解析": "社会团体的登记管理机关是民政部门。",
        "分类": "社会组织管理",
        "难度": 1,
        "依据": "《社会团体登记管理条例》",
    },
    {
        "题型": "多选",
        "题干": "下列哪些属于行业协会商会乱收费行为？",
        "选项A": "强制入会收取会费",
        "选项B": "按章程收取会费并提供服务",
        "选项C": "通过评比表彰收费",
        "选项D": "强制摊派赞助",
        "答案": "ACD",
        "解析": "强制入会、评比表彰收费、强制赞助均属乱收费。",
        "分类": "乱收费治理",
        "难度": "中等",
    },
    {
        "题型": "判断",
        "题干": "行业协会商会可以强制企业入会。",
        "答案": "错误",
        "解析": "入会自愿，不得强制。",
        "分类": "乱收费治理",
    },
]


def _xlsx(rows, columns=COLUMNS):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "题目"
    sheet.append(list(columns))
    for row in rows:
        sheet.append([row.get(column) for column in columns])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _upload(client, headers, data, dry_run=False):
    return client.post(
        f"{ADMIN}/questions/import?dry_run={'true' if dry_run else 'false'}",
        data={"file": (io.BytesIO(data), "题目.xlsx")},
        content_type="multipart/form-data",
        headers=headers,
    )


def _count(app, model=Question):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def test_template_is_a_sheet_with_the_columns(client, admin_login):
    headers, _ = admin_login()
    response = client.get(f"{ADMIN}/questions/import-template", headers=headers)
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.data))
    assert workbook.sheetnames == ["题目", "说明"]
    assert [cell.value for cell in workbook["题目"][1]] == list(COLUMNS)
    assert workbook["题目"].max_row == 1


def test_import_creates_questions_and_categories_and_skips_repeats(app, client, admin_login):
    headers, _ = admin_login("district_admin")
    dry = _upload(client, headers, _xlsx(GOOD), dry_run=True)
    assert dry.status_code == 200
    assert dry.json["importable"] == 3 and dry.json["errors"] == []
    assert dry.json["new_categories"] == ["社会组织管理", "乱收费治理"]
    assert _count(app) == 0 and _count(app, QuestionCategory) == 0
    real = _upload(client, headers, _xlsx(GOOD))
    assert real.status_code == 201, real.json
    assert (real.json["created"], real.json["skipped"]) == (3, [])
    with app.app_context():
        questions = {q.type: q for q in db.session.scalars(select(Question))}
        assert questions["true_false"].options == ["正确", "错误"]
        assert questions["true_false"].answer == "B"
        assert questions["multiple"].difficulty == 2
        assert questions["single"].options == ["民政部门", "税务部门", "公安部门"]
        assert questions["single"].reference == "《社会团体登记管理条例》"
    again = _upload(client, headers, _xlsx(GOOD))
    assert again.json["created"] == 0
    assert [skip["row"] for skip in again.json["skipped"]] == [2, 3, 4]
    assert _count(app) == 3


def test_dry_run_reports_every_bad_row_and_real_import_stores_none(app, client, admin_login):
    headers, _ = admin_login()
    with app.app_context():
        QuestionFactory()
    bad = [
        GOOD[0],
        {**GOOD[1], "答案": "AE"},
        {**GOOD[0], "题型": "问答"},
        {},
        {**GOOD[1], "解析": ""},
        {**GOOD[0], "难度": 5},
        {**GOOD[0], "题干": "重复的题干", "分类": "甲"},
        {**GOOD[0], "题干": "重复的题干", "分类": "甲"},
    ]
    dry = _upload(client, headers, _xlsx(bad), dry_run=True)
    assert dry.status_code == 200
    problems = {(error["row"], error["column"]) for error in dry.json["errors"]}
    # Row 5 is empty: skipped, not an error.
    assert problems == {(3, "答案"), (4, "题型"), (6, "解析"), (7, "难度"), (9, "题干")}
    assert all(error["message"] for error in dry.json["errors"])
    real = _upload(client, headers, _xlsx(bad))
    assert (real.status_code, real.json["reason"]) == (422, "import_rows_invalid")
    assert set(real.json["errors"]) == {"row 3", "row 4", "row 6", "row 7", "row 9"}
    assert "第 3 行" in real.json["message"]
    assert _count(app) == 1 and _count(app, QuestionCategory) == 1


def test_refuses_files_that_are_not_the_template(app, client, admin_login):
    headers, _ = admin_login()
    for data in (b"not a spreadsheet", _xlsx(GOOD, columns=("题目", "答案"))):
        response = _upload(client, headers, data, dry_run=True)
        assert (response.status_code, response.json["reason"]) == (422, "invalid_spreadsheet")
        assert "file" in response.json["errors"]
    missing = client.post(
        f"{ADMIN}/questions/import", data={}, content_type="multipart/form-data", headers=headers
    )
    assert missing.status_code == 422
    reviewer, _ = admin_login("reviewer")
    assert _upload(client, reviewer, _xlsx(GOOD)).status_code == 403
    assert _count(app) == 0


def test_export_round_trips_and_never_writes_formulas(app, client, admin_login):
    headers, _ = admin_login("reviewer")
    with app.app_context():
        category = QuestionCategoryFactory(name="导出")
        QuestionFactory(category=category, stem="=1+1 是公式吗", type="multiple")
        QuestionFactory(category=category, type="true_false", enabled=False)
        category_id = category.id
    response = client.get(f"{ADMIN}/questions/export?category_id={category_id}", headers=headers)
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.data))["题目"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("编号", *COLUMNS, "启用")
    stems = {row[2]: row for row in rows[1:]}
    assert "=1+1 是公式吗" in stems
    formula_row = next(index for index, row in enumerate(rows, 1) if row[2] == "=1+1 是公式吗")
    assert sheet.cell(row=formula_row, column=3).data_type == "s"
    assert stems["=1+1 是公式吗"][1] == "多选"
    admin, _ = admin_login()
    again = _upload(client, admin, response.data, dry_run=True)
    assert again.json["errors"] == [] and len(again.json["skipped"]) == 2


def test_cli_import_with_dry_run_and_progress(app, tmp_path):
    path = tmp_path / "题目.xlsx"
    path.write_bytes(_xlsx(GOOD))
    runner = app.test_cli_runner()
    dry = runner.invoke(args=["quizzes", "import", str(path), "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "可导入 3 题" in dry.output
    assert _count(app) == 0
    real = runner.invoke(args=["quizzes", "import", str(path)])
    assert real.exit_code == 0, real.output
    assert "已导入 3 题" in real.output
    assert _count(app) == 3
    path.write_bytes(_xlsx([{**GOOD[0], "题干": "新题"}, {**GOOD[0], "答案": "Z"}]))
    failed = runner.invoke(args=["quizzes", "import", str(path)])
    assert failed.exit_code != 0
    assert "row 3" in failed.output
    assert _count(app) == 3
