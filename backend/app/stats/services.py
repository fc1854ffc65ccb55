"""Computing the statistics, each section within the admin's scope."""

from statistics import median

from sqlalchemy import func, select

from ..associations.models import Association, District
from ..common.roles import Role, district_scope
from ..common.time import shanghai_today, utcnow
from ..extensions import db
from ..members.models import Member
from ..moderation.queue import MODERATORS, visible
from ..quizzes.models import Competition, CompetitionEntry
from ..reports.categories import category_name
from ..reports.statuses import STATUS_LABELS, Status
from ..sites.models import CheckIn, Site
from ..workdays.services import Calendar

OFFICER = Role.ASSOCIATION_OFFICER


def _districts(admin):
    statement = select(District).order_by(District.position)
    scope = district_scope(admin)
    if scope is not None:
        statement = statement.where(District.code == scope)
    return db.session.scalars(statement).all()


def _associations_in_scope(admin):
    """Conditions on Association for the admin's scope."""
    conditions = [Association.enabled.is_(True)]
    if admin.role == OFFICER:
        conditions.append(Association.id == admin.association_id)
    elif district_scope(admin) is not None:
        conditions.append(Association.district_code == district_scope(admin))
    return conditions


def _rate(part, whole):
    """A percentage with one decimal, or None when there is nothing to divide by."""
    return round(100 * part / whole, 1) if whole else None


def directory(admin):
    """Associations and registered members by district (an officer: its own association)."""
    scope = _associations_in_scope(admin)
    associations = dict(
        db.session.execute(
            select(Association.district_code, func.count())
            .where(*scope)
            .group_by(Association.district_code)
        ).all()
    )
    members = dict(
        db.session.execute(
            select(Association.district_code, func.count(Member.id))
            .join(Member, Member.association_id == Association.id)
            .where(*scope)
            .group_by(Association.district_code)
        ).all()
    )
    rows = [
        {
            "code": district.code,
            "name": district.name,
            "associations": associations.get(district.code, 0),
            "members": members.get(district.code, 0),
        }
        for district in _districts(admin)
    ]
    return {
        "by_district": rows,
        "associations": sum(row["associations"] for row in rows),
        "members": sum(row["members"] for row in rows),
    }


def _competition(competition_id):
    """The chosen competition, or the latest one that has started."""
    if competition_id is not None:
        return db.session.get(Competition, competition_id)
    return db.session.scalar(
        select(Competition)
        .where(Competition.starts_at <= utcnow())
        .order_by(Competition.starts_at.desc(), Competition.id.desc())
        .limit(1)
    )


def competitions(admin, competition_id=None):
    """Participation rate and average best score by district and by association."""
    competition = _competition(competition_id)
    if competition is None:
        return None
    scope = _associations_in_scope(admin)
    registered = (
        select(Member.association_id.label("association_id"), func.count().label("registered"))
        .group_by(Member.association_id)
        .subquery()
    )
    entries = (
        select(
            CompetitionEntry.association_id.label("association_id"),
            func.count().label("participants"),
            func.avg(CompetitionEntry.score).label("average"),
        )
        .where(CompetitionEntry.competition_id == competition.id)
        .group_by(CompetitionEntry.association_id)
        .subquery()
    )
    rows = db.session.execute(
        select(
            Association.id,
            Association.name,
            Association.district_code,
            func.coalesce(registered.c.registered, 0),
            func.coalesce(entries.c.participants, 0),
            entries.c.average,
        )
        .outerjoin(registered, registered.c.association_id == Association.id)
        .outerjoin(entries, entries.c.association_id == Association.id)
        .where(*scope)
        .order_by(Association.district_code, Association.name)
    ).all()
    by_association = [
        {
            "id": association_id,
            "name": name,
            "district": district,
            "registered": registered_count,
            "participants": participants,
            "participation_rate": _rate(participants, registered_count),
            "average_score": round(float(average), 1) if average is not None else None,
        }
        for association_id, name, district, registered_count, participants, average in rows
    ]
    by_district = []
    for district in _districts(admin):
        mine = [row for row in by_association if row["district"] == district.code]
        participants = sum(row["participants"] for row in mine)
        total_score = sum((row["average_score"] or 0) * row["participants"] for row in mine)
        by_district.append(
            {
                "code": district.code,
                "name": district.name,
                "registered": sum(row["registered"] for row in mine),
                "participants": participants,
                "participation_rate": _rate(participants, sum(row["registered"] for row in mine)),
                "average_score": round(total_score / participants, 1) if participants else None,
            }
        )
    return {
        "competition": {
            "id": competition.id,
            "title": competition.title,
            "max_score": competition.max_score,
        },
        "by_district": by_district,
        "by_association": [
            row for row in by_association if row["registered"] or row["participants"]
        ],
    }


