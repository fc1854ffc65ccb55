"""Competitions: how admins set them up within their scope, and which members may take them."""

from datetime import timedelta

from flask import current_app
from sqlalchemy import and_, case, exists, or_, select

from ..associations.models import Association
from ..associations.services import require_district
from ..audit import services as audit
from ..common.auth import check_role
from ..common.pagination import paginate
from ..common.time import utcnow
from ..errors import Conflict, Forbidden, NotFound, ValidationFailed, field_error
from ..extensions import db
from . import redis_boards, scopes
from .draws import BankTooSmall, draw
from .models import (
    Attempt,
    AttemptStatus,
    Audience,
    Competition,
    CompetitionAssociation,
    CompetitionDistrict,
    CompetitionEntry,
    CompetitionReminder,
    QuestionCategory,
)
from .ranking import MAX_WINDOW_SECONDS

MAX_QUESTIONS = 100
# Once anyone has an attempt, only these may change (and the end only later): the rest decide
# scores and ranks that already exist.
EDITABLE_WHEN_STARTED = frozenset({"title", "description", "ends_at"})


def is_eligible(member, competition):
    """Whether the member belongs to the competition's audience."""
    if competition.audience == Audience.ALL:
        return True
    association = member.association
    if association is None:
        return False
    if competition.audience == Audience.DISTRICTS:
        return association.district_code in competition.district_codes
    return association.id in competition.association_ids


def require_eligible(member, competition):
    """Refuse a member outside the audience, telling them why."""
    if is_eligible(member, competition):
        return
    if member.association is None:
        raise Forbidden("请先在“我的”中选择所属协会，再参加本竞赛", reason="audience_mismatch")
    raise Forbidden("本竞赛仅限指定区县或协会的会员参加", reason="audience_mismatch")


def _audience_filter(member):
    conditions = [Competition.audience == Audience.ALL.value]
    association = member.association
    if association is not None:
        conditions.append(
            and_(
                Competition.audience == Audience.DISTRICTS.value,
                exists().where(
                    CompetitionDistrict.competition_id == Competition.id,
                    CompetitionDistrict.district_code == association.district_code,
                ),
            )
        )
        conditions.append(
            and_(
                Competition.audience == Audience.ASSOCIATIONS.value,
                exists().where(
                    CompetitionAssociation.competition_id == Competition.id,
                    CompetitionAssociation.association_id == association.id,
                ),
            )
        )
    return or_(*conditions)


def _with_progress(member, competitions):
    """Attach the member's attempts used, best score and attempt in progress to each."""
    ids = [competition.id for competition in competitions]
    used, in_progress, best = {}, {}, {}
    if ids:
        rows = db.session.execute(
            select(Attempt.competition_id, Attempt.id, Attempt.status).where(
                Attempt.member_id == member.id, Attempt.competition_id.in_(ids)
            )
        ).all()
        for competition_id, attempt_id, status in rows:
            used[competition_id] = used.get(competition_id, 0) + 1
            if status == AttemptStatus.IN_PROGRESS:
                in_progress[competition_id] = attempt_id
        best = dict(
            db.session.execute(
                select(CompetitionEntry.competition_id, CompetitionEntry.score).where(
                    CompetitionEntry.member_id == member.id,
                    CompetitionEntry.competition_id.in_(ids),
                )
            ).all()
        )
    for competition in competitions:
        competition.attempts_used = used.get(competition.id, 0)
        competition.attempt_in_progress = in_progress.get(competition.id)
        competition.best_score = best.get(competition.id)
        competition.eligible = is_eligible(member, competition)
    return competitions


def list_for_member(member, status=None, page=1, page_size=20):
    """Competitions the member may take, open and upcoming ones first."""
    now = utcnow()
    statement = select(Competition).where(_audience_filter(member))
    if status == "open":
        statement = statement.where(Competition.starts_at <= now, Competition.ends_at > now)
    elif status == "upcoming":
        statement = statement.where(Competition.starts_at > now)
    elif status == "closed":
        statement = statement.where(Competition.ends_at <= now)
    statement = statement.order_by(
        case((Competition.ends_at <= now, 1), else_=0), Competition.starts_at.desc()
    )
    result = paginate(statement, page, page_size)
    _with_progress(member, result["items"])
    return result


