"""Subscribe-message credits and the status-change message to a named reporter."""

import logging

from flask import current_app
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from ..errors import ApiError, field_error
from ..extensions import db
from ..members.models import Member
from ..wechat import SubscriptionRefused, wechat
from .models import SubscriptionCredit
from .statuses import STATUS_LABELS, Status

logger = logging.getLogger(__name__)

# A status message never repeats the report's content (DOMAIN.md): number, status, date.
STATUS_NOTE = "请进入小程序查看办理进展"


def _template():
    return current_app.config["REPORT_STATUS_TEMPLATE_ID"]


def record_subscription(member, template_id):
    """Count one consent (one send) the member gave in wx.requestSubscribeMessage."""
    if not _template():
        raise field_error("template_id", "暂未开通订阅消息", reason="subscriptions_disabled")
    if template_id != _template():
        raise field_error("template_id", "未知的订阅消息模板", reason="unknown_template")
    if not _change_credits(member.id, template_id, 1):
        db.session.add(SubscriptionCredit(member_id=member.id, template_id=template_id, credits=1))
        try:
            db.session.flush()
        except IntegrityError:
            # A parallel request created the row first: count on it.
            db.session.rollback()
            _change_credits(member.id, template_id, 1)
    db.session.commit()
    credits = db.session.scalar(
        select(SubscriptionCredit.credits).where(
            SubscriptionCredit.member_id == member.id,
            SubscriptionCredit.template_id == template_id,
        )
    )
    return {"template_id": template_id, "credits": credits}


def offered_subscriptions(member):
    """The templates a member can consent to from 我的, with the sends already allowed."""
    template_id = _template()
    if not template_id:
        return []
    credits = db.session.scalar(
        select(SubscriptionCredit.credits).where(
            SubscriptionCredit.member_id == member.id,
            SubscriptionCredit.template_id == template_id,
        )
    )
    return [{"kind": "report_status", "template_id": template_id, "credits": credits or 0}]


def _change_credits(member_id, template_id, delta):
    """Add delta to the member's credits unless that would go below zero; return if done."""
    return db.session.execute(
        update(SubscriptionCredit)
        .where(
            SubscriptionCredit.member_id == member_id,
            SubscriptionCredit.template_id == template_id,
            SubscriptionCredit.credits + delta >= 0,
        )
        .values(credits=SubscriptionCredit.credits + delta)
    ).rowcount


def notify_status_change(report):
    """After a committed status change, message a named reporter; return whether one went out."""
    # One credit per send: none left, nothing is sent. WeChat's 43101 (no consent) uses the
    # credit up and is not retried; when WeChat fails otherwise the credit is given back. The
    # status change stands either way.
    template_id = _template()
    if report.anonymous or report.member_id is None or not template_id:
        return False
    openid = db.session.scalar(select(Member.openid).where(Member.id == report.member_id))
    if openid is None or not _change_credits(report.member_id, template_id, -1):
        return False
    db.session.commit()
    fields = current_app.config["REPORT_STATUS_TEMPLATE_FIELDS"]
    day = report.status_changed_on
    data = {
        fields["public_id"]: report.public_id,
        fields["status"]: STATUS_LABELS[Status(report.status)],
        fields["date"]: f"{day.year}年{day.month}月{day.day}日",
        fields["note"]: STATUS_NOTE,
    }
    page = f"{current_app.config['REPORT_STATUS_PAGE']}?public_id={report.public_id}"
    try:
        wechat.send_subscribe_message(openid, template_id, data, page)
    except SubscriptionRefused:
        return False
    except ApiError as error:
        # WeChat down, throttled or refusing the template: the change stands, the credit returns.
        logger.warning("status message for %s not sent: %s", report.public_id, error.reason)
        _change_credits(report.member_id, template_id, 1)
        db.session.commit()
        return False
    return True
