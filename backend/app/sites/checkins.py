"""Checking in at a site by its QR code, and a member's footprint."""

from sqlalchemy import distinct, func, select
from sqlalchemy.exc import IntegrityError

from ..common.pagination import paginate
from ..common.time import SHANGHAI, utcnow
from ..errors import Conflict, NotFound, ValidationFailed, field_error
from ..extensions import db
from . import scene
from .geo import distance_m
from .models import TYPE_LABELS, CheckIn, Site, SiteType


def _spoken(metres):
    """A distance as people say it: "800 米", "3.2 公里"."""
    if metres < 1000:
        return f"{metres} 米"
    return f"{metres / 1000:.1f}".removesuffix(".0") + " 公里"


def _location_error(message, reason):
    return ValidationFailed(message, reason=reason, errors={"location": [message]})


def _already_checked_in():
    return Conflict("您今天已在该阵地打过卡，明天再来吧", reason="already_checked_in")


def _checked_in(member_id, site_id, day):
    statement = select(CheckIn.id).where(
        CheckIn.member_id == member_id, CheckIn.site_id == site_id, CheckIn.day == day
    )
    return db.session.scalar(statement) is not None


def _verify_scene(site, text):
    parsed = scene.parse(text)
    if parsed is None:
        raise field_error("scene", "二维码无效，请扫描阵地现场张贴的二维码", reason="scene_invalid")
    scene_site_id, token = parsed
    if scene_site_id != site.id:
        raise field_error(
            "scene", "该二维码不属于此阵地，请扫描本阵地的二维码", reason="scene_mismatch"
        )
    if not scene.matches(site, token):
        raise field_error(
            "scene", "二维码无效或已更换，请扫描阵地现场最新的二维码", reason="scene_invalid"
        )


def check_in(member, site_id, scene_text, lat=None, lng=None):
    """Record today's check-in: this site's scene, close enough if asked, once a China day."""
    site = db.session.get(Site, site_id)
    if site is None:
        raise NotFound("阵地不存在", reason="site_not_found")
    if not site.enabled:
        raise Conflict("该阵地已暂停开放，暂不能打卡", reason="site_disabled")
    _verify_scene(site, scene_text)
    now = utcnow()
    day = now.astimezone(SHANGHAI).date()
    if _checked_in(member.id, site.id, day):
        raise _already_checked_in()
    distance = None if lat is None else round(distance_m(site.lat, site.lng, lat, lng))
    if site.location_required:
        if distance is None:
            raise _location_error("该阵地须定位打卡，请允许获取位置后重试", "location_required")
        if distance > site.checkin_radius_m:
            raise _location_error(
                f"您距离该阵地约 {_spoken(distance)}，"
                f"须在 {_spoken(site.checkin_radius_m)}范围内才能打卡",
                "too_far",
            )
    checkin = CheckIn(
        member_id=member.id, site_id=site.id, day=day, distance_m=distance, created_at=now
    )
    db.session.add(checkin)
    try:
        db.session.commit()
    except IntegrityError:
        # A parallel tap won the unique (member, site, day) row.
        db.session.rollback()
        if _checked_in(member.id, site.id, day):
            raise _already_checked_in() from None
        raise
    return checkin


def footprint(member, page=1, page_size=20):
    """My check-ins, newest first, with counts of check-ins and distinct sites by type."""
    statement = (
        select(CheckIn)
        .where(CheckIn.member_id == member.id)
        .order_by(CheckIn.created_at.desc(), CheckIn.id.desc())
    )
    result = paginate(statement, page, page_size)
    rows = db.session.execute(
        select(Site.type, func.count(CheckIn.id), func.count(distinct(CheckIn.site_id)))
        .select_from(CheckIn)
        .join(Site, Site.id == CheckIn.site_id)
        .where(CheckIn.member_id == member.id)
        .group_by(Site.type)
    ).all()
    counts = {site_type: (checkins, sites) for site_type, checkins, sites in rows}
    result["by_type"] = [
        {
            "type": site_type.value,
            "type_label": TYPE_LABELS[site_type],
            "checkins": counts.get(site_type.value, (0, 0))[0],
            "sites": counts.get(site_type.value, (0, 0))[1],
        }
        for site_type in SiteType
    ]
    result["sites_visited"] = sum(sites for _, sites in counts.values())
    return result
