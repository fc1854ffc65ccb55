"""Moderation routes under /admin/reports."""

from flask import g, send_file
from flask_smorest import Blueprint

from ..common.auth import admin_required
from . import queue, services
from .queue import HANDLERS, MODERATORS
from .schemas import (
    AssignSchema,
    ExtendSchema,
    QueueItemSchema,
    QueuePageSchema,
    QueueQuerySchema,
    RecuseSchema,
    ReportDetailSchema,
    StaffMessageCreateSchema,
    StaffMessageSchema,
    TransitionSchema,
)

blp = Blueprint(
    "moderation", __name__, url_prefix="/api/v1/admin/reports", description="问题反映办理"
)


@blp.get("")
@admin_required(*MODERATORS)
@blp.arguments(QueueQuerySchema, location="query")
@blp.response(200, QueuePageSchema)
def list_reports(args):
    """The queue in my scope, nearest deadline first, with filters and deadline states."""
    page, page_size = args.pop("page"), args.pop("page_size")
    return queue.list_queue(g.admin, args, page, page_size)


@blp.get("/<public_id>")
@admin_required(*MODERATORS)
@blp.response(200, ReportDetailSchema)
def get_report(public_id):
    """One report with its conversation, attachments and audit trail (the view is audited)."""
    return services.view(g.admin, public_id)


@blp.post("/<public_id>/transition")
@admin_required(*HANDLERS)
@blp.arguments(TransitionSchema)
@blp.response(200, QueueItemSchema)
def transition(data, public_id):
    """Move the report along the status machine; anything else is 409."""
    return services.transition(g.admin, public_id, data)


@blp.post("/<public_id>/messages")
@admin_required(*MODERATORS)
@blp.arguments(StaffMessageCreateSchema)
@blp.response(201, StaffMessageSchema)
def post_message(data, public_id):
    """Reply to the reporter, or write an internal note (reviewers: notes only)."""
    return services.post_message(g.admin, public_id, data["body"], data["internal"])


@blp.post("/<public_id>/assign")
@admin_required(*HANDLERS)
@blp.arguments(AssignSchema)
@blp.response(200, QueueItemSchema)
def assign(data, public_id):
    """Give the report to a colleague in its district (or to nobody)."""
    return services.assign(g.admin, public_id, data["admin_id"])


@blp.post("/<public_id>/extend")
@admin_required(*HANDLERS)
@blp.arguments(ExtendSchema)
@blp.response(200, QueueItemSchema)
def extend(data, public_id):
    """Extend the pending deadline before it passes; the reporter reads the reason."""
    return services.extend(g.admin, public_id, data["deadline"], data["workdays"], data["reason"])


@blp.post("/<public_id>/recuse")
@admin_required(*MODERATORS)
@blp.arguments(RecuseSchema)
@blp.response(204)
def recuse(data, public_id):
    """Step aside from a report that concerns me; I no longer see it."""
    services.recuse(g.admin, public_id, data["reason"])


@blp.get("/<public_id>/attachments/<int:position>")
@admin_required(*MODERATORS)
@blp.response(200)
def get_attachment(public_id, position):
    """An attached image, as a download, never rendered inline."""
    item, path = services.attachment(g.admin, public_id, position)
    response = send_file(
        path,
        mimetype=item.mime,
        as_attachment=True,
        download_name=f"{public_id}-{position}{path.suffix}",
        max_age=0,
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "no-store"
    return response
