"""Submitting reports and following them up by receipt or, for named reports, by login."""

from flask import current_app
from sqlalchemy import exists, func, select

from ..associations.services import require_association, require_district
from ..common.pagination import paginate
from ..common.time import shanghai_today, utcnow
from ..errors import Conflict, NotFound, ValidationFailed, field_error
from ..extensions import db
from ..workdays.services import add_workdays
from . import replay
from .categories import NOTICE_PARAGRAPHS, NOTICE_TITLE, NOTICE_VERSION, SELECTABLE
from .ids import new_public_id, new_receipt
from .models import Report, ReportMessage
from .receipts import matches, normalize, receipt_hash
from .statuses import FINISHED, REPORTER, STAFF, Status, check_transition
from .uploads import attach, blur_file_times, claim_uploads

RATING_LABELS = {
    "satisfied": "满意",
    "basically_satisfied": "基本满意",
    "dissatisfied": "不满意",
}


def notice():
    """The notice (须知) a reporter reads before the form, with its version."""
    return {"version": NOTICE_VERSION, "title": NOTICE_TITLE, "paragraphs": list(NOTICE_PARAGRAPHS)}


def submit(data, member, idempotency_key=None):
    """File a report; return (answer, created), the first answer again for a retried key."""
    if idempotency_key is None:
        return _create(data, member), True
    fingerprint = replay.fingerprint(data, member.id if member else None)
    earlier = replay.claim(idempotency_key, fingerprint)
    if earlier is not None:
        return earlier, False
    try:
        answer = _create(data, member)
    except BaseException:
        replay.release(idempotency_key)
        raise
    replay.remember(idempotency_key, fingerprint, answer)
    return answer, True


def _check_reporter(data):
    """Named reports need a login, a name and a phone; anonymous ones must carry neither."""
    given = [field for field in ("reporter_name", "reporter_phone") if data.get(field)]
    if data["anonymous"]:
        if given:
            message = "匿名反映请不要填写姓名和手机号"
            raise ValidationFailed(
                message,
                reason="identity_in_anonymous_report",
                errors={field: [message] for field in given},
            )
        return
    missing = {
        field: ["实名反映须填写此项"]
        for field in ("reporter_name", "reporter_phone")
        if field not in given
    }
    if missing:
        raise ValidationFailed("实名反映须填写姓名和手机号", errors=missing)


def _check_where(data):
    if data["category"] not in SELECTABLE:
        raise field_error("category", "未知的问题类别", reason="unknown_category")
    require_district(data["district"])
    association = require_association(data["association_id"])
    if association.district_code != data["district"]:
        raise field_error(
            "association_id", "该协会不在所选区县", reason="association_not_in_district"
        )


def _unused(column, value):
    return not db.session.scalar(select(exists().where(column == value)))


def _fresh_receipt():
    """A new receipt and its hash, unused by any report."""
    while True:
        receipt = new_receipt()
        digest = receipt_hash(receipt)
        if _unused(Report.receipt_hash, digest):
            return receipt, digest


def _fresh_public_id():
    while True:
        public_id = new_public_id()
        if _unused(Report.public_id, public_id):
            return public_id


def _create(data, member):
    if data["notice_version"] != NOTICE_VERSION:
        raise field_error(
            "notice_version", "须知已更新，请重新阅读后再提交", reason="notice_outdated"
        )
    _check_reporter(data)
    _check_where(data)
    uploads = claim_uploads(data["upload_ids"])
    config = current_app.config
    today = shanghai_today()
    receipt, digest = _fresh_receipt()
    named = not data["anonymous"]
    report = Report(
        public_id=_fresh_public_id(),
        receipt_hash=digest,
        anonymous=not named,
        member_id=member.id if named else None,
        reporter_name=data.get("reporter_name") if named else None,
        reporter_phone=data.get("reporter_phone") if named else None,
        category=data["category"],
        district_code=data["district"],
        association_id=data["association_id"],
        title=data["title"],
        body=data["body"],
        notice_version=data["notice_version"],
        status=Status.SUBMITTED.value,
        submitted_on=today,
        status_changed_on=today,
        accept_due_on=add_workdays(today, config["REPORT_ACCEPT_WORKDAYS"]),
        resolve_due_on=add_workdays(today, config["REPORT_RESOLVE_WORKDAYS"]),
        reopened=False,
    )
    db.session.add(report)
    attach(uploads, report)
    names = [upload.file_name for upload in uploads]
    db.session.commit()
    blur_file_times(names, today)
    return {"receipt": receipt, "public_id": report.public_id, "status": report.status}


