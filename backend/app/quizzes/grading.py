"""Reading, answering and finishing attempts in the database, with as few statements as it takes.

An attempt is finished by one conditional UPDATE (status still in progress), so parallel submits,
the lazy finish on access and `flask quizzes finish-overdue` can never count it twice; its best
result is kept by one upsert that replaces only a worse entry. These run on every submit, so they
use Core statements on plain rows rather than ORM objects.
"""

from dataclasses import dataclass
from datetime import timedelta
from types import SimpleNamespace

from sqlalchemy import Integer, String, and_, bindparam, case, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite

from ..common.time import utcnow
from ..errors import NotFound, field_error
from ..extensions import db
from . import board_rows, redis_boards
from .models import (
    Attempt,
    AttemptItem,
    AttemptKind,
    AttemptStatus,
    Competition,
    CompetitionEntry,
    FinishReason,
    QuestionType,
)
from .questions import LETTERS

ATTEMPTS = Attempt.__table__
ITEMS = AttemptItem.__table__
ENTRIES = CompetitionEntry.__table__
# What grading needs of an item; views add the texts.
GRADING_COLUMNS = (
    ITEMS.c.id,
    ITEMS.c.question_id,
    ITEMS.c.type,
    ITEMS.c.options,
    ITEMS.c.answer,
    ITEMS.c.choices,
)
TEXT_COLUMNS = (ITEMS.c.stem, ITEMS.c.analysis, ITEMS.c.reference)
ENTRY_FIELDS = ("association_id", "district_code", "score", "time_used_ds", "finish_s")
# Databases with INSERT ... ON CONFLICT keep the best entry in one statement; others lock and look.
UPSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}

_write_one = (
    update(ITEMS)
    .where(ITEMS.c.id == bindparam("item_id"))
    .values(choices=bindparam("letters"), answered_at=bindparam("now"))
)
# PostgreSQL writes a whole submit's answers in one statement.
_answers = (
    func.unnest(
        bindparam("item_ids", type_=postgresql.ARRAY(Integer)),
        bindparam("letters", type_=postgresql.ARRAY(String)),
    )
    .table_valued("item_id", "letters")
    .render_derived()
)
_write_many = (
    update(ITEMS)
    .where(ITEMS.c.id == _answers.c.item_id)
    .values(choices=_answers.c.letters, answered_at=bindparam("now"))
)
_upserts = {}


class AlreadyFinished(Exception):
    """Someone else finished the attempt first."""


def _dialect():
    return db.session.get_bind().dialect.name


def _select_attempt(*conditions):
    competitions = Competition.__table__
    # The competition's limit on leaving the app rides along as the record's max_leaves.
    return (
        select(
            ATTEMPTS,
            competitions.c.starts_at.label("competition_starts_at"),
            competitions.c.max_leaves,
        )
        .select_from(
            ATTEMPTS.outerjoin(competitions, competitions.c.id == ATTEMPTS.c.competition_id)
        )
        .where(*conditions)
    )


def _record(row):
    values = row._asdict()
    starts_at = values.pop("competition_starts_at")
    return SimpleNamespace(**values), starts_at


def own_attempt(member_id, attempt_id, lock=True):
    """(attempt, competition start) as a record, the row locked; 404 for others' too (no leak)."""
    statement = _select_attempt(ATTEMPTS.c.id == attempt_id, ATTEMPTS.c.member_id == member_id)
    if lock:
        statement = statement.with_for_update(of=ATTEMPTS)
    row = db.session.execute(statement).first()
    if row is None:
        raise NotFound("答题记录不存在", reason="attempt_not_found")
    return _record(row)


def lock_in_progress(attempt_id):
    """(attempt, competition start) if still in progress and nobody holds it, else None."""
    statement = _select_attempt(
        ATTEMPTS.c.id == attempt_id, ATTEMPTS.c.status == AttemptStatus.IN_PROGRESS.value
    ).with_for_update(of=ATTEMPTS, skip_locked=True)
    row = db.session.execute(statement).first()
    return _record(row) if row is not None else None


@dataclass(slots=True)
class Item:
    """An attempt item as grading and the views use it."""

    id: int
    question_id: int | None
    type: str
    options: list
    answer: str
    choices: str | None
    stem: str = ""
    analysis: str = ""
    reference: str | None = None


def items_of(attempt_id, texts=True):
    """The attempt's items in order (texts only when a view needs them)."""
    columns = GRADING_COLUMNS + (TEXT_COLUMNS if texts else ())
    rows = db.session.execute(
        select(*columns).where(ITEMS.c.attempt_id == attempt_id).order_by(ITEMS.c.position)
    )
    return [Item(*row) for row in rows]


def check_choices(item, choices, field="choices"):
    """The member's letters as stored ("AC"), or None to clear; 422 for a letter not offered."""
    letters = sorted({str(choice).strip().upper() for choice in choices})
    offered = LETTERS[: len(item.options)]
    wrong = [letter for letter in letters if letter not in offered]
    if wrong:
        message = f"选项 {'、'.join(wrong)} 不存在，本题选项为 A–{offered[-1]}"
        raise field_error(field, message, reason="invalid_choice")
    if item.type != QuestionType.MULTIPLE and len(letters) > 1:
        raise field_error(field, "本题只能选择一个选项", reason="invalid_choice")
    return "".join(letters) or None


