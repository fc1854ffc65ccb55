"""Member rules: login by WeChat code, profile changes."""

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..associations.services import require_association
from ..common.time import utcnow
from ..extensions import db
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
