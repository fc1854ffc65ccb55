"""Attempts: start, save answers one by one, submit once (retries get the same result), expire.

The server owns the clock: deadline = min(start + time limit, competition end). Answers saved
until the deadline plus a short grace count; a submit after that grades what was saved in time.
"""

from datetime import timedelta

from flask import current_app
from sqlalchemy import and_, func, select
from sqlalchemy.exc import IntegrityError

from ..common.time import utcnow
from ..errors import Conflict, NotFound, field_error
from ..extensions import db
from . import competitions, grading, mistakes, redis_boards
from .draws import build_items, draw, draw_from
from .models import (
    Attempt,
    AttemptItem,
    AttemptKind,
    AttemptStatus,
    Competition,
    CompetitionEntry,
    FinishReason,
    Question,
)
from .questions import require_category
from .views import attempt_view, leave_view, letters, result_view, score_view


def _grace():
    return timedelta(seconds=current_app.config["QUIZ_SUBMIT_GRACE_SECONDS"])


def _accepts_answers(attempt, now):
    return attempt.deadline is None or now <= attempt.deadline + _grace()


def get_attempt(member_id, attempt_id):
    """My attempt: questions while in progress, with the result once finished."""
    now = utcnow()
    attempt, _ = grading.own_attempt(member_id, attempt_id, lock=False)
    if attempt.status == AttemptStatus.IN_PROGRESS and not _accepts_answers(attempt, now):
        db.session.rollback()
        attempt, starts_at = grading.own_attempt(member_id, attempt_id)
        if attempt.status == AttemptStatus.IN_PROGRESS:
            grading.expire(attempt, starts_at, now)
        attempt, _ = grading.own_attempt(member_id, attempt_id, lock=False)
    return attempt_view(attempt, grading.items_of(attempt.id), now, attempt.max_leaves)


def save_answer(member_id, attempt_id, question_id, choices):
    """Save one answer while the attempt accepts answers."""
    now = utcnow()
    row = db.session.execute(
        select(
            AttemptItem.id, AttemptItem.type, AttemptItem.options, Attempt.status, Attempt.deadline
        )
        .join(Attempt, Attempt.id == AttemptItem.attempt_id)
        .where(
            Attempt.id == attempt_id,
            Attempt.member_id == member_id,
            AttemptItem.question_id == question_id,
        )
        # A share lock: a submit (FOR UPDATE) waits for this save, then grades it.
        .with_for_update(read=True, of=Attempt)
    ).first()
    if row is None:
        grading.own_attempt(member_id, attempt_id)
        raise NotFound("本次答题中没有这道题", reason="question_not_in_attempt")
    if row.status == AttemptStatus.FINISHED:
        raise Conflict("本次答题已交卷", reason="attempt_finished")
    if not _accepts_answers(row, now):
        db.session.rollback()
        attempt, starts_at = grading.own_attempt(member_id, attempt_id)
        if attempt.status == AttemptStatus.IN_PROGRESS:
            grading.expire(attempt, starts_at, now)
        raise Conflict("答题时间已到，已按保存的答案交卷", reason="attempt_expired")
    chosen = grading.check_choices(row, choices)
    grading.write_choices({row.id: chosen}, now)
    db.session.commit()
    return {"question_id": question_id, "choices": letters(chosen), "saved_at": now}


def _apply_answers(items, answers, now):
    """Check every answer against the attempt, then store those that changed."""
    by_question = {item.question_id: item for item in items if item.question_id is not None}
    changed = {}
    for index, answer in enumerate(answers):
        item = by_question.get(answer["question_id"])
        field = f"answers.{index}"
        if item is None:
            raise field_error(field, "本次答题中没有这道题", reason="question_not_in_attempt")
        chosen = grading.check_choices(item, answer["choices"], field=field)
        if chosen != item.choices:
            item.choices = changed[item.id] = chosen
    grading.write_choices(changed, now)


def _finished_result(attempt, starts_at):
    """A finished attempt's result, again."""
    view = result_view(attempt, grading.items_of(attempt.id, texts=False))
    if attempt.kind == AttemptKind.COMPETITION:
        result = grading.result_of(attempt, starts_at)
        db.session.commit()
        # Replaying is harmless and heals a Redis update lost after an earlier commit.
        redis_boards.record(result)
    return view


