"""Login schemas."""

from flask import current_app
from marshmallow import fields, validate

from ..admins.schemas import AdminSchema
from ..common.schemas import Schema, Text
from ..members.schemas import MemberSchema


class MemberLoginSchema(Schema):
    """The code from wx.login()."""

    code = Text(required=True, validate=validate.Length(min=1, max=128))


class MemberTokenSchema(Schema):
    """A member token, its lifetime in seconds, and the member."""

    token = fields.String()
    expires_in = fields.Integer()
    member = fields.Nested(MemberSchema)


class AdminLoginSchema(Schema):
    """Username and password."""

    username = Text(required=True, validate=validate.Length(min=1, max=40))
    password = fields.String(required=True, validate=validate.Length(min=1, max=128))
    otp = Text(validate=validate.Length(max=10))


class AdminTokenSchema(Schema):
    """An admin token, its longest lifetime and its idle timeout in seconds, and the admin."""

    token = fields.String()
    expires_in = fields.Integer()
    idle_timeout = fields.Function(
        lambda _: int(current_app.config["ADMIN_IDLE_TIMEOUT"].total_seconds())
    )
    admin = fields.Nested(AdminSchema)
