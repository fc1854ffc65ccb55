"""The console in a real headless Chromium: login and the dashboard's charts."""

from playwright.sync_api import expect

from ..factories import AdminFactory, AssociationFactory, ReportFactory, SiteFactory
from .conftest import PASSWORD


def test_district_admin_sees_the_dashboard_charts(app, live_server, page, artifacts, backend):
    with app.app_context():
        AdminFactory(username="jiaojiang", role="district_admin", district_code="331002")
        ReportFactory(association=AssociationFactory(district="331002"))
        SiteFactory(district="331002")
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(f"{live_server}/console/")
    expect(page).to_have_url(f"{live_server}/console/login?next=/console/")
    page.get_by_label("用户名").fill("jiaojiang")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="仪表盘")).to_be_visible()
    charts = page.locator("canvas[data-chart]")
    expect(charts).to_have_count(3)
    for index in range(3):
        expect(charts.nth(index)).to_have_attribute("data-rendered", "true")
        assert charts.nth(index).bounding_box()["height"] > 100
    expect(page.get_by_text("及时受理率")).to_be_visible()
    page.screenshot(path=str(artifacts / f"dashboard-{backend}.png"), full_page=True)
    # No CSP violation or script error happened while rendering.
    assert errors == []