def submit(member_id, attempt_id, answers):
    """Grade the attempt once; a retry, or a submit racing it, gets the same result."""
    now = utcnow()
    attempt, starts_at = grading.own_attempt(member_id, attempt_id)
    if attempt.status == AttemptStatus.FINISHED:
        return _finished_result(attempt, starts_at)
    # Read after the lock is held: a save that committed while we waited is graded too.
    items = grading.items_of(attempt.id, texts=False)
    reason = FinishReason.EXPIRED.value
    if _accepts_answers(attempt, now):
        reason = FinishReason.SUBMITTED.value
        _apply_answers(items, answers, now)
    try:
        result = grading.finish(attempt, items, starts_at, now, reason)
    except grading.AlreadyFinished:
        db.session.rollback()
        return submit(member_id, attempt_id, answers)
    view = result_view(attempt, items)
    db.session.commit()
    if result is not None:
        redis_boards.record(result)
    return view


def record_leave(member_id, attempt_id, seq, duration_ms):
    """Count leave number seq (retries change nothing); past the limit, finish the attempt."""
    now = utcnow()
    attempt, starts_at = grading.own_attempt(member_id, attempt_id)
    if attempt.kind != AttemptKind.COMPETITION:
        raise Conflict("练习不记录切出次数", reason="not_a_competition")
    if attempt.status == AttemptStatus.IN_PROGRESS and not _accepts_answers(attempt, now):
        grading.expire(attempt, starts_at, now)
        attempt, starts_at = grading.own_attempt(member_id, attempt_id)
    if attempt.status == AttemptStatus.FINISHED:
        # A retry after the leave that finished it (or after a submit) gets the result.
        return leave_view(attempt, _finished_result(attempt, starts_at))
    grading.count_leave(attempt, seq, duration_ms, now)
    if attempt.max_leaves is None or attempt.leave_count <= attempt.max_leaves:
        db.session.commit()
        return leave_view(attempt, None)
    items = grading.items_of(attempt.id, texts=False)
    try:
        result = grading.finish(attempt, items, starts_at, now, FinishReason.LEFT_APP.value)
    except grading.AlreadyFinished:
        db.session.rollback()
        return record_leave(member_id, attempt_id, seq, duration_ms)
    view = result_view(attempt, items)
    db.session.commit()
    redis_boards.record(result)
    return leave_view(attempt, view)


def _new_attempt(member, competition, number, question_ids, now):
    association = member.association
    deadline = None
    if competition is not None:
        deadline = min(now + timedelta(seconds=competition.time_limit_seconds), competition.ends_at)
    items = build_items(question_ids)
    return Attempt(
        member_id=member.id,
        competition_id=competition.id if competition else None,
        kind=AttemptKind.COMPETITION.value if competition else AttemptKind.PRACTICE.value,
        number=number,
        association_id=association.id if association else None,
        district_code=association.district_code if association else None,
        started_at=now,
        deadline=deadline,
        status=AttemptStatus.IN_PROGRESS.value,
        points_per_question=competition.points_per_question if competition else 1,
        question_count=len(items),
        items=items,
    )


