"""Admin account routes: the logged-in admin and their second factor."""

from flask import g
from flask_smorest import Blueprint

from ..common.auth import admin_required
from ..common.roles import Role
from . import services, totp
from .schemas import (
    AdminCreateSchema,
    AdminPageSchema,
    AdminQuerySchema,
    AdminSchema,
    AdminUpdateSchema,
    TotpCodeSchema,
    TotpEnrolmentSchema,
)

MANAGERS = (Role.CITY_ADMIN, Role.DISTRICT_ADMIN)

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


@blp.get("/admins")
@admin_required(*MANAGERS)
@blp.arguments(AdminQuerySchema, location="query")
@blp.response(200, AdminPageSchema)
def list_admins(args):
    """Accounts I manage (district admins: their district's reviewers and officers)."""
    return services.list_admins(g.admin, **args)


@blp.post("/admins")
@admin_required(*MANAGERS)
@blp.arguments(AdminCreateSchema)
@blp.response(201, AdminSchema)
def create_admin(data):
    """Create an account within my powers."""
    return services.create_by(g.admin, data)


@blp.get("/admins/<int:admin_id>")
@admin_required(*MANAGERS)
@blp.response(200, AdminSchema)
def get_admin(admin_id):
    """One account I manage."""
    return services.get_managed(g.admin, admin_id)


@blp.patch("/admins/<int:admin_id>")
@admin_required(*MANAGERS)
@blp.arguments(AdminUpdateSchema)
@blp.response(200, AdminSchema)
def update_admin(changes, admin_id):
    """Disable, re-enable, reset the password of, or re-scope an account."""
    return services.update_by(g.admin, admin_id, changes)
