"""Saving one answer of an attempt in progress."""

import json

from sqlalchemy import select

from backend.app.extensions import db
from backend.app.quizzes.models import Attempt, AttemptItem

from .. import seed
from . import Request

NAME = "save answer"
TITLE = "PUT /api/v1/attempts/{id}/answers/{question_id}"
TARGET = "app"
ORDER = 20
FLOOR = "floor: write"
AIM = 0.8


def requests(ctx):
    """Answers to the attempts the start scenario opened (or new ones), question by question."""
    with ctx.app.app_context():
        tokens = ctx.store.get("started_members") or {}
        rows = db.session.execute(
            select(Attempt.member_id, Attempt.id, AttemptItem.question_id)
            .join(AttemptItem, AttemptItem.attempt_id == Attempt.id)
            .where(Attempt.member_id.in_(list(tokens)), Attempt.status == "in_progress")
            .order_by(AttemptItem.position, Attempt.id)
            .limit(ctx.pool)
        ).all()
        if not rows:
            made = seed.in_progress_attempts(ctx, max(1, ctx.pool // 20))
            rows = [
                (token, attempt_id, question_id)
                for token, attempt_id, keys in made
                for question_id in keys
            ]
        else:
            rows = [
                (tokens[member_id], attempt_id, question_id)
                for member_id, attempt_id, question_id in rows
            ]
    body = json.dumps({"choices": ["A"]})
    return [
        Request("PUT", f"/api/v1/attempts/{attempt_id}/answers/{question_id}", token, body)
        for token, attempt_id, question_id in rows
    ]
