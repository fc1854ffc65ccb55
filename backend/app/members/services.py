"""Member rules: login by WeChat code, profile changes, what the server holds about a member."""

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from ..associations.services import require_association
from ..common.time import utcnow
from ..extensions import db
from ..quizzes import mistakes
from ..quizzes.models import Attempt, CompetitionEntry, CompetitionReminder
from ..reports.models import Report, SubscriptionCredit
from ..sites.models import CheckIn
from ..wechat import SCENE_PROFILE, wechat
from .models import Member


def login_with_code(code):
    """Exchange a wx.login code and return the member, created on first login."""
    openid = wechat.code_to_session(code)["openid"]
    member = db.session.scalar(select(Member).where(Member.openid == openid))
    if member is None:
        member = Member(openid=openid)
        db.session.add(member)
        try:
            db.session.flush()
        except IntegrityError:
            # A parallel first login created the row: use that one.
            db.session.rollback()
            member = db.session.scalar(select(Member).where(Member.openid == openid))
    member.last_login_at = utcnow()
    db.session.commit()
    return member


def update_profile(member, changes):
    """Change the nickname (after WeChat's content check) and/or the association."""
    if "association_id" in changes:
        association_id = changes["association_id"]
        if association_id is not None:
            require_association(association_id)
        member.association_id = association_id
    if "nickname" in changes and changes["nickname"] != member.nickname:
        wechat.check_text(changes["nickname"], member.openid, scene=SCENE_PROFILE)
        member.nickname = changes["nickname"]
    db.session.commit()
    db.session.refresh(member)
    return member


def _count(model, member_id):
    return db.session.scalar(
        select(func.count()).select_from(model).where(model.member_id == member_id)
    )


def my_data(member):
    """The member and how many rows of each kind the server keeps about them."""
    # Anonymous reports carry no member: there is nothing of them to count, here or anywhere.
    credits = db.session.scalar(
        select(func.coalesce(func.sum(SubscriptionCredit.credits), 0)).where(
            SubscriptionCredit.member_id == member.id
        )
    )
    counts = {
        "attempts": _count(Attempt, member.id),
        "competition_entries": _count(CompetitionEntry, member.id),
        "checkins": _count(CheckIn, member.id),
        "named_reports": _count(Report, member.id),
        "mistakes": len(mistakes.question_ids(member.id)),
        "subscription_credits": int(credits),
        "reminders": _count(CompetitionReminder, member.id),
    }
    return {"member": member, "counts": counts}
