"""Checking in by QR scene: the scene, the distance, one a day, and my footprint."""

import threading
from datetime import UTC, date, datetime
from urllib.parse import quote

import pytest
from sqlalchemy import func, select

from backend.app.common.time import shanghai_today
from backend.app.extensions import db
from backend.app.sites import checkins
from backend.app.sites.models import CheckIn, Site

from ..factories import SiteFactory

SITE = (28.68, 121.44)
METRES_PER_DEGREE_LAT = 111_195.08


def north(metres):
    """A position this many metres due north of SITE."""
    return {"lat": SITE[0] + metres / METRES_PER_DEGREE_LAT, "lng": SITE[1]}


def count_checkins(app):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(CheckIn))


@pytest.fixture
def site_id(app):
    with app.app_context():
        return SiteFactory(lat=SITE[0], lng=SITE[1]).id


def test_check_in_near_the_site(client, app, login, site_id, scene_of):
    headers, _ = login("alice")
    response = client.post(
        f"/api/v1/sites/{site_id}/checkins",
        json={"scene": scene_of(site_id), **north(200)},
        headers=headers,
    )
    assert response.status_code == 201, response.json
    body = response.json
    assert body["day"] == shanghai_today().isoformat()
    assert body["distance_m"] == 200
    assert body["site"]["id"] == site_id
    detail = client.get(f"/api/v1/sites/{site_id}", headers=headers).json
    assert (detail["checked_in_today"], detail["checkin_count"]) == (True, 1)
    someone_else, _ = login("bob")
    other = client.get(f"/api/v1/sites/{site_id}", headers=someone_else).json
    assert (other["checked_in_today"], other["checkin_count"]) == (False, 1)


def test_url_encoded_scene_is_accepted(client, login, site_id, scene_of):
    headers, _ = login("alice")
    response = client.post(
        f"/api/v1/sites/{site_id}/checkins",
        json={"scene": quote(scene_of(site_id), safe=""), **north(10)},
        headers=headers,
    )
    assert response.status_code == 201, response.json


def test_second_check_in_the_same_day_is_409(client, app, login, site_id, scene_of):
    headers, _ = login("alice")
    body = {"scene": scene_of(site_id), **north(50)}
    assert (
        client.post(f"/api/v1/sites/{site_id}/checkins", json=body, headers=headers).status_code
        == 201
    )
    again = client.post(f"/api/v1/sites/{site_id}/checkins", json=body, headers=headers)
    assert (again.status_code, again.json["reason"]) == (409, "already_checked_in")
    assert count_checkins(app) == 1


def test_the_day_is_china_time(client, app, login, site_id, scene_of, monkeypatch):
    headers, _ = login("alice")
    body = {"scene": scene_of(site_id), **north(50)}
    url = f"/api/v1/sites/{site_id}/checkins"
    moments = {
        "23:59 in Shanghai": datetime(2026, 11, 30, 15, 59, tzinfo=UTC),
        "00:00 the next day": datetime(2026, 11, 30, 16, 0, tzinfo=UTC),
        "later that day": datetime(2026, 12, 1, 9, 0, tzinfo=UTC),
    }
    answers = []
    for moment in moments.values():
        monkeypatch.setattr(checkins, "utcnow", lambda moment=moment: moment)
        answers.append(client.post(url, json=body, headers=headers))
    assert [a.status_code for a in answers] == [201, 201, 409]
    assert [a.json.get("day") for a in answers[:2]] == ["2026-11-30", "2026-12-01"]
    with app.app_context():
        days = db.session.scalars(select(CheckIn.day).order_by(CheckIn.day)).all()
    assert days == [date(2026, 11, 30), date(2026, 12, 1)]


def test_scenes_of_other_sites_and_forgeries_are_refused(client, app, login, site_id, scene_of):
    with app.app_context():
        other_id = SiteFactory(lat=SITE[0], lng=SITE[1]).id
    headers, _ = login("alice")
    own = scene_of(site_id)
    token = own.split("&t=")[1]
    cases = {
        scene_of(other_id): "scene_mismatch",
        f"s={other_id}&t={token}": "scene_mismatch",
        f"s={site_id}&t={'A' * 12}": "scene_invalid",
        f"s={site_id}&t={token[:-1]}": "scene_invalid",
        "hello": "scene_invalid",
        f"s={site_id}": "scene_invalid",
    }
    for scene, reason in cases.items():
        response = client.post(
            f"/api/v1/sites/{site_id}/checkins", json={"scene": scene, **north(10)}, headers=headers
        )
        assert (response.status_code, response.json["reason"]) == (422, reason), scene
        assert "scene" in response.json["errors"]
    assert count_checkins(app) == 0


