"""Admins manage sites within their role's scope: CRUD, photos, QR codes."""

import io
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import func, select

from backend.app.extensions import db
from backend.app.sites import geo
from backend.app.sites.models import CheckIn, Site, SitePhoto

from ..factories import AssociationFactory, MemberFactory, SiteFactory
from .conftest import jpeg

NEW_SITE = {
    "name": "椒江区社会组织清廉大厅",
    "type": "hall",
    "district": "331002",
    "address": "台州市椒江区社会组织服务中心一楼",
    "lat": 28.676,
    "lng": 121.434,
    "description": "  第一段。\r\n\r\n\r\n第二段。\x07  ",
    "hours": {
        "weekly": [[{"opens": "09:00", "closes": "17:00"}]] * 5 + [[], []],
        "closed_dates": ["2026-10-02", "2026-10-01", "2026-10-01"],
        "note": "法定节假日闭馆",
    },
    "phone": "0576-88000000",
}


def site_count(app):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Site))


def test_city_admin_creates_a_site(client, app, admin_login):
    headers, _ = admin_login("city_admin")
    response = client.post("/api/v1/admin/sites", json=NEW_SITE, headers=headers)
    assert response.status_code == 201, response.json
    site = response.json
    assert (site["lat"], site["lng"], site["source_system"]) == (28.676, 121.434, "gcj02")
    assert site["description"] == "第一段。\n\n第二段。"
    assert site["hours"]["closed_dates"] == ["2026-10-01", "2026-10-02"]
    assert site["checkin_radius_m"] == 1000 and site["location_required"] is True
    assert site["enabled"] is True and site["origin"] == "manual"
    assert site["qrcode_scene"].startswith(f"s={site['id']}&t=")
    assert len(site["qrcode_scene"]) <= 32
    audit = client.get("/api/v1/admin/audit?action=site.create", headers=headers).json
    assert audit["items"][0]["target_id"] == str(site["id"])
    assert client.get(f"/api/v1/sites/{site['id']}").json["name"] == NEW_SITE["name"]


@pytest.mark.parametrize(
    ("system", "convert"), [("wgs84", geo.wgs84_to_gcj02), ("bd09", geo.bd09_to_gcj02)]
)
def test_other_coordinate_systems_are_converted(client, admin_login, system, convert):
    headers, _ = admin_login("city_admin")
    body = {**NEW_SITE, "coord_system": system}
    site = client.post("/api/v1/admin/sites", json=body, headers=headers).json
    expected = convert(NEW_SITE["lat"], NEW_SITE["lng"])
    assert (site["lat"], site["lng"]) == pytest.approx(expected, abs=1e-7)
    assert (site["source_system"], site["source_lat"], site["source_lng"]) == (
        system,
        NEW_SITE["lat"],
        NEW_SITE["lng"],
    )


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": None}, "name"),
        ({"name": "厅"}, "name"),
        ({"type": "museum"}, "type"),
        ({"lat": 95}, "lat"),
        ({"lat": "28.6"}, "lat"),
        ({"lng": -200}, "lng"),
        ({"coord_system": "utm"}, "coord_system"),
        ({"checkin_radius_m": 10}, "checkin_radius_m"),
        ({"phone": "call me"}, "phone"),
        ({"description": "长" * 5001}, "description"),
        ({"hours": {"weekly": [[]] * 6}}, "hours"),
        ({"hours": {"weekly": [[{"opens": "17:00", "closes": "09:00"}]] * 7}}, "hours"),
        ({"hours": {"weekly": [[{"opens": "9:00", "closes": "17:00"}]] * 7}}, "hours"),
        ({"hours": {"weekly": [[]] * 7, "closed_dates": ["2026-02-30"]}}, "hours"),
        ({"district": "999999"}, "district"),
        ({"association_id": 999999}, "association_id"),
    ],
)
def test_bad_sites_are_422_and_nothing_is_stored(client, app, admin_login, change, field):
    headers, _ = admin_login("city_admin")
    body = {key: value for key, value in {**NEW_SITE, **change}.items() if value is not None}
    response = client.post("/api/v1/admin/sites", json=body, headers=headers)
    assert response.status_code == 422, response.json
    assert field in response.json["errors"]
    assert site_count(app) == 0


