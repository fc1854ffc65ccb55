"""Who may do what with the question bank and competitions.

The question bank is city-wide: city and district admins edit it, reviewers read it, association
officers see only categories and counts (they take quizzes too, so no answer keys for them).
Competitions belong to the narrowest scope holding their whole audience: a city admin runs any;
a district admin runs those whose audience lies within its district; an association officer runs
those for its own association's members; a reviewer reads those of its district.
"""

from sqlalchemy import false, true

from ..common.roles import Role
from ..errors import Forbidden
from .models import Audience, Competition

QUESTION_EDITORS = (Role.CITY_ADMIN, Role.DISTRICT_ADMIN)
QUESTION_READERS = (Role.CITY_ADMIN, Role.DISTRICT_ADMIN, Role.REVIEWER)
COMPETITION_EDITORS = (Role.CITY_ADMIN, Role.DISTRICT_ADMIN, Role.ASSOCIATION_OFFICER)
ALL_ROLES = tuple(Role)


def competition_filter(admin):
    """A WHERE clause selecting the competitions the admin may see."""
    if admin.role == Role.CITY_ADMIN:
        return true()
    if admin.role == Role.ASSOCIATION_OFFICER:
        return Competition.owner_association_id == admin.association_id
    if admin.district_code:
        return Competition.owner_district_code == admin.district_code
    return false()


def can_see(admin, competition):
    """Whether the competition is within the admin's scope."""
    if admin.role == Role.CITY_ADMIN:
        return True
    if admin.role == Role.ASSOCIATION_OFFICER:
        return competition.owner_association_id == admin.association_id
    return competition.owner_district_code == admin.district_code


def owner_of(audience, district_codes, associations):
    """(owner district, owner association): the narrowest scope holding the whole audience."""
    if audience == Audience.DISTRICTS and len(district_codes) == 1:
        return district_codes[0], None
    if audience == Audience.ASSOCIATIONS:
        districts = {association.district_code for association in associations}
        owner_association = associations[0].id if len(associations) == 1 else None
        return (districts.pop() if len(districts) == 1 else None), owner_association
    return None, None


def check_audience_allowed(admin, owner_district, owner_association):
    """Refuse an audience outside the admin's scope."""
    if admin.role == Role.CITY_ADMIN:
        return
    if admin.role == Role.ASSOCIATION_OFFICER:
        if owner_association != admin.association_id:
            raise Forbidden("协会联络员只能组织本协会会员参加的竞赛", reason="out_of_scope")
        return
    if owner_district is None or owner_district != admin.district_code:
        raise Forbidden("只能组织本区县范围内的竞赛", reason="out_of_scope")
