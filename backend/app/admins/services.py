"""Admin accounts: creation and password login."""

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from sqlalchemy import func, select

from ..associations.services import require_association, require_district
from ..common.roles import ASSOCIATION_ROLES, DISTRICT_ROLES, Role
from ..common.time import utcnow
from ..errors import Conflict, Unauthorized, field_error
from ..extensions import db
from .models import Admin


def _hasher():
    config = current_app.config
    return PasswordHasher(
        time_cost=config["ARGON2_TIME_COST"], memory_cost=config["ARGON2_MEMORY_COST"]
    )


def hash_password(password):
    """An Argon2id hash of the password."""
    return _hasher().hash(password)


def validate_password(password):
    """Admin passwords: at least 10 characters, not all of one kind."""
    if len(password) < 10:
        raise field_error("password", "密码至少 10 位", reason="password_too_weak")
    kinds = [any(c.isdigit() for c in password), any(c.isalpha() for c in password)]
    if not all(kinds):
        raise field_error("password", "密码须同时包含字母和数字", reason="password_too_weak")


def create_admin(username, password, role, district_code=None, association_id=None):
    """Create an admin account with its scope; the username is unique (case-insensitive)."""
    username = username.strip()
    if not username:
        raise field_error("username", "用户名不能为空")
    role = Role(role)
    validate_password(password)
    if role in DISTRICT_ROLES:
        require_district(district_code, field="district")
    elif district_code:
        raise field_error("district", "该角色不属于某个区县")
    if role in ASSOCIATION_ROLES:
        association = require_association(association_id)
        district_code = association.district_code
    elif association_id:
        raise field_error("association_id", "该角色不属于某个协会")
    taken = db.session.scalar(
        select(Admin.id).where(func.lower(Admin.username) == username.lower())
    )
    if taken:
        raise Conflict("用户名已被使用", reason="username_taken")
    admin = Admin(
        username=username,
        password_hash=hash_password(password),
        role=role.value,
        district_code=district_code,
        association_id=association_id if role in ASSOCIATION_ROLES else None,
    )
    db.session.add(admin)
    db.session.commit()
    return admin


def authenticate(username, password):
    """The active admin with these credentials, or 401 (the same answer for any mistake)."""
    admin = db.session.scalar(
        select(Admin).where(func.lower(Admin.username) == username.strip().lower())
    )
    hasher = _hasher()
    failure = Unauthorized("用户名或密码错误", reason="invalid_credentials")
    if admin is None:
        # Spend the same time as a real check, so usernames cannot be probed by timing.
        hasher.hash(password)
        raise failure
    try:
        hasher.verify(admin.password_hash, password)
    except (VerificationError, InvalidHashError):
        raise failure from None
    if not admin.is_active:
        raise failure
    if hasher.check_needs_rehash(admin.password_hash):
        admin.password_hash = hasher.hash(password)
    admin.last_login_at = utcnow()
    db.session.commit()
    return admin
