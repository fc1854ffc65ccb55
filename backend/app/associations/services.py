"""Directory rules: districts and associations."""

from sqlalchemy import select
from sqlalchemy.orm import undefer

from ..audit import services as audit
from ..common.pagination import paginate
from ..common.roles import Role, district_scope, ensure_can_write, ensure_in_district
from ..common.search import contains
from ..errors import Conflict, Forbidden, NotFound, field_error
from ..extensions import db
from .models import Association, District, FeeItem

# Taizhou's nine county-level divisions (DOMAIN.md), in the official order.
TAIZHOU_DISTRICTS = (
    ("331002", "椒江区"),
    ("331003", "黄岩区"),
    ("331004", "路桥区"),
    ("331022", "三门县"),
    ("331023", "天台县"),
    ("331024", "仙居县"),
    ("331081", "温岭市"),
    ("331082", "临海市"),
    ("331083", "玉环市"),
)


def ensure_districts():
    """Insert Taizhou's districts that are missing; return how many were added."""
    existing = set(db.session.scalars(select(District.code)))
    added = 0
    for position, (code, name) in enumerate(TAIZHOU_DISTRICTS):
        if code not in existing:
            db.session.add(District(code=code, name=name, position=position))
            added += 1
    db.session.commit()
    return added


def list_districts():
    """All districts in official order."""
    return db.session.scalars(select(District).order_by(District.position, District.code)).all()


def require_district(code, field="district"):
    """The district with this code, or a 422 naming the field."""
    district = db.session.get(District, code) if code else None
    if district is None:
        raise field_error(field, "未知的区县代码", reason="unknown_district")
    return district


def search_associations(district=None, q=None, page=1, page_size=20):
    """Enabled associations, filtered by district and name, alphabetical by name."""
    statement = select(Association).where(Association.enabled.is_(True))
    if district:
        require_district(district)
        statement = statement.where(Association.district_code == district)
    if q:
        statement = statement.where(contains(Association.name, q))
    statement = statement.order_by(Association.name, Association.id)
    return paginate(statement, page, page_size)


def get_association(association_id):
    """An enabled association, or 404."""
    association = db.session.get(Association, association_id)
    if association is None or not association.enabled:
        raise NotFound("协会不存在", reason="association_not_found")
    return association


def require_association(association_id, field="association_id"):
    """The enabled association with this id, or a 422 naming the field."""
    association = db.session.get(Association, association_id) if association_id else None
    if association is None or not association.enabled:
        raise field_error(field, "协会不存在", reason="association_not_found")
    return association


def _visible(admin):
    """The associations an admin may see, with their member counts."""
    statement = select(Association).options(undefer(Association.member_count))
    if admin.role == Role.ASSOCIATION_OFFICER:
        return statement.where(Association.id == admin.association_id)
    scope = district_scope(admin)
    if scope is not None:
        statement = statement.where(Association.district_code == scope)
    return statement


def admin_list(admin, district=None, q=None, enabled=None, page=1, page_size=20):
    """Associations in the admin's scope, disabled ones included."""
    statement = _visible(admin)
    if district:
        statement = statement.where(Association.district_code == district)
    if q:
        statement = statement.where(contains(Association.name, q))
    if enabled is not None:
        statement = statement.where(Association.enabled.is_(enabled))
    return paginate(statement.order_by(Association.name, Association.id), page, page_size)


def admin_get(admin, association_id):
    """One association in the admin's scope; 404 for any other, so scope does not leak."""
    association = db.session.scalar(_visible(admin).where(Association.id == association_id))
    if association is None:
        raise NotFound("协会不存在", reason="association_not_found")
    return association


def _check_unique(name, uscc_code, exclude_id=None):
    for column, value, reason, message in (
        (Association.name, name, "name_taken", "协会名称已存在"),
        (Association.uscc, uscc_code, "uscc_taken", "统一社会信用代码已存在"),
    ):
        if value is None:
            continue
        statement = select(Association.id).where(column == value)
        if exclude_id is not None:
            statement = statement.where(Association.id != exclude_id)
        if db.session.scalar(statement) is not None:
            raise Conflict(message, reason=reason)


def _fee_items(items):
    return [FeeItem(position=position, **item) for position, item in enumerate(items)]


def create_association(admin, data):
    """Register an association in the admin's district (city admins: any district)."""
    ensure_can_write(admin)
    if admin.role == Role.ASSOCIATION_OFFICER:
        raise Forbidden("协会联络员不能新建协会", reason="role_forbidden")
    require_district(data["district"])
    ensure_in_district(admin, data["district"])
    _check_unique(data["name"], data["uscc"])
    association = Association(
        name=data["name"],
        kind=data["kind"],
        district_code=data["district"],
        uscc=data["uscc"],
        enabled=data.get("enabled", True),
        fee_items=_fee_items(data.get("fee_items", [])),
    )
    db.session.add(association)
    db.session.flush()
    audit.record(
        "association.create",
        target_type="association",
        target_id=association.id,
        district_code=association.district_code,
    )
    db.session.commit()
    return association


# Fields an association officer may change on their own association: its fee schedule.
OFFICER_FIELDS = frozenset({"fee_items"})


def update_association(admin, association_id, changes):
    """Change an association; officers may change only their own fee schedule."""
    ensure_can_write(admin)
    association = admin_get(admin, association_id)
    if admin.role == Role.ASSOCIATION_OFFICER and set(changes) - OFFICER_FIELDS:
        raise Forbidden("协会联络员只能修改本协会的收费标准", reason="role_forbidden")
    if "district" in changes:
        require_district(changes["district"])
        ensure_in_district(admin, changes["district"])
    _check_unique(changes.get("name"), changes.get("uscc"), exclude_id=association.id)
    for field in ("name", "kind", "uscc", "enabled"):
        if field in changes:
            setattr(association, field, changes[field])
    if "district" in changes:
        association.district_code = changes["district"]
    if "fee_items" in changes:
        association.fee_items = _fee_items(changes["fee_items"])
    audit.record(
        "association.update",
        target_type="association",
        target_id=association.id,
        district_code=association.district_code,
        detail={"fields": sorted(changes)},
    )
    db.session.commit()
    return association
