"""Computing the statistics, each section within the admin's scope."""

from sqlalchemy import func, select

from ..associations.models import Association, District
from ..common.roles import Role, district_scope
from ..extensions import db
from ..members.models import Member


def _districts(admin):
    statement = select(District).order_by(District.position)
    scope = district_scope(admin)
    if scope is not None:
        statement = statement.where(District.code == scope)
    return db.session.scalars(statement).all()


def directory(admin):
    """Associations and registered members by district (an officer: its own association)."""
    association_filter = [Association.enabled.is_(True)]
    if admin.role == Role.ASSOCIATION_OFFICER:
        association_filter.append(Association.id == admin.association_id)
    associations = dict(
        db.session.execute(
            select(Association.district_code, func.count())
            .where(*association_filter)
            .group_by(Association.district_code)
        ).all()
    )
    members = dict(
        db.session.execute(
            select(Association.district_code, func.count(Member.id))
            .join(Member, Member.association_id == Association.id)
            .where(*association_filter)
            .group_by(Association.district_code)
        ).all()
    )
    rows = [
        {
            "code": district.code,
            "name": district.name,
            "associations": associations.get(district.code, 0),
            "members": members.get(district.code, 0),
        }
        for district in _districts(admin)
    ]
    return {
        "by_district": rows,
        "associations": sum(row["associations"] for row in rows),
        "members": sum(row["members"] for row in rows),
    }


def overview(admin):
    """Every section of the statistics the admin may read."""
    return {"directory": directory(admin)}
