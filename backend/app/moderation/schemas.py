"""Moderation schemas."""

from marshmallow import fields, validate

from ..associations.schemas import AssociationSummarySchema
from ..audit.schemas import AuditEntrySchema
from ..common.schemas import PageArgsSchema, Schema, Text, page_schema
from ..reports.categories import category_name
from ..reports.statuses import STATUS_LABELS, Status
from .queue import deadline_state, due_on
from .services import OUTCOME_LABELS

STATUS_CHOICES = [status.value for status in Status]
DEADLINE_STATES = ["overdue", "due_soon", "on_time"]


class QueueQuerySchema(PageArgsSchema):
    """Queue filters."""

    status = fields.String(validate=validate.OneOf(STATUS_CHOICES))
    category = Text(validate=validate.Length(max=40))
    district = Text(validate=validate.Regexp(r"^\d{6}$", error="区县代码应为 6 位数字"))
    association_id = fields.Integer()
    assigned = fields.String(validate=validate.OneOf(["me", "none"]))
    deadline = fields.String(validate=validate.OneOf(DEADLINE_STATES))
    q = Text(validate=validate.Length(max=50))


class AdminRefSchema(Schema):
    """An admin as a report's assignee."""

    id = fields.Integer()
    username = fields.String()


class QueueItemSchema(Schema):
    """A report in the queue."""

    public_id = fields.String()
    anonymous = fields.Boolean()
    status = fields.String()
    status_label = fields.Function(lambda report: STATUS_LABELS[report.status])
    category = fields.String()
    category_name = fields.Function(lambda report: category_name(report.category))
    district = fields.String(attribute="district_code")
    district_name = fields.String(attribute="district.name")
    association = fields.Nested(AssociationSummarySchema)
    title = fields.String(allow_none=True)
    submitted_on = fields.Date()
    due_on = fields.Function(lambda report: due_on(report), allow_none=True)
    deadline_state = fields.Function(lambda report: deadline_state(report), allow_none=True)
    assigned_admin = fields.Nested(AdminRefSchema, allow_none=True)


QueuePageSchema = page_schema(QueueItemSchema, "ReportQueuePage")


class ReportFullSchema(QueueItemSchema):
    """Everything staff see about a report's own fields."""

    body = fields.String(allow_none=True)
    accept_due_on = fields.Date()
    resolve_due_on = fields.Date()
    accepted_on = fields.Date(allow_none=True)
    resolved_on = fields.Date(allow_none=True)
    finished_on = fields.Date(allow_none=True)
    extension_reason = fields.String(allow_none=True)
    transferred_to = fields.String(allow_none=True)
    outcome = fields.String(allow_none=True)
    outcome_label = fields.Function(
        lambda report: OUTCOME_LABELS.get(report.outcome) if report.outcome else None
    )
    association_cleared = fields.Boolean()
    rating = fields.String(allow_none=True)
    reopened = fields.Boolean()
    purged_on = fields.Date(allow_none=True)


class ReporterSchema(Schema):
    """A named reporter's contact, for those who handle the report."""

    name = fields.String()
    phone = fields.String()


class StaffMessageSchema(Schema):
    """A message of the conversation, internal notes included."""

    author = fields.String()
    internal = fields.Boolean()
    body = fields.String()
    sent_on = fields.Date()
    sent_at = fields.DateTime(allow_none=True)
    admin_id = fields.Integer(allow_none=True)
    attachments = fields.Function(lambda message: [a.position for a in message.attachments])


class AttachmentSchema(Schema):
    """An image attached to the report."""

    position = fields.Integer()
    mime = fields.String()
    size_bytes = fields.Integer()
    width = fields.Integer()
    height = fields.Integer()


class ReportDetailSchema(Schema):
    """The report, its reporter (when allowed), conversation, attachments and trail."""

    report = fields.Nested(ReportFullSchema)
    deadline_state = fields.String(allow_none=True)
    due_on = fields.Date(allow_none=True)
    reporter = fields.Nested(ReporterSchema, allow_none=True)
    messages = fields.List(fields.Nested(StaffMessageSchema))
    attachments = fields.List(fields.Nested(AttachmentSchema))
    allowed_transitions = fields.List(fields.String())
    trail = fields.List(fields.Nested(AuditEntrySchema))


class TransitionSchema(Schema):
    """A status change and the note the reporter reads."""

    to = fields.String(required=True, validate=validate.OneOf(STATUS_CHOICES))
    note = Text(load_default="", validate=validate.Length(max=1000))
    transferred_to = Text(validate=validate.Length(max=100))
    outcome = fields.String(validate=validate.OneOf(list(OUTCOME_LABELS)))
    clear_association = fields.Boolean(load_default=False)
    merge_into = Text(validate=validate.Length(max=12))


class StaffMessageCreateSchema(Schema):
    """A reply to the reporter, or an internal note."""

    body = Text(required=True, validate=validate.Length(min=1, max=2000))
    internal = fields.Boolean(load_default=False)


class AssignSchema(Schema):
    """Who handles the report (null: nobody)."""

    admin_id = fields.Integer(required=True, allow_none=True)


class ExtendSchema(Schema):
    """Extend a deadline by some working days, with a reason the reporter reads."""

    deadline = fields.String(required=True, validate=validate.OneOf(["accept", "resolve"]))
    workdays = fields.Integer(required=True, validate=validate.Range(min=1, max=60))
    reason = Text(required=True, validate=validate.Length(min=4, max=200))


class RecuseSchema(Schema):
    """Why the admin steps aside."""

    reason = Text(required=True, validate=validate.Length(min=2, max=200))
