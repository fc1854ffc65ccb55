"""Member schemas."""

from marshmallow import ValidationError, fields, validate, validates_schema

from ..associations.schemas import AssociationSummarySchema
from ..common.schemas import Schema, Text


class MemberSchema(Schema):
    """A member as they see themselves."""

    id = fields.Integer()
    nickname = fields.String(allow_none=True)
    association = fields.Nested(AssociationSummarySchema, allow_none=True)
    created_at = fields.DateTime()


class MemberUpdateSchema(Schema):
    """PATCH /me: a new nickname, or joining (or leaving, with null) an association."""

    nickname = Text(validate=validate.Length(min=1, max=20))
    association_id = fields.Integer(allow_none=True, validate=validate.Range(min=1))

    @validates_schema
    def not_empty(self, data, **kwargs):
        """At least one field must be given."""
        if not data:
            raise ValidationError("请至少提供一个要修改的字段", "_schema")


class MyDataCountsSchema(Schema):
    """How many rows of each kind the server keeps about me."""

    attempts = fields.Integer(metadata={"description": "competition attempts and practice rounds"})
    competition_entries = fields.Integer(metadata={"description": "best attempts, one a contest"})
    checkins = fields.Integer()
    named_reports = fields.Integer(metadata={"description": "anonymous ones carry no member"})
    mistakes = fields.Integer(metadata={"description": "questions in my mistake book"})
    subscription_credits = fields.Integer(metadata={"description": "messages I allowed"})
    reminders = fields.Integer(metadata={"description": "competition opening reminders waiting"})


class MyDataSchema(Schema):
    """What the server holds about me, for the privacy page."""

    member = fields.Nested(MemberSchema)
    counts = fields.Nested(MyDataCountsSchema)
