"""Coordinate conversions against published reference points; distances against known pairs."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backend.app.sites import geo

# WGS-84 -> GCJ-02 reference pairs from eviltransform's test suite (googollee/eviltransform).
EVILTRANSFORM_WGS_GCJ = [
    ((31.1774276, 121.5272106), (31.17530398364597, 121.531541859215)),  # Shanghai
    ((22.543847, 113.912316), (22.540796131694766, 113.9171764808363)),  # Shenzhen
    ((39.911954, 116.377817), (39.91334545536069, 116.38404722455657)),  # Beijing
]
# coordtransform's published example (wandergis/coordtransform, test/app.js): the point
# (39.915 N, 116.404 E) taken as WGS-84 and as BD-09, and as GCJ-02 converted to BD-09.
COORDTRANSFORM_WGS_TO_GCJ = ((39.915, 116.404), (39.91640428150164, 116.41024449916938))
COORDTRANSFORM_BD_TO_GCJ = ((39.915, 116.404), (39.90865673957631, 116.39762729119315))
COORDTRANSFORM_GCJ_TO_BD = ((39.915, 116.404), (39.92133699351021, 116.41036949371029))

in_china = st.tuples(st.floats(18.0, 53.0), st.floats(74.0, 134.0))


def _gcj02_to_bd09(lat, lng):
    """Baidu's published forward formula, the reference for the BD-09 round trip."""
    x_pi = math.pi * 3000.0 / 180.0
    z = math.hypot(lng, lat) + 0.00002 * math.sin(lat * x_pi)
    theta = math.atan2(lat, lng) + 0.000003 * math.cos(lng * x_pi)
    return z * math.sin(theta) + 0.006, z * math.cos(theta) + 0.0065


@pytest.mark.parametrize(("wgs", "gcj"), [*EVILTRANSFORM_WGS_GCJ, COORDTRANSFORM_WGS_TO_GCJ])
def test_wgs84_to_gcj02_matches_published_points(wgs, gcj):
    assert geo.wgs84_to_gcj02(*wgs) == pytest.approx(gcj, abs=1e-9)
    assert geo.to_gcj02(*wgs, "wgs84") == pytest.approx(gcj, abs=1e-9)


def test_bd09_to_gcj02_matches_published_points():
    bd, gcj = COORDTRANSFORM_BD_TO_GCJ
    assert geo.bd09_to_gcj02(*bd) == pytest.approx(gcj, abs=1e-9)
    assert geo.to_gcj02(*bd, "bd09") == pytest.approx(gcj, abs=1e-9)
    # Back from the published BD-09 of a GCJ-02 point: within a few centimetres.
    gcj, bd = COORDTRANSFORM_GCJ_TO_BD
    assert _gcj02_to_bd09(*gcj) == pytest.approx(bd, abs=1e-12)
    assert geo.distance_m(*geo.bd09_to_gcj02(*bd), *gcj) < 0.1


def test_gcj02_is_stored_as_given():
    assert geo.to_gcj02(28.68, 121.44, "gcj02") == (28.68, 121.44)


@given(in_china)
def test_bd09_round_trip_within_a_metre(point):
    assert geo.distance_m(*geo.bd09_to_gcj02(*_gcj02_to_bd09(*point)), *point) < 1.0


@given(in_china)
def test_wgs84_offset_inside_china_is_tens_to_hundreds_of_metres(point):
    shifted = geo.wgs84_to_gcj02(*point)
    assert 1 < geo.distance_m(*point, *shifted) < 1000


@pytest.mark.parametrize("point", [(48.8566, 2.3522), (35.6762, 139.6503), (-33.87, 151.21)])
def test_no_offset_outside_china(point):
    assert geo.wgs84_to_gcj02(*point) == point


def test_haversine_against_known_pairs():
    # One degree along a meridian is pi R / 180.
    assert geo.distance_m(28.0, 121.0, 29.0, 121.0) == pytest.approx(111_195.08, abs=0.01)
    # Rosetta Code's haversine task: Nashville BNA to Los Angeles LAX is 2887.2599506 km with
    # R = 6372.8 km; the same arc with the IUGG mean radius.
    expected = 2_887_259.9506071106 * geo.EARTH_RADIUS_M / 6_372_800
    assert geo.distance_m(36.12, -86.67, 33.94, -118.40) == pytest.approx(expected, rel=1e-12)
    # Antipodes are half the circumference apart; a point is 0 from itself.
    assert geo.distance_m(0, 0, 0, 180) == pytest.approx(math.pi * geo.EARTH_RADIUS_M)
    assert geo.distance_m(28.68, 121.44, 28.68, 121.44) == 0


def test_distance_in_taizhou():
    # 椒江 to 黄岩 town centres: about 17.8 km apart, the same both ways.
    there = geo.distance_m(28.68, 121.44, 28.65, 121.26)
    assert there == pytest.approx(17_889, abs=20)
    assert geo.distance_m(28.65, 121.26, 28.68, 121.44) == pytest.approx(there)


def _destination(lat, lng, bearing, distance):
    """The point `distance` metres from (lat, lng) along `bearing` on the sphere."""
    delta = distance / geo.EARTH_RADIUS_M
    phi, lam, theta = math.radians(lat), math.radians(lng), math.radians(bearing)
    phi2 = math.asin(
        math.sin(phi) * math.cos(delta) + math.cos(phi) * math.sin(delta) * math.cos(theta)
    )
    lam2 = lam + math.atan2(
        math.sin(theta) * math.sin(delta) * math.cos(phi),
        math.cos(delta) - math.sin(phi) * math.sin(phi2),
    )
    return math.degrees(phi2), (math.degrees(lam2) + 540) % 360 - 180


@given(
    centre=st.tuples(st.floats(-85, 85), st.floats(-179, 179)),
    radius=st.floats(1, 3_000_000),
    bearing=st.floats(0, 360),
    fraction=st.floats(0, 0.999),
)
def test_bounding_box_holds_the_whole_circle(centre, radius, bearing, fraction):
    min_lat, max_lat, min_lng, max_lng = geo.bounding_box(*centre, radius)
    lat, lng = _destination(*centre, bearing, radius * fraction)
    assert min_lat - 1e-9 <= lat <= max_lat + 1e-9
    assert min_lng - 1e-9 <= lng <= max_lng + 1e-9


def test_bounding_box_is_tight_in_taizhou():
    min_lat, max_lat, min_lng, max_lng = geo.bounding_box(28.68, 121.44, 1000)
    assert max_lat - min_lat == pytest.approx(2 * 1000 / 111_195.08, rel=1e-6)
    # A degree of longitude at 28.7 N is about 97.5 km.
    assert max_lng - min_lng == pytest.approx(2 * 1000 / 97_560, rel=1e-3)
