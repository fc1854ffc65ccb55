"""Districts and the association directory."""

from ..factories import AssociationFactory


def test_districts_are_taizhous_nine_in_order(client):
    districts = client.get("/api/v1/districts").json
    assert [d["code"] for d in districts] == [
        "331002",
        "331003",
        "331004",
        "331022",
        "331023",
        "331024",
        "331081",
        "331082",
        "331083",
    ]
    assert districts[0] == {"code": "331002", "name": "椒江区"}


def test_associations_filter_by_district_and_name(client, app):
    with app.app_context():
        AssociationFactory(name="台州市黄岩区模具行业协会", district="331003")
        AssociationFactory(
            name="台州市黄岩区青年企业家商会", district="331003", kind="chamber_of_commerce"
        )
        AssociationFactory(name="温岭市鞋业行业协会", district="331081")
        AssociationFactory(name="温岭市停用协会", district="331081", enabled=False)
    everything = client.get("/api/v1/associations").json
    assert everything["total"] == 3
    huangyan = client.get("/api/v1/associations?district=331003").json
    assert {a["name"] for a in huangyan["items"]} == {
        "台州市黄岩区模具行业协会",
        "台州市黄岩区青年企业家商会",
    }
    chamber = client.get("/api/v1/associations?district=331003&q=商会").json["items"]
    assert [a["kind_label"] for a in chamber] == ["商会"]
    shoes = client.get("/api/v1/associations?q=鞋业").json["items"]
    assert shoes[0]["district_name"] == "温岭市"
    assert shoes[0]["fee_items"][0] == {
        "name": "会员单位会费",
        "amount_fen": 80000,
        "amount": "800.00",
        "unit": "元/年",
        "basis": "测试",
    }


def test_search_treats_wildcards_literally(client, app):
    with app.app_context():
        AssociationFactory(name="台州市椒江区餐饮行业协会")
    assert client.get("/api/v1/associations?q=%25").json["total"] == 0
    assert client.get("/api/v1/associations?q=_").json["total"] == 0


def test_associations_are_paginated(client, app):
    with app.app_context():
        for n in range(25):
            AssociationFactory(name=f"分页测试协会{n:02d}")
    first = client.get("/api/v1/associations?page_size=10").json
    third = client.get("/api/v1/associations?page=3&page_size=10").json
    assert (first["total"], first["page"], first["page_size"], len(first["items"])) == (
        25,
        1,
        10,
        10,
    )
    assert len(third["items"]) == 5
    names = [a["name"] for a in first["items"]]
    assert names == sorted(names)


def test_unknown_district_is_422(client):
    for district in ("999999", "abc"):
        response = client.get(f"/api/v1/associations?district={district}")
        assert response.status_code == 422
        assert "district" in response.json["errors"]


def test_one_association(client, app):
    with app.app_context():
        association_id = AssociationFactory(name="单个协会").id
    assert client.get(f"/api/v1/associations/{association_id}").json["name"] == "单个协会"
    missing = client.get("/api/v1/associations/999999")
    assert (missing.status_code, missing.json["reason"]) == (404, "association_not_found")
