"""Console login, security headers, CSRF and role-aware pages."""

from datetime import timedelta

from sqlalchemy import select

from backend.app.admins.models import AdminSession
from backend.app.common.time import utcnow
from backend.app.extensions import db

from ..factories import AdminFactory, AssociationFactory
from .conftest import PASSWORD, csrf_token


def test_pages_need_login(client):
    response = client.get("/console/associations")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/console/login?next=/console/associations")


def test_login_sets_a_strict_cookie_and_lands_on_next(app):
    with app.app_context():
        AdminFactory(username="li", password=PASSWORD)
    client = app.test_client()
    page = client.get("/console/login?next=/console/audit")
    response = client.post(
        "/console/login?next=/console/audit",
        data={"username": "li", "password": PASSWORD, "csrf_token": csrf_token(page)},
    )
    assert response.headers["Location"] == "/console/audit"
    cookie = response.headers["Set-Cookie"]
    for attribute in ("Secure", "HttpOnly", "SameSite=Strict"):
        assert attribute in cookie


def test_login_never_redirects_off_site(app):
    with app.app_context():
        AdminFactory(username="li", password=PASSWORD)
    client = app.test_client()
    page = client.get("/console/login")
    response = client.post(
        "/console/login?next=https://evil.example/console",
        data={"username": "li", "password": PASSWORD, "csrf_token": csrf_token(page)},
    )
    assert response.headers["Location"] == "/console/"


def test_wrong_password_shows_the_reason(app):
    with app.app_context():
        AdminFactory(username="li", password=PASSWORD)
    client = app.test_client()
    page = client.get("/console/login")
    response = client.post(
        "/console/login",
        data={"username": "li", "password": "nope-nope-1", "csrf_token": csrf_token(page)},
    )
    assert response.status_code == 200
    assert "用户名或密码错误" in response.get_data(as_text=True)


def test_post_without_csrf_token_is_refused(app):
    with app.app_context():
        AdminFactory(username="li", password=PASSWORD)
    client = app.test_client()
    response = client.post("/console/login", data={"username": "li", "password": PASSWORD})
    assert response.status_code == 400
    assert "页面已过期" in response.get_data(as_text=True)
    assert response.headers["Content-Type"].startswith("text/html")


def test_security_headers(console):
    client, _ = console()
    response = client.get("/console/")
    assert response.status_code == 200
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Cache-Control"] == "no-store"
    html = response.get_data(as_text=True)
    assert "<script>" not in html.replace('<script type="application/json"', "")
    assert "http://" not in html and "https://" not in html


def test_console_session_expires_when_idle(app, console):
    client, _ = console()
    with app.app_context():
        for session in db.session.scalars(select(AdminSession)):
            session.last_seen_at = utcnow() - timedelta(minutes=31)
        db.session.commit()
    response = client.get("/console/associations")
    assert response.status_code == 302 and "/console/login" in response.headers["Location"]


def test_logout(console):
    client, _ = console()
    page = client.get("/console/")
    response = client.post("/console/logout", data={"csrf_token": csrf_token(page)})
    assert response.status_code == 302
    assert client.get("/console/").status_code == 302


def test_role_forbidden_page_is_html(console):
    client, _ = console("reviewer")
    response = client.get("/console/audit")
    assert response.status_code == 403
    assert "当前角色无权执行此操作" in response.get_data(as_text=True)
    nav = client.get("/console/").get_data(as_text=True)
    assert "审计日志" not in nav


def test_unknown_console_page_is_an_html_404(console):
    client, _ = console()
    response = client.get("/console/no-such-page")
    assert response.status_code == 404
    assert response.headers["Content-Type"].startswith("text/html")


def test_dashboard_counts(app, console):
    with app.app_context():
        AssociationFactory(district="331003")
    client, _ = console("district_admin", district_code="331003")
    html = client.get("/console/").get_data(as_text=True)
    assert "黄岩区" in html and "椒江区" not in html
    assert 'id="stats-data"' in html


def test_association_edit_by_district_admin(app, console):
    with app.app_context():
        association_id = AssociationFactory(name="台州市黄岩区测试协会", district="331003").id
    client, _ = console("district_admin", district_code="331003")
    page = client.get(f"/console/associations/{association_id}")
    assert page.status_code == 200
    form = {
        "csrf_token": csrf_token(page),
        "name": "台州市黄岩区测试协会（更名）",
        "kind": "industry_association",
        "district": "331003",
        "uscc": page.get_data(as_text=True).split('name="uscc"')[1].split('value="')[1][:18],
        "enabled": "y",
        "fee_items-0-name": "会员单位会费",
        "fee_items-0-amount_yuan": "600.50",
        "fee_items-0-unit": "元/年",
        "fee_items-0-basis": "2026年会员大会",
    }
    response = client.post(f"/console/associations/{association_id}", data=form)
    assert response.status_code == 302
    after = client.get(f"/console/associations/{association_id}").get_data(as_text=True)
    assert "已保存" in after and "（更名）" in after and "600.50" in after
