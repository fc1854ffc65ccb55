"""Managing sites: scoped by role, audited."""

# Scopes: a city admin manages every site; a district admin the sites of its district; a reviewer
# reads its district's sites; an association officer reads the sites its association hosts and
# may change their description, opening hours, phone and photos (it runs the hall, not the map).

import secrets

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from ..associations.services import require_association, require_district
from ..audit import services as audit
from ..common.pagination import paginate
from ..common.roles import Role, district_scope, ensure_can_write, ensure_in_district
from ..common.search import contains
from ..common.time import utcnow
from ..errors import Conflict, Forbidden, NotFound
from ..extensions import db
from ..wechat import wechat
from . import photos, scene
from .geo import to_gcj02
from .hours import open_now
from .models import CheckIn, CoordSystem, Origin, Site, SitePhoto
from .services import SiteView

OFFICER_FIELDS = frozenset({"description", "hours", "phone"})
MAX_PHOTOS = 9
# What getwxacodeunlimit calls each WECHAT_MINIPROGRAM_STATE.
ENV_VERSIONS = {"formal": "release", "trial": "trial", "developer": "develop"}


def _visible(admin):
    statement = select(Site)
    if admin.role == Role.ASSOCIATION_OFFICER:
        return statement.where(Site.association_id == admin.association_id)
    scope = district_scope(admin)
    if scope is not None:
        statement = statement.where(Site.district_code == scope)
    return statement


def _checkin_counts(site_ids):
    rows = db.session.execute(
        select(CheckIn.site_id, func.count())
        .where(CheckIn.site_id.in_(site_ids))
        .group_by(CheckIn.site_id)
    ).all()
    return dict(rows)


def _view(site):
    return SiteView(
        site,
        checkin_count=_checkin_counts([site.id]).get(site.id, 0),
        open_now=open_now(site.hours, utcnow()),
    )


def admin_list(
    admin, type=None, district=None, q=None, enabled=None, association_id=None, page=1, page_size=20
):
    """Sites in the admin's scope, disabled ones included, with check-in counts."""
    statement = _visible(admin)
    if type:
        statement = statement.where(Site.type == type)
    if district:
        statement = statement.where(Site.district_code == district)
    if q:
        statement = statement.where(contains(Site.name, q) | contains(Site.address, q))
    if enabled is not None:
        statement = statement.where(Site.enabled.is_(enabled))
    if association_id is not None:
        statement = statement.where(Site.association_id == association_id)
    result = paginate(statement.order_by(Site.district_code, Site.name, Site.id), page, page_size)
    counts = _checkin_counts([site.id for site in result["items"]])
    result["items"] = [SiteView(s, checkin_count=counts.get(s.id, 0)) for s in result["items"]]
    return result


def admin_site(admin, site_id):
    """A site in the admin's scope; 404 for any other, so scope does not leak."""
    site = db.session.scalar(_visible(admin).where(Site.id == site_id))
    if site is None:
        raise NotFound("阵地不存在", reason="site_not_found")
    return site


def admin_get(admin, site_id):
    """A site in scope, with its check-in count."""
    return _view(admin_site(admin, site_id))


def ensure_unique_name(district_code, name, exclude_id=None):
    """409 when the district already has a site of that name."""
    statement = select(Site.id).where(Site.district_code == district_code, Site.name == name)
    if exclude_id is not None:
        statement = statement.where(Site.id != exclude_id)
    if db.session.scalar(statement) is not None:
        raise Conflict("该区县已有同名阵地", reason="site_name_taken")


def apply_changes(site, data):
    """Copy validated fields onto the site, converting a new position to GCJ-02."""
    for field in (
        "name",
        "type",
        "address",
        "description",
        "hours",
        "phone",
        "checkin_radius_m",
        "location_required",
        "enabled",
        "association_id",
    ):
        if field in data:
            setattr(site, field, data[field])
    if "district" in data:
        site.district_code = data["district"]
    if "lat" in data:
        system = data.get("coord_system", CoordSystem.GCJ02.value)
        lat, lng = to_gcj02(data["lat"], data["lng"], system)
        # Seven decimals is a centimetre; more is noise from the conversion.
        site.lat, site.lng = round(lat, 7), round(lng, 7)
        site.source_system, site.source_lat, site.source_lng = system, data["lat"], data["lng"]


def _record(action, site, **detail):
    audit.record(
        action,
        target_type="site",
        target_id=site.id,
        district_code=site.district_code,
        detail=detail,
    )


def ensure_manager(admin):
    """City and district admins only."""
    ensure_can_write(admin)
    if admin.role == Role.ASSOCIATION_OFFICER:
        raise Forbidden("协会联络员不能执行此操作", reason="role_forbidden")


def create_site(admin, data):
    """Add a site in the admin's district (city admins: any district)."""
    ensure_manager(admin)
    require_district(data["district"])
    ensure_in_district(admin, data["district"])
    if data.get("association_id") is not None:
        require_association(data["association_id"])
    ensure_unique_name(data["district"], data["name"])
    site = Site(origin=Origin.MANUAL.value)
    apply_changes(site, data)
    db.session.add(site)
    db.session.flush()
    _record("site.create", site)
    db.session.commit()
    return _view(site)


