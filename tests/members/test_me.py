"""A member's own profile: nickname (checked by WeChat) and association."""

from sqlalchemy import select

from backend.app.extensions import db
from backend.app.members.models import Member

from ..conftest import BANNED_WORD
from ..factories import AssociationFactory


def _member(app, member_id):
    with app.app_context():
        return db.session.scalar(select(Member).where(Member.id == member_id))


def test_set_nickname_and_join_association(client, app, login):
    with app.app_context():
        association_id = AssociationFactory(name="台州市测试协会").id
    headers, _body = login("alice")
    response = client.patch(
        "/api/v1/me",
        json={"nickname": "  清风  ", "association_id": association_id},
        headers=headers,
    )
    assert response.status_code == 200
    assert response.json["nickname"] == "清风"
    assert response.json["association"] == {
        "id": association_id,
        "name": "台州市测试协会",
        "district": "331002",
    }
    assert client.get("/api/v1/me", headers=headers).json["nickname"] == "清风"


def test_risky_nickname_is_refused_and_nothing_changes(client, app, login):
    with app.app_context():
        association_id = AssociationFactory().id
    headers, body = login("alice")
    client.patch("/api/v1/me", json={"nickname": "清风"}, headers=headers)
    response = client.patch(
        "/api/v1/me",
        json={"nickname": f"我是{BANNED_WORD}", "association_id": association_id},
        headers=headers,
    )
    assert (response.status_code, response.json["reason"]) == (422, "content_risky")
    member = _member(app, body["member"]["id"])
    assert member.nickname == "清风"
    assert member.association_id is None


def test_nickname_longer_than_20_is_422(client, login):
    headers, _ = login("alice")
    response = client.patch("/api/v1/me", json={"nickname": "长" * 21}, headers=headers)
    assert response.status_code == 422
    assert response.json["errors"]["nickname"] == ["长度须在 1 到 20 之间"]
    assert (
        client.patch("/api/v1/me", json={"nickname": "长" * 20}, headers=headers).status_code == 200
    )


def test_unknown_or_disabled_association_is_422(client, app, login):
    with app.app_context():
        disabled_id = AssociationFactory(enabled=False).id
    headers, _ = login("alice")
    for association_id in (99999, disabled_id):
        response = client.patch(
            "/api/v1/me", json={"association_id": association_id}, headers=headers
        )
        assert (response.status_code, response.json["reason"]) == (422, "association_not_found")
        assert "association_id" in response.json["errors"]


def test_leaving_an_association(client, app, login):
    with app.app_context():
        association_id = AssociationFactory().id
    headers, body = login("alice")
    client.patch("/api/v1/me", json={"association_id": association_id}, headers=headers)
    response = client.patch("/api/v1/me", json={"association_id": None}, headers=headers)
    assert response.json["association"] is None
    assert _member(app, body["member"]["id"]).association_id is None


def test_empty_patch_is_422(client, login):
    headers, _ = login("alice")
    response = client.patch("/api/v1/me", json={}, headers=headers)
    assert response.status_code == 422
    assert "_schema" in response.json["errors"]


def test_me_needs_login(client):
    assert client.patch("/api/v1/me", json={"nickname": "x"}).status_code == 401