def test_a_rotated_code_stops_working(client, app, login, admin_login, site_id, scene_of):
    old = scene_of(site_id)
    admin_headers, _ = admin_login("city_admin")
    rotated = client.post(f"/api/v1/admin/sites/{site_id}/qrcode/rotate", headers=admin_headers)
    assert rotated.status_code == 200 and rotated.json["qr_version"] == 2
    new = rotated.json["qrcode_scene"]
    assert new != old and new == scene_of(site_id)
    headers, _ = login("alice")
    url = f"/api/v1/sites/{site_id}/checkins"
    stale = client.post(url, json={"scene": old, **north(10)}, headers=headers)
    assert (stale.status_code, stale.json["reason"]) == (422, "scene_invalid")
    assert client.post(url, json={"scene": new, **north(10)}, headers=headers).status_code == 201


def test_location_is_required_and_checked(client, app, login, site_id, scene_of):
    headers, _ = login("alice")
    url = f"/api/v1/sites/{site_id}/checkins"
    missing = client.post(url, json={"scene": scene_of(site_id)}, headers=headers)
    assert (missing.status_code, missing.json["reason"]) == (422, "location_required")
    far = client.post(url, json={"scene": scene_of(site_id), **north(3200)}, headers=headers)
    assert (far.status_code, far.json["reason"]) == (422, "too_far")
    assert far.json["message"] == "您距离该阵地约 3.2 公里，须在 1 公里范围内才能打卡"
    assert far.json["errors"]["location"] == [far.json["message"]]
    edge = client.post(url, json={"scene": scene_of(site_id), **north(1000)}, headers=headers)
    assert edge.status_code == 201
    assert count_checkins(app) == 1


def test_a_smaller_radius_speaks_in_metres(client, app, login, scene_of):
    with app.app_context():
        site_id = SiteFactory(lat=SITE[0], lng=SITE[1], checkin_radius_m=300).id
    headers, _ = login("alice")
    response = client.post(
        f"/api/v1/sites/{site_id}/checkins",
        json={"scene": scene_of(site_id), **north(850)},
        headers=headers,
    )
    assert response.json["message"] == "您距离该阵地约 850 米，须在 300 米范围内才能打卡"


def test_sites_without_location_check(client, app, login, scene_of):
    with app.app_context():
        site_id = SiteFactory(lat=SITE[0], lng=SITE[1], location_required=False).id
    alice, _ = login("alice")
    bob, _ = login("bob")
    url = f"/api/v1/sites/{site_id}/checkins"
    without = client.post(url, json={"scene": scene_of(site_id)}, headers=alice)
    assert without.status_code == 201 and without.json["distance_m"] is None
    far = client.post(url, json={"scene": scene_of(site_id), **north(50_000)}, headers=bob)
    assert far.status_code == 201 and far.json["distance_m"] == 50_000


def test_disabled_and_missing_sites(client, app, login, site_id, scene_of):
    scene = scene_of(site_id)
    with app.app_context():
        db.session.get(Site, site_id).enabled = False
        db.session.commit()
    headers, _ = login("alice")
    disabled = client.post(
        f"/api/v1/sites/{site_id}/checkins", json={"scene": scene, **north(10)}, headers=headers
    )
    assert (disabled.status_code, disabled.json["reason"]) == (409, "site_disabled")
    missing = client.post(
        "/api/v1/sites/999999/checkins", json={"scene": scene, **north(10)}, headers=headers
    )
    assert (missing.status_code, missing.json["reason"]) == (404, "site_not_found")
    assert count_checkins(app) == 0


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"lat": "28.68", "lng": 121.44}, "lat"),
        ({"lat": 28.68, "lng": "东经121度"}, "lng"),
        ({"lat": True, "lng": 121.44}, "lat"),
        ({"lat": 91, "lng": 121.44}, "lat"),
        ({"lat": 28.68, "lng": 181}, "lng"),
        ({"lat": 28.68}, "lng"),
        ({"lat": None, "lng": 121.44}, "lat"),
        ({"lat": 28.68, "lng": 121.44, "scene": ""}, "scene"),
        ({"lat": 28.68, "lng": 121.44, "extra": 1}, "extra"),
    ],
)
def test_bad_bodies_are_422_and_store_nothing(client, app, login, site_id, scene_of, body, field):
    headers, _ = login("alice")
    payload = {"scene": scene_of(site_id), **body}
    response = client.post(f"/api/v1/sites/{site_id}/checkins", json=payload, headers=headers)
    assert response.status_code == 422, response.json
    assert field in response.json["errors"]
    assert count_checkins(app) == 0


