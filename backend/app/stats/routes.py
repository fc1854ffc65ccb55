"""GET /admin/stats and its .xlsx export."""

from flask import g
from flask_smorest import Blueprint

from ..common.auth import admin_required
from ..common.spreadsheets import XLSX_MIME, xlsx_response
from ..common.time import shanghai_today
from . import export, services
from .schemas import StatsQuerySchema, StatsSchema

blp = Blueprint("stats", __name__, url_prefix="/api/v1/admin/stats", description="统计")


@blp.get("")
@admin_required()
@blp.arguments(StatsQuerySchema, location="query")
@blp.response(200, StatsSchema)
def get_stats(args):
    """Statistics in my scope."""
    return services.overview(g.admin, args.get("competition_id"))


@blp.get("/export")
@admin_required()
@blp.arguments(StatsQuerySchema, location="query")
@blp.response(200, content_type=XLSX_MIME)
def export_stats(args):
    """The same statistics as an .xlsx workbook (audited)."""
    data = export.export(g.admin, args.get("competition_id"))
    return xlsx_response(data, f"统计-{shanghai_today():%Y%m%d}")
