"""Admin schemas."""

from marshmallow import fields, validate

from ..common.roles import ROLE_LABELS
from ..common.schemas import Schema, Text


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
