"""In Chromium: a district admin takes a report from submitted to closed."""

from playwright.sync_api import expect

from ..factories import AdminFactory, AssociationFactory, ReportFactory
from .conftest import PASSWORD


def test_district_admin_closes_a_report_and_the_reporter_reads_the_reply(
    app, client, live_server, page, artifacts, backend
):
    with app.app_context():
        AdminFactory(username="jiaojiang", role="district_admin", district_code="331002")
        made, receipt = ReportFactory(association=AssociationFactory(district="331002"))
        public_id = made.public_id
    page.goto(f"{live_server}/console/login")
    page.get_by_label("用户名").fill("jiaojiang")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.get_by_role("link", name="问题反映").click()
    page.get_by_role("link", name=public_id).click()
    expect(page.locator("#report-status")).to_have_text("已提交")

    def move(status, note="", outcome=None):
        page.get_by_label("变更为").select_option(label=status)
        if outcome:
            page.get_by_label("核查结论").select_option(label=outcome)
        page.get_by_label("说明（反映人可见）").fill(note)
        page.get_by_role("button", name="提交").click()
        expect(page.locator(".flash")).to_have_text("已保存")
        expect(page.locator("#report-status")).to_have_text(status)

    move("已受理")
    move("办理中")
    page.get_by_label("内容").fill("您好，请补充当时的收费收据。")
    page.get_by_role("button", name="发送").click()
    expect(page.locator(".conversation")).to_contain_text("请补充当时的收费收据")
    move("已办结", note="协会已退还多收的会费。", outcome="属实")
    move("已销号")
    page.screenshot(path=str(artifacts / f"report-closed-{backend}.png"), full_page=True)

    tracked = client.post("/api/v1/reports/track", json={"receipt": receipt}).json
    assert tracked["status"] == "closed"
    bodies = [message["body"] for message in tracked["messages"]]
    assert "您好，请补充当时的收费收据。" in bodies
    assert "办理结果（属实）：协会已退还多收的会费。" in bodies
