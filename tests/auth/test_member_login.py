"""Member login with a WeChat code, and member tokens."""

from datetime import timedelta

import jwt
from sqlalchemy import func, select

from backend.app.extensions import db
from backend.app.members.models import Member


def test_first_login_creates_the_member(client, app):
    response = client.post("/api/v1/auth/login", json={"code": "alice.1"})
    assert response.status_code == 200
    body = response.json
    assert set(body) == {"token", "expires_in", "member"}
    assert body["expires_in"] == 7 * 24 * 3600
    assert body["member"]["nickname"] is None
    assert "session_key" not in response.get_data(as_text=True)
    assert "openid" not in body["member"]
    with app.app_context():
        member = db.session.scalar(select(Member))
        assert member.openid == "fake-alice"
        assert not hasattr(member, "session_key")


def test_same_person_with_two_codes_is_one_member(client, app):
    first = client.post("/api/v1/auth/login", json={"code": "alice.1"}).json
    second = client.post("/api/v1/auth/login", json={"code": "alice.2"}).json
    assert first["member"]["id"] == second["member"]["id"]
    other = client.post("/api/v1/auth/login", json={"code": "bob.1"}).json
    assert other["member"]["id"] != first["member"]["id"]
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Member)) == 2


def test_a_code_is_refused_the_second_time(client):
    assert client.post("/api/v1/auth/login", json={"code": "alice.1"}).status_code == 200
    again = client.post("/api/v1/auth/login", json={"code": "alice.1"})
    assert again.status_code == 401
    assert again.json["reason"] == "code_used"


def test_invalid_code_is_refused(client, app):
    response = client.post("/api/v1/auth/login", json={"code": "invalid"})
    assert (response.status_code, response.json["reason"]) == (401, "code_invalid")
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Member)) == 0


def test_blank_code_is_422(client):
    response = client.post("/api/v1/auth/login", json={"code": "   "})
    assert response.status_code == 422
    assert "code" in response.json["errors"]


def test_token_opens_me(client, login):
    headers, body = login("alice")
    me = client.get("/api/v1/me", headers=headers)
    assert me.status_code == 200
    assert me.json["id"] == body["member"]["id"]


def test_admin_token_is_refused_on_member_routes(client, admin_login):
    headers, _ = admin_login("city_admin")
    response = client.get("/api/v1/me", headers=headers)
    assert (response.status_code, response.json["reason"]) == (401, "token_invalid")


def test_member_token_is_refused_on_admin_routes(client, login):
    headers, _ = login("alice")
    response = client.get("/api/v1/admin/me", headers=headers)
    assert (response.status_code, response.json["reason"]) == (401, "token_invalid")


def test_expired_and_forged_tokens_are_refused(client, app, login):
    _headers, body = login("alice")
    claims = jwt.decode(body["token"], options={"verify_signature": False})
    with app.app_context():
        from backend.app.common.auth import _signing_key

        claims["exp"] = claims["iat"] - int(timedelta(minutes=1).total_seconds())
        expired = jwt.encode(claims, _signing_key(), algorithm="HS256")
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {expired}"})
    assert response.json["reason"] == "token_expired"
    forged = jwt.encode(
        {**claims, "exp": claims["iat"] + 3600},
        "a-guessed-key-that-is-long-enough-32b",
        algorithm="HS256",
    )
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {forged}"})
    assert (response.status_code, response.json["reason"]) == (401, "token_invalid")
    response = client.get("/api/v1/me", headers={"Authorization": "Basic abc"})
    assert response.json["reason"] == "token_missing"


def test_token_of_a_deleted_member_is_refused(client, app, login):
    headers, body = login("alice")
    with app.app_context():
        db.session.delete(db.session.get(Member, body["member"]["id"]))
        db.session.commit()
    response = client.get("/api/v1/me", headers=headers)
    assert (response.status_code, response.json["reason"]) == (401, "token_invalid")
