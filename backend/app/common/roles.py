"""Admin roles and what each may see."""

from enum import StrEnum


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
