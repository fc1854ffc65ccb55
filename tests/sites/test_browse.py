"""Members browse sites: filters, nearest first, the map's markers, details and photos."""

import io
import random

import pytest
from PIL import Image

from backend.app.sites.geo import distance_m
from backend.app.sites.hours import ALL_DAY

from ..factories import AssociationFactory, SiteFactory
from .conftest import jpeg

CENTRE = (28.68, 121.44)  # 椒江
METRES_PER_DEGREE_LAT = 111_195.08


def north_of_centre(metres):
    """(lat, lng) this many metres due north of CENTRE."""
    return CENTRE[0] + metres / METRES_PER_DEGREE_LAT, CENTRE[1]


def test_list_filters_by_type_district_and_text(client, app):
    with app.app_context():
        SiteFactory(name="椒江区清廉大厅", address="台州市椒江区市府大道 1 号")
        SiteFactory(name="黄岩区模具长廊", district="331003", type="corridor")
        SiteFactory(name="温州商会微地标", type="micro_landmark")
        SiteFactory(name="停用的大厅", enabled=False)
    everything = client.get("/api/v1/sites").json
    assert everything["total"] == 3
    assert [s["district"] for s in everything["items"]] == ["331002", "331002", "331003"]
    assert everything["items"][0]["distance_m"] is None
    assert everything["items"][0]["open_now"] is None

    def names(query):
        return [s["name"] for s in client.get(f"/api/v1/sites?{query}").json["items"]]

    assert names("type=hall") == ["椒江区清廉大厅"]
    assert names("district=331003") == ["黄岩区模具长廊"]
    assert names("q=商会") == ["温州商会微地标"]
    assert names("q=市府大道") == ["椒江区清廉大厅"]
    assert names("q=%25") == names("q=_") == []
    hall = client.get("/api/v1/sites?type=hall").json["items"][0]
    assert hall["type_label"] == "清廉大厅" and hall["district_name"] == "椒江区"


def test_nearest_first_with_distance_and_radius(client, app):
    with app.app_context():
        for metres in (60_000, 500, 20_000, 3_000):
            SiteFactory(name=f"距中心{metres}米", lat=north_of_centre(metres)[0], lng=CENTRE[1])
    here = f"lat={CENTRE[0]}&lng={CENTRE[1]}"
    nearest = client.get(f"/api/v1/sites?{here}").json
    assert nearest["total"] == 4
    assert [s["distance_m"] for s in nearest["items"]] == [500, 3000, 20000, 60000]
    within = client.get(f"/api/v1/sites?{here}&radius_m=5000").json
    assert within["total"] == 2
    assert [s["name"] for s in within["items"]] == ["距中心500米", "距中心3000米"]
    second = client.get(f"/api/v1/sites?{here}&page=2&page_size=1").json
    assert (second["total"], second["items"][0]["distance_m"]) == (4, 3000)
    last = client.get(f"/api/v1/sites?{here}&page=4&page_size=1").json
    assert last["items"][0]["distance_m"] == 60000


def test_every_page_matches_a_brute_force_ranking(client, app):
    rng = random.Random(7)
    points = [(rng.uniform(28.0, 29.3), rng.uniform(120.2, 121.9)) for _ in range(37)]
    with app.app_context():
        for index, (lat, lng) in enumerate(points):
            SiteFactory(name=f"随机阵地{index:02d}", lat=lat, lng=lng, type="corridor")
    expected = sorted(round(distance_m(*CENTRE, lat, lng)) for lat, lng in points)
    seen = []
    for page in (1, 2, 3, 4):
        body = client.get(
            f"/api/v1/sites?lat={CENTRE[0]}&lng={CENTRE[1]}&page={page}&page_size=10"
        ).json
        assert body["total"] == 37
        seen.extend(site["distance_m"] for site in body["items"])
    assert seen == expected
    radius = 40_000
    within = client.get(
        f"/api/v1/sites?lat={CENTRE[0]}&lng={CENTRE[1]}&radius_m={radius}&page_size=100"
    ).json
    assert [s["distance_m"] for s in within["items"]] == [d for d in expected if d <= radius]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("lat=91&lng=121", "lat"),
        ("lat=28&lng=-181", "lng"),
        ("lat=abc&lng=121", "lat"),
        ("lat=28.6", "lng"),
        ("lng=121.4", "lat"),
        ("radius_m=1000", "radius_m"),
        ("lat=28&lng=121&radius_m=0", "radius_m"),
        ("type=museum", "type"),
        ("district=999999", "district"),
        ("district=33100", "district"),
    ],
)
def test_bad_queries_are_422(client, query, field):
    response = client.get(f"/api/v1/sites?{query}")
    assert response.status_code == 422, response.json
    assert field in response.json["errors"]
    assert response.json["message"]