def test_names_are_unique_within_a_district(client, admin_login):
    headers, _ = admin_login("city_admin")
    assert client.post("/api/v1/admin/sites", json=NEW_SITE, headers=headers).status_code == 201
    again = client.post("/api/v1/admin/sites", json=NEW_SITE, headers=headers)
    assert (again.status_code, again.json["reason"]) == (409, "site_name_taken")
    elsewhere = client.post(
        "/api/v1/admin/sites", json={**NEW_SITE, "district": "331003"}, headers=headers
    )
    assert elsewhere.status_code == 201


def test_district_admin_manages_only_its_district(client, app, admin_login):
    with app.app_context():
        huangyan = SiteFactory(name="黄岩阵地", district="331003").id
    headers, _ = admin_login("district_admin", district_code="331002")
    own = client.post("/api/v1/admin/sites", json=NEW_SITE, headers=headers)
    assert own.status_code == 201
    other = client.post(
        "/api/v1/admin/sites", json={**NEW_SITE, "district": "331003"}, headers=headers
    )
    assert (other.status_code, other.json["reason"]) == (403, "out_of_scope")
    listed = client.get("/api/v1/admin/sites", headers=headers).json
    assert [s["name"] for s in listed["items"]] == [NEW_SITE["name"]]
    hidden = client.get(f"/api/v1/admin/sites/{huangyan}", headers=headers)
    assert (hidden.status_code, hidden.json["reason"]) == (404, "site_not_found")
    assert (
        client.patch(
            f"/api/v1/admin/sites/{huangyan}", json={"name": "改名"}, headers=headers
        ).status_code
        == 404
    )
    move = client.patch(
        f"/api/v1/admin/sites/{own.json['id']}", json={"district": "331003"}, headers=headers
    )
    assert (move.status_code, move.json["reason"]) == (403, "out_of_scope")
    assert client.get(f"/api/v1/sites/{own.json['id']}").json["district"] == "331002"


def test_reviewer_reads_its_district_only(client, app, admin_login):
    with app.app_context():
        own = SiteFactory().id
        SiteFactory(district="331003")
    headers, _ = admin_login("reviewer", district_code="331002")
    assert client.get("/api/v1/admin/sites", headers=headers).json["total"] == 1
    assert client.get(f"/api/v1/admin/sites/{own}", headers=headers).status_code == 200
    assert client.get(f"/api/v1/admin/sites/{own}/qrcode", headers=headers).status_code == 200
    attempts = [
        client.post("/api/v1/admin/sites", json=NEW_SITE, headers=headers),
        client.patch(f"/api/v1/admin/sites/{own}", json={"phone": "0576-1"}, headers=headers),
        client.delete(f"/api/v1/admin/sites/{own}", headers=headers),
        client.post(
            f"/api/v1/admin/sites/{own}/photos",
            data={"file": (io.BytesIO(jpeg()), "a.jpg")},
            headers=headers,
        ),
        client.post(f"/api/v1/admin/sites/{own}/qrcode/rotate", headers=headers),
    ]
    assert [(a.status_code, a.json["reason"]) for a in attempts] == [(403, "role_forbidden")] * 5


def test_officer_edits_the_content_of_its_associations_sites(client, app, admin_login):
    with app.app_context():
        chamber = AssociationFactory(name="台州市椒江区温州商会", kind="chamber_of_commerce").id
        hosted = SiteFactory(name="商会微地标", type="micro_landmark", association_id=chamber).id
        other = SiteFactory(name="别处大厅").id
    headers, _ = admin_login("association_officer", association_id=chamber)
    listed = client.get("/api/v1/admin/sites", headers=headers).json
    assert [s["id"] for s in listed["items"]] == [hosted]
    changed = client.patch(
        f"/api/v1/admin/sites/{hosted}",
        json={"description": "商会简介", "phone": "0576-88888888", "hours": None},
        headers=headers,
    )
    assert changed.status_code == 200, changed.json
    assert changed.json["description"] == "商会简介"
    refused = client.patch(
        f"/api/v1/admin/sites/{hosted}",
        json={"name": "新名字", "phone": "0576-1234567"},
        headers=headers,
    )
    assert (refused.status_code, refused.json["reason"]) == (403, "role_forbidden")
    assert client.get(f"/api/v1/sites/{hosted}").json["name"] == "商会微地标"
    photo = client.post(
        f"/api/v1/admin/sites/{hosted}/photos",
        data={"file": (io.BytesIO(jpeg()), "a.jpg")},
        headers=headers,
    )
    assert photo.status_code == 201
    assert client.get(f"/api/v1/admin/sites/{other}", headers=headers).status_code == 404
    for response in (
        client.post("/api/v1/admin/sites", json=NEW_SITE, headers=headers),
        client.delete(f"/api/v1/admin/sites/{hosted}", headers=headers),
    ):
        assert (response.status_code, response.json["reason"]) == (403, "role_forbidden")


