"""Admin schemas."""

from marshmallow import fields

from ..common.roles import ROLE_LABELS
from ..common.schemas import Schema


class AdminSchema(Schema):
    """An admin account as the console shows it (never the password hash)."""

    id = fields.Integer()
    username = fields.String()
    role = fields.String()
    role_label = fields.Function(lambda admin: ROLE_LABELS[admin.role])
    district = fields.String(attribute="district_code", allow_none=True)
    association_id = fields.Integer(allow_none=True)
    is_active = fields.Boolean()
    last_login_at = fields.DateTime(allow_none=True)
