"""Admin accounts: creation and password login."""

from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from sqlalchemy import func, select

from ..associations.services import require_association, require_district
from ..audit import services as audit
from ..common.pagination import paginate
from ..common.roles import ASSOCIATION_ROLES, DISTRICT_ROLES, Role, ensure_in_district
from ..common.time import utcnow
from ..errors import Conflict, Forbidden, NotFound, TooManyRequests, Unauthorized, field_error
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


def _scope_for(role, district_code, association_id):
    """Check a role's district or association and return (role, district, association)."""
    if role in DISTRICT_ROLES:
        require_district(district_code, field="district")
    elif district_code and role not in ASSOCIATION_ROLES:
        raise field_error("district", "该角色不属于某个区县")
    if role in ASSOCIATION_ROLES:
        district_code = require_association(association_id).district_code
    elif association_id:
        raise field_error("association_id", "该角色不属于某个协会")
    else:
        association_id = None
    return role.value, district_code, association_id


def create_admin(username, password, role, district_code=None, association_id=None, *, commit=True):
    """Create an admin account with its scope; the username is unique (case-insensitive)."""
    username = username.strip()
    if not username:
        raise field_error("username", "用户名不能为空")
    validate_password(password)
    role, district_code, association_id = _scope_for(Role(role), district_code, association_id)
    taken = db.session.scalar(
        select(Admin.id).where(func.lower(Admin.username) == username.lower())
    )
    if taken:
        raise Conflict("用户名已被使用", reason="username_taken")
    admin = Admin(
        username=username,
        password_hash=hash_password(password),
        role=role,
        district_code=district_code,
        association_id=association_id,
    )
    db.session.add(admin)
    db.session.flush()
    if commit:
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


# Roles a district admin may hand out, in its own district.
DISTRICT_GRANTABLE = frozenset({Role.REVIEWER, Role.ASSOCIATION_OFFICER})


def _manageable(actor):
    """The admin accounts an admin may list and change."""
    statement = select(Admin)
    if actor.role == Role.CITY_ADMIN:
        return statement
    if actor.role == Role.DISTRICT_ADMIN:
        return statement.where(
            Admin.district_code == actor.district_code,
            Admin.role.in_([role.value for role in DISTRICT_GRANTABLE]),
        )
    raise Forbidden("当前角色无权管理账号", reason="role_forbidden")


def list_admins(actor, role=None, q=None, page=1, page_size=20):
    """Admin accounts the actor manages."""
    statement = _manageable(actor)
    if role:
        statement = statement.where(Admin.role == role)
    if q:
        statement = statement.where(func.lower(Admin.username).contains(q.lower(), autoescape=True))
    return paginate(statement.order_by(Admin.username), page, page_size)


def get_managed(actor, admin_id):
    """One account the actor manages; 404 for any other."""
    admin = db.session.scalar(_manageable(actor).where(Admin.id == admin_id))
    if admin is None:
        raise NotFound("账号不存在", reason="admin_not_found")
    return admin


def _check_grant(actor, role, district_code, association_id):
    """A district admin grants only reviewer and officer roles, only in its district."""
    if actor.role == Role.CITY_ADMIN:
        return
    if Role(role) not in DISTRICT_GRANTABLE:
        raise Forbidden("区县管理员只能创建审核员和协会联络员", reason="role_forbidden")
    if Role(role) == Role.ASSOCIATION_OFFICER:
        district_code = require_association(association_id).district_code
    ensure_in_district(actor, district_code)


def create_by(actor, data):
    """An admin creates another admin account within their powers."""
    _manageable(actor)
    _check_grant(actor, data["role"], data.get("district"), data.get("association_id"))
    admin = create_admin(
        data["username"],
        data["password"],
        data["role"],
        data.get("district"),
        data.get("association_id"),
        commit=False,
    )
    audit.record(
        "admin.create",
        target_type="admin",
        target_id=admin.id,
        district_code=admin.district_code,
        detail={"role": admin.role},
    )
    db.session.commit()
    return admin


def update_by(actor, admin_id, changes):
    """Enable or disable an account, reset its password, or (city admins) change its role."""
    admin = get_managed(actor, admin_id)
    if admin.id == actor.id and changes.get("is_active") is False:
        raise Conflict("不能停用自己的账号", reason="cannot_disable_self")
    if {"role", "district", "association_id"} & set(changes):
        role = changes.get("role", admin.role)
        district_code = changes.get("district", admin.district_code)
        association_id = changes.get("association_id", admin.association_id)
        _check_grant(actor, role, district_code, association_id)
        admin.role, admin.district_code, admin.association_id = _scope_for(
            Role(role), district_code, association_id
        )
    if "password" in changes:
        validate_password(changes["password"])
        admin.password_hash = hash_password(changes["password"])
        admin.failed_logins, admin.locked_until = 0, None
        sessions.end_all(admin)
    if "is_active" in changes:
        admin.is_active = changes["is_active"]
        if not admin.is_active:
            sessions.end_all(admin)
    audit.record(
        "admin.update",
        target_type="admin",
        target_id=admin.id,
        district_code=admin.district_code,
        detail={"fields": sorted(changes)},
    )
    db.session.commit()
    return admin
