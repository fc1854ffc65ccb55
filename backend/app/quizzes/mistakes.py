"""The mistake book: questions answered wrong in finished attempts, and not got right since."""

from sqlalchemy import case, func, select

from ..extensions import db
from .models import Attempt, AttemptItem, AttemptStatus, Question


def _summary(member_id, category_id=None):
    """(question id, last time wrong, times wrong) for each question still in the mistake book."""
    wrong = AttemptItem.choices != AttemptItem.answer
    last_wrong = func.max(case((wrong, Attempt.finished_at)))
    last_right = func.max(case((AttemptItem.choices == AttemptItem.answer, Attempt.finished_at)))
    statement = (
        select(
            AttemptItem.question_id,
            last_wrong.label("last_wrong"),
            func.sum(case((wrong, 1), else_=0)).label("times_wrong"),
        )
        .join(Attempt, Attempt.id == AttemptItem.attempt_id)
        .where(
            Attempt.member_id == member_id,
            Attempt.status == AttemptStatus.FINISHED.value,
            AttemptItem.choices.is_not(None),
            AttemptItem.question_id.is_not(None),
        )
        .group_by(AttemptItem.question_id)
        # A question leaves the book once answered right after the last time it was answered wrong.
        .having(last_wrong.is_not(None), (last_right.is_(None)) | (last_right < last_wrong))
    )
    if category_id is not None:
        statement = statement.join(Question, Question.id == AttemptItem.question_id).where(
            Question.category_id == category_id
        )
    return statement


def question_ids(member_id, category_id=None):
    """The ids of every question in my mistake book."""
    return [row.question_id for row in db.session.execute(_summary(member_id, category_id))]


def list_mistakes(member_id, page=1, page_size=20):
    """One page of my mistake book, latest first, each as I last got it wrong."""
    summary = _summary(member_id).subquery()
    total = db.session.scalar(select(func.count()).select_from(summary))
    rows = db.session.execute(
        select(summary.c.question_id, summary.c.times_wrong)
        .order_by(summary.c.last_wrong.desc(), summary.c.question_id.desc())
        .limit(page_size)
        .offset((page - 1) * page_size)
    ).all()
    times = {row.question_id: row.times_wrong for row in rows}
    latest = {}
    if times:
        items = db.session.execute(
            select(AttemptItem, Question.category_id)
            .join(Attempt, Attempt.id == AttemptItem.attempt_id)
            .outerjoin(Question, Question.id == AttemptItem.question_id)
            .where(
                Attempt.member_id == member_id,
                Attempt.status == AttemptStatus.FINISHED.value,
                AttemptItem.question_id.in_(times),
                AttemptItem.choices != AttemptItem.answer,
            )
            .order_by(Attempt.finished_at.desc(), AttemptItem.id.desc())
        ).all()
        for item, category_id in items:
            latest.setdefault(item.question_id, (item, category_id))
    entries = []
    for row in rows:
        item, category_id = latest[row.question_id]
        entries.append(
            {
                "question_id": item.question_id,
                "category_id": category_id,
                "type": item.type,
                "stem": item.stem,
                "options": item.options,
                "choices": list(item.choices),
                "answer": list(item.answer),
                "analysis": item.analysis,
                "reference": item.reference,
                "times_wrong": int(times[row.question_id]),
            }
        )
    return {"items": entries, "total": total, "page": page, "page_size": page_size}