def test_markers_are_compact_and_cacheable(client, app):
    with app.app_context():
        hall = SiteFactory(lat=28.6812345, lng=121.4412345).id
        corridor = SiteFactory(type="corridor", district="331003").id
        SiteFactory(enabled=False)
    response = client.get("/api/v1/sites/markers")
    body = response.json
    assert body["fields"] == ["id", "lat", "lng", "type"]
    assert body["types"][:2] == ["hall", "corridor"]
    assert body["type_labels"][:2] == ["清廉大厅", "清廉文化长廊"]
    assert len(body["type_labels"]) == len(body["types"])
    assert body["total"] == 2
    assert body["items"] == [[hall, 28.68123, 121.44123, 0], [corridor, 28.68, 121.44, 1]]
    assert "public" in response.headers["Cache-Control"]
    etag = response.headers["ETag"]
    again = client.get("/api/v1/sites/markers", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    only_corridors = client.get("/api/v1/sites/markers?type=corridor").json
    assert [item[0] for item in only_corridors["items"]] == [corridor]
    with app.app_context():
        SiteFactory(name="新阵地")
    changed = client.get("/api/v1/sites/markers", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.json["total"] == 3


def test_detail(client, app, login):
    with app.app_context():
        host = AssociationFactory(name="台州市椒江区温州商会", kind="chamber_of_commerce")
        site_id = SiteFactory(
            name="温州商会清廉微地标",
            type="micro_landmark",
            association_id=host.id,
            description="第一段。\n\n第二段。",
            hours={"weekly": [[ALL_DAY]] * 7, "closed_dates": [], "note": "室外全天开放"},
            phone="0576-88000000",
        ).id
    anonymous = client.get(f"/api/v1/sites/{site_id}").json
    assert anonymous["association"]["name"] == "台州市椒江区温州商会"
    assert anonymous["paragraphs"] == ["第一段。", "第二段。"]
    assert anonymous["open_now"] is True
    assert anonymous["hours"]["note"] == "室外全天开放"
    assert anonymous["checkin_radius_m"] == 1000 and anonymous["location_required"] is True
    assert anonymous["checkin_count"] == 0
    assert anonymous["checked_in_today"] is None
    assert anonymous["distance_m"] is None and anonymous["photos"] == []

    headers, _ = login("alice")
    mine = client.get(f"/api/v1/sites/{site_id}?lat=28.69&lng=121.44", headers=headers).json
    assert mine["checked_in_today"] is False
    assert mine["distance_m"] == 1112


def test_closed_and_unknown_hours(client, app):
    with app.app_context():
        closed = SiteFactory(hours={"weekly": [[]] * 7, "closed_dates": [], "note": ""}).id
        unknown = SiteFactory().id
    assert client.get(f"/api/v1/sites/{closed}").json["open_now"] is False
    assert client.get(f"/api/v1/sites/{unknown}").json["open_now"] is None


def test_missing_or_disabled_sites_are_404(client, app):
    with app.app_context():
        disabled = SiteFactory(enabled=False).id
    for site_id in (disabled, 999999):
        response = client.get(f"/api/v1/sites/{site_id}")
        assert (response.status_code, response.json["reason"]) == (404, "site_not_found")


def test_a_bad_token_on_the_detail_is_401(client, app):
    with app.app_context():
        site_id = SiteFactory().id
    response = client.get(f"/api/v1/sites/{site_id}", headers={"Authorization": "Bearer nope"})
    assert (response.status_code, response.json["reason"]) == (401, "token_invalid")


def test_photos_are_public_cacheable_and_small_for_lists(client, app, admin_login):
    with app.app_context():
        site_id = SiteFactory().id
    headers, _ = admin_login("city_admin")
    upload = client.post(
        f"/api/v1/admin/sites/{site_id}/photos",
        data={"file": (io.BytesIO(jpeg((2400, 1800))), "hall.jpg")},
        headers=headers,
    )
    assert upload.status_code == 201, upload.json
    photo = upload.json
    assert (photo["width"], photo["height"]) == (1600, 1200)

    detail = client.get(f"/api/v1/sites/{site_id}").json
    assert detail["photos"][0]["url"] == photo["url"]
    listed = client.get("/api/v1/sites").json["items"][0]
    assert listed["thumb_url"] == photo["thumb_url"]

    full = client.get(photo["url"])
    assert full.status_code == 200 and full.mimetype == "image/jpeg"
    cache = full.headers["Cache-Control"]
    assert "public" in cache and "max-age=2592000" in cache and "immutable" in cache
    again = client.get(photo["url"], headers={"If-None-Match": full.headers["ETag"]})
    assert again.status_code == 304
    thumb = client.get(photo["thumb_url"])
    assert max(Image.open(io.BytesIO(thumb.data)).size) == 480
    assert client.get(photo["url"] + "?size=huge").status_code == 422
    assert client.get(f"/api/v1/sites/{site_id + 1}/photos/{photo['id']}").status_code == 404

    client.patch(f"/api/v1/admin/sites/{site_id}", json={"enabled": False}, headers=headers)
    hidden = client.get(photo["url"])
    assert (hidden.status_code, hidden.json["reason"]) == (404, "site_not_found")
