"""Console pages for moderating reports."""

from flask import flash, g, redirect, render_template, request, send_file, url_for

from ..errors import ApiError, NotFound
from ..moderation import queue, services
from ..moderation.queue import HANDLERS, MODERATORS
from ..moderation.schemas import DEADLINE_STATES
from ..moderation.services import OUTCOME_LABELS
from ..reports.categories import category_name
from ..reports.statuses import STATUS_LABELS, Status
from .blueprint import blp, login_required
from .forms import AssignForm, ExtendForm, MessageForm, RecuseForm, TransitionForm, choices

PAGE_SIZE = 20
DEADLINE_LABELS = {"overdue": "已逾期", "due_soon": "即将到期", "on_time": "未到期"}


@blp.app_template_filter("status_label")
def status_label(status):
    """A report status in Chinese."""
    return STATUS_LABELS[Status(status)]


@blp.app_template_filter("category_label")
def category_label(code):
    """A report category in Chinese."""
    return category_name(code)


@blp.get("/reports")
@login_required(*MODERATORS)
def reports():
    """The report queue with filters."""
    filters = {
        key: request.args.get(key) or None for key in ("status", "deadline", "assigned", "q")
    }
    if filters["deadline"] not in (None, *DEADLINE_STATES):
        filters["deadline"] = None
    page = max(request.args.get("page", 1, type=int), 1)
    listing = queue.list_queue(g.admin, filters, page, PAGE_SIZE)
    return render_template(
        "console/reports.html",
        listing=listing,
        filters=filters,
        statuses=STATUS_LABELS,
        deadline_labels=DEADLINE_LABELS,
        deadline_state=queue.deadline_state,
        due_on=queue.due_on,
    )


def _forms(detail):
    transition = TransitionForm(prefix="t")
    transition.to.choices = choices(
        (s, STATUS_LABELS[Status(s)]) for s in detail["allowed_transitions"]
    )
    transition.outcome.choices = choices([("", "—"), *OUTCOME_LABELS.items()])
    assign = AssignForm(prefix="a")
    assign.admin_id.choices = choices(
        [("", "未分派"), *((str(a.id), a.username) for a in services.assignable(detail["report"]))]
    )
    if detail["report"].assigned_admin_id:
        assign.admin_id.data = str(detail["report"].assigned_admin_id)
    return {
        "transition_form": transition,
        "message_form": MessageForm(prefix="m"),
        "assign_form": assign,
        "extend_form": ExtendForm(prefix="e"),
        "recuse_form": RecuseForm(prefix="r"),
    }


@blp.get("/reports/<public_id>")
@login_required(*MODERATORS)
def report(public_id):
    """A report: content, conversation, attachments, actions and its audit trail."""
    detail = services.view(g.admin, public_id)
    return render_template(
        "console/report.html",
        detail=detail,
        handler=g.admin.role in HANDLERS,
        outcomes=OUTCOME_LABELS,
        deadline_labels=DEADLINE_LABELS,
        **_forms(detail),
    )


def _in_scope(public_id):
    """404 for a report outside my scope, before anything in the form is looked at."""
    queue.get_visible(g.admin, public_id)


def _act(public_id, action):
    """Run a moderation action from a form; show its error instead of failing the page."""
    try:
        action()
    except NotFound:
        raise
    except ApiError as failure:
        details = "；".join(m for messages in failure.errors.values() for m in messages)
        flash(details or failure.message, "error")
    else:
        flash("已保存")
    return redirect(url_for("console.report", public_id=public_id))


@blp.post("/reports/<public_id>/transition")
@login_required(*HANDLERS)
def report_transition(public_id):
    """Change the status."""
    _in_scope(public_id)
    form = TransitionForm(prefix="t")
    data = {
        "to": form.to.data,
        "note": (form.note.data or "").strip(),
        "transferred_to": (form.transferred_to.data or "").strip() or None,
        "outcome": form.outcome.data or None,
        "clear_association": form.clear_association.data,
        "merge_into": (form.merge_into.data or "").strip() or None,
    }
    return _act(public_id, lambda: services.transition(g.admin, public_id, data))


@blp.post("/reports/<public_id>/messages")
@login_required(*MODERATORS)
def report_message(public_id):
    """Reply to the reporter or add an internal note."""
    _in_scope(public_id)
    form = MessageForm(prefix="m")
    body = (form.body.data or "").strip()
    if not body:
        flash("请输入内容", "error")
        return redirect(url_for("console.report", public_id=public_id))
    return _act(
        public_id, lambda: services.post_message(g.admin, public_id, body, form.internal.data)
    )


@blp.post("/reports/<public_id>/assign")
@login_required(*HANDLERS)
def report_assign(public_id):
    """Assign the report."""
    _in_scope(public_id)
    value = AssignForm(prefix="a").admin_id.data
    admin_id = int(value) if value and value.isdigit() else None
    return _act(public_id, lambda: services.assign(g.admin, public_id, admin_id))


@blp.post("/reports/<public_id>/extend")
@login_required(*HANDLERS)
def report_extend(public_id):
    """Extend a deadline."""
    _in_scope(public_id)
    form = ExtendForm(prefix="e")
    if not form.validate():
        flash("；".join(m for messages in form.errors.values() for m in messages), "error")
        return redirect(url_for("console.report", public_id=public_id))
    return _act(
        public_id,
        lambda: services.extend(
            g.admin, public_id, form.deadline.data, form.workdays.data, form.reason.data.strip()
        ),
    )


@blp.post("/reports/<public_id>/recuse")
@login_required(*MODERATORS)
def report_recuse(public_id):
    """Step aside from the report."""
    _in_scope(public_id)
    form = RecuseForm(prefix="r")
    if not form.validate():
        flash("请填写回避理由", "error")
        return redirect(url_for("console.report", public_id=public_id))
    services.recuse(g.admin, public_id, form.reason.data.strip())
    flash("已回避，该问题不再对您显示")
    return redirect(url_for("console.reports"))


@blp.get("/reports/<public_id>/attachments/<int:position>")
@login_required(*MODERATORS)
def report_attachment(public_id, position):
    """Download an attachment."""
    item, path = services.attachment(g.admin, public_id, position)
    response = send_file(
        path,
        mimetype=item.mime,
        as_attachment=True,
        download_name=f"{public_id}-{position}{path.suffix}",
        max_age=0,
    )
    response.headers["Cache-Control"] = "no-store"
    return response
