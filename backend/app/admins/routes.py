"""Admin account routes."""

from flask import g
from flask_smorest import Blueprint

from ..common.auth import admin_required
from .schemas import AdminSchema

blp = Blueprint("admins", __name__, url_prefix="/api/v1/admin", description="管理员账号")


@blp.get("/me")
@admin_required()
@blp.response(200, AdminSchema)
def get_me():
    """The logged-in admin."""
    return g.admin