def test_partial_updates(client, app, admin_login):
    headers, _ = admin_login("city_admin")
    site_id = client.post("/api/v1/admin/sites", json=NEW_SITE, headers=headers).json["id"]
    url = f"/api/v1/admin/sites/{site_id}"
    for body, field in (
        ({"lat": 28.7}, "lng"),
        ({"coord_system": "wgs84"}, "lat"),
        ({"lat": 28.7, "lng": "x"}, "lng"),
    ):
        response = client.patch(url, json=body, headers=headers)
        assert response.status_code == 422 and field in response.json["errors"], body
    unchanged = client.get(url, headers=headers).json
    assert (unchanged["lat"], unchanged["lng"]) == (NEW_SITE["lat"], NEW_SITE["lng"])
    moved = client.patch(
        url, json={"lat": 28.7, "lng": 121.45, "coord_system": "wgs84"}, headers=headers
    ).json
    assert (moved["lat"], moved["lng"]) == pytest.approx(geo.wgs84_to_gcj02(28.7, 121.45), abs=1e-7)
    cleared = client.patch(url, json={"phone": "", "hours": None}, headers=headers).json
    assert cleared["phone"] is None and cleared["hours"] is None
    assert cleared["name"] == NEW_SITE["name"] and cleared["type"] == "hall"
    disabled = client.patch(url, json={"enabled": False}, headers=headers).json
    assert disabled["enabled"] is False
    assert client.get(f"/api/v1/sites/{site_id}").status_code == 404
    assert client.get("/api/v1/admin/sites?enabled=false", headers=headers).json["total"] == 1


def test_delete_only_without_check_ins(client, app, admin_login):
    with app.app_context():
        visited = SiteFactory(name="有人打卡").id
        member = MemberFactory()
        db.session.add(CheckIn(member_id=member.id, site_id=visited, day=member.created_at.date()))
        db.session.commit()
    headers, _ = admin_login("city_admin")
    refused = client.delete(f"/api/v1/admin/sites/{visited}", headers=headers)
    assert (refused.status_code, refused.json["reason"]) == (409, "site_has_checkins")
    assert site_count(app) == 1

    site_id = client.post("/api/v1/admin/sites", json=NEW_SITE, headers=headers).json["id"]
    photo = client.post(
        f"/api/v1/admin/sites/{site_id}/photos",
        data={"file": (io.BytesIO(jpeg()), "a.jpg")},
        headers=headers,
    ).json
    with app.app_context():
        stored = db.session.get(SitePhoto, photo["id"])
        folder = Path(app.config["UPLOAD_DIR"]) / "sites" / "photos"
        files = [folder / stored.file_name, folder / stored.thumb_name]
    assert all(path.exists() for path in files)
    assert client.delete(f"/api/v1/admin/sites/{site_id}", headers=headers).status_code == 204
    assert not any(path.exists() for path in files)
    assert client.get(f"/api/v1/admin/sites/{site_id}", headers=headers).status_code == 404


def test_photo_uploads_go_through_the_pipeline(client, app, admin_login):
    with app.app_context():
        site_id = SiteFactory().id
    headers, _ = admin_login("city_admin")
    url = f"/api/v1/admin/sites/{site_id}/photos"
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (28.0, 41.0, 0.0)
    uploaded = client.post(
        url, data={"file": (io.BytesIO(jpeg(exif=exif)), "a.jpg")}, headers=headers
    )
    assert uploaded.status_code == 201
    served = client.get(uploaded.json["url"]).data
    assert b"SecretCam" not in served and not Image.open(io.BytesIO(served)).getexif()

    not_image = client.post(
        url, data={"file": (io.BytesIO(b"%PDF-1.4 hello"), "a.jpg")}, headers=headers
    )
    assert (not_image.status_code, not_image.json["reason"]) == (422, "unsupported_image_type")
    app.config["SITES_PHOTO_MAX_BYTES"] = 2048
    too_big = client.post(
        url, data={"file": (io.BytesIO(jpeg((600, 600)) + b"\0" * 4096), "a.jpg")}, headers=headers
    )
    assert too_big.status_code == 413
    app.config["SITES_PHOTO_MAX_BYTES"] = 10 * 1024 * 1024
    missing = client.post(url, data={}, headers=headers)
    assert missing.status_code == 422 and "file" in missing.json["errors"]
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(SitePhoto)) == 1


