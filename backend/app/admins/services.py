"""Admin accounts: creation and password login."""

from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from sqlalchemy import func, select

from ..associations.services import require_association, require_district
from ..audit import services as audit
from ..common.roles import ASSOCIATION_ROLES, DISTRICT_ROLES, Role
from ..common.time import utcnow
from ..errors import Conflict, TooManyRequests, Unauthorized, field_error
from ..extensions import db
from . import sessions, totp
from .models import Admin

FREE_FAILURES = 4
MAX_LOCK_MINUTES = 60


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


def _lock_minutes(failures):
    """Growing delays: four free tries, then 1, 2, 4 … minutes, at most an hour."""
    if failures <= FREE_FAILURES:
        return 0
    return min(2 ** (failures - FREE_FAILURES - 1), MAX_LOCK_MINUTES)


def _fail(admin, reason="invalid_credentials", message="用户名或密码错误"):
    admin.failed_logins += 1
    minutes = _lock_minutes(admin.failed_logins)
    if minutes:
        admin.locked_until = utcnow() + timedelta(minutes=minutes)
    audit.record(
        "admin.login_failed",
        target_type="admin",
        target_id=admin.id,
        admin=admin,
        district_code=admin.district_code,
        detail={"reason": reason},
    )
    db.session.commit()
    return Unauthorized(message, reason=reason)


def authenticate(username, password, otp=None):
    """The active admin with these credentials (and TOTP code when enabled), or an error."""
    admin = db.session.scalar(
        select(Admin).where(func.lower(Admin.username) == username.strip().lower())
    )
    hasher = _hasher()
    if admin is None or not admin.is_active:
        # Spend the same time as a real check, so accounts cannot be probed by timing.
        hasher.hash(password)
        raise Unauthorized("用户名或密码错误", reason="invalid_credentials")
    now = utcnow()
    if admin.locked_until and admin.locked_until > now:
        seconds = int((admin.locked_until - now).total_seconds()) + 1
        raise TooManyRequests(
            f"登录失败次数过多，请 {-(-seconds // 60)} 分钟后再试",
            reason="login_locked",
            headers={"Retry-After": str(seconds)},
        )
    try:
        hasher.verify(admin.password_hash, password)
    except (VerificationError, InvalidHashError):
        raise _fail(admin) from None
    if admin.totp_enabled:
        if not otp:
            raise Unauthorized("请输入两步验证码", reason="otp_required")
        if not totp.verify(admin, otp):
            raise _fail(admin, "invalid_otp", "两步验证码错误")
    if hasher.check_needs_rehash(admin.password_hash):
        admin.password_hash = hasher.hash(password)
    admin.failed_logins = 0
    admin.locked_until = None
    admin.last_login_at = now
    session = sessions.start(admin)
    audit.record(
        "admin.login",
        target_type="admin",
        target_id=admin.id,
        admin=admin,
        district_code=admin.district_code,
    )
    db.session.commit()
    return admin, session