def get_competition(competition_id):
    """A competition, or 404."""
    competition = db.session.get(Competition, competition_id)
    if competition is None:
        raise NotFound("竞赛不存在", reason="competition_not_found")
    return competition


def get_for_member(member, competition_id):
    """A competition with the member's progress in it and whether they asked to be reminded."""
    competition = get_competition(competition_id)
    competition.reminder_template_id = current_app.config["COMPETITION_OPEN_TEMPLATE_ID"]
    competition.reminder_requested = (
        db.session.scalar(
            select(CompetitionReminder.id).where(
                CompetitionReminder.competition_id == competition.id,
                CompetitionReminder.member_id == member.id,
            )
        )
        is not None
    )
    return _with_progress(member, [competition])[0]


def _check_rules(rules):
    total = sum(rule["count"] for rule in rules)
    if not 1 <= total <= MAX_QUESTIONS:
        raise field_error("draw_rules", f"每次抽题总数须在 1 到 {MAX_QUESTIONS} 之间")
    for rule in rules:
        if rule.get("category_id") and not db.session.get(QuestionCategory, rule["category_id"]):
            raise field_error(
                "draw_rules", "抽题规则中的题目分类不存在", reason="category_not_found"
            )
    try:
        draw(rules)
    except BankTooSmall as short:
        wanted = short.rule["count"]
        message = f"题库中符合规则的启用题目只有 {short.available} 道，少于要抽的 {wanted} 道"
        raise field_error("draw_rules", message, reason="not_enough_questions") from None


def _check_window(starts_at, ends_at, time_limit_seconds):
    if ends_at <= starts_at:
        raise field_error("ends_at", "结束时间须晚于开始时间", reason="window_invalid")
    if ends_at - starts_at > timedelta(seconds=MAX_WINDOW_SECONDS):
        raise field_error("ends_at", "竞赛时间跨度不能超过 90 天", reason="window_too_long")
    if timedelta(seconds=time_limit_seconds) > ends_at - starts_at:
        raise field_error("time_limit_seconds", "答题时限不能长于竞赛时间", reason="window_invalid")


def _audience(admin, audience, district_codes, association_ids):
    """Check the audience lists and the admin's scope; return (districts, associations)."""
    district_codes = sorted(set(district_codes or []))
    association_ids = sorted(set(association_ids or []))
    errors = {}
    if audience == Audience.DISTRICTS and not district_codes:
        errors["districts"] = ["请选择参赛区县"]
    if audience == Audience.ASSOCIATIONS and not association_ids:
        errors["association_ids"] = ["请选择参赛协会"]
    if audience != Audience.DISTRICTS and district_codes:
        errors["districts"] = ["仅当参赛范围为指定区县时填写"]
    if audience != Audience.ASSOCIATIONS and association_ids:
        errors["association_ids"] = ["仅当参赛范围为指定协会时填写"]
    if errors:
        message = next(iter(errors.values()))[0]
        raise ValidationFailed(message, reason="audience_invalid", errors=errors)
    for code in district_codes:
        require_district(code, field="districts")
    associations = db.session.scalars(
        select(Association).where(Association.id.in_(association_ids)).order_by(Association.id)
    ).all()
    if len(associations) != len(association_ids) or not all(a.enabled for a in associations):
        raise field_error("association_ids", "参赛协会不存在", reason="association_not_found")
    owner_district, owner_association = scopes.owner_of(audience, district_codes, associations)
    scopes.check_audience_allowed(admin, owner_district, owner_association)
    return district_codes, association_ids, owner_district, owner_association


def _set_audience(competition, audience, district_codes, association_ids, owners):
    competition.audience = audience
    competition.owner_district_code, competition.owner_association_id = owners
    competition.audience_districts = [
        CompetitionDistrict(district_code=code) for code in district_codes
    ]
    competition.audience_associations = [
        CompetitionAssociation(association_id=association_id) for association_id in association_ids
    ]


