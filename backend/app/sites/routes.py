"""Site routes: the map and check-ins for members, site management for admins."""

import io
from functools import wraps

from flask import g, jsonify, request, send_file
from flask_smorest import Blueprint

from ..common.auth import admin_required, member_required
from ..common.roles import Role
from ..common.schemas import PageArgsSchema
from ..common.spreadsheets import XLSX_MIME
from ..common.uploads import allow_body
from . import admin, checkins, importer, services
from .admin_schemas import (
    AdminSitePageSchema,
    AdminSiteQuerySchema,
    AdminSiteSchema,
    ImportArgsSchema,
    ImportReportSchema,
    SiteUpdateSchema,
    SiteWriteSchema,
    UploadSchema,
)
from .schemas import (
    CheckInRequestSchema,
    CheckInSchema,
    FootprintSchema,
    LocationArgsSchema,
    MarkerQuerySchema,
    MarkersSchema,
    PhotoArgsSchema,
    PhotoSchema,
    SiteDetailSchema,
    SitePageSchema,
    SiteQuerySchema,
)

blp = Blueprint("sites", __name__, url_prefix="/api/v1", description="清廉文化阵地与打卡")

MANAGERS = (Role.CITY_ADMIN, Role.DISTRICT_ADMIN)
EDITORS = (Role.CITY_ADMIN, Role.DISTRICT_ADMIN, Role.ASSOCIATION_OFFICER)
# Photos never change under their id (a new photo gets a new id), so phones may keep them.
PHOTO_MAX_AGE = 30 * 24 * 3600
MARKERS_MAX_AGE = 60


def member_optional(view):
    """Like member_required when a token is sent; otherwise g.member is None."""
    guarded = member_required(view)

    @wraps(view)
    def wrapper(*args, **kwargs):
        if request.headers.get("Authorization"):
            return guarded(*args, **kwargs)
        g.member = None
        return view(*args, **kwargs)

    return wrapper


@blp.get("/sites")
@blp.arguments(SiteQuerySchema, location="query")
@blp.response(200, SitePageSchema)
def list_sites(args):
    """Sites by type, district and text; nearest first with distance_m given lat/lng (GCJ-02)."""
    return services.search_sites(**args)


@blp.get("/sites/markers")
@blp.arguments(MarkerQuerySchema, location="query")
@blp.response(200, MarkersSchema)
def site_markers(args):
    """Every site as [id, lat, lng, type index] for the map to cluster; supports If-None-Match."""
    # Built without the schema: dumping 10,000 rows field by field costs more than the query.
    response = jsonify(services.markers(**args))
    response.cache_control.public = True
    response.cache_control.max_age = MARKERS_MAX_AGE
    response.add_etag()
    return response.make_conditional(request)


@blp.get("/sites/<int:site_id>")
@blp.doc(security=[{}, {"member": []}])
@member_optional
@blp.arguments(LocationArgsSchema, location="query")
@blp.response(200, SiteDetailSchema)
def get_site(args, site_id):
    """A site's details; with a member token, whether I checked in today (Asia/Shanghai)."""
    return services.site_detail(site_id, g.member, **args)


@blp.get("/sites/<int:site_id>/photos/<int:photo_id>")
@blp.arguments(PhotoArgsSchema, location="query")
def get_photo(args, site_id, photo_id):
    """A site photo (size=thumb: at most 480 px); cacheable for a month."""
    path, mime = services.photo_file(site_id, photo_id, args.get("size"))
    response = send_file(path, mimetype=mime, max_age=PHOTO_MAX_AGE, conditional=True)
    response.cache_control.immutable = True
    return response


@blp.post("/sites/<int:site_id>/checkins")
@member_required
@blp.arguments(CheckInRequestSchema)
@blp.response(201, CheckInSchema)
def check_in(args, site_id):
    """Check in with the scanned scene (and, where the site asks, my GCJ-02 location)."""
    return checkins.check_in(g.member, site_id, args["scene"], args.get("lat"), args.get("lng"))


