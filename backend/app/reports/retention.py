"""Retention: finished reports lose their text and images; the statistics row stays."""

from datetime import timedelta

from flask import current_app
from sqlalchemy import select

from ..common.time import shanghai_today
from ..extensions import db
from .models import Report
from .statuses import FINISHED
from .uploads import delete_files


def purge_finished_reports():
    """Empty finished reports older than REPORT_RETENTION_DAYS; return how many."""
    today = shanghai_today()
    cutoff = today - timedelta(days=current_app.config["REPORT_RETENTION_DAYS"])
    reports = db.session.scalars(
        select(Report).where(
            Report.status.in_([status.value for status in FINISHED]),
            Report.finished_on < cutoff,
            Report.purged_on.is_(None),
        )
    ).all()
    names = []
    for report in reports:
        names.extend(attachment.file_name for attachment in report.attachments)
        report.attachments.clear()
        report.messages.clear()
        report.title = None
        report.body = None
        report.reporter_name = None
        report.reporter_phone = None
        report.purged_on = today
    db.session.commit()
    delete_files(names)
    return len(reports)
