"""Directory schemas."""

from marshmallow import fields, validate

from ..common.schemas import PageArgsSchema, Schema, Text, page_schema
from .models import KIND_LABELS


class DistrictSchema(Schema):
    """A district by division code."""

    code = fields.String()
    name = fields.String()


class FeeItemSchema(Schema):
    """One fee schedule line; amounts in fen (分) and as a yuan string for display."""

    name = fields.String()
    amount_fen = fields.Integer()
    amount = fields.Function(lambda item: f"{item.amount_fen / 100:.2f}")
    unit = fields.String()
    basis = fields.String()


class AssociationSummarySchema(Schema):
    """An association as other resources refer to it."""

    id = fields.Integer()
    name = fields.String()
    district = fields.String(attribute="district_code")


class AssociationSchema(Schema):
    """An association in the directory."""

    id = fields.Integer()
    name = fields.String()
    kind = fields.String()
    kind_label = fields.Function(lambda a: KIND_LABELS[a.kind])
    district = fields.String(attribute="district_code")
    district_name = fields.String(attribute="district.name")
    uscc = fields.String()
    fee_items = fields.List(fields.Nested(FeeItemSchema))


class AssociationQuerySchema(PageArgsSchema):
    """?district=&q= filters."""

    district = fields.String(validate=validate.Regexp(r"^\d{6}$", error="区县代码应为 6 位数字"))
    q = Text(validate=validate.Length(max=50))


AssociationPageSchema = page_schema(AssociationSchema, "AssociationPage")
