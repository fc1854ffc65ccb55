"""Admins manage other admin accounts within their powers."""

from sqlalchemy import select

from backend.app.admins.models import Admin
from backend.app.extensions import db

from ..factories import AdminFactory, AssociationFactory

PASSWORD = "correct-horse-42"


def _create(client, headers, **body):
    return client.post("/api/v1/admin/admins", json={"password": PASSWORD, **body}, headers=headers)


def test_city_admin_creates_any_role(client, admin_login):
    headers, _ = admin_login("city_admin")
    response = _create(
        client, headers, username="new.district", role="district_admin", district="331004"
    )
    assert response.status_code == 201
    assert (response.json["role"], response.json["district"]) == ("district_admin", "331004")


def test_district_admin_creates_reviewers_and_officers_in_its_district(client, app, admin_login):
    with app.app_context():
        own = AssociationFactory(district="331002").id
        foreign = AssociationFactory(district="331003").id
    headers, _ = admin_login("district_admin", district_code="331002")
    assert (
        _create(client, headers, username="rev1", role="reviewer", district="331002").status_code
        == 201
    )
    assert (
        _create(
            client, headers, username="off1", role="association_officer", association_id=own
        ).status_code
        == 201
    )
    for body in (
        {"username": "rev2", "role": "reviewer", "district": "331003"},
        {"username": "off2", "role": "association_officer", "association_id": foreign},
        {"username": "boss", "role": "city_admin"},
        {"username": "peer", "role": "district_admin", "district": "331002"},
    ):
        response = _create(client, headers, **body)
        assert response.status_code == 403, body
    listing = client.get("/api/v1/admin/admins", headers=headers).json
    assert {a["username"] for a in listing["items"]} == {"rev1", "off1"}


def test_disabling_an_account_ends_its_sessions(client, app, admin_login):
    headers, _ = admin_login("city_admin")
    with app.app_context():
        target = AdminFactory(username="leaving", role="reviewer").id
    login = client.post(
        "/api/v1/admin/auth/login", json={"username": "leaving", "password": PASSWORD}
    )
    their_headers = {"Authorization": f"Bearer {login.json['token']}"}
    response = client.patch(
        f"/api/v1/admin/admins/{target}", json={"is_active": False}, headers=headers
    )
    assert response.json["is_active"] is False
    assert client.get("/api/v1/admin/me", headers=their_headers).status_code == 401


def test_password_reset_is_checked_and_audited(client, app, admin_login):
    headers, _ = admin_login("city_admin")
    with app.app_context():
        target = AdminFactory(username="forgetful").id
    weak = client.patch(
        f"/api/v1/admin/admins/{target}", json={"password": "short"}, headers=headers
    )
    assert (weak.status_code, weak.json["reason"]) == (422, "password_too_weak")
    ok = client.patch(
        f"/api/v1/admin/admins/{target}", json={"password": "brand-new-pass-9"}, headers=headers
    )
    assert ok.status_code == 200
    login = client.post(
        "/api/v1/admin/auth/login", json={"username": "forgetful", "password": "brand-new-pass-9"}
    )
    assert login.status_code == 200
    audit = client.get(
        f"/api/v1/admin/audit?target_id={target}&action=admin.update", headers=headers
    ).json["items"]
    assert audit[0]["detail"] == {"fields": ["password"]}
    assert "brand-new-pass-9" not in str(audit)


def test_cannot_disable_yourself(client, admin_login):
    headers, me = admin_login("city_admin")
    response = client.patch(
        f"/api/v1/admin/admins/{me['id']}", json={"is_active": False}, headers=headers
    )
    assert (response.status_code, response.json["reason"]) == (409, "cannot_disable_self")


def test_district_admin_cannot_touch_other_districts(client, app, admin_login):
    with app.app_context():
        other = AdminFactory(role="reviewer", district_code="331003").id
    headers, _ = admin_login("district_admin", district_code="331002")
    response = client.patch(
        f"/api/v1/admin/admins/{other}", json={"is_active": False}, headers=headers
    )
    assert response.status_code == 404
    with app.app_context():
        assert db.session.get(Admin, other).is_active is True


def test_reviewers_cannot_manage_accounts(client, admin_login):
    headers, _ = admin_login("reviewer")
    assert client.get("/api/v1/admin/admins", headers=headers).status_code == 403
    assert (
        _create(client, headers, username="x1", role="reviewer", district="331002").status_code
        == 403
    )


def test_scope_change_by_city_admin(client, app, admin_login):
    headers, _ = admin_login("city_admin")
    with app.app_context():
        target = AdminFactory(role="reviewer", district_code="331002").id
    moved = client.patch(
        f"/api/v1/admin/admins/{target}", json={"district": "331083"}, headers=headers
    )
    assert moved.json["district"] == "331083"
    promoted = client.patch(
        f"/api/v1/admin/admins/{target}",
        json={"role": "city_admin", "district": None},
        headers=headers,
    )
    assert (promoted.json["role"], promoted.json["district"]) == ("city_admin", None)
    with app.app_context():
        assert db.session.scalar(select(Admin.role).where(Admin.id == target)) == "city_admin"