def start(member, competition_id):
    """(attempt view, created): a new attempt, or the one already in progress."""
    competition = competitions.get_competition(competition_id)
    competitions.require_eligible(member, competition)
    # Each pass that does not return saw another attempt created or finished, which happens at
    # most twice per attempt within the cap: so this loop ends with an answer.
    for _ in range(2 * competition.attempts_allowed + 2):
        now = utcnow()
        rows = db.session.execute(
            select(Attempt.id, Attempt.status).where(
                Attempt.competition_id == competition.id, Attempt.member_id == member.id
            )
        ).all()
        current = next((id for id, status in rows if status == AttemptStatus.IN_PROGRESS), None)
        if current is not None:
            attempt, starts_at = grading.own_attempt(member.id, current)
            if attempt.status == AttemptStatus.IN_PROGRESS and _accepts_answers(attempt, now):
                view = attempt_view(attempt, grading.items_of(attempt.id), now, attempt.max_leaves)
                db.session.commit()
                return view, False
            if attempt.status == AttemptStatus.IN_PROGRESS:
                grading.expire(attempt, starts_at, now)
            continue
        status = competition.status_at(now)
        if status == "upcoming":
            raise Conflict("竞赛尚未开始", reason="competition_not_started")
        if status == "closed":
            raise Conflict("竞赛已结束", reason="competition_closed")
        if len(rows) >= competition.attempts_allowed:
            raise Conflict(
                f"每人最多参加 {competition.attempts_allowed} 次，次数已用完",
                reason="attempts_exhausted",
            )
        question_ids = draw(competition.draw_rules)
        attempt = _new_attempt(member, competition, len(rows) + 1, question_ids, now)
        db.session.add(attempt)
        try:
            db.session.flush()
        except IntegrityError:
            # A parallel start took this number; look again (it is probably in progress now).
            db.session.rollback()
            continue
        view = attempt_view(attempt, attempt.items, now, competition.max_leaves)
        db.session.commit()
        return view, True
    raise Conflict("操作过于频繁，请稍后再试", reason="start_conflict")


def start_practice(member, category_id=None, count=10, from_mistakes=False):
    """An unranked practice round from a category, or from my mistakes (in it, if given)."""
    if category_id is not None:
        require_category(category_id, field="category")
    if from_mistakes:
        pool = mistakes.question_ids(member.id, category_id)
        if not pool:
            raise Conflict("错题本中没有可练习的题目", reason="no_mistakes")
    elif category_id is None:
        raise field_error("category", "请选择题目分类")
    else:
        pool = db.session.scalars(select(Question.id).where(Question.category_id == category_id))
    question_ids = draw_from(list(pool), count)
    if not question_ids:
        raise Conflict("没有可练习的题目", reason="not_enough_questions")
    now = utcnow()
    attempt = _new_attempt(member, None, None, question_ids, now)
    db.session.add(attempt)
    db.session.flush()
    view = attempt_view(attempt, attempt.items, now)
    db.session.commit()
    return view


def my_attempts(member_id, page=1, page_size=20):
    """My finished competition attempts, newest first, marking the one my entry ranks."""
    conditions = (
        Attempt.member_id == member_id,
        Attempt.kind == AttemptKind.COMPETITION.value,
        Attempt.status == AttemptStatus.FINISHED.value,
    )
    total = db.session.scalar(select(func.count()).select_from(Attempt).where(*conditions))
    rows = db.session.execute(
        select(Attempt, Competition.title, CompetitionEntry.attempt_id)
        .join(Competition, Competition.id == Attempt.competition_id)
        .outerjoin(
            CompetitionEntry,
            and_(
                CompetitionEntry.competition_id == Attempt.competition_id,
                CompetitionEntry.member_id == Attempt.member_id,
            ),
        )
        .where(*conditions)
        .order_by(Attempt.finished_at.desc(), Attempt.id.desc())
        .limit(page_size)
        .offset((page - 1) * page_size)
    ).all()
    items = [
        {
            **score_view(attempt),
            "competition_id": attempt.competition_id,
            "competition_title": title,
            "number": attempt.number,
            "is_best": best_attempt_id == attempt.id,
        }
        for attempt, title, best_attempt_id in rows
    ]
    return {"items": items, "total": total, "page": page, "page_size": page_size}


def finish_overdue(now=None, batch=200):
    """Finish every attempt past its deadline and grace; return how many were finished."""
    now = now or utcnow()
    cutoff = now - _grace()
    finished, busy = 0, set()
    while True:
        ids = db.session.scalars(
            select(Attempt.id)
            .where(
                Attempt.status == AttemptStatus.IN_PROGRESS.value,
                Attempt.deadline < cutoff,
                Attempt.id.not_in(busy),
            )
            .order_by(Attempt.deadline)
            .limit(batch)
        ).all()
        if not ids:
            return finished
        for attempt_id in ids:
            # A member submitting it right now holds the lock and finishes it themselves.
            locked = grading.lock_in_progress(attempt_id)
            if locked is None:
                db.session.rollback()
                busy.add(attempt_id)
                continue
            grading.expire(*locked, now)
            finished += 1
