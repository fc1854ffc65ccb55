"""Remind me when a competition opens: one consent, one subscribe message, then the row goes.

`flask quizzes send-reminders` claims each waiting reminder by deleting it, so two runs at once
never send one twice; a message WeChat refuses (43101, no consent) is not tried again, one it
fails to take for another reason is put back for the next run.
"""

import logging
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import delete, insert, select
from sqlalchemy.exc import IntegrityError

from ..common.time import SHANGHAI, utcnow
from ..errors import ApiError, Conflict, field_error
from ..extensions import db
from ..members.models import Member
from ..wechat import SubscriptionRefused, wechat
from . import competitions
from .models import Competition, CompetitionReminder

logger = logging.getLogger(__name__)

REMINDERS = CompetitionReminder.__table__
# WeChat's "thing" fields take at most 20 characters.
THING_MAX = 20
OPEN_NOTE = "竞赛已开始，点击进入答题"


@dataclass
class Tally:
    """What a run of send-reminders did."""

    sent: int = 0
    refused: int = 0
    kept: int = 0
    dropped: int = 0


def _template():
    return current_app.config["COMPETITION_OPEN_TEMPLATE_ID"]


def request_reminder(member, competition_id, template_id):
    """Keep the member's consent to one message when the competition opens; (answer, created)."""
    competition = competitions.get_competition(competition_id)
    if not _template():
        raise field_error("template_id", "暂未开通订阅消息", reason="subscriptions_disabled")
    if template_id != _template():
        raise field_error("template_id", "未知的订阅消息模板", reason="unknown_template")
    competitions.require_eligible(member, competition)
    if competition.status != "upcoming":
        raise Conflict("竞赛已经开始或已结束，无需开赛提醒", reason="competition_not_upcoming")
    answer = {"competition_id": competition.id, "requested": True}
    db.session.add(CompetitionReminder(competition_id=competition.id, member_id=member.id))
    try:
        db.session.commit()
    except IntegrityError:
        # Asked before (or by a parallel request): one message either way.
        db.session.rollback()
        return answer, False
    return answer, True


def cancel_reminder(member, competition_id):
    """Forget the member's reminder for the competition, if there is one."""
    competitions.get_competition(competition_id)
    db.session.execute(
        delete(REMINDERS).where(
            REMINDERS.c.competition_id == competition_id, REMINDERS.c.member_id == member.id
        )
    )
    db.session.commit()


def _claim(now, batch):
    """Delete up to batch reminders of open competitions; those this run deleted, None if none."""
    # [(member id, competition id)]: a row a parallel run deleted first is that run's to send,
    # and an empty list (all taken by it) is not the end of the queue.
    open_now = select(Competition.id).where(Competition.starts_at <= now, Competition.ends_at > now)
    waiting = (
        select(REMINDERS.c.id)
        .where(REMINDERS.c.competition_id.in_(open_now))
        .order_by(REMINDERS.c.id)
        .limit(batch)
    )
    if db.session.get_bind().dialect.delete_returning:
        # SKIP LOCKED (PostgreSQL) lets a parallel run take the next rows instead of waiting.
        claimed = db.session.execute(
            delete(REMINDERS)
            .where(REMINDERS.c.id.in_(waiting.with_for_update(skip_locked=True)))
            .returning(REMINDERS.c.member_id, REMINDERS.c.competition_id)
        ).all()
        found = bool(claimed)
    else:
        # MySQL has no DELETE ... RETURNING: a row is ours when our DELETE removed it.
        rows = db.session.execute(
            waiting.add_columns(REMINDERS.c.member_id, REMINDERS.c.competition_id)
        ).all()
        claimed = [
            (member_id, competition_id)
            for reminder_id, member_id, competition_id in rows
            if db.session.execute(delete(REMINDERS).where(REMINDERS.c.id == reminder_id)).rowcount
        ]
        found = bool(rows)
    db.session.commit()
    return [tuple(row) for row in claimed] if found else None


def _drop_closed(now):
    """Delete the reminders of competitions that have ended; how many."""
    closed = select(Competition.id).where(Competition.ends_at <= now)
    dropped = db.session.execute(
        delete(REMINDERS).where(REMINDERS.c.competition_id.in_(closed))
    ).rowcount
    db.session.commit()
    return dropped


def _put_back(claimed):
    """Keep reminders WeChat did not take for the next run."""
    db.session.execute(
        insert(REMINDERS),
        [
            {"competition_id": competition_id, "member_id": member_id, "created_at": utcnow()}
            for member_id, competition_id in claimed
        ],
    )
    db.session.commit()


def _thing(text):
    return text if len(text) <= THING_MAX else text[: THING_MAX - 1] + "…"


def _message(competition):
    """(data, page) of the message announcing that the competition has opened."""
    fields = current_app.config["COMPETITION_OPEN_TEMPLATE_FIELDS"]
    start = competition.starts_at.astimezone(SHANGHAI)
    data = {
        fields["title"]: _thing(competition.title),
        fields["starts_at"]: f"{start.year}年{start.month}月{start.day}日 {start:%H:%M}",
        fields["note"]: OPEN_NOTE,
    }
    return data, f"{current_app.config['COMPETITION_OPEN_PAGE']}?id={competition.id}"


def send_due(now=None, batch=200):
    """Send the reminders of competitions now open, each at most once; drop closed ones'."""
    now = now or utcnow()
    done = Tally(dropped=_drop_closed(now))
    template_id = _template()
    if not template_id:
        return done
    messages = {}
    while (claimed := _claim(now, batch)) is not None:
        openids = dict(
            db.session.execute(
                select(Member.id, Member.openid).where(
                    Member.id.in_({member_id for member_id, _ in claimed})
                )
            ).all()
        )
        for position, (member_id, competition_id) in enumerate(claimed):
            if member_id not in openids:
                # The member left (their reminders went with them) after the claim.
                continue
            if competition_id not in messages:
                messages[competition_id] = _message(db.session.get(Competition, competition_id))
            data, page = messages[competition_id]
            try:
                wechat.send_subscribe_message(openids[member_id], template_id, data, page)
            except SubscriptionRefused:
                done.refused += 1
                continue
            except ApiError as error:
                # WeChat down, throttled or refusing the template: try these again next run.
                logger.warning("competition reminders not sent: %s", error.reason)
                rest = claimed[position:]
                _put_back(rest)
                done.kept += len(rest)
                return done
            done.sent += 1
    return done
