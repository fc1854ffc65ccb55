"""Admin schemas."""

from marshmallow import fields, validate

from ..common.roles import ROLE_LABELS, Role
from ..common.schemas import PageArgsSchema, Schema, Text, page_schema


class AdminSchema(Schema):
    """An admin account as the console shows it (never the password hash)."""

    id = fields.Integer()
    username = fields.String()
    role = fields.String()
    role_label = fields.Function(lambda admin: ROLE_LABELS[admin.role])
    district = fields.String(attribute="district_code", allow_none=True)
    association_id = fields.Integer(allow_none=True)
    is_active = fields.Boolean()
    totp_enabled = fields.Boolean()
    last_login_at = fields.DateTime(allow_none=True)


class TotpEnrolmentSchema(Schema):
    """A new TOTP secret for the authenticator app."""

    secret = fields.String()
    uri = fields.String()
    qr_svg = fields.String()


class TotpCodeSchema(Schema):
    """A six-digit code from the authenticator app."""

    code = Text(required=True, validate=validate.Regexp(r"^\d{6}$", error="验证码应为 6 位数字"))


class AdminCreateSchema(Schema):
    """A new admin account."""

    username = Text(
        required=True,
        validate=validate.Regexp(
            r"^[A-Za-z0-9_.-]{2,40}$", error="用户名为 2–40 位字母、数字或 _.-"
        ),
    )
    password = fields.String(required=True, validate=validate.Length(max=128))
    role = fields.String(required=True, validate=validate.OneOf([role.value for role in Role]))
    district = fields.String(allow_none=True)
    association_id = fields.Integer(allow_none=True)


class AdminUpdateSchema(Schema):
    """Changes to an admin account."""

    password = fields.String(validate=validate.Length(max=128))
    role = fields.String(validate=validate.OneOf([role.value for role in Role]))
    district = fields.String(allow_none=True)
    association_id = fields.Integer(allow_none=True)
    is_active = fields.Boolean()


class AdminQuerySchema(PageArgsSchema):
    """Filters for the account list."""

    role = fields.String(validate=validate.OneOf([role.value for role in Role]))
    q = Text(validate=validate.Length(max=40))


AdminPageSchema = page_schema(AdminSchema, "AdminPage")
