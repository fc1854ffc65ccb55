"""Directory schemas."""

from marshmallow import ValidationError, fields, validate

from ..common.schemas import PageArgsSchema, Schema, Text, page_schema
from . import uscc
from .models import KIND_LABELS

DISTRICT_CODE = validate.Regexp(r"^\d{6}$", error="区县代码应为 6 位数字")


class Upper(Text):
    """A stripped string in upper case (codes typed in either case)."""

    def _deserialize(self, value, attr, data, **kwargs):
        return super()._deserialize(value, attr, data, **kwargs).upper()


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

    district = fields.String(validate=DISTRICT_CODE)
    q = Text(validate=validate.Length(max=50))


AssociationPageSchema = page_schema(AssociationSchema, "AssociationPage")


def _valid_uscc(value):
    if not uscc.is_valid(value):
        raise ValidationError("统一社会信用代码格式或校验位不正确")


class FeeItemWriteSchema(Schema):
    """One fee schedule line as an admin enters it."""

    name = Text(required=True, validate=validate.Length(min=1, max=60))
    amount_fen = fields.Integer(required=True, validate=validate.Range(min=0, max=100_000_000))
    unit = Text(load_default="元/年", validate=validate.Length(min=1, max=20))
    basis = Text(required=True, validate=validate.Length(min=1, max=200))


class AssociationWriteSchema(Schema):
    """Creating or (partially) changing an association."""

    name = Text(required=True, validate=validate.Length(min=2, max=100))
    kind = fields.String(required=True, validate=validate.OneOf([k.value for k in KIND_LABELS]))
    district = fields.String(required=True, validate=DISTRICT_CODE)
    uscc = Upper(required=True, validate=_valid_uscc)
    enabled = fields.Boolean(load_default=True)
    fee_items = fields.List(
        fields.Nested(FeeItemWriteSchema), load_default=list, validate=validate.Length(max=30)
    )


class AssociationUpdateSchema(Schema):
    """Changing some fields of an association; a new fee schedule replaces the old one whole."""

    name = Text(validate=validate.Length(min=2, max=100))
    kind = fields.String(validate=validate.OneOf([k.value for k in KIND_LABELS]))
    district = fields.String(validate=DISTRICT_CODE)
    uscc = Upper(validate=_valid_uscc)
    enabled = fields.Boolean()
    fee_items = fields.List(fields.Nested(FeeItemWriteSchema), validate=validate.Length(max=30))


class AdminAssociationSchema(AssociationSchema):
    """An association as admins see it."""

    enabled = fields.Boolean()
    member_count = fields.Integer()
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


class AdminAssociationQuerySchema(AssociationQuerySchema):
    """Admin filters: disabled associations too."""

    enabled = fields.Boolean()


AdminAssociationPageSchema = page_schema(AdminAssociationSchema, "AdminAssociationPage")
