"""Directory rules: districts and associations."""

from sqlalchemy import select

from ..common.pagination import paginate
from ..errors import NotFound, field_error
from ..extensions import db
from .models import Association, District

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
        escaped = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        statement = statement.where(Association.name.ilike(f"%{escaped}%", escape="\\"))
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
