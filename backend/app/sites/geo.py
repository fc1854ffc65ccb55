"""Coordinates: WGS-84 and BD-09 to GCJ-02, great-circle distance, bounding boxes."""

# The conversions are the well-known public algorithms (GCJ-02 on the Krasovsky ellipsoid, as in
# eviltransform and coordtransform): a dozen lines of arithmetic that never change, written here
# rather than taken from one of the unmaintained packages that wrap them.

import math

from .models import CoordSystem

# Mean Earth radius (IUGG), for haversine on a sphere.
EARTH_RADIUS_M = 6_371_008.8

# GCJ-02 parameters: the Krasovsky 1940 ellipsoid.
_KRASOVSKY_A = 6_378_245.0
_KRASOVSKY_EE = 0.00669342162296594323
_BD_X_PI = math.pi * 3000.0 / 180.0


def _outside_china(lat, lng):
    """GCJ-02 applies no offset outside China's rough bounding box."""
    return not (72.004 <= lng <= 137.8347 and 0.8293 <= lat <= 55.8271)


def _offset_lat(x, y):
    pi = math.pi
    value = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    value += (20.0 * math.sin(6.0 * x * pi) + 20.0 * math.sin(2.0 * x * pi)) * 2.0 / 3.0
    value += (20.0 * math.sin(y * pi) + 40.0 * math.sin(y / 3.0 * pi)) * 2.0 / 3.0
    value += (160.0 * math.sin(y / 12.0 * pi) + 320 * math.sin(y * pi / 30.0)) * 2.0 / 3.0
    return value


def _offset_lng(x, y):
    pi = math.pi
    value = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    value += (20.0 * math.sin(6.0 * x * pi) + 20.0 * math.sin(2.0 * x * pi)) * 2.0 / 3.0
    value += (20.0 * math.sin(x * pi) + 40.0 * math.sin(x / 3.0 * pi)) * 2.0 / 3.0
    value += (150.0 * math.sin(x / 12.0 * pi) + 300.0 * math.sin(x / 30.0 * pi)) * 2.0 / 3.0
    return value


def wgs84_to_gcj02(lat, lng):
    """A GPS (WGS-84) position as GCJ-02."""
    if _outside_china(lat, lng):
        return lat, lng
    d_lat = _offset_lat(lng - 105.0, lat - 35.0)
    d_lng = _offset_lng(lng - 105.0, lat - 35.0)
    rad_lat = math.radians(lat)
    magic = 1 - _KRASOVSKY_EE * math.sin(rad_lat) ** 2
    sqrt_magic = math.sqrt(magic)
    d_lat = d_lat * 180.0 / ((_KRASOVSKY_A * (1 - _KRASOVSKY_EE)) / (magic * sqrt_magic) * math.pi)
    d_lng = d_lng * 180.0 / (_KRASOVSKY_A / sqrt_magic * math.cos(rad_lat) * math.pi)
    return lat + d_lat, lng + d_lng


def bd09_to_gcj02(lat, lng):
    """A Baidu (BD-09) position as GCJ-02."""
    x, y = lng - 0.0065, lat - 0.006
    z = math.hypot(x, y) - 0.00002 * math.sin(y * _BD_X_PI)
    theta = math.atan2(y, x) - 0.000003 * math.cos(x * _BD_X_PI)
    return z * math.sin(theta), z * math.cos(theta)


def to_gcj02(lat, lng, system):
    """(lat, lng) given in system, as GCJ-02."""
    system = CoordSystem(system)
    if system == CoordSystem.WGS84:
        return wgs84_to_gcj02(lat, lng)
    if system == CoordSystem.BD09:
        return bd09_to_gcj02(lat, lng)
    return lat, lng


def distance_m(lat1, lng1, lat2, lng2):
    """Great-circle distance in metres (haversine on the mean sphere)."""
    # Within 0.5 % of the ellipsoid: far below the drift of a phone's location.
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi = phi2 - phi1
    d_lambda = math.radians(lng2 - lng1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def bounding_box(lat, lng, radius_m):
    """(min_lat, max_lat, min_lng, max_lng) containing every point within radius_m of (lat, lng)."""
    angular = radius_m / EARTH_RADIUS_M
    d_lat = math.degrees(angular)
    min_lat, max_lat = lat - d_lat, lat + d_lat
    if min_lat <= -90 or max_lat >= 90 or angular >= math.pi / 2:
        # Near a pole (or a radius of a quarter of the Earth) every longitude is in range.
        return max(min_lat, -90.0), min(max_lat, 90.0), -180.0, 180.0
    # The widest longitude span of the circle (it lies north or south of the centre's parallel).
    d_lng = math.degrees(math.asin(math.sin(angular) / math.cos(math.radians(lat))))
    if lng - d_lng < -180 or lng + d_lng > 180:
        # The box would wrap around the antimeridian; searching every longitude stays correct.
        return min_lat, max_lat, -180.0, 180.0
    return min_lat, max_lat, lng - d_lng, lng + d_lng
