"""Moderating a report: view, transitions, messages, assignment, extensions, merging, recusal."""

import logging

from sqlalchemy import select

from ..admins.models import Admin
from ..audit import services as audit
from ..common.auth import check_role
from ..common.roles import Role
from ..common.time import shanghai_today
from ..errors import Conflict, NotFound, field_error
from ..extensions import db
from ..reports import notify
from ..reports import services as reports
from ..reports.models import Attachment
from ..reports.statuses import FINISHED, STAFF, STATUS_LABELS, Status, allowed_targets
from ..reports.uploads import file_path
from ..workdays.services import add_workdays
from .models import Recusal
from .queue import HANDLERS, MODERATORS, deadline_state, due_on, get_visible

logger = logging.getLogger(__name__)

OUTCOME_LABELS = {
    "substantiated": "属实",
    "partly_substantiated": "部分属实",
    "unfounded": "失实",
}


def _record(action, report, **detail):
    # The trail names the report by its public number; never the reporter.
    audit.record(
        action,
        target_type="report",
        target_id=report.public_id,
        district_code=report.district_code,
        detail=detail,
    )


def view(admin, public_id):
    """A report's full detail for staff, with its trail; every view is audited."""
    report = get_visible(admin, public_id)
    _record("report.view", report)
    db.session.commit()
    handler = admin.role in HANDLERS
    # Named reporters' name and phone are for those who handle the report, not for reviewers.
    reporter = None
    if not report.anonymous and handler:
        reporter = {"name": report.reporter_name, "phone": report.reporter_phone}
    trail = audit.entries_for("report", report.public_id)
    return {
        "report": report,
        "deadline_state": deadline_state(report),
        "due_on": due_on(report),
        "reporter": reporter,
        "messages": report.messages,
        "attachments": [a for a in report.attachments if a.message_id is None],
        "allowed_transitions": allowed_targets(report.status) if handler else [],
        "trail": trail,
    }


def _post(report, admin, text):
    """A message to the reporter, from staff."""
    reports.add_message(report, STAFF, text, admin=admin)


def _check_reason(data, message):
    if not (data.get("note") or "").strip():
        raise field_error("note", message, reason="note_required")


def transition(admin, public_id, data):
    """Move a report to another status; the reporter reads the note; 409 if not allowed."""
    check_role(admin, HANDLERS)
    report = get_visible(admin, public_id, lock=True)
    to = data["to"]
    before = report.status
    note = (data.get("note") or "").strip()
    if to == Status.REJECTED:
        _check_reason(data, "不予受理须说明理由")
    if to == Status.TRANSFERRED:
        _check_reason(data, "转办须说明理由")
        if not (data.get("transferred_to") or "").strip():
            raise field_error("transferred_to", "请填写转办单位", reason="transferred_to_required")
    if to == Status.RESOLVED:
        _check_reason(data, "办结须说明办理结果")
        if data.get("outcome") not in OUTCOME_LABELS:
            raise field_error("outcome", "请选择核查结论", reason="outcome_required")
    if data.get("clear_association") and data.get("outcome") != "unfounded":
        raise field_error("clear_association", "仅“失实”的问题可为协会澄清", reason="cannot_clear")
    target = None
    if to == Status.MERGED:
        target = _merge_target(admin, report, data.get("merge_into"))
    reports.change_status(report, to, STAFF)
    if to == Status.TRANSFERRED:
        report.transferred_to = data["transferred_to"].strip()
    if to == Status.RESOLVED:
        report.outcome = data["outcome"]
        report.association_cleared = bool(data.get("clear_association"))
    if target is not None:
        report.merged_into_id = target.id
    text = _transition_text(report, note, target)
    if text:
        _post(report, admin, text)
    _record(
        "report.transition",
        report,
        **{
            "from": before,
            "to": report.status,
            "outcome": report.outcome if to == Status.RESOLVED else None,
        },
    )
    db.session.commit()
    notify.notify_status_change(report)
    return report


def _transition_text(report, note, target):
    """What the reporter reads about the change (never the report's own content)."""
    label = STATUS_LABELS[Status(report.status)]
    if report.status == Status.TRANSFERRED:
        return f"已转办至{report.transferred_to}。{note}"
    if report.status == Status.RESOLVED:
        return f"办理结果（{OUTCOME_LABELS[report.outcome]}）：{note}"
    if report.status == Status.MERGED:
        return f"该问题与 {target.public_id} 反映的问题相同，已合并办理。{note}".strip()
    if report.status == Status.REJECTED:
        return f"不予受理。理由：{note}"
    return f"{label}。{note}" if note else None


