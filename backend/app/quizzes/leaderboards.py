"""Leaderboards by member, association and district, with the caller's own place ("me").

With REDIS_URL set they are served from Redis (redis_boards.py); without it, or while Redis is
unreachable, from SQL, in the same order (ranking.py).
"""

import logging

import redis as redis_lib
from sqlalchemy import and_, func, or_, select

from ..errors import NotFound
from ..extensions import db, redis
from . import board_rows, ranking, redis_boards
from .models import Attempt, Competition, CompetitionEntry

logger = logging.getLogger(__name__)

BOARDS = ("member", "association", "district")


def _ranked_members(competition_id):
    """The competition's entries with their rank, as a subquery."""
    entry = CompetitionEntry
    order = (entry.score.desc(), entry.time_used_ds, entry.finish_s)
    return (
        select(
            entry.member_id,
            entry.attempt_id,
            entry.score,
            entry.time_used_ds,
            entry.finish_s,
            func.rank().over(order_by=order).label("rank"),
        )
        .where(entry.competition_id == competition_id)
        .subquery()
    )


def _page_order(ranked):
    return (ranked.c.score.desc(), ranked.c.time_used_ds, ranked.c.finish_s, ranked.c.member_id)


def _member_total(competition_id):
    entry = CompetitionEntry
    return db.session.scalar(
        select(func.count()).select_from(entry).where(entry.competition_id == competition_id)
    )


def _sql_members(competition_id, page, page_size, member_id):
    entry = CompetitionEntry
    ranked = _ranked_members(competition_id)
    rows = db.session.execute(
        select(ranked.c.rank, ranked.c.member_id, ranked.c.score, ranked.c.time_used_ds)
        .order_by(*_page_order(ranked))
        .limit(page_size)
        .offset((page - 1) * page_size)
    ).all()
    total = _member_total(competition_id)
    me = None
    mine = member_id and db.session.scalar(
        select(entry).where(entry.competition_id == competition_id, entry.member_id == member_id)
    )
    if mine:
        better = db.session.scalar(
            select(func.count())
            .select_from(entry)
            .where(
                entry.competition_id == competition_id,
                or_(
                    entry.score > mine.score,
                    and_(
                        entry.score == mine.score,
                        or_(
                            entry.time_used_ds < mine.time_used_ds,
                            and_(
                                entry.time_used_ds == mine.time_used_ds,
                                entry.finish_s < mine.finish_s,
                            ),
                        ),
                    ),
                ),
            )
        )
        me = board_rows.member_me(better + 1, mine.score, mine.time_used_ds)
    return board_rows.member_rows([tuple(row) for row in rows]), total, me


def _sql_groups(by, competition_id, page, page_size, member_id):
    entry = CompetitionEntry
    column = entry.association_id if by == "association" else entry.district_code
    rows = db.session.execute(
        select(column, func.sum(entry.score), func.count())
        .where(entry.competition_id == competition_id, column.is_not(None))
        .group_by(column)
    ).all()
    ordered = sorted(
        (ranking.group_key(int(total), count), group_id, int(total), count)
        for group_id, total, count in rows
    )
    ranks = ranking.competition_ranks([key for key, *_ in ordered])
    ranked = [
        (rank, group_id, ranking.average_centi(total, count), count)
        for rank, (_, group_id, total, count) in zip(ranks, ordered, strict=True)
    ]
    start = (page - 1) * page_size
    items = board_rows.group_rows(by, ranked[start : start + page_size])
    me = None
    if member_id:
        mine = db.session.scalar(
            select(column).where(
                entry.competition_id == competition_id, entry.member_id == member_id
            )
        )
        target = mine if mine is not None else board_rows.current_group(by, member_id)
        found = [row for row in ranked if row[1] == target]
        if found:
            me = board_rows.group_rows(by, found)[0]
    return items, len(ranked), me


def results_page(competition_id, page=1, page_size=20):
    """The member board for staff, from SQL: each best attempt with its leaves of the app."""
    ranked = _ranked_members(competition_id)
    rows = db.session.execute(
        select(
            ranked.c.rank,
            ranked.c.member_id,
            ranked.c.score,
            ranked.c.time_used_ds,
            Attempt.leave_count,
            Attempt.leave_ms,
        )
        .join(Attempt, Attempt.id == ranked.c.attempt_id)
        .order_by(*_page_order(ranked))
        .limit(page_size)
        .offset((page - 1) * page_size)
    ).all()
    items = board_rows.member_rows([tuple(row[:4]) for row in rows])
    for item, row in zip(items, rows, strict=True):
        item.update(leave_count=row.leave_count, leave_ms=row.leave_ms)
    total = _member_total(competition_id)
    return board_rows.envelope("member", items, total, page, page_size, None)


def sql_board(competition_id, by, page=1, page_size=20, member_id=None):
    """A leaderboard page computed in SQL."""
    if by == "member":
        items, total, me = _sql_members(competition_id, page, page_size, member_id)
    else:
        items, total, me = _sql_groups(by, competition_id, page, page_size, member_id)
    return board_rows.envelope(by, items, total, page, page_size, me)


def board(competition_id, by, page=1, page_size=20, member_id=None):
    """A leaderboard page: from Redis when configured and reachable, else from SQL."""
    if redis.client is not None:
        try:
            result = redis_boards.board(competition_id, by, page, page_size, member_id)
        except redis_lib.RedisError:
            logger.exception("leaderboard read from Redis failed; answering from SQL")
            result = None
        if result is not None:
            return result
    if db.session.get(Competition, competition_id) is None:
        raise NotFound("竞赛不存在", reason="competition_not_found")
    return sql_board(competition_id, by, page, page_size, member_id)
