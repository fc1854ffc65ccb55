"""Admin accounts: creation, roles and scopes, password login and its throttle."""

from datetime import timedelta

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from backend.app.admins.models import Admin
from backend.app.admins.services import create_admin
from backend.app.common.time import utcnow
from backend.app.errors import ApiError
from backend.app.extensions import db

from ..factories import AdminFactory, AssociationFactory

PASSWORD = "correct-horse-42"


def _login(client, username, password):
    return client.post(
        "/api/v1/admin/auth/login", json={"username": username, "password": password}
    )


def test_login_returns_an_admin_token(client, app):
    with app.app_context():
        AdminFactory(username="zhang", role="district_admin", district_code="331003")
    response = _login(client, "Zhang", PASSWORD)
    assert response.status_code == 200
    admin = response.json["admin"]
    assert admin["role"] == "district_admin"
    assert admin["role_label"] == "区县管理员"
    assert admin["district"] == "331003"
    assert "password" not in response.get_data(as_text=True)
    assert response.json["expires_in"] == 12 * 3600
    assert response.json["idle_timeout"] == 30 * 60
    me = client.get(
        "/api/v1/admin/me", headers={"Authorization": f"Bearer {response.json['token']}"}
    )
    assert me.json["username"] == "zhang"


def test_password_is_stored_as_argon2id(app):
    with app.app_context():
        admin = AdminFactory(username="li")
        assert admin.password_hash.startswith("$argon2id$")
        assert PasswordHasher().verify(admin.password_hash, PASSWORD)


def test_wrong_password_and_unknown_user_get_the_same_answer(client, app):
    with app.app_context():
        AdminFactory(username="wang")
    wrong = _login(client, "wang", "not-the-password-1")
    unknown = _login(client, "nobody", "not-the-password-1")
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json == unknown.json
    assert wrong.json["reason"] == "invalid_credentials"


def test_failed_logins_lock_the_account_for_growing_delays(client, app):
    with app.app_context():
        AdminFactory(username="zhao")
    for _ in range(4):
        assert _login(client, "zhao", "wrong-password-1").json["reason"] == "invalid_credentials"
    # The fifth failure locks the account for a minute, the sixth for two.
    assert _login(client, "zhao", "wrong-password-1").status_code == 401
    blocked = _login(client, "zhao", PASSWORD)
    assert (blocked.status_code, blocked.json["reason"]) == (429, "login_locked")
    assert 0 < int(blocked.headers["Retry-After"]) <= 61
    with app.app_context():
        admin = db.session.scalar(select(Admin).where(Admin.username == "zhao"))
        admin.locked_until = utcnow() - timedelta(seconds=1)
        db.session.commit()
    assert _login(client, "zhao", "wrong-password-1").status_code == 401
    with app.app_context():
        admin = db.session.scalar(select(Admin).where(Admin.username == "zhao"))
        assert timedelta(seconds=110) < admin.locked_until - utcnow() <= timedelta(minutes=2)
        admin.locked_until = utcnow() - timedelta(seconds=1)
        db.session.commit()
    # The right password works again once the delay is over, and resets the count.
    assert _login(client, "zhao", PASSWORD).status_code == 200
    with app.app_context():
        admin = db.session.scalar(select(Admin).where(Admin.username == "zhao"))
        assert (admin.failed_logins, admin.locked_until) == (0, None)
    # Another account is not locked by zhao's failures.
    with app.app_context():
        AdminFactory(username="qian")
    assert _login(client, "qian", PASSWORD).status_code == 200


def test_failed_logins_are_limited_per_client(client, app):
    app.config["ADMIN_LOGIN_IP_LIMITS"] = "3 per 15 minutes"
    for name in ("a1", "a2", "a3"):
        assert _login(client, name, "wrong-password-1").status_code == 401
    blocked = _login(client, "a4", "wrong-password-1")
    assert (blocked.status_code, blocked.json["reason"]) == (429, "rate_limited")


def test_successful_logins_are_not_counted(client, app):
    with app.app_context():
        AdminFactory(username="sun")
    for _ in range(8):
        assert _login(client, "sun", PASSWORD).status_code == 200


def test_disabled_admin_cannot_log_in_or_use_a_token(client, app):
    with app.app_context():
        AdminFactory(username="zhou")
    token = _login(client, "zhou", PASSWORD).json["token"]
    with app.app_context():
        admin = db.session.scalar(select(Admin).where(Admin.username == "zhou"))
        admin.is_active = False
        db.session.commit()
    assert _login(client, "zhou", PASSWORD).status_code == 401
    response = client.get("/api/v1/admin/me", headers={"Authorization": f"Bearer {token}"})
    assert (response.status_code, response.json["reason"]) == (401, "account_disabled")


@pytest.mark.parametrize(
    ("kwargs", "reason"),
    [
        ({"role": "district_admin"}, "unknown_district"),
        ({"role": "reviewer", "district_code": "999999"}, "unknown_district"),
        ({"role": "association_officer"}, "association_not_found"),
        ({"role": "city_admin", "district_code": "331002"}, "validation_failed"),
        ({"role": "city_admin", "password": "short1"}, "password_too_weak"),
        ({"role": "city_admin", "password": "onlyletterslong"}, "password_too_weak"),
    ],
)
def test_roles_need_their_scope(ctx, kwargs, reason):
    with pytest.raises(ApiError) as caught:
        create_admin(
            "someone",
            kwargs.get("password", PASSWORD),
            kwargs["role"],
            kwargs.get("district_code"),
            None,
        )
    assert caught.value.reason == reason
    assert db.session.scalar(select(Admin)) is None


def test_officer_takes_the_association_district(ctx):
    association = AssociationFactory(district="331081")
    admin = create_admin("officer1", PASSWORD, "association_officer", None, association.id)
    assert (admin.district_code, admin.association_id) == ("331081", association.id)


def test_usernames_are_unique_ignoring_case(ctx):
    create_admin("Chen", PASSWORD, "city_admin")
    with pytest.raises(ApiError) as caught:
        create_admin("chen", PASSWORD, "city_admin")
    assert caught.value.reason == "username_taken"


def test_cli_creates_an_admin(app):
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=[
            "admin",
            "create",
            "wu",
            "--password",
            PASSWORD,
            "--role",
            "reviewer",
            "--district",
            "331004",
        ]
    )
    assert result.exit_code == 0, result.output
    with app.app_context():
        admin = db.session.scalar(select(Admin).where(Admin.username == "wu"))
        assert (admin.role, admin.district_code) == ("reviewer", "331004")
    bad = runner.invoke(
        args=["admin", "create", "zheng", "--password", PASSWORD, "--role", "district_admin"]
    )
    assert bad.exit_code != 0
    assert "未知的区县代码" in bad.output