def _merge_target(admin, report, public_id):
    if not public_id:
        raise field_error("merge_into", "请填写要合并到的问题编号", reason="merge_target_required")
    try:
        target = get_visible(admin, public_id.strip().upper())
    except NotFound:
        raise field_error(
            "merge_into", "找不到该问题编号", reason="merge_target_not_found"
        ) from None
    if target.id == report.id or target.status in FINISHED:
        raise field_error(
            "merge_into", "只能合并到另一件未办结的问题", reason="merge_target_invalid"
        )
    return target


def post_message(admin, public_id, body, internal):
    """A staff reply to the reporter, or an internal note (reviewers: notes only)."""
    check_role(admin, MODERATORS if internal else HANDLERS)
    report = get_visible(admin, public_id, lock=True)
    if not internal and (report.status in FINISHED or report.purged_on is not None):
        raise Conflict("该问题反映已办理完毕，不能再回复", reason="report_finished")
    message = reports.add_message(report, STAFF, body, admin=admin, internal=internal)
    _record("report.note" if internal else "report.reply", report)
    db.session.commit()
    return message


def assign(admin, public_id, admin_id):
    """Give the report to a colleague who can see it (or to nobody)."""
    check_role(admin, HANDLERS)
    report = get_visible(admin, public_id, lock=True)
    assignee = None
    if admin_id is not None:
        assignee = db.session.get(Admin, admin_id)
        if assignee is None or not assignee.is_active or not _can_handle(assignee, report):
            raise field_error("admin_id", "该账号不能办理此问题", reason="assignee_invalid")
    report.assigned_admin_id = assignee.id if assignee else None
    _record("report.assign", report, admin_id=report.assigned_admin_id)
    db.session.commit()
    return report


def _can_handle(candidate, report):
    if candidate.role not in MODERATORS:
        return False
    if candidate.role != Role.CITY_ADMIN and candidate.district_code != report.district_code:
        return False
    recused = db.session.scalar(
        select(Recusal.id).where(Recusal.report_id == report.id, Recusal.admin_id == candidate.id)
    )
    return recused is None


def extend(admin, public_id, which, workdays, reason):
    """Extend the pending deadline before it passes, with a reason the reporter reads."""
    check_role(admin, HANDLERS)
    report = get_visible(admin, public_id, lock=True)
    field = {"accept": "accept_due_on", "resolve": "resolve_due_on"}[which]
    pending = (Status.SUBMITTED,) if which == "accept" else (Status.ACCEPTED, Status.IN_PROGRESS)
    if report.status not in pending:
        raise Conflict("该时限当前不在计时中", reason="deadline_not_pending")
    current = getattr(report, field)
    if current < shanghai_today():
        raise Conflict("时限已过，不能再延期", reason="deadline_passed")
    new_due = add_workdays(current, workdays)
    setattr(report, field, new_due)
    report.extension_reason = reason
    label = "受理" if which == "accept" else "办结"
    _post(report, admin, f"{label}时限延长至 {new_due.isoformat()}。理由：{reason}")
    _record("report.extend", report, deadline=which, workdays=workdays, due_on=new_due.isoformat())
    db.session.commit()
    return report


def recuse(admin, public_id, reason):
    """Step aside from a report (conflict of interest); it disappears from the admin's view."""
    report = get_visible(admin, public_id, lock=True)
    db.session.add(Recusal(report_id=report.id, admin_id=admin.id, reason=reason))
    if report.assigned_admin_id == admin.id:
        report.assigned_admin_id = None
    _record("report.recuse", report)
    db.session.commit()


def attachment(admin, public_id, position):
    """The stored file of one attachment, for staff; the access is audited."""
    report = get_visible(admin, public_id)
    item = db.session.scalar(
        select(Attachment).where(Attachment.report_id == report.id, Attachment.position == position)
    )
    path = file_path(item) if item is not None else None
    if path is None or not path.exists():
        raise NotFound("附件不存在或已按保留期限删除", reason="attachment_not_found")
    _record("report.attachment_view", report, position=position)
    db.session.commit()
    return item, path


def assignable(report):
    """Active admins who could be given the report."""
    candidates = db.session.scalars(
        select(Admin)
        .where(Admin.is_active.is_(True), Admin.role.in_([role.value for role in MODERATORS]))
        .order_by(Admin.username)
    )
    return [candidate for candidate in candidates if _can_handle(candidate, report)]
