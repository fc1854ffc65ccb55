"""The audit log records admin logins, is scoped, and cannot be changed."""

import pytest
from sqlalchemy import select

from backend.app.audit.models import AuditEntry, AuditLogIsAppendOnly
from backend.app.extensions import db

from ..factories import AdminFactory

PASSWORD = "correct-horse-42"


def test_logins_and_failures_are_recorded(client, app, admin_login):
    with app.app_context():
        AdminFactory(username="li", role="district_admin", district_code="331003")
    client.post("/api/v1/admin/auth/login", json={"username": "li", "password": "wrong-pass-1"})
    client.post("/api/v1/admin/auth/login", json={"username": "li", "password": PASSWORD})
    headers, _ = admin_login("city_admin")
    entries = client.get("/api/v1/admin/audit?target_type=admin", headers=headers).json["items"]
    li = [e for e in entries if e["admin_username"] == "li"]
    assert [e["action"] for e in li] == ["admin.login", "admin.login_failed"]
    assert li[0]["action_label"] == "管理员登录"
    assert li[1]["detail"] == {"reason": "invalid_credentials"}
    assert li[0]["district"] == "331003"
    # Nothing typed in the password field is ever stored.
    assert "wrong-pass-1" not in str(entries)


def test_district_admin_sees_only_its_district(client, app, admin_login):
    with app.app_context():
        AdminFactory(username="huangyan", role="district_admin", district_code="331003")
        AdminFactory(username="jiaojiang", role="district_admin", district_code="331002")
    for username in ("huangyan", "jiaojiang"):
        client.post("/api/v1/admin/auth/login", json={"username": username, "password": PASSWORD})
    headers, _ = admin_login("district_admin", district_code="331003")
    entries = client.get("/api/v1/admin/audit", headers=headers).json["items"]
    assert entries and {e["district"] for e in entries} == {"331003"}
    assert "jiaojiang" not in {e["admin_username"] for e in entries}


@pytest.mark.parametrize("role", ["reviewer", "association_officer"])
def test_other_roles_cannot_read_the_audit_log(client, admin_login, role):
    headers, _ = admin_login(role)
    response = client.get("/api/v1/admin/audit", headers=headers)
    assert (response.status_code, response.json["reason"]) == (403, "role_forbidden")


def test_filters_and_bad_filters(client, admin_login):
    headers, admin = admin_login("city_admin")
    found = client.get(
        f"/api/v1/admin/audit?action=admin.login&admin_id={admin['id']}", headers=headers
    ).json
    assert found["total"] == 1
    naive = client.get("/api/v1/admin/audit?since=2026-01-01T00:00:00", headers=headers)
    assert naive.status_code == 422 and "since" in naive.json["errors"]
    later = client.get("/api/v1/admin/audit?since=2999-01-01T00:00:00%2B08:00", headers=headers)
    assert later.json["total"] == 0


def test_entries_cannot_be_changed_or_deleted(app, admin_login):
    admin_login("city_admin")
    with app.app_context():
        entry = db.session.scalar(select(AuditEntry))
        entry.action = "something.else"
        with pytest.raises(AuditLogIsAppendOnly):
            db.session.flush()
        db.session.rollback()
        db.session.delete(db.session.scalar(select(AuditEntry)))
        with pytest.raises(AuditLogIsAppendOnly):
            db.session.flush()
        db.session.rollback()
        assert db.session.scalar(select(AuditEntry.action)) == "admin.login"


def test_no_route_changes_the_audit_log(app):
    audit_rules = [r for r in app.url_map.iter_rules() if "audit" in r.rule]
    assert audit_rules
    for rule in audit_rules:
        assert rule.methods <= {"GET", "HEAD", "OPTIONS"}, rule
