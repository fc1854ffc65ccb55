"""Report routes: categories, notice, uploads, submission, follow-up, my reports."""

from flask import g, request
from flask_limiter.errors import RateLimitExceeded
from flask_smorest import Blueprint

from ..common.auth import member_required
from ..common.schemas import PageArgsSchema
from ..common.uploads import allow_body
from . import limits, notify, services, uploads
from .categories import CATEGORIES
from .replay import HEADER, check_key
from .schemas import (
    CategorySchema,
    MessageCreateSchema,
    MyReportDetailSchema,
    MyReportPageSchema,
    NoticeSchema,
    OfferedSubscriptionSchema,
    RatingSchema,
    ReceiptArgsSchema,
    ReceiptSchema,
    ReportCreateSchema,
    ReportStatusSchema,
    SubscriptionArgsSchema,
    SubscriptionSchema,
    TrackMessageSchema,
    TrackRatingSchema,
    UploadFormSchema,
    UploadResultSchema,
)

blp = Blueprint("reports", __name__, url_prefix="/api/v1", description="问题反映（实名或匿名）")
blp.register_error_handler(RateLimitExceeded, limits.rate_limited)
blp.record_once(limits.quiet_logs)

# Calling this runs the member check and returns the member; only named reports do.
_logged_in_member = member_required(lambda: g.member)


@blp.get("/report-categories")
@blp.response(200, CategorySchema(many=True))
def list_categories():
    """The categories with guidance and, where another authority is competent, its channel."""
    return list(CATEGORIES)


@blp.get("/report-notice")
@blp.response(200, NoticeSchema)
def get_notice():
    """The notice (须知) to read before the form, and the form's limits; quote its version."""
    return {**services.notice(), "limits": limits.form_limits()}


@blp.post("/uploads")
@limits.upload_limit
@allow_body("REPORT_UPLOAD_MAX_BYTES")
@blp.arguments(UploadFormSchema, location="files")
@blp.response(201, UploadResultSchema)
def upload(files):
    """Upload one image (no login); it is re-encoded without metadata and kept for an hour."""
    return uploads.save_upload(files["file"].read())


@blp.post("/reports")
@limits.submit_limits[0]
@limits.submit_limits[1]
@blp.arguments(ReportCreateSchema)
@blp.response(201, ReceiptSchema)
@blp.alt_response(200, schema=ReceiptSchema, description="A retry: the first answer again")
@blp.doc(
    security=[{}, {"member": []}],
    parameters=[{"in": "header", "name": HEADER, "schema": {"type": "string"}}],
)
def submit_report(data):
    """File a report: anonymous needs no login and stores no identity; named needs a login."""
    key = request.headers.get(HEADER)
    check_key(key)
    member = None if data["anonymous"] else _logged_in_member()
    answer, created = services.submit(data, member, key)
    return answer, 201 if created else 200


@blp.post("/reports/track")
@limits.track_limit
@limits.receipt_failure_limit
@blp.arguments(ReceiptArgsSchema)
@blp.response(200, ReportStatusSchema)
def track(args):
    """Status, deadlines and conversation of the report with this receipt."""
    return services.find_by_receipt(args["receipt"])


@blp.post("/reports/track/messages")
@limits.message_limit
@limits.receipt_failure_limit
@blp.arguments(TrackMessageSchema)
@blp.response(201, ReportStatusSchema)
def track_reply(args):
    """Answer staff by receipt, optionally with images."""
    report = services.find_by_receipt(args["receipt"])
    return services.reply(report, args["body"], args["upload_ids"])


@blp.post("/reports/track/rating")
@limits.track_limit
@limits.receipt_failure_limit
@blp.arguments(TrackRatingSchema)
@blp.response(200, ReportStatusSchema)
def track_rate(args):
    """Rate a resolved report by receipt: 满意, 基本满意 or 不满意 (with a reason)."""
    report = services.find_by_receipt(args["receipt"])
    return services.rate(report, args["rating"], args.get("reason"))


@blp.get("/me/reports")
@member_required
@blp.arguments(PageArgsSchema, location="query")
@blp.response(200, MyReportPageSchema)
def list_my_reports(args):
    """My named reports, newest first."""
    return services.my_reports(g.member, **args)


@blp.get("/me/reports/<public_id>")
@member_required
@blp.response(200, MyReportDetailSchema)
def get_my_report(public_id):
    """One of my named reports, with its conversation."""
    return services.my_report(g.member, public_id)


@blp.post("/me/reports/<public_id>/messages")
@member_required
@limits.message_limit
@blp.arguments(MessageCreateSchema)
@blp.response(201, MyReportDetailSchema)
def reply_to_my_report(args, public_id):
    """Answer staff on one of my named reports."""
    report = services.my_report(g.member, public_id)
    return services.reply(report, args["body"], args["upload_ids"])


@blp.post("/me/reports/<public_id>/rating")
@member_required
@blp.arguments(RatingSchema)
@blp.response(200, MyReportDetailSchema)
def rate_my_report(args, public_id):
    """Rate one of my resolved named reports."""
    report = services.my_report(g.member, public_id)
    return services.rate(report, args["rating"], args.get("reason"))


@blp.get("/me/subscriptions")
@member_required
@blp.response(200, OfferedSubscriptionSchema(many=True))
def list_subscriptions():
    """Subscribe messages I can allow from 我的 (wx.requestSubscribeMessage with these ids)."""
    return notify.offered_subscriptions(g.member)


@blp.post("/me/subscriptions")
@member_required
@blp.arguments(SubscriptionArgsSchema)
@blp.response(201, SubscriptionSchema)
def add_subscription(args):
    """Record one consent to the report-status message (one message per consent)."""
    return notify.record_subscription(g.member, args["template_id"])
