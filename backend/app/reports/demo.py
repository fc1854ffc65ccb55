"""Demo reports for development: invented, in every kind of status, with a conversation."""

from sqlalchemy import select

from ..associations.models import Association
from ..extensions import db
from ..members.models import Member
from . import services
from .categories import NOTICE_VERSION
from .models import Report

# The fake WeChat's login code "demo" signs in as this member, who owns the named demo reports.
DEMO_OPENID = "fake-demo"

# (district, category, title, body, staff steps, staff reply or None, named)
DEMO_REPORTS = (
    (
        "331002",
        "fee_forced_membership",
        "【演示】参展须先入会并缴纳会费",
        "协会通知今年的行业展会只对会员单位开放，非会员须先入会并缴纳三千元会费才能报名。",
        (),
        None,
        False,
    ),
    (
        "331003",
        "fee_forced_events",
        "【演示】强制参加收费培训",
        "协会要求每家会员企业派两人参加收费培训，每人一千二百元，不参加就不发年度证明。",
        ("accepted",),
        "您反映的情况已受理，请问培训通知是书面还是口头下发的？",
        True,
    ),
    (
        "331004",
        "obstructing_withdrawal",
        "【演示】提出退会后仍被催缴会费",
        "我公司去年十二月书面提出退会，协会至今不予办理，还在催缴今年的会费。",
        ("accepted", "in_progress"),
        "已联系协会核实退会申请的办理情况，请耐心等待。",
        False,
    ),
    (
        "331081",
        "fee_positions",
        "【演示】担任理事须另交赞助费",
        "协会换届时要求担任理事的企业每年另交两万元赞助费，章程中没有这项规定。",
        ("accepted", "in_progress", "resolved"),
        "经核查，协会已停止收取该项费用并退还已收款项，请您评价办理结果。",
        True,
    ),
    (
        "331082",
        "irregular_finances",
        "【演示】收取会费不开发票",
        "协会收取会费多年一直只开收据，不开发票，账目也从未向会员公开。",
        ("rejected",),
        "经核实该事项已由税务部门处理，本平台不予重复受理。",
        False,
    ),
)


def _demo_member():
    member = db.session.scalar(select(Member).where(Member.openid == DEMO_OPENID))
    if member is None:
        member = Member(openid=DEMO_OPENID, nickname="演示会员")
        db.session.add(member)
        db.session.commit()
    return member


def seed():
    """Add the missing demo reports; yield (public_id, status, receipt) for each new one."""
    existing = set(db.session.scalars(select(Report.title)))
    for district, category, title, body, steps, reply, named in DEMO_REPORTS:
        if title in existing:
            continue
        association = db.session.scalar(
            select(Association)
            .where(Association.district_code == district)
            .order_by(Association.id)
        )
        if association is None:
            continue
        member = _demo_member() if named else None
        data = {
            "anonymous": not named,
            "category": category,
            "district": district,
            "association_id": association.id,
            "title": title,
            "body": body,
            "upload_ids": [],
            "notice_version": NOTICE_VERSION,
        }
        if named:
            data.update(reporter_name="演示用户", reporter_phone="13800000000")
        answer, _ = services.submit(data, member)
        report = db.session.scalar(select(Report).where(Report.public_id == answer["public_id"]))
        for step in steps:
            services.change_status(report, step)
        if reply:
            services.add_message(report, "staff", reply)
        db.session.commit()
        yield report.public_id, report.status, answer["receipt"]
