"""In Chromium: a district admin imports questions from Excel, dry run first."""

from playwright.sync_api import expect
from sqlalchemy import func, select

from backend.app.extensions import db
from backend.app.quizzes.models import Question, QuestionCategory

from ..factories import AdminFactory
from .conftest import PASSWORD
from .test_quiz_pages import import_row, xlsx

FIRST = "社会团体应当向哪个部门申请登记？"
SECOND = "行业协会商会可以强制企业入会吗？"


def stored(app, model):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def test_district_admin_imports_questions_after_a_dry_run(
    app, live_server, page, artifacts, backend, tmp_path
):
    with app.app_context():
        AdminFactory(username="jiaojiang", role="district_admin", district_code="331002")
    second = import_row(题型="判断", 题干=SECOND, 选项A=None, 选项B=None, 选项C=None, 答案="错误")
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(xlsx([import_row(题干=FIRST), {**second, "答案": "AB"}]))
    good = tmp_path / "good.xlsx"
    good.write_bytes(xlsx([import_row(题干=FIRST), second]))
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))

    page.goto(f"{live_server}/console/login")
    page.get_by_label("用户名").fill("jiaojiang")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.get_by_role("link", name="题库").click()
    expect(page.get_by_text("没有符合条件的题目")).to_be_visible()
    page.get_by_role("link", name="从 Excel 导入").click()

    page.get_by_label("Excel 文件（.xlsx）").set_input_files(bad)
    page.get_by_role("button", name="试导入").click()
    expect(page.locator("#result")).to_contain_text("共 2 行：1 行可导入，1 行有误")
    bad_row = page.locator("table.row-errors tbody tr")
    expect(bad_row).to_have_count(1)
    expect(bad_row.locator("td")).to_have_text(["第 3 行", "答案", "单选题和判断题只能有一个答案"])
    page.screenshot(path=str(artifacts / f"questions-import-dry-run-{backend}.png"), full_page=True)
    assert stored(app, Question) == 0 and stored(app, QuestionCategory) == 0

    # A browser forgets the chosen file once the page reloads: choose it again.
    page.get_by_label("Excel 文件（.xlsx）").set_input_files(bad)
    page.get_by_role("button", name="正式导入").click()
    expect(page.locator(".flash.error")).to_contain_text("第 3 行有误")
    expect(page.locator("table.row-errors tbody tr")).to_have_text(
        "第 3 行答案：单选题和判断题只能有一个答案"
    )
    assert stored(app, Question) == 0 and stored(app, QuestionCategory) == 0

    page.get_by_role("link", name="返回题库").click()
    expect(page.get_by_text("没有符合条件的题目")).to_be_visible()

    page.get_by_role("link", name="从 Excel 导入").click()
    page.get_by_label("Excel 文件（.xlsx）").set_input_files(good)
    page.get_by_role("button", name="试导入").click()
    expect(page.locator("#result")).to_contain_text("共 2 行：2 行可导入，0 行有误")
    expect(page.locator("table.row-errors")).to_have_count(0)
    page.get_by_label("Excel 文件（.xlsx）").set_input_files(good)
    page.get_by_role("button", name="正式导入").click()
    expect(page.locator(".flash")).to_have_text("已导入 2 道题目，新建分类：社会组织管理")
    expect(page).to_have_url(f"{live_server}/console/questions")
    expect(page.get_by_role("link", name=FIRST)).to_be_visible()
    expect(page.get_by_role("link", name=SECOND)).to_be_visible()
    expect(page.locator("tbody tr")).to_have_count(2)
    page.screenshot(path=str(artifacts / f"questions-imported-{backend}.png"), full_page=True)
    assert stored(app, Question) == 2 and stored(app, QuestionCategory) == 1

    page.get_by_role("link", name=SECOND).click()
    expect(page.get_by_label("题干")).to_have_value(SECOND)
    expect(page.get_by_label("答案（选项字母）")).to_have_value("B")
    assert errors == []
