"""Audit log schemas."""

from marshmallow import fields

from ..common.schemas import PageArgsSchema, Schema, Text, page_schema
from .services import ACTION_LABELS


class AuditEntrySchema(Schema):
    """One audit entry."""

    id = fields.Integer()
    at = fields.DateTime()
    admin_id = fields.Integer(allow_none=True)
    admin_username = fields.String(allow_none=True)
    action = fields.String()
    action_label = fields.Function(lambda entry: ACTION_LABELS.get(entry.action, entry.action))
    target_type = fields.String(allow_none=True)
    target_id = fields.String(allow_none=True)
    district = fields.String(attribute="district_code", allow_none=True)
    detail = fields.Dict()


class AuditQuerySchema(PageArgsSchema):
    """Filters for the audit log."""

    action = Text()
    admin_id = fields.Integer()
    target_type = Text()
    target_id = Text()
    since = fields.AwareDateTime(default_timezone=None)
    until = fields.AwareDateTime(default_timezone=None)


AuditPageSchema = page_schema(AuditEntrySchema, "AuditPage")
