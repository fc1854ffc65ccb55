"""Bench data for the quiz scenarios: a competition, many members with tokens, attempts."""

import random
from datetime import timedelta

from sqlalchemy import func, insert, select

from backend.app.associations import demo as associations_demo
from backend.app.associations.models import Association
from backend.app.common.auth import MEMBER, issue_token
from backend.app.common.time import utcnow
from backend.app.extensions import db
from backend.app.members.models import Member
from backend.app.quizzes import demo as quizzes_demo
from backend.app.quizzes.draws import build_items, draw
from backend.app.quizzes.models import Attempt, AttemptItem, Competition

PAPER = [
    {"count": 10, "category_id": None, "type": "single", "difficulty": None},
    {"count": 5, "category_id": None, "type": "multiple", "difficulty": None},
    {"count": 5, "category_id": None, "type": "true_false", "difficulty": None},
]
ITEM_COLUMNS = ("position", "question_id", "type", "stem", "options", "answer", "analysis")
BATCH = 1000


def competition(ctx):
    """The bench competition (open for a week, 20 questions, 3-hour limit), made once."""
    if "competition_id" not in ctx.store:
        associations_demo.seed()
        quizzes_demo.seed()
        now = utcnow()
        row = Competition(
            title="基准测试竞赛",
            starts_at=now - timedelta(hours=1),
            ends_at=now + timedelta(days=7),
            time_limit_seconds=3 * 3600,
            attempts_allowed=3,
            points_per_question=5,
            draw_rules=PAPER,
            audience="all",
        )
        db.session.add(row)
        db.session.commit()
        ctx.store["competition_id"] = row.id
    return ctx.store["competition_id"]


def members(count):
    """[(member id, token)] for count new members spread over the demo associations."""
    associations = db.session.scalars(select(Association.id)).all()
    start = db.session.scalar(select(func.count()).select_from(Member))
    rows = [
        {
            "openid": f"bench-{start + n}",
            "nickname": f"会员{start + n}",
            "association_id": associations[n % len(associations)],
        }
        for n in range(count)
    ]
    ids = []
    for offset in range(0, count, BATCH):
        ids += db.session.scalars(
            insert(Member).returning(Member.id, sort_by_parameter_order=True),
            rows[offset : offset + BATCH],
        ).all()
    db.session.commit()
    return [(member_id, issue_token(member_id, MEMBER)[0]) for member_id in ids]


def in_progress_attempts(ctx, count, saved=None):
    """[(member token, attempt id, {question id: key})]: new members' attempts, just started.

    saved: (attempt id, {question id: key}) -> a submit body's answers, stored as if the member
    had saved them one by one.
    """
    competition_id = competition(ctx)
    contest = db.session.get(Competition, competition_id)
    people = members(count)
    placed = {
        row.id: (row.association_id, row.district_code)
        for row in db.session.execute(
            select(Member.id, Member.association_id, Association.district_code)
            .join(Association, Association.id == Member.association_id)
            .where(Member.id.in_([member_id for member_id, _ in people]))
        )
    }
    now = utcnow()
    made = []
    for offset in range(0, count, BATCH):
        batch = people[offset : offset + BATCH]
        papers = [build_items(draw(contest.draw_rules)) for _ in batch]
        attempt_ids = db.session.scalars(
            insert(Attempt).returning(Attempt.id, sort_by_parameter_order=True),
            [
                {
                    "member_id": member_id,
                    "competition_id": competition_id,
                    "kind": "competition",
                    "number": 1,
                    "association_id": placed[member_id][0],
                    "district_code": placed[member_id][1],
                    "started_at": now,
                    "deadline": now + timedelta(seconds=contest.time_limit_seconds),
                    "status": "in_progress",
                    "points_per_question": contest.points_per_question,
                    "question_count": len(paper),
                }
                for (member_id, _), paper in zip(batch, papers, strict=True)
            ],
        ).all()
        rows = []
        for attempt_id, paper in zip(attempt_ids, papers, strict=True):
            chosen = {}
            if saved is not None:
                keys = {item.question_id: item.answer for item in paper}
                chosen = {a["question_id"]: "".join(a["choices"]) for a in saved(attempt_id, keys)}
            for item in paper:
                row = {name: getattr(item, name) for name in ITEM_COLUMNS}
                rows.append(
                    {"attempt_id": attempt_id, "choices": chosen.get(item.question_id), **row}
                )
        db.session.execute(insert(AttemptItem), rows)
        db.session.commit()
        for (_, token), attempt_id, paper in zip(batch, attempt_ids, papers, strict=True):
            made.append((token, attempt_id, {item.question_id: item.answer for item in paper}))
    return made


def answers(keys, right_share, rng=random):
    """A submit body's answers, each right with probability right_share."""
    chosen = []
    for question_id, key in keys.items():
        wrong = ["A"] if key != "A" else ["B"]
        letters = list(key) if rng.random() < right_share else wrong
        chosen.append({"question_id": question_id, "choices": letters})
    return chosen
