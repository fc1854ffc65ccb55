"""Demo admin accounts for development, one per role."""

import secrets
import string

from sqlalchemy import select

from ..associations.models import Association
from ..common.roles import Role
from ..extensions import db
from .models import Admin
from .services import create_admin

# (username, role, district) — the officer belongs to the first demo association.
DEMO_ADMINS = (
    ("city", Role.CITY_ADMIN, None),
    ("jiaojiang", Role.DISTRICT_ADMIN, "331002"),
    ("jiaojiang_reviewer", Role.REVIEWER, "331002"),
    ("officer", Role.ASSOCIATION_OFFICER, None),
)


def _password():
    alphabet = string.ascii_letters + string.digits
    while True:
        password = "".join(secrets.choice(alphabet) for _ in range(14))
        if any(c.isdigit() for c in password) and any(c.isalpha() for c in password):
            return password


def seed():
    """Create the missing demo admins; yield (username, role, password) for each new one."""
    existing = set(db.session.scalars(select(Admin.username)))
    first_association = db.session.scalar(select(Association.id).order_by(Association.id))
    for username, role, district in DEMO_ADMINS:
        if username in existing:
            continue
        association_id = first_association if role == Role.ASSOCIATION_OFFICER else None
        password = _password()
        create_admin(username, password, role, district, association_id)
        yield username, role.value, password
