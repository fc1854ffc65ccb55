"""In Chromium: a district admin imports culture sites from Excel, dry run first."""

from playwright.sync_api import expect
from sqlalchemy import func, select

from backend.app.extensions import db
from backend.app.sites.models import Site

from ..factories import AdminFactory
from .conftest import PASSWORD
from .test_sites_pages import import_row, xlsx


def test_district_admin_imports_sites_after_a_dry_run(
    app, live_server, page, artifacts, backend, tmp_path
):
    with app.app_context():
        AdminFactory(username="jiaojiang", role="district_admin", district_code="331002")
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(
        xlsx([import_row(名称="椒江清廉大厅"), import_row(名称="纬度错", 纬度="二十八")])
    )
    good = tmp_path / "good.xlsx"
    good.write_bytes(xlsx([import_row(名称="椒江清廉大厅"), import_row(名称="椒江清廉长廊")]))
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))

    page.goto(f"{live_server}/console/login")
    page.get_by_label("用户名").fill("jiaojiang")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.get_by_role("link", name="阵地").click()
    page.get_by_role("link", name="从 Excel 导入").click()

    page.get_by_label("Excel 文件（.xlsx）").set_input_files(bad)
    page.get_by_role("button", name="试导入").click()
    expect(page.locator("#result")).to_contain_text("共 2 行：1 行无误，1 行有误")
    bad_row = page.locator("table.row-errors tbody tr")
    expect(bad_row).to_have_count(1)
    expect(bad_row).to_have_text("第 3 行纬度应为数字")
    page.screenshot(path=str(artifacts / f"sites-import-dry-run-{backend}.png"), full_page=True)

    page.get_by_role("link", name="返回列表").click()
    expect(page.get_by_text("没有符合条件的阵地")).to_be_visible()
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Site)) == 0

    page.get_by_role("link", name="从 Excel 导入").click()
    page.get_by_label("Excel 文件（.xlsx）").set_input_files(good)
    page.get_by_role("button", name="正式导入").click()
    expect(page.locator(".flash")).to_have_text("已导入 2 个阵地")
    expect(page.get_by_role("link", name="椒江清廉大厅")).to_be_visible()
    expect(page.get_by_role("link", name="椒江清廉长廊")).to_be_visible()
    page.screenshot(path=str(artifacts / f"sites-imported-{backend}.png"), full_page=True)
    assert errors == []
