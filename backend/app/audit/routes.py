"""GET /admin/audit."""

from flask import g
from flask_smorest import Blueprint

from ..common.auth import admin_required
from ..common.roles import Role
from . import services
from .schemas import AuditPageSchema, AuditQuerySchema

blp = Blueprint("audit", __name__, url_prefix="/api/v1/admin", description="审计日志")


@blp.get("/audit")
@admin_required(Role.CITY_ADMIN, Role.DISTRICT_ADMIN)
@blp.arguments(AuditQuerySchema, location="query")
@blp.response(200, AuditPageSchema)
def list_audit(args):
    """The audit log, newest first; a district admin sees its district's entries."""
    page, page_size = args.pop("page"), args.pop("page_size")
    return services.list_entries(g.admin, args, page, page_size)
