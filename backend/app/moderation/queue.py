"""Which reports an admin may see, and the queue with its filters and deadline states."""

from sqlalchemy import and_, case, exists, or_, select

from ..common.pagination import paginate
from ..common.roles import Role, district_scope
from ..common.search import contains
from ..common.time import shanghai_today
from ..errors import Forbidden, NotFound
from ..extensions import db
from ..reports.models import Report
from ..reports.statuses import Status
from ..workdays.services import add_workdays
from .models import Recusal

# Roles that work on reports; an association officer never sees one (回避 by design).
MODERATORS = (Role.CITY_ADMIN, Role.DISTRICT_ADMIN, Role.REVIEWER)
# Roles that move reports along, reply to reporters and assign work; reviewers only read and note.
HANDLERS = (Role.CITY_ADMIN, Role.DISTRICT_ADMIN)
# "Due soon": the deadline falls within this many working days.
DUE_SOON_WORKDAYS = 3


def _due_on():
    """The deadline that currently matters: accepting while submitted, resolving while open."""
    return case(
        (Report.status == Status.SUBMITTED.value, Report.accept_due_on),
        (
            Report.status.in_([Status.ACCEPTED.value, Status.IN_PROGRESS.value]),
            Report.resolve_due_on,
        ),
        else_=None,
    )


def due_on(report):
    """The report's current deadline, or None once nothing is pending."""
    if report.status == Status.SUBMITTED:
        return report.accept_due_on
    if report.status in (Status.ACCEPTED, Status.IN_PROGRESS):
        return report.resolve_due_on
    return None


def deadline_state(report, today=None):
    """'overdue', 'due_soon', 'on_time', or None when no deadline is pending."""
    deadline = due_on(report)
    if deadline is None:
        return None
    today = today or shanghai_today()
    if deadline < today:
        return "overdue"
    if deadline <= add_workdays(today, DUE_SOON_WORKDAYS):
        return "due_soon"
    return "on_time"


def visible(admin):
    """Reports in the admin's district (city admins: all), minus those they stepped aside from."""
    if admin.role not in MODERATORS:
        raise Forbidden("当前角色无权查看问题反映", reason="role_forbidden")
    recused = exists().where(Recusal.report_id == Report.id, Recusal.admin_id == admin.id)
    statement = select(Report).where(~recused)
    scope = district_scope(admin)
    if scope is not None:
        statement = statement.where(Report.district_code == scope)
    return statement


def get_visible(admin, public_id, *, lock=False):
    """One report the admin may see, or 404 (also for reports outside the scope)."""
    statement = visible(admin).where(Report.public_id == public_id)
    if lock:
        statement = statement.with_for_update(of=Report).execution_options(populate_existing=True)
    report = db.session.scalar(statement)
    if report is None:
        raise NotFound("问题反映不存在", reason="report_not_found")
    return report


def list_queue(admin, filters, page, page_size):
    """The queue, oldest deadline first, with filters."""
    statement = visible(admin)
    if filters.get("status"):
        statement = statement.where(Report.status == filters["status"])
    if filters.get("category"):
        statement = statement.where(Report.category == filters["category"])
    if filters.get("district"):
        statement = statement.where(Report.district_code == filters["district"])
    if filters.get("association_id"):
        statement = statement.where(Report.association_id == filters["association_id"])
    if filters.get("assigned") == "me":
        statement = statement.where(Report.assigned_admin_id == admin.id)
    elif filters.get("assigned") == "none":
        statement = statement.where(Report.assigned_admin_id.is_(None))
    if filters.get("q"):
        text = filters["q"].strip()
        statement = statement.where(
            or_(
                Report.public_id == text.upper(),
                contains(Report.title, text),
                contains(Report.body, text),
            )
        )
    deadline = _due_on()
    if filters.get("deadline"):
        statement = statement.where(_deadline_filter(deadline, filters["deadline"]))
    statement = statement.order_by(deadline.asc().nulls_last(), Report.submitted_on, Report.id)
    return paginate(statement, page, page_size)


def _deadline_filter(deadline, state):
    today = shanghai_today()
    soon = add_workdays(today, DUE_SOON_WORKDAYS)
    if state == "overdue":
        return deadline < today
    if state == "due_soon":
        return and_(deadline >= today, deadline <= soon)
    return deadline > soon