def find_by_receipt(text):
    """The report with this receipt, or 404; a malformed, wrong or unknown one alike."""
    # Every path hashes once and queries once, so neither the answer nor its time tells them apart.
    digest = receipt_hash(normalize(text))
    report = db.session.scalar(select(Report).where(Report.receipt_hash == digest))
    if report is None or not matches(report.receipt_hash, digest):
        raise NotFound("回执码不正确或不存在，请核对后再试", reason="receipt_not_found")
    return report


def _lock(report):
    """Serialise changes to one report and re-read it (a row lock on PostgreSQL)."""
    db.session.scalars(
        select(Report)
        .where(Report.id == report.id)
        .with_for_update(of=Report)
        .execution_options(populate_existing=True)
    ).one()


def add_message(report, author, body, *, admin=None, internal=False):
    """Append a message to the conversation; call with the report locked, then commit."""
    # Staff messages keep their time; a reporter's keeps only the date.
    last = db.session.scalar(
        select(func.max(ReportMessage.position)).where(ReportMessage.report_id == report.id)
    )
    message = ReportMessage(
        report=report,
        position=(last or 0) + 1,
        author=author,
        internal=internal,
        admin_id=admin.id if admin else None,
        body=body,
        sent_on=shanghai_today(),
        sent_at=utcnow() if author == STAFF else None,
    )
    db.session.add(message)
    return message


def _check_open(report):
    if report.status in FINISHED or report.purged_on is not None:
        raise Conflict("该问题反映已办理完毕，不能再留言", reason="report_finished")


def reply(report, body, upload_ids):
    """The reporter answers staff, optionally with images."""
    _lock(report)
    _check_open(report)
    uploads = claim_uploads(upload_ids)
    message = add_message(report, REPORTER, body)
    attach(uploads, report, message)
    names, day = [upload.file_name for upload in uploads], message.sent_on
    db.session.commit()
    blur_file_times(names, day)
    return report


def change_status(report, to, actor=STAFF):
    """Move a report along the status table, recording the dates; the caller commits."""
    check_transition(report.status, to, actor)
    today = shanghai_today()
    report.status = Status(to).value
    report.status_changed_on = today
    if report.status == Status.ACCEPTED:
        report.accepted_on = today
    elif report.status == Status.RESOLVED:
        report.resolved_on = today
    elif report.status in FINISHED:
        report.finished_on = today


def rate(report, rating, reason=None):
    """Rate a resolved report; 不满意 with a reason reopens it, once."""
    _lock(report)
    if not report.can_rate:
        if report.status == Status.RESOLVED:
            raise Conflict("您已评价过该问题反映", reason="already_rated")
        raise Conflict("问题办结后才能评价", reason="not_resolved")
    if rating == "dissatisfied" and not reason:
        raise field_error("reason", "请说明不满意的原因", reason="reason_required")
    if reason:
        add_message(report, REPORTER, f"评价：{RATING_LABELS[rating]}。{reason}")
    if rating == "dissatisfied" and not report.reopened:
        change_status(report, Status.IN_PROGRESS, actor=REPORTER)
        report.reopened = True
    else:
        report.rating = rating
        report.rated_on = shanghai_today()
    db.session.commit()
    return report


def my_reports(member, page, page_size):
    """A member's named reports, newest first."""
    statement = (
        select(Report)
        .where(Report.member_id == member.id, Report.anonymous.is_(False))
        .order_by(Report.submitted_on.desc(), Report.public_id)
    )
    return paginate(statement, page, page_size)


def my_report(member, public_id):
    """One of the member's named reports, or 404."""
    report = db.session.scalar(
        select(Report).where(
            Report.public_id == public_id,
            Report.member_id == member.id,
            Report.anonymous.is_(False),
        )
    )
    if report is None:
        raise NotFound("问题反映不存在", reason="report_not_found")
    return report
