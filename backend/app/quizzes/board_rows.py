"""Leaderboard rows: a member's ranked result, and rows as the API gives them."""

from dataclasses import dataclass

from sqlalchemy import func, select

from ..associations.models import Association, District
from ..extensions import db
from ..members.models import Member
from . import ranking


@dataclass(frozen=True)
class Result:
    """A member's result as the leaderboards rank it."""

    competition_id: int
    member_id: int
    association_id: int | None
    district_code: str | None
    score: int
    time_used_ds: int
    finish_s: int

    @classmethod
    def of(cls, entry):
        """From a CompetitionEntry row (or anything with its fields)."""
        return cls(
            entry.competition_id,
            entry.member_id,
            entry.association_id,
            entry.district_code,
            entry.score,
            entry.time_used_ds,
            entry.finish_s,
        )

    @property
    def key(self):
        """The member's composite key."""
        return ranking.member_key(self.score, self.time_used_ds, self.finish_s)


def display_name(member_id, nickname):
    """The nickname, or a stand-in that never reveals the openid."""
    return nickname or f"会员{member_id % 10000:04d}"


def _average(centi):
    return centi / 100


def _rate(participants, registered):
    if not registered:
        return None
    return round(min(participants / registered, 1.0), 4)


def _registered(by, ids):
    """Members registered in each association or district."""
    if not ids:
        return {}
    if by == "association":
        statement = (
            select(Member.association_id, func.count())
            .where(Member.association_id.in_(ids))
            .group_by(Member.association_id)
        )
    else:
        statement = (
            select(Association.district_code, func.count(Member.id))
            .join(Member, Member.association_id == Association.id)
            .where(Association.district_code.in_(ids))
            .group_by(Association.district_code)
        )
    return dict(db.session.execute(statement).all())


def _group_names(by, ids):
    if not ids:
        return {}
    model, column = (
        (Association, Association.id) if by == "association" else (District, District.code)
    )
    return dict(db.session.execute(select(column, model.name).where(column.in_(ids))).all())


def group_rows(by, ranked):
    """Item dicts for [(rank, group id, average centi, participants)]."""
    ids = [group_id for _, group_id, _, _ in ranked]
    names, registered = _group_names(by, ids), _registered(by, ids)
    id_field = "id" if by == "association" else "code"
    return [
        {
            "rank": rank,
            id_field: group_id,
            "name": names.get(group_id, ""),
            "average": _average(centi),
            "participants": participants,
            "registered": registered.get(group_id, 0),
            "participation_rate": _rate(participants, registered.get(group_id, 0)),
        }
        for rank, group_id, centi, participants in ranked
    ]


def member_rows(ranked):
    """Item dicts for [(rank, member id, score, time_used_ds)]."""
    ids = [member_id for _, member_id, _, _ in ranked]
    nicknames = (
        dict(db.session.execute(select(Member.id, Member.nickname).where(Member.id.in_(ids))).all())
        if ids
        else {}
    )
    return [
        {
            "rank": rank,
            "name": display_name(member_id, nicknames.get(member_id)),
            "score": score,
            "time_used_ms": time_used_ds * 100,
        }
        for rank, member_id, score, time_used_ds in ranked
    ]


def member_me(rank, score, time_used_ds):
    """My row on the member board."""
    return {"rank": rank, "score": score, "time_used_ms": time_used_ds * 100}


def current_group(by, member_id):
    """The member's association id or district code now, for a group board's "me"."""
    association = db.session.scalar(
        select(Association)
        .join(Member, Member.association_id == Association.id)
        .where(Member.id == member_id)
    )
    if association is None:
        return None
    return association.id if by == "association" else association.district_code


def envelope(by, items, total, page, page_size, me):
    """The leaderboard answer."""
    return {
        "by": by,
        "items": items,
        "total": total,
        "page": page,
        "page_size": page_size,
        "me": me,
    }