def update_site(admin, site_id, changes):
    """Change a site; officers only its description, hours and phone."""
    ensure_can_write(admin)
    site = admin_site(admin, site_id)
    if admin.role == Role.ASSOCIATION_OFFICER and set(changes) - OFFICER_FIELDS:
        raise Forbidden(
            "协会联络员只能修改本协会阵地的简介、开放时间和电话", reason="role_forbidden"
        )
    if "district" in changes:
        require_district(changes["district"])
        ensure_in_district(admin, changes["district"])
    if changes.get("association_id") is not None:
        require_association(changes["association_id"])
    if "name" in changes or "district" in changes:
        ensure_unique_name(
            changes.get("district", site.district_code),
            changes.get("name", site.name),
            exclude_id=site.id,
        )
    apply_changes(site, changes)
    _record("site.update", site, fields=sorted(changes))
    db.session.commit()
    return _view(site)


def _qrcode_files(site_id):
    return sorted(photos.folder("qrcodes").glob(f"{site_id}-*.png"))


def _forget_qrcodes(site_id):
    for cached in _qrcode_files(site_id):
        cached.unlink(missing_ok=True)


def delete_site(admin, site_id):
    """Delete a site nobody has checked in at (otherwise disable it, keeping footprints)."""
    ensure_manager(admin)
    site = admin_site(admin, site_id)
    has_checkins = Conflict(
        "该阵地已有打卡记录，不能删除；如不再开放，请停用", reason="site_has_checkins"
    )
    if db.session.scalar(select(CheckIn.id).where(CheckIn.site_id == site.id).limit(1)):
        raise has_checkins
    names = [name for photo in site.photos for name in (photo.file_name, photo.thumb_name)]
    _record("site.delete", site, name=site.name)
    db.session.delete(site)
    try:
        db.session.commit()
    except IntegrityError:
        # Someone checked in between the look-up and the delete (the foreign key refused it).
        db.session.rollback()
        raise has_checkins from None
    photos.remove(*names)
    _forget_qrcodes(site_id)


def add_photo(admin, site_id, upload):
    """Add a photo through the image pipeline (at most MAX_PHOTOS per site)."""
    ensure_can_write(admin)
    site = admin_site(admin, site_id)
    if len(site.photos) >= MAX_PHOTOS:
        raise Conflict(f"每个阵地最多 {MAX_PHOTOS} 张照片", reason="too_many_photos")
    max_bytes = current_app.config["SITES_PHOTO_MAX_BYTES"]
    raw = upload.read(max_bytes + 1)
    position = max((photo.position for photo in site.photos), default=-1) + 1
    photo = photos.store_photo(site, raw, max_bytes, position)
    try:
        db.session.add(photo)
        db.session.flush()
        _record("site.photo_add", site, photo_id=photo.id)
        db.session.commit()
    except Exception:
        db.session.rollback()
        photos.remove(photo.file_name, photo.thumb_name)
        raise
    return photo


def delete_photo(admin, site_id, photo_id):
    """Remove a photo and its files."""
    ensure_can_write(admin)
    site = admin_site(admin, site_id)
    photo = db.session.get(SitePhoto, photo_id)
    if photo is None or photo.site_id != site.id:
        raise NotFound("照片不存在", reason="photo_not_found")
    names = (photo.file_name, photo.thumb_name)
    site.photos.remove(photo)
    _record("site.photo_delete", site, photo_id=photo_id)
    db.session.commit()
    photos.remove(*names)


def qrcode(admin, site_id):
    """The site's mini-program code as PNG bytes, asked of WeChat once and then cached."""
    site = admin_site(admin, site_id)
    config = current_app.config
    env_version = ENV_VERSIONS.get(config["WECHAT_MINIPROGRAM_STATE"], "release")
    site_scene = scene.make(site)
    token = scene.token(site.id, site.qr_version)
    cached = photos.folder("qrcodes") / f"{site.id}-{token}-{env_version}.png"
    if cached.exists():
        return cached.read_bytes()
    png = wechat.get_wxacode_unlimit(
        site_scene, config["SITES_QRCODE_PAGE"], env_version=env_version
    )
    cached.parent.mkdir(parents=True, exist_ok=True)
    temporary = cached.with_name(f".{cached.name}.{secrets.token_hex(4)}.tmp")
    temporary.write_bytes(png)
    temporary.replace(cached)
    return png


def rotate_qrcode(admin, site_id):
    """Retire every printed code of the site (e.g. one was shared online) and issue a new one."""
    ensure_manager(admin)
    site = admin_site(admin, site_id)
    site.qr_version += 1
    _record("site.qrcode_rotate", site, qr_version=site.qr_version)
    db.session.commit()
    _forget_qrcodes(site.id)
    return _view(site)
