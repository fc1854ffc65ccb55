"""Server-side admin sessions: one per login, ended by logout or 30 minutes idle."""

import secrets
from datetime import timedelta

from flask import current_app
from sqlalchemy import select

from ..common.time import utcnow
from ..errors import Unauthorized
from ..extensions import db
from .models import AdminSession

# Writing last_seen_at on every request would be a write per click; once a minute is enough.
TOUCH_INTERVAL = timedelta(seconds=60)


def start(admin):
    """Open a session for an admin who just logged in."""
    session = AdminSession(id=secrets.token_urlsafe(32), admin_id=admin.id)
    db.session.add(session)
    db.session.flush()
    return session


def resume(session_id):
    """The admin of a live session, refreshing its idle timer; 401 when ended or idle too long."""
    session = db.session.get(AdminSession, session_id) if session_id else None
    now = utcnow()
    if session is None or session.ended_at is not None:
        raise Unauthorized("登录已失效，请重新登录", reason="session_ended")
    if now - session.last_seen_at > current_app.config["ADMIN_IDLE_TIMEOUT"]:
        session.ended_at = now
        db.session.commit()
        raise Unauthorized("长时间未操作，请重新登录", reason="session_expired")
    admin = session.admin
    if not admin.is_active:
        raise Unauthorized("账号已停用", reason="account_disabled")
    if now - session.last_seen_at > TOUCH_INTERVAL:
        session.last_seen_at = now
        db.session.commit()
    return admin


def end(session_id):
    """End a session (logout)."""
    session = db.session.get(AdminSession, session_id) if session_id else None
    if session is not None and session.ended_at is None:
        session.ended_at = utcnow()
    return session


def end_all(admin):
    """End every live session of an admin (password reset, account disabled)."""
    for session in db.session.scalars(
        select(AdminSession).where(
            AdminSession.admin_id == admin.id, AdminSession.ended_at.is_(None)
        )
    ):
        session.ended_at = utcnow()
