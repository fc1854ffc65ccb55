"""The daily reminder of what falls due (催办): overdue reports and those due next."""

from sqlalchemy import select

from ..common.time import shanghai_today
from ..extensions import db
from ..reports.models import Report
from ..reports.statuses import STATUS_LABELS, Status
from ..workdays.services import add_workdays
from .queue import due_on


def due_reports(today=None):
    """{district name: {"overdue": [...], "due": [...]}} for reports with a pending deadline."""
    today = today or shanghai_today()
    horizon = add_workdays(today, 1)
    pending = (Status.SUBMITTED.value, Status.ACCEPTED.value, Status.IN_PROGRESS.value)
    summary = {}
    for report in db.session.scalars(
        select(Report).where(Report.status.in_(pending)).order_by(Report.district_code)
    ):
        deadline = due_on(report)
        kind = "overdue" if deadline < today else "due" if deadline <= horizon else None
        if kind is None:
            continue
        district = summary.setdefault(report.district.name, {"overdue": [], "due": []})
        district[kind].append(
            {
                "public_id": report.public_id,
                "status": STATUS_LABELS[Status(report.status)],
                "due_on": deadline,
                "assigned": report.assigned_admin.username if report.assigned_admin else None,
            }
        )
    return summary
