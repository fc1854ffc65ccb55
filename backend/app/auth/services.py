"""Issuing tokens after a successful login, and logging out."""

from ..admins import sessions
from ..admins.services import authenticate
from ..audit import services as audit
from ..common.auth import ADMIN, MEMBER, issue_token
from ..extensions import db
from ..members.services import login_with_code


def member_login(code):
    """Log a member in with a wx.login code."""
    member = login_with_code(code)
    token, expires_in = issue_token(member.id, MEMBER)
    return {"token": token, "expires_in": expires_in, "member": member}


def admin_login(username, password, otp=None):
    """Log an admin in with a password (and a TOTP code when enabled)."""
    admin, session = authenticate(username, password, otp)
    token, expires_in = issue_token(admin.id, ADMIN, sid=session.id)
    return {"token": token, "expires_in": expires_in, "admin": admin}


def admin_logout(admin, session_id):
    """End the admin's current session."""
    sessions.end(session_id)
    audit.record(
        "admin.logout",
        target_type="admin",
        target_id=admin.id,
        admin=admin,
        district_code=admin.district_code,
    )
    db.session.commit()
