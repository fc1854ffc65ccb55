"""Admin account routes: the logged-in admin and their second factor."""

from flask import g
from flask_smorest import Blueprint

from ..common.auth import admin_required
from . import totp
from .schemas import AdminSchema, TotpCodeSchema, TotpEnrolmentSchema

blp = Blueprint("admins", __name__, url_prefix="/api/v1/admin", description="管理员账号")


@blp.get("/me")
@admin_required()
@blp.response(200, AdminSchema)
def get_me():
    """The logged-in admin."""
    return g.admin


@blp.post("/me/totp")
@admin_required()
@blp.response(200, TotpEnrolmentSchema)
def begin_totp():
    """Start enrolling a TOTP authenticator; it is enabled once a code is confirmed."""
    return totp.begin_enrolment(g.admin)


@blp.post("/me/totp/confirm")
@admin_required()
@blp.arguments(TotpCodeSchema)
@blp.response(200, AdminSchema)
def confirm_totp(args):
    """Enable TOTP with a code from the authenticator app."""
    totp.confirm_enrolment(g.admin, args["code"])
    return g.admin


@blp.post("/me/totp/disable")
@admin_required()
@blp.arguments(TotpCodeSchema)
@blp.response(200, AdminSchema)
def disable_totp(args):
    """Turn TOTP off with a current code."""
    totp.disable(g.admin, args["code"])
    return g.admin
