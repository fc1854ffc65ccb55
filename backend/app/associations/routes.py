"""Directory routes: /districts and /associations."""

from flask_smorest import Blueprint

from . import services
from .schemas import (
    AssociationPageSchema,
    AssociationQuerySchema,
    AssociationSchema,
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
