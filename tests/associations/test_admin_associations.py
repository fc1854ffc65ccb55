"""Admins manage associations within their scope."""

import pytest
from sqlalchemy import select

from backend.app.associations import uscc
from backend.app.associations.models import Association
from backend.app.extensions import db

from ..factories import AssociationFactory, MemberFactory


def _new(name="台州市椒江区新建行业协会", district="331002", n=777):
    return {
        "name": name,
        "kind": "industry_association",
        "district": district,
        "uscc": uscc.make("51", district, f"MJ{n:06d}").lower(),
        "fee_items": [{"name": "会员单位会费", "amount_fen": 50000, "basis": "会员大会通过"}],
    }


def test_district_admin_creates_in_its_district_only(client, app, admin_login):
    headers, _ = admin_login("district_admin", district_code="331002")
    created = client.post("/api/v1/admin/associations", json=_new(), headers=headers)
    assert created.status_code == 201
    assert created.json["uscc"] == created.json["uscc"].upper()
    assert created.json["fee_items"][0]["unit"] == "元/年"
    elsewhere = client.post(
        "/api/v1/admin/associations", json=_new("温岭市某协会", "331081", 778), headers=headers
    )
    assert (elsewhere.status_code, elsewhere.json["reason"]) == (403, "out_of_scope")
    with app.app_context():
        assert (
            db.session.scalar(select(Association.name).where(Association.district_code == "331081"))
            is None
        )


def test_bad_uscc_and_duplicates_are_refused(client, app, admin_login):
    headers, _ = admin_login("city_admin")
    bad = dict(_new(), uscc="51331002MJ0007770X")
    response = client.post("/api/v1/admin/associations", json=bad, headers=headers)
    assert response.status_code == 422
    assert response.json["errors"]["uscc"] == ["统一社会信用代码格式或校验位不正确"]
    assert (
        client.post("/api/v1/admin/associations", json=_new(), headers=headers).status_code == 201
    )
    again = client.post("/api/v1/admin/associations", json=_new(), headers=headers)
    assert (again.status_code, again.json["reason"]) == (409, "name_taken")
    other_name = dict(_new(), name="另一个名称的协会")
    again = client.post("/api/v1/admin/associations", json=other_name, headers=headers)
    assert again.json["reason"] == "uscc_taken"


def test_negative_fee_is_refused(client, admin_login):
    headers, _ = admin_login("city_admin")
    body = _new()
    body["fee_items"][0]["amount_fen"] = -1
    response = client.post("/api/v1/admin/associations", json=body, headers=headers)
    assert response.status_code == 422 and "fee_items" in response.json["errors"]


def test_officer_edits_only_its_own_fee_schedule(client, app, admin_login):
    with app.app_context():
        own = AssociationFactory()
        other = AssociationFactory()
        own_id, other_id = own.id, other.id
        MemberFactory(association_id=own_id)
    headers, _ = admin_login("association_officer", association_id=own_id)
    listing = client.get("/api/v1/admin/associations", headers=headers).json
    assert [a["id"] for a in listing["items"]] == [own_id]
    assert listing["items"][0]["member_count"] == 1
    new_fees = {
        "fee_items": [{"name": "理事单位会费", "amount_fen": 200000, "basis": "2026年会员大会"}]
    }
    updated = client.patch(f"/api/v1/admin/associations/{own_id}", json=new_fees, headers=headers)
    assert updated.status_code == 200
    assert [f["name"] for f in updated.json["fee_items"]] == ["理事单位会费"]
    rename = client.patch(
        f"/api/v1/admin/associations/{own_id}", json={"name": "改名"}, headers=headers
    )
    assert (rename.status_code, rename.json["reason"]) == (403, "role_forbidden")
    foreign = client.patch(f"/api/v1/admin/associations/{other_id}", json=new_fees, headers=headers)
    assert foreign.status_code == 404


@pytest.mark.parametrize("role", ["reviewer", "association_officer"])
def test_readers_cannot_create(client, admin_login, role):
    headers, _ = admin_login(role)
    response = client.post("/api/v1/admin/associations", json=_new(), headers=headers)
    assert response.status_code == 403


def test_disabling_hides_from_members_and_is_audited(client, app, admin_login):
    with app.app_context():
        association_id = AssociationFactory(district="331003").id
    headers, _ = admin_login("district_admin", district_code="331003")
    response = client.patch(
        f"/api/v1/admin/associations/{association_id}", json={"enabled": False}, headers=headers
    )
    assert response.json["enabled"] is False
    assert client.get(f"/api/v1/associations/{association_id}").status_code == 404
    audit = client.get("/api/v1/admin/audit?target_type=association", headers=headers).json
    assert audit["items"][0]["detail"] == {"fields": ["enabled"]}
    outsider, _ = admin_login("district_admin", district_code="331002")
    assert (
        client.get(f"/api/v1/admin/associations/{association_id}", headers=outsider).status_code
        == 404
    )
