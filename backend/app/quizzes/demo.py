"""Demo question bank and competitions for development, flagged as demo content throughout."""

from datetime import timedelta

from sqlalchemy import func, select

from ..common.time import utcnow
from ..extensions import db
from .models import Competition, Question, QuestionCategory, QuestionType
from .questions import check_question, needs_fixed_order

OPEN_TITLE = "【演示】台州市行业协会商会清廉知识竞赛"
UPCOMING_TITLE = "【演示】清廉社会组织建设知识挑战赛"
DEMO_NOTE = "本竞赛为演示数据，题目来自开发团队编写的演示题库，仅供体验功能，不代表官方题库。"
# Questions per type for a demo paper: 10 single, 5 multiple and 5 true/false choice questions.
PAPER = ((QuestionType.SINGLE, 10), (QuestionType.MULTIPLE, 5), (QuestionType.TRUE_FALSE, 5))


def _bank():
    # Imported only when seeding: 160 questions need not sit in every worker's memory.
    from . import demo_questions

    return demo_questions


def _categories(bank):
    existing = {
        category.name: category for category in db.session.scalars(select(QuestionCategory))
    }
    added = 0
    for position, (name, description) in enumerate(bank.CATEGORIES):
        if name not in existing:
            existing[name] = QuestionCategory(
                name=name, description=description, position=position, is_demo=True
            )
            db.session.add(existing[name])
            added += 1
    db.session.flush()
    return existing, added


def _questions(bank, categories):
    existing = {
        tuple(row) for row in db.session.execute(select(Question.category_id, Question.stem))
    }
    added = 0
    for entry in bank.QUESTIONS:
        category = categories[entry["category"]]
        if (category.id, entry["stem"]) in existing:
            continue
        options, answer, errors = check_question(entry["type"], entry["options"], entry["answer"])
        if errors:
            raise ValueError(f"demo question {entry['stem']!r} is invalid: {errors}")
        db.session.add(
            Question(
                category_id=category.id,
                type=entry["type"],
                stem=entry["stem"],
                options=options,
                answer=answer,
                analysis=entry["analysis"],
                difficulty=entry["difficulty"],
                reference=entry.get("reference"),
                fixed_order=needs_fixed_order(options),
                is_demo=True,
            )
        )
        existing.add((category.id, entry["stem"]))
        added += 1
    db.session.flush()
    return added


def _paper():
    """Draw rules for a demo paper, shrunk to what the bank holds."""
    available = dict(
        db.session.execute(
            select(Question.type, func.count())
            .where(Question.enabled.is_(True), Question.is_demo.is_(True))
            .group_by(Question.type)
        ).all()
    )
    rules = []
    for kind, count in PAPER:
        count = min(count, available.get(kind.value, 0))
        if count:
            rules.append(
                {"count": count, "category_id": None, "type": kind.value, "difficulty": None}
            )
    return rules


def _competitions():
    titles = set(db.session.scalars(select(Competition.title)))
    rules = _paper()
    now = utcnow().replace(microsecond=0)
    plans = (
        (OPEN_TITLE, now - timedelta(hours=1), now + timedelta(days=30)),
        (UPCOMING_TITLE, now + timedelta(days=7), now + timedelta(days=14)),
    )
    added = 0
    for title, starts_at, ends_at in plans:
        if title in titles or not rules:
            continue
        db.session.add(
            Competition(
                title=title,
                description=DEMO_NOTE,
                starts_at=starts_at,
                ends_at=ends_at,
                time_limit_seconds=600,
                attempts_allowed=3,
                points_per_question=5,
                draw_rules=rules,
                audience="all",
            )
        )
        added += 1
    return added


def seed(bank=None):
    """Add the missing demo categories, questions and competitions; return how many of each."""
    bank = bank or _bank()
    categories, categories_added = _categories(bank)
    questions_added = _questions(bank, categories)
    competitions_added = _competitions()
    db.session.commit()
    return categories_added, questions_added, competitions_added