def write_choices(changed, now):
    """Store changed answers {item id: letters}."""
    if not changed:
        return
    if len(changed) > 1 and _dialect() == "postgresql":
        params = {"item_ids": list(changed), "letters": list(changed.values()), "now": now}
        db.session.execute(_write_many, params)
        return
    rows = [{"item_id": key, "letters": value, "now": now} for key, value in changed.items()]
    # A single answer (a save) goes as a plain statement, a batch as executemany.
    db.session.execute(_write_one, rows[0] if len(rows) == 1 else rows)


def count_leave(attempt, seq, duration_ms, now):
    """Record the member's leave number seq (a retry changes nothing); update the record."""
    elapsed = max(0, int((now - attempt.started_at) / timedelta(milliseconds=1)))
    added = ATTEMPTS.c.leave_ms + duration_ms
    # Conditional, so parallel retries on databases without row locks (SQLite) count once.
    db.session.execute(
        update(ATTEMPTS)
        .where(
            ATTEMPTS.c.id == attempt.id,
            ATTEMPTS.c.status == AttemptStatus.IN_PROGRESS.value,
            ATTEMPTS.c.leave_count < seq,
        )
        .values(leave_count=seq, leave_ms=case((added > elapsed, elapsed), else_=added))
    )
    row = db.session.execute(
        select(ATTEMPTS.c.leave_count, ATTEMPTS.c.leave_ms).where(ATTEMPTS.c.id == attempt.id)
    ).one()
    attempt.leave_count, attempt.leave_ms = row


def result_of(attempt, starts_at):
    """A finished competition attempt's result in ranking units."""
    end = min(attempt.finished_at, attempt.deadline)
    return board_rows.Result(
        competition_id=attempt.competition_id,
        member_id=attempt.member_id,
        association_id=attempt.association_id,
        district_code=attempt.district_code,
        score=attempt.score,
        time_used_ds=attempt.time_used_ms // 100,
        finish_s=int((end - starts_at).total_seconds()),
    )


def _upsert(dialect):
    """INSERT ... ON CONFLICT DO UPDATE replacing only a worse entry; None where unsupported."""
    if dialect not in _upserts:
        insert = UPSERTS.get(dialect)
        statement = None
        if insert is not None:
            names = ("competition_id", "member_id", "attempt_id", *ENTRY_FIELDS, "updated_at")
            statement = insert(ENTRIES).values({name: bindparam(name) for name in names})
            new, old = statement.excluded, ENTRIES.c
            better = or_(
                new.score > old.score,
                and_(
                    new.score == old.score,
                    or_(
                        new.time_used_ds < old.time_used_ds,
                        and_(new.time_used_ds == old.time_used_ds, new.finish_s < old.finish_s),
                    ),
                ),
            )
            statement = statement.on_conflict_do_update(
                index_elements=[old.competition_id, old.member_id],
                set_={name: new[name] for name in names[2:]},
                where=better,
            )
        _upserts[dialect] = statement
    return _upserts[dialect]


def keep_best(result, attempt_id):
    """Make the entry hold the member's best attempt (called with the attempt row locked)."""
    values = {name: getattr(result, name) for name in ("competition_id", "member_id")}
    values.update({name: getattr(result, name) for name in ENTRY_FIELDS})
    values.update(attempt_id=attempt_id, updated_at=utcnow())
    statement = _upsert(_dialect())
    if statement is not None:
        db.session.execute(statement, values)
        return
    entry = db.session.scalar(
        select(CompetitionEntry)
        .where(
            CompetitionEntry.competition_id == result.competition_id,
            CompetitionEntry.member_id == result.member_id,
        )
        .with_for_update()
    )
    if entry is not None and board_rows.Result.of(entry).key <= result.key:
        return
    if entry is None:
        db.session.add(CompetitionEntry(**values))
        return
    for name, value in values.items():
        setattr(entry, name, value)


def finish(attempt, items, starts_at, now, reason):
    """Grade and close the attempt; return its leaderboard result (None for practice)."""
    end = now if attempt.deadline is None else min(now, attempt.deadline)
    correct = sum(1 for item in items if item.choices is not None and item.choices == item.answer)
    graded = {
        "status": AttemptStatus.FINISHED.value,
        "finished_at": now,
        "finish_reason": reason,
        "score": correct * attempt.points_per_question,
        "correct_count": correct,
        "time_used_ms": max(0, int((end - attempt.started_at) / timedelta(milliseconds=1))),
    }
    closed = db.session.execute(
        update(ATTEMPTS)
        .where(ATTEMPTS.c.id == attempt.id, ATTEMPTS.c.status == AttemptStatus.IN_PROGRESS.value)
        .values(**graded)
    )
    if closed.rowcount != 1:
        raise AlreadyFinished
    for name, value in graded.items():
        setattr(attempt, name, value)
    if attempt.kind != AttemptKind.COMPETITION:
        return None
    result = result_of(attempt, starts_at)
    keep_best(result, attempt.id)
    return result


def expire(attempt, starts_at, now):
    """Finish an overdue attempt on the answers saved in time; commit and update the boards."""
    try:
        result = finish(
            attempt, items_of(attempt.id, texts=False), starts_at, now, FinishReason.EXPIRED.value
        )
    except AlreadyFinished:
        db.session.rollback()
        return
    db.session.commit()
    if result is not None:
        redis_boards.record(result)
