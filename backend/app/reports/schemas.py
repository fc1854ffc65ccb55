"""Report schemas."""

from flask_smorest.fields import Upload
from marshmallow import fields, validate

from ..associations.schemas import AssociationSummarySchema
from ..common.schemas import Schema, Text, page_schema
from .categories import category_name
from .services import RATING_LABELS
from .statuses import STATUS_LABELS

MOBILE = validate.Regexp(r"^1[3-9]\d{9}$", error="请填写 11 位手机号码")
UPLOAD_IDS = fields.List(
    fields.String(validate=validate.Length(min=1, max=64)),
    load_default=list,
    metadata={"description": "ids from POST /uploads, at most REPORT_MAX_IMAGES"},
)


class ReferralSchema(Schema):
    """Another authority competent for part of a category."""

    authority = fields.String()
    channel = fields.String()
    when = fields.String()


class CategoryItemSchema(Schema):
    """A category a report can carry."""

    code = fields.String()
    name = fields.String()
    guidance = fields.String()
    referral = fields.Nested(ReferralSchema, allow_none=True)


class CategorySchema(CategoryItemSchema):
    """A top-level category; a group's children are the choices."""

    children = fields.List(fields.Nested(CategoryItemSchema))


class FormLimitsSchema(Schema):
    """What the form must respect, so it can say so before the server refuses."""

    max_images = fields.Integer(metadata={"description": "images per report or message"})
    max_image_bytes = fields.Integer(metadata={"description": "bytes per uploaded image"})
    title_max = fields.Integer(metadata={"description": "characters"})
    body_max = fields.Integer(metadata={"description": "characters"})
    daily_reports = fields.Integer(
        allow_none=True, metadata={"description": "reports a client may file per day"}
    )
    accept_workdays = fields.Integer(metadata={"description": "working days to accept or refuse"})
    resolve_workdays = fields.Integer(metadata={"description": "working days to resolve"})


class NoticeSchema(Schema):
    """The notice (须知) shown before the form; submissions quote its version."""

    version = fields.String()
    title = fields.String()
    paragraphs = fields.List(fields.String())
    limits = fields.Nested(FormLimitsSchema)


class UploadFormSchema(Schema):
    """multipart/form-data with one image."""

    file = Upload(required=True, metadata={"description": "JPEG, PNG or WebP, at most 10 MB"})


class UploadResultSchema(Schema):
    """An upload id to quote in upload_ids within the hour; it is the uploader's secret."""

    upload_id = fields.String()
    expires_in = fields.Integer(metadata={"description": "seconds"})
    mime = fields.String()
    width = fields.Integer()
    height = fields.Integer()


class ReportCreateSchema(Schema):
    """POST /reports."""

    anonymous = fields.Boolean(required=True)
    category = fields.String(required=True, validate=validate.Length(min=1, max=40))
    district = fields.String(
        required=True, validate=validate.Regexp(r"^\d{6}$", error="区县代码应为 6 位数字")
    )
    association_id = fields.Integer(required=True, validate=validate.Range(min=1))
    title = Text(required=True, validate=validate.Length(min=4, max=50))
    body = Text(required=True, validate=validate.Length(min=20, max=2000))
    upload_ids = UPLOAD_IDS
    notice_version = fields.String(required=True, validate=validate.Length(min=1, max=20))
    reporter_name = Text(validate=validate.Length(min=2, max=20))
    reporter_phone = fields.String(validate=MOBILE)


class ReceiptSchema(Schema):
    """The answer to a submission: the receipt is shown this once."""

    receipt = fields.String(metadata={"description": "16 digits, stored only as a hash"})
    public_id = fields.String()
    status = fields.String()


class ReceiptArgsSchema(Schema):
    """A receipt as the reporter typed it (spaces and dashes are ignored)."""

    receipt = fields.String(required=True, validate=validate.Length(min=1, max=64))


class MessageCreateSchema(Schema):
    """A reporter's message, with images."""

    body = Text(required=True, validate=validate.Length(min=2, max=2000))
    upload_ids = UPLOAD_IDS


class TrackMessageSchema(ReceiptArgsSchema, MessageCreateSchema):
    """POST /reports/track/messages."""


class RatingSchema(Schema):
    """The reporter's rating of a resolved report; 不满意 needs a reason."""

    rating = fields.String(required=True, validate=validate.OneOf(list(RATING_LABELS)))
    reason = Text(validate=validate.Length(min=2, max=500))


class TrackRatingSchema(ReceiptArgsSchema, RatingSchema):
    """POST /reports/track/rating."""


class MessageSchema(Schema):
    """One message the reporter may read."""

    author = fields.String(metadata={"description": "reporter or staff"})
    body = fields.String()
    sent_on = fields.Date()
    attachment_count = fields.Function(lambda message: len(message.attachments))


class ReportStatusSchema(Schema):
    """What a reporter sees: status, category, dates, deadlines, conversation."""

    public_id = fields.String()
    anonymous = fields.Boolean()
    status = fields.String()
    status_label = fields.Function(lambda report: STATUS_LABELS[report.status])
    category = fields.String()
    category_name = fields.Function(lambda report: category_name(report.category))
    submitted_on = fields.Date()
    accepted_on = fields.Date(allow_none=True)
    resolved_on = fields.Date(allow_none=True)
    accept_due_on = fields.Date()
    resolve_due_on = fields.Date()
    extension_reason = fields.String(allow_none=True)
    transferred_to = fields.String(allow_none=True)
    merged_into = fields.Function(
        lambda report: report.merged_into.public_id if report.merged_into else None,
        metadata={"description": "The public id of the report this one joined (status merged)"},
    )
    can_rate = fields.Boolean()
    rating = fields.String(allow_none=True)
    reopened = fields.Boolean()
    purged = fields.Function(lambda report: report.purged_on is not None)
    messages = fields.List(fields.Nested(MessageSchema), attribute="public_messages")


class MyReportSchema(Schema):
    """One of my named reports in the list."""

    public_id = fields.String()
    title = fields.String(allow_none=True)
    status = fields.String()
    status_label = fields.Function(lambda report: STATUS_LABELS[report.status])
    category = fields.String()
    category_name = fields.Function(lambda report: category_name(report.category))
    association = fields.Nested(AssociationSummarySchema)
    submitted_on = fields.Date()
    accept_due_on = fields.Date()
    resolve_due_on = fields.Date()
    can_rate = fields.Boolean()
    rating = fields.String(allow_none=True)


class MyReportDetailSchema(ReportStatusSchema):
    """One of my named reports, with what I wrote."""

    title = fields.String(allow_none=True)
    body = fields.String(allow_none=True)
    association = fields.Nested(AssociationSummarySchema)
    reporter_name = fields.String(allow_none=True)
    reporter_phone = fields.String(allow_none=True)


MyReportPageSchema = page_schema(MyReportSchema, "MyReportPage")


class SubscriptionArgsSchema(Schema):
    """A consent from wx.requestSubscribeMessage for the status template."""

    template_id = fields.String(required=True, validate=validate.Length(min=1, max=64))


class SubscriptionSchema(Schema):
    """The sends the member has allowed for the template."""

    template_id = fields.String()
    credits = fields.Integer()


class OfferedSubscriptionSchema(Schema):
    """A subscribe message the member can allow from 我的, and the sends already allowed."""

    kind = fields.String(metadata={"description": "report_status"})
    template_id = fields.String()
    credits = fields.Integer()
