"""Directory routes: /districts and /associations."""

from flask import g
from flask_smorest import Blueprint

from ..common.auth import admin_required
from ..common.roles import Role
from . import services
from .schemas import (
    AdminAssociationPageSchema,
    AdminAssociationQuerySchema,
    AdminAssociationSchema,
    AssociationPageSchema,
    AssociationQuerySchema,
    AssociationSchema,
    AssociationUpdateSchema,
    AssociationWriteSchema,
    DistrictSchema,
)

blp = Blueprint("directory", __name__, url_prefix="/api/v1", description="区县与行业协会商会名录")


@blp.get("/districts")
@blp.response(200, DistrictSchema(many=True))
def list_districts():
    """Taizhou's nine districts, by division code."""
    return services.list_districts()


@blp.get("/associations")
@blp.arguments(AssociationQuerySchema, location="query")
@blp.response(200, AssociationPageSchema)
def list_associations(args):
    """Associations, filtered by district code and name, paginated."""
    return services.search_associations(**args)


@blp.get("/associations/<int:association_id>")
@blp.response(200, AssociationSchema)
def get_association(association_id):
    """One association with its fee schedule."""
    return services.get_association(association_id)


@blp.get("/admin/associations")
@admin_required()
@blp.arguments(AdminAssociationQuerySchema, location="query")
@blp.response(200, AdminAssociationPageSchema)
def admin_list_associations(args):
    """Associations in my scope, disabled ones included."""
    return services.admin_list(g.admin, **args)


@blp.post("/admin/associations")
@admin_required(Role.CITY_ADMIN, Role.DISTRICT_ADMIN)
@blp.arguments(AssociationWriteSchema)
@blp.response(201, AdminAssociationSchema)
def admin_create_association(data):
    """Register an association (district admins: in their district)."""
    return services.create_association(g.admin, data)


@blp.get("/admin/associations/<int:association_id>")
@admin_required()
@blp.response(200, AdminAssociationSchema)
def admin_get_association(association_id):
    """One association in my scope."""
    return services.admin_get(g.admin, association_id)


@blp.patch("/admin/associations/<int:association_id>")
@admin_required(Role.CITY_ADMIN, Role.DISTRICT_ADMIN, Role.ASSOCIATION_OFFICER)
@blp.arguments(AssociationUpdateSchema)
@blp.response(200, AdminAssociationSchema)
def admin_update_association(changes, association_id):
    """Change an association; an officer may change only its own fee schedule."""
    return services.update_association(g.admin, association_id, changes)