def test_at_most_nine_photos_and_deleting_one(client, app, admin_login):
    with app.app_context():
        site_id = SiteFactory().id
    headers, _ = admin_login("city_admin")
    url = f"/api/v1/admin/sites/{site_id}/photos"
    ids = []
    for _ in range(9):
        response = client.post(
            url, data={"file": (io.BytesIO(jpeg((64, 48))), "a.jpg")}, headers=headers
        )
        ids.append(response.json["id"])
    tenth = client.post(url, data={"file": (io.BytesIO(jpeg((64, 48))), "a.jpg")}, headers=headers)
    assert (tenth.status_code, tenth.json["reason"]) == (409, "too_many_photos")
    assert client.delete(f"{url}/{ids[0]}", headers=headers).status_code == 204
    detail = client.get(f"/api/v1/sites/{site_id}").json
    assert [p["id"] for p in detail["photos"]] == ids[1:]
    assert client.delete(f"{url}/{ids[0]}", headers=headers).status_code == 404


def test_qrcode_is_generated_once_and_cached(client, app, admin_login, wechat_fake):
    with app.app_context():
        site_id = SiteFactory().id
    headers, _ = admin_login("city_admin")
    scene = client.get(f"/api/v1/admin/sites/{site_id}", headers=headers).json["qrcode_scene"]
    first = client.get(f"/api/v1/admin/sites/{site_id}/qrcode", headers=headers)
    second = client.get(f"/api/v1/admin/sites/{site_id}/qrcode", headers=headers)
    assert first.status_code == 200 and first.mimetype == "image/png"
    assert Image.open(io.BytesIO(first.data)).format == "PNG"
    assert second.data == first.data
    requests = wechat_fake.state.wxacode_requests
    assert len(requests) == 1
    assert requests[0]["scene"] == scene and len(scene) <= 32
    assert requests[0]["page"] == "packages/sites/checkin/index"
    assert requests[0]["env_version"] == "release"

    client.post(f"/api/v1/admin/sites/{site_id}/qrcode/rotate", headers=headers)
    third = client.get(f"/api/v1/admin/sites/{site_id}/qrcode", headers=headers)
    assert third.data != first.data
    assert len(requests) == 2 and requests[1]["scene"] != scene
    assert client.get("/api/v1/admin/sites/999999/qrcode", headers=headers).status_code == 404


def test_a_printed_code_checks_a_member_in(client, app, admin_login, login):
    with app.app_context():
        site = SiteFactory()
        site_id, position = site.id, {"lat": site.lat, "lng": site.lng}
    headers, _ = admin_login("district_admin")
    png = client.get(f"/api/v1/admin/sites/{site_id}/qrcode", headers=headers).data
    # The phone's camera decodes the code: the page it opens and the scene it passes.
    code = Image.open(io.BytesIO(png)).text
    assert code["page"] == "packages/sites/checkin/index"
    member, _ = login("alice")
    checked_in = client.post(
        f"/api/v1/sites/{site_id}/checkins",
        json={"scene": code["scene"], **position},
        headers=member,
    )
    assert checked_in.status_code == 201, checked_in.json
    assert checked_in.json["site"]["id"] == site_id


def test_admin_list_filters_and_counts(client, app, admin_login):
    with app.app_context():
        chamber = AssociationFactory(kind="chamber_of_commerce").id
        hall = SiteFactory(name="大厅甲").id
        SiteFactory(name="长廊乙", type="corridor", association_id=chamber)
        SiteFactory(name="停用丙", enabled=False)
        member = MemberFactory()
        db.session.add(CheckIn(member_id=member.id, site_id=hall, day=member.created_at.date()))
        db.session.commit()
    headers, _ = admin_login("city_admin")

    def names(query=""):
        items = client.get(f"/api/v1/admin/sites?{query}", headers=headers).json["items"]
        return [item["name"] for item in items]

    assert names() == ["停用丙", "大厅甲", "长廊乙"]
    assert names("enabled=true") == ["大厅甲", "长廊乙"]
    assert names("type=corridor") == names(f"association_id={chamber}") == ["长廊乙"]
    assert names("q=大厅") == ["大厅甲"]
    first = client.get("/api/v1/admin/sites?q=大厅", headers=headers).json["items"][0]
    assert first["checkin_count"] == 1 and first["photo_count"] == 0
    assert client.get("/api/v1/admin/sites").status_code == 401
