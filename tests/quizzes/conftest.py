"""Quiz fixtures: a small question bank, and a helper that plays members and moves clocks."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from backend.app.common.time import utcnow
from backend.app.extensions import db
from backend.app.quizzes import board_rows, redis_boards
from backend.app.quizzes.models import Attempt, AttemptItem, CompetitionEntry

from ..factories import QuestionCategoryFactory, QuestionFactory

API = "/api/v1"
# Keys a member must never see before finishing.
SECRET_KEYS = {"answer", "analysis", "correct", "review"}


def keys_in(value):
    """Every dict key anywhere in a JSON value."""
    if isinstance(value, dict):
        found = set(value)
        for item in value.values():
            found |= keys_in(item)
        return found
    if isinstance(value, list):
        found = set()
        for item in value:
            found |= keys_in(item)
        return found
    return set()


def put_entry(competition, member_id, score, time_used_ds, finish_s, association=None):
    """A finished attempt and its leaderboard entry, recorded in Redis too (app context)."""
    finished_at = competition.starts_at + timedelta(seconds=finish_s)
    attempt = Attempt(
        member_id=member_id,
        competition_id=competition.id,
        kind="competition",
        number=1,
        association_id=association.id if association else None,
        district_code=association.district_code if association else None,
        started_at=finished_at - timedelta(milliseconds=time_used_ds * 100),
        deadline=finished_at,
        status="finished",
        finished_at=finished_at,
        finish_reason="submitted",
        points_per_question=1,
        question_count=score,
        score=score,
        correct_count=score,
        time_used_ms=time_used_ds * 100,
    )
    db.session.add(attempt)
    db.session.flush()
    entry = CompetitionEntry(
        competition_id=competition.id,
        member_id=member_id,
        attempt_id=attempt.id,
        association_id=attempt.association_id,
        district_code=attempt.district_code,
        score=score,
        time_used_ds=time_used_ds,
        finish_s=finish_s,
    )
    db.session.add(entry)
    db.session.commit()
    redis_boards.record(board_rows.Result.of(entry))
    return entry


@pytest.fixture
def bank(app):
    """Two categories of 6 single, 4 multiple and 4 true/false questions each."""
    with app.app_context():
        categories = [QuestionCategoryFactory(name=name) for name in ("社会组织管理", "八项规定")]
        for category in categories:
            for kind, count in (("single", 6), ("multiple", 4), ("true_false", 4)):
                for _ in range(count):
                    QuestionFactory(category=category, type=kind)
        return [category.id for category in categories]


class Quiz:
    """Member actions over HTTP, and database peeks and clock moves the API cannot do."""

    def __init__(self, app, client):
        self.app = app
        self.client = client

    def start(self, headers, competition_id, expect=(200, 201)):
        response = self.client.post(
            f"{API}/competitions/{competition_id}/attempts", headers=headers
        )
        assert response.status_code in expect, response.json
        return response

    def keys(self, attempt_id):
        """{question id: correct letters as shown in this attempt}."""
        with self.app.app_context():
            rows = db.session.execute(
                select(AttemptItem.question_id, AttemptItem.answer).where(
                    AttemptItem.attempt_id == attempt_id
                )
            ).all()
            return {question_id: list(answer) for question_id, answer in rows}

    def answers(self, attempt_id, right):
        """Submit answers with exactly `right` of them correct."""
        answers = []
        for index, (question_id, key) in enumerate(sorted(self.keys(attempt_id).items())):
            wrong = ["A"] if key != ["A"] else ["B"]
            choices = key if index < right else wrong
            answers.append({"question_id": question_id, "choices": choices})
        return answers

    def submit(self, headers, attempt_id, answers=(), expect=200):
        response = self.client.post(
            f"{API}/attempts/{attempt_id}/submit", json={"answers": list(answers)}, headers=headers
        )
        assert response.status_code == expect, response.json
        return response.json

    def play(self, headers, competition_id, right):
        """Start, answer `right` questions correctly, submit; the result."""
        attempt = self.start(headers, competition_id).json
        return self.submit(headers, attempt["id"], self.answers(attempt["id"], right))

    def move_back(self, attempt_id, seconds):
        """Pretend the attempt started `seconds` earlier (deadline too)."""
        with self.app.app_context():
            attempt = db.session.get(Attempt, attempt_id)
            shift = timedelta(seconds=seconds)
            db.session.execute(
                update(Attempt)
                .where(Attempt.id == attempt_id)
                .values(started_at=attempt.started_at - shift, deadline=attempt.deadline - shift)
            )
            db.session.commit()

    def overdue(self, attempt_id, seconds_past=60):
        """Make the attempt's deadline (plus grace) lie `seconds_past` in the past."""
        with self.app.app_context():
            attempt = db.session.get(Attempt, attempt_id)
            grace = self.app.config["QUIZ_SUBMIT_GRACE_SECONDS"]
            behind = (attempt.deadline - utcnow()).total_seconds() + grace + seconds_past
        self.move_back(attempt_id, behind)

    def attempt(self, attempt_id):
        with self.app.app_context():
            attempt = db.session.get(Attempt, attempt_id)
            db.session.expunge(attempt)
            return attempt

    def entries(self, competition_id):
        with self.app.app_context():
            return db.session.scalar(
                select(func.count())
                .select_from(CompetitionEntry)
                .where(CompetitionEntry.competition_id == competition_id)
            )


@pytest.fixture
def quiz(app, client):
    """The Quiz helper."""
    return Quiz(app, client)