def checkins(admin, limit=20):
    """Check-ins by site, most visited first (an officer: the sites its association hosts)."""
    statement = (
        select(Site.id, Site.name, Site.district_code, func.count(CheckIn.id))
        .outerjoin(CheckIn, CheckIn.site_id == Site.id)
        .group_by(Site.id, Site.name, Site.district_code)
        .order_by(func.count(CheckIn.id).desc(), Site.name)
        .limit(limit)
    )
    if admin.role == OFFICER:
        statement = statement.where(Site.association_id == admin.association_id)
    elif district_scope(admin) is not None:
        statement = statement.where(Site.district_code == district_scope(admin))
    rows = db.session.execute(statement).all()
    return [
        {"id": site_id, "name": name, "district": district, "checkins": count}
        for site_id, name, district, count in rows
    ]


def reports(admin):
    """Reports by category, status and district, and the rates officials are judged by."""
    if admin.role not in MODERATORS:
        return None
    rows = db.session.scalars(visible(admin)).all()
    today = shanghai_today()
    calendar = Calendar(min((r.submitted_on for r in rows), default=today))
    decided = [r for r in rows if r.accepted_on or r.status == Status.REJECTED]
    due_undecided = [r for r in rows if r.status == Status.SUBMITTED and r.accept_due_on < today]
    on_time = [r for r in decided if (r.accepted_on or r.finished_on) <= r.accept_due_on]
    accepted = [r for r in rows if r.accepted_on]
    resolved = [r for r in rows if r.resolved_on]
    closed = [r for r in rows if r.status == Status.CLOSED]
    rated = [r for r in rows if r.rating]
    satisfied = [r for r in rated if r.rating in ("satisfied", "basically_satisfied")]
    days_to_accept = [calendar.count(r.submitted_on, r.accepted_on) for r in accepted]
    days_to_resolve = [
        calendar.count(r.accepted_on, r.resolved_on) for r in resolved if r.accepted_on
    ]
    overdue = [
        r
        for r in rows
        if (r.status == Status.SUBMITTED and r.accept_due_on < today)
        or (r.status in (Status.ACCEPTED, Status.IN_PROGRESS) and r.resolve_due_on < today)
    ]
    return {
        "total": len(rows),
        "by_category": _count(rows, lambda r: r.category, category_name),
        "by_status": _count(rows, lambda r: r.status, lambda s: STATUS_LABELS[Status(s)]),
        "by_district": _count(rows, lambda r: r.district_code, lambda code: _district_name(code)),
        "rates": {
            "accepted_on_time": _rate(len(on_time), len(decided) + len(due_undecided)),
            "resolved": _rate(len(resolved), len(accepted)),
            "closed": _rate(len(closed), len(resolved)),
            "satisfied": _rate(len(satisfied), len(rated)),
        },
        "median_workdays_to_accept": median(days_to_accept) if days_to_accept else None,
        "median_workdays_to_resolve": median(days_to_resolve) if days_to_resolve else None,
        "overdue": len(overdue),
    }


def _district_name(code):
    return db.session.get(District, code).name


def _count(rows, key, label):
    counts = {}
    for row in rows:
        counts[key(row)] = counts.get(key(row), 0) + 1
    return [
        {"key": value, "label": label(value), "count": count}
        for value, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]


def overview(admin, competition_id=None):
    """Every section of the statistics the admin may read."""
    return {
        "directory": directory(admin),
        "competitions": competitions(admin, competition_id),
        "checkins": checkins(admin),
        "reports": reports(admin),
    }
