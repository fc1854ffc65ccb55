"""Issuing tokens after a successful login."""

from ..admins.services import authenticate
from ..common.auth import ADMIN, MEMBER, issue_token
from ..members.services import login_with_code


def member_login(code):
    """Log a member in with a wx.login code."""
    member = login_with_code(code)
    token, expires_in = issue_token(member.id, MEMBER)
    return {"token": token, "expires_in": expires_in, "member": member}


def admin_login(username, password):
    """Log an admin in with a password."""
    admin = authenticate(username, password)
    token, expires_in = issue_token(admin.id, ADMIN)
    return {"token": token, "expires_in": expires_in, "admin": admin}
