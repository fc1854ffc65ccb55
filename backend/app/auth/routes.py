"""Login routes for members and admins."""

import hashlib

from flask import current_app, request
from flask_smorest import Blueprint

from ..extensions import limiter
from . import services
from .schemas import AdminLoginSchema, AdminTokenSchema, MemberLoginSchema, MemberTokenSchema

blp = Blueprint("auth", __name__, url_prefix="/api/v1", description="登录")


def _failed(response):
    return response.status_code == 401


def _username_key():
    body = request.get_json(silent=True)
    username = body.get("username") if isinstance(body, dict) else None
    normalized = str(username or "").strip().lower().encode()
    return "admin-login:" + hashlib.sha256(normalized).hexdigest()[:32]


@blp.post("/auth/login")
@limiter.limit(lambda: current_app.config["MEMBER_LOGIN_LIMITS"])
@blp.arguments(MemberLoginSchema)
@blp.response(200, MemberTokenSchema)
def member_login(args):
    """Log in with the code from wx.login(); the member is created on first login."""
    return services.member_login(args["code"])


@blp.post("/admin/auth/login")
@limiter.limit(
    lambda: current_app.config["ADMIN_LOGIN_LIMITS"], key_func=_username_key, deduct_when=_failed
)
@limiter.limit(lambda: current_app.config["ADMIN_LOGIN_IP_LIMITS"], deduct_when=_failed)
@blp.arguments(AdminLoginSchema)
@blp.response(200, AdminTokenSchema)
def admin_login(args):
    """Log in to the console API; repeated failures are throttled per account and per client."""
    return services.admin_login(args["username"], args["password"])