def test_nan_is_not_a_coordinate(client, app, login, site_id, scene_of):
    headers, _ = login("alice")
    raw = f'{{"scene": "{scene_of(site_id)}", "lat": NaN, "lng": 121.44}}'
    response = client.post(
        f"/api/v1/sites/{site_id}/checkins",
        data=raw,
        headers={**headers, "Content-Type": "application/json"},
    )
    assert response.status_code in (400, 422)
    assert count_checkins(app) == 0


def test_check_in_needs_a_member(client, admin_login, site_id, scene_of):
    url = f"/api/v1/sites/{site_id}/checkins"
    body = {"scene": scene_of(site_id), **north(10)}
    assert client.post(url, json=body).status_code == 401
    admin_headers, _ = admin_login("city_admin")
    assert client.post(url, json=body, headers=admin_headers).status_code == 401


def test_the_unique_constraint_settles_a_race(client, app, login, site_id, scene_of, monkeypatch):
    headers, _ = login("alice")
    body = {"scene": scene_of(site_id), **north(10)}
    url = f"/api/v1/sites/{site_id}/checkins"
    assert client.post(url, json=body, headers=headers).status_code == 201
    # The second tap's look-up ran before the first one committed: only the constraint is left.
    real, calls = checkins._checked_in, []

    def blind_first_look(*args):
        calls.append(args)
        return False if len(calls) == 1 else real(*args)

    monkeypatch.setattr(checkins, "_checked_in", blind_first_look)
    second = client.post(url, json=body, headers=headers)
    assert (second.status_code, second.json["reason"]) == (409, "already_checked_in")
    assert len(calls) == 2
    assert count_checkins(app) == 1


@pytest.mark.postgresql_only
def test_parallel_taps_give_one_row_and_409s(app, login, site_id, scene_of):
    headers, _ = login("alice")
    body = {"scene": scene_of(site_id), **north(10)}
    taps = 8
    barrier = threading.Barrier(taps)
    statuses = []

    def tap():
        client = app.test_client()
        barrier.wait()
        response = client.post(f"/api/v1/sites/{site_id}/checkins", json=body, headers=headers)
        statuses.append((response.status_code, response.json.get("reason")))

    threads = [threading.Thread(target=tap) for _ in range(taps)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses, key=str) == sorted(
        [(201, None)] + [(409, "already_checked_in")] * (taps - 1), key=str
    )
    assert count_checkins(app) == 1


def test_footprint_counts_by_type(client, app, login, scene_of):
    with app.app_context():
        hall = SiteFactory(lat=SITE[0], lng=SITE[1]).id
        hall2 = SiteFactory(lat=SITE[0], lng=SITE[1]).id
        corridor = SiteFactory(lat=SITE[0], lng=SITE[1], type="corridor").id
    alice, _ = login("alice")
    bob, _ = login("bob")
    for site_id in (hall, corridor, hall2):
        body = {"scene": scene_of(site_id), **north(10)}
        response = client.post(f"/api/v1/sites/{site_id}/checkins", json=body, headers=alice)
        assert response.status_code == 201
    client.post(
        f"/api/v1/sites/{hall}/checkins", json={"scene": scene_of(hall), **north(10)}, headers=bob
    )
    mine = client.get("/api/v1/me/checkins", headers=alice).json
    assert mine["total"] == 3 and mine["sites_visited"] == 3
    assert [c["site"]["id"] for c in mine["items"]] == [hall2, corridor, hall]
    by_type = {entry["type"]: entry for entry in mine["by_type"]}
    assert len(by_type) == 5
    assert (by_type["hall"]["checkins"], by_type["hall"]["sites"]) == (2, 2)
    assert by_type["hall"]["type_label"] == "清廉大厅"
    assert by_type["corridor"]["checkins"] == 1 and by_type["other"]["checkins"] == 0
    page = client.get("/api/v1/me/checkins?page=2&page_size=2", headers=alice).json
    assert len(page["items"]) == 1 and page["total"] == 3
    assert client.get("/api/v1/me/checkins", headers=bob).json["total"] == 1
    assert client.get("/api/v1/me/checkins").status_code == 401
