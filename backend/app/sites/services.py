"""Browsing sites: filters, nearest first, the map's markers, details and photo files."""

import math

from sqlalchemy import func, or_, select
from sqlalchemy.orm import defer, lazyload

from ..associations.services import require_district
from ..common.search import contains
from ..common.time import shanghai_today, utcnow
from ..errors import NotFound
from ..extensions import db
from . import photos
from .geo import EARTH_RADIUS_M, bounding_box, distance_m
from .hours import open_now
from .models import TYPE_LABELS, CheckIn, Site, SitePhoto, SiteType

# The first ring searched for "nearest first" without a radius; each next ring is 4 times wider.
FIRST_RING_M = 5_000
# From this radius on the bounding box is the whole globe (see geo.bounding_box).
WHOLE_GLOBE_M = EARTH_RADIUS_M * math.pi / 2
MARKER_FIELDS = ("id", "lat", "lng", "type")
MARKER_TYPES = tuple(site_type.value for site_type in SiteType)


class SiteView:
    """A site with values computed for one request (distance, counts), read like the site."""

    def __init__(self, site, **computed):
        self._site = site
        self.__dict__.update(computed)

    def __getattr__(self, name):
        return getattr(self._site, name)


def _conditions(type=None, district=None, q=None):
    conditions = [Site.enabled.is_(True)]
    if type:
        conditions.append(Site.type == type)
    if district:
        require_district(district)
        conditions.append(Site.district_code == district)
    if q:
        conditions.append(or_(contains(Site.name, q), contains(Site.address, q)))
    return conditions


def box_statement(conditions, lat, lng, radius_m):
    """Matching sites in the box around the circle: a range scan on the (lat, lng) index."""
    min_lat, max_lat, min_lng, max_lng = bounding_box(lat, lng, radius_m)
    return select(Site.id, Site.lat, Site.lng).where(
        *conditions, Site.lat.between(min_lat, max_lat), Site.lng.between(min_lng, max_lng)
    )


def _ranked_in_box(conditions, lat, lng, radius_m):
    """(distance, id) of matching sites in the box around the circle, nearest first."""
    rows = db.session.execute(box_statement(conditions, lat, lng, radius_m)).all()
    return sorted((distance_m(lat, lng, row.lat, row.lng), row.id) for row in rows)


def _nearest(conditions, lat, lng, needed, total):
    """The nearest of the `total` matching sites, at least `needed` of them when there are."""
    radius = FIRST_RING_M
    while True:
        ranked = _ranked_in_box(conditions, lat, lng, radius)
        if len(ranked) >= total or radius >= WHOLE_GLOBE_M:
            # The box holds every matching site: all of them, in order.
            return ranked
        inside = [hit for hit in ranked if hit[0] <= radius]
        # Whatever lies outside the box is farther than radius, so these come first, in order.
        if len(inside) >= needed:
            return inside
        radius *= 4


def _views(sites, distances=None):
    now = utcnow()
    distances = distances or {}
    return [
        SiteView(site, distance_m=distances.get(site.id), open_now=open_now(site.hours, now))
        for site in sites
    ]


def search_sites(
    type=None, district=None, q=None, lat=None, lng=None, radius_m=None, page=1, page_size=20
):
    """Enabled sites, filtered; nearest first given lat/lng (within radius_m), else by district."""
    conditions = _conditions(type, district, q)
    offset = (page - 1) * page_size
    if lat is None:
        statement = select(Site).where(*conditions).order_by(Site.district_code, Site.name, Site.id)
        total = db.session.scalar(select(func.count()).select_from(Site).where(*conditions))
        sites = db.session.scalars(statement.limit(page_size).offset(offset)).all()
        return {"items": _views(sites), "total": total, "page": page, "page_size": page_size}
    if radius_m is not None:
        ranked = [
            hit for hit in _ranked_in_box(conditions, lat, lng, radius_m) if hit[0] <= radius_m
        ]
        total = len(ranked)
    else:
        total = db.session.scalar(select(func.count()).select_from(Site).where(*conditions))
        ranked = _nearest(conditions, lat, lng, offset + page_size, total)
    hits = ranked[offset : offset + page_size]
    loaded = {
        site.id: site
        for site in db.session.scalars(
            select(Site)
            .where(Site.id.in_([i for _, i in hits]))
            # A list card needs neither the description nor the host association.
            .options(defer(Site.description), lazyload(Site.association))
        )
    }
    sites = [loaded[site_id] for _, site_id in hits]
    distances = {site_id: round(distance) for distance, site_id in hits}
    return {
        "items": _views(sites, distances),
        "total": total,
        "page": page,
        "page_size": page_size,
    }


def markers(type=None, district=None):
    """Every matching site as [id, lat, lng, type index]: about 30 bytes a site."""
    rows = db.session.execute(
        select(Site.id, Site.lat, Site.lng, Site.type)
        .where(*_conditions(type, district))
        .order_by(Site.id)
    ).all()
    index = {site_type: position for position, site_type in enumerate(MARKER_TYPES)}
    return {
        "fields": list(MARKER_FIELDS),
        "types": list(MARKER_TYPES),
        "type_labels": [TYPE_LABELS[SiteType(site_type)] for site_type in MARKER_TYPES],
        "total": len(rows),
        "items": [[row.id, round(row.lat, 5), round(row.lng, 5), index[row.type]] for row in rows],
    }


def enabled_site(site_id):
    """An enabled site, or 404."""
    site = db.session.get(Site, site_id)
    if site is None or not site.enabled:
        raise NotFound("阵地不存在或已停用", reason="site_not_found")
    return site


def site_detail(site_id, member=None, lat=None, lng=None):
    """A site's details, its check-in count, and whether the member checked in today."""
    site = enabled_site(site_id)
    count = db.session.scalar(
        select(func.count()).select_from(CheckIn).where(CheckIn.site_id == site.id)
    )
    checked_in_today = None
    if member is not None:
        checked_in_today = (
            db.session.scalar(
                select(CheckIn.id).where(
                    CheckIn.member_id == member.id,
                    CheckIn.site_id == site.id,
                    CheckIn.day == shanghai_today(),
                )
            )
            is not None
        )
    distance = round(distance_m(lat, lng, site.lat, site.lng)) if lat is not None else None
    return SiteView(
        site,
        distance_m=distance,
        open_now=open_now(site.hours, utcnow()),
        checkin_count=count,
        checked_in_today=checked_in_today,
    )


def photo_file(site_id, photo_id, size=None):
    """(path, MIME type) of a public photo of an enabled site, or 404."""
    photo = db.session.get(SitePhoto, photo_id)
    if photo is None or photo.site_id != site_id:
        raise NotFound("照片不存在", reason="photo_not_found")
    enabled_site(site_id)
    name = photo.thumb_name if size == "thumb" else photo.file_name
    return photos.path(name), photo.mime