@blp.get("/me/checkins")
@member_required
@blp.arguments(PageArgsSchema, location="query")
@blp.response(200, FootprintSchema)
def my_checkins(args):
    """My footprint: check-ins newest first, with counts by site type."""
    return checkins.footprint(g.member, **args)


@blp.get("/admin/sites")
@admin_required()
@blp.arguments(AdminSiteQuerySchema, location="query")
@blp.response(200, AdminSitePageSchema)
def admin_list_sites(args):
    """Sites in my scope, disabled ones included."""
    return admin.admin_list(g.admin, **args)


@blp.post("/admin/sites")
@admin_required(*MANAGERS)
@blp.arguments(SiteWriteSchema)
@blp.response(201, AdminSiteSchema)
def admin_create_site(data):
    """Add a site (district admins: in their district); lat/lng in coord_system."""
    return admin.create_site(g.admin, data)


@blp.get("/admin/sites/import/template")
@admin_required(*MANAGERS)
def admin_import_template():
    """The .xlsx template for importing sites, with a sheet of instructions."""
    return send_file(
        io.BytesIO(importer.template_file()),
        mimetype=XLSX_MIME,
        as_attachment=True,
        download_name="sites-import-template.xlsx",
    )


@blp.post("/admin/sites/import")
@admin_required(*MANAGERS)
@allow_body("SITES_IMPORT_MAX_BYTES")
@blp.arguments(ImportArgsSchema, location="query")
@blp.arguments(UploadSchema, location="files")
@blp.response(200, ImportReportSchema)
def admin_import_sites(args, files):
    """Import sites from .xlsx: dry_run=true reports every bad row; otherwise all rows or none."""
    return importer.import_sites(g.admin, files["file"], dry_run=args["dry_run"])


@blp.get("/admin/sites/<int:site_id>")
@admin_required()
@blp.response(200, AdminSiteSchema)
def admin_get_site(site_id):
    """One site in my scope."""
    return admin.admin_get(g.admin, site_id)


@blp.patch("/admin/sites/<int:site_id>")
@admin_required(*EDITORS)
@blp.arguments(SiteUpdateSchema(partial=True))
@blp.response(200, AdminSiteSchema)
def admin_update_site(changes, site_id):
    """Change a site; association officers only description, hours and phone."""
    return admin.update_site(g.admin, site_id, changes)


@blp.delete("/admin/sites/<int:site_id>")
@admin_required(*MANAGERS)
@blp.response(204)
def admin_delete_site(site_id):
    """Delete a site without check-ins (disable it otherwise)."""
    admin.delete_site(g.admin, site_id)


@blp.post("/admin/sites/<int:site_id>/photos")
@admin_required(*EDITORS)
@allow_body("SITES_PHOTO_MAX_BYTES")
@blp.arguments(UploadSchema, location="files")
@blp.response(201, PhotoSchema)
def admin_add_photo(files, site_id):
    """Add a photo (JPEG, PNG or WebP; re-encoded without metadata)."""
    return admin.add_photo(g.admin, site_id, files["file"])


@blp.delete("/admin/sites/<int:site_id>/photos/<int:photo_id>")
@admin_required(*EDITORS)
@blp.response(204)
def admin_delete_photo(site_id, photo_id):
    """Remove a photo."""
    admin.delete_photo(g.admin, site_id, photo_id)


@blp.get("/admin/sites/<int:site_id>/qrcode")
@admin_required()
def admin_site_qrcode(site_id):
    """The site's check-in code (PNG) opening the check-in page with its scene."""
    response = send_file(
        io.BytesIO(admin.qrcode(g.admin, site_id)),
        mimetype="image/png",
        download_name=f"site-{site_id}-qrcode.png",
    )
    response.cache_control.private = True
    response.cache_control.no_cache = True
    return response


@blp.post("/admin/sites/<int:site_id>/qrcode/rotate")
@admin_required(*MANAGERS)
@blp.response(200, AdminSiteSchema)
def admin_rotate_qrcode(site_id):
    """Retire the site's printed codes and issue a new one."""
    return admin.rotate_qrcode(g.admin, site_id)