def create_competition(admin, data):
    """Set up a competition within the admin's scope, checking the bank can serve its rules."""
    check_role(admin, scopes.COMPETITION_EDITORS)
    data = dict(data)
    audience = data.pop("audience")
    districts, associations, *owners = _audience(
        admin, audience, data.pop("districts", None), data.pop("association_ids", None)
    )
    _check_window(data["starts_at"], data["ends_at"], data["time_limit_seconds"])
    _check_rules(data["draw_rules"])
    competition = Competition(**data, created_by_id=admin.id)
    _set_audience(competition, audience, districts, associations, owners)
    db.session.add(competition)
    db.session.flush()
    _record("competition.create", competition, title=competition.title)
    db.session.commit()
    return competition


def list_admin_competitions(admin, page=1, page_size=20):
    """The competitions within the admin's scope, newest first."""
    statement = (
        select(Competition)
        .where(scopes.competition_filter(admin))
        .order_by(Competition.starts_at.desc(), Competition.id.desc())
    )
    return paginate(statement, page, page_size)


def get_admin_competition(admin, competition_id):
    """A competition within the admin's scope; 404 for any other, so none leaks."""
    competition = db.session.get(Competition, competition_id)
    if competition is None or not scopes.can_see(admin, competition):
        raise NotFound("竞赛不存在", reason="competition_not_found")
    return competition


def _record(action, competition, **detail):
    audit.record(
        action,
        target_type="competition",
        target_id=competition.id,
        district_code=competition.owner_district_code,
        detail=detail,
    )


def _has_attempts(competition):
    return (
        db.session.scalar(
            select(Attempt.id).where(Attempt.competition_id == competition.id).limit(1)
        )
        is not None
    )


def update_competition(admin, competition_id, changes):
    """Change a competition; once attempts exist only the title, text and a later end."""
    check_role(admin, scopes.COMPETITION_EDITORS)
    competition = get_admin_competition(admin, competition_id)
    changes = dict(changes)
    fields = set(changes)
    if _has_attempts(competition):
        locked = sorted(set(changes) - EDITABLE_WHEN_STARTED)
        if locked:
            raise Conflict(
                "竞赛已有人作答，只能修改标题、说明或延长结束时间",
                reason="competition_locked",
                errors={field: ["已有人作答，不能修改"] for field in locked},
            )
        if "ends_at" in changes and changes["ends_at"] < competition.ends_at:
            raise field_error(
                "ends_at", "已有人作答，结束时间只能延后", reason="competition_locked"
            )
    audience_fields = {"audience", "districts", "association_ids"}
    if audience_fields & set(changes):
        audience = changes.pop("audience", competition.audience)
        districts = changes.pop("districts", competition.district_codes)
        associations = changes.pop("association_ids", competition.association_ids)
        if audience != competition.audience:
            districts = districts if audience == Audience.DISTRICTS else []
            associations = associations if audience == Audience.ASSOCIATIONS else []
        districts, associations, *owners = _audience(admin, audience, districts, associations)
        _set_audience(competition, audience, districts, associations, owners)
    _check_window(
        changes.get("starts_at", competition.starts_at),
        changes.get("ends_at", competition.ends_at),
        changes.get("time_limit_seconds", competition.time_limit_seconds),
    )
    if "draw_rules" in changes:
        _check_rules(changes["draw_rules"])
    for key, value in changes.items():
        setattr(competition, key, value)
    _record("competition.update", competition, fields=sorted(fields))
    db.session.commit()
    return competition


def delete_competition(admin, competition_id):
    """Delete a competition nobody has attempted yet."""
    check_role(admin, scopes.COMPETITION_EDITORS)
    competition = get_admin_competition(admin, competition_id)
    if _has_attempts(competition):
        raise Conflict("竞赛已有人作答，不能删除", reason="competition_has_attempts")
    db.session.delete(competition)
    _record("competition.delete", competition, title=competition.title)
    db.session.commit()
    redis_boards.forget(competition_id)
