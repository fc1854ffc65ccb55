"""Admin roles and what each may see."""

from enum import StrEnum

from ..errors import Forbidden


class Role(StrEnum):
    """An admin's role (DESIGN.md, Roles)."""

    CITY_ADMIN = "city_admin"
    DISTRICT_ADMIN = "district_admin"
    REVIEWER = "reviewer"
    ASSOCIATION_OFFICER = "association_officer"


ROLE_LABELS = {
    Role.CITY_ADMIN: "市级管理员",
    Role.DISTRICT_ADMIN: "区县管理员",
    Role.REVIEWER: "区县审核员",
    Role.ASSOCIATION_OFFICER: "协会联络员",
}

# Roles bound to one district, and to one association.
DISTRICT_ROLES = frozenset({Role.DISTRICT_ADMIN, Role.REVIEWER})
ASSOCIATION_ROLES = frozenset({Role.ASSOCIATION_OFFICER})


def district_scope(admin):
    """The one district an admin is limited to, or None for city-wide admins."""
    return None if admin.role == Role.CITY_ADMIN else admin.district_code


def ensure_in_district(admin, district_code):
    """403 unless the admin's scope covers the district (city admins cover all)."""
    scope = district_scope(admin)
    if scope is not None and scope != district_code:
        raise Forbidden("超出本账号的管辖范围", reason="out_of_scope")


def ensure_can_write(admin):
    """403 for roles that only read (reviewers)."""
    if admin.role == Role.REVIEWER:
        raise Forbidden("审核员只能查看，不能修改", reason="role_forbidden")
