"""Login routes for members and admins."""

from flask import current_app, g
from flask_smorest import Blueprint

from ..common.auth import admin_required
from ..extensions import limiter
from . import services
from .schemas import AdminLoginSchema, AdminTokenSchema, MemberLoginSchema, MemberTokenSchema

blp = Blueprint("auth", __name__, url_prefix="/api/v1", description="登录")


def _failed(response):
    return response.status_code == 401


@blp.post("/auth/login")
@limiter.limit(lambda: current_app.config["MEMBER_LOGIN_LIMITS"])
@blp.arguments(MemberLoginSchema)
@blp.response(200, MemberTokenSchema)
def member_login(args):
    """Log in with the code from wx.login(); the member is created on first login."""
    return services.member_login(args["code"])


@blp.post("/admin/auth/login")
@limiter.limit(lambda: current_app.config["ADMIN_LOGIN_IP_LIMITS"], deduct_when=_failed)
@blp.arguments(AdminLoginSchema)
@blp.response(200, AdminTokenSchema)
def admin_login(args):
    """Log in to the console API; failures lock the account for growing delays."""
    return services.admin_login(args["username"], args["password"], args.get("otp"))


@blp.post("/admin/auth/logout")
@admin_required()
@blp.response(204)
def admin_logout():
    """End this admin session."""
    services.admin_logout(g.admin, g.admin_session_id)
