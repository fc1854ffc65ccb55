"""The demo question bank and competitions loaded by `flask seed demo`."""

from types import SimpleNamespace

from sqlalchemy import func, select

from backend.app.extensions import db
from backend.app.quizzes import demo
from backend.app.quizzes.models import Competition, Question, QuestionCategory
from backend.app.quizzes.questions import check_question

from .conftest import API

SMALL_BANK = SimpleNamespace(
    CATEGORIES=(("收费规范", "行业协会商会收费"), ("八项规定", "中央八项规定精神")),
    QUESTIONS=tuple(
        {
            "category": ("收费规范", "八项规定")[n % 2],
            "type": kind,
            "stem": f"演示题 {n}",
            "options": ["正确", "错误"] if kind == "true_false" else ["甲", "乙", "丙", "以上都是"],
            "answer": {"single": "D", "multiple": "AB", "true_false": "A"}[kind],
            "analysis": "演示解析",
            "difficulty": 1 + n % 3,
            "reference": None,
        }
        for n, kind in enumerate(["single"] * 6 + ["multiple"] * 3 + ["true_false"] * 3)
    ),
)


def test_seed_loads_a_labelled_bank_and_two_competitions_once(app, client, login):
    with app.app_context():
        assert demo.seed(SMALL_BANK) == (2, 12, 2)
        assert demo.seed(SMALL_BANK) == (0, 0, 0)
        questions = db.session.scalars(select(Question)).all()
        assert all(question.is_demo for question in questions)
        assert all(question.fixed_order for question in questions if question.type == "single")
        competitions = {c.title: c for c in db.session.scalars(select(Competition))}
    assert {c.status for c in competitions.values()} == {"open", "upcoming"}
    assert all(title.startswith("【演示】") for title in competitions)
    open_one = next(c for c in competitions.values() if c.status == "open")
    # The paper shrinks to what the bank holds: 6 single, 3 multiple, 3 true/false.
    assert open_one.question_count == 12
    categories = client.get(f"{API}/question-categories").json
    assert [(c["name"], c["demo"], c["question_count"]) for c in categories] == [
        ("收费规范", True, 6),
        ("八项规定", True, 6),
    ]
    headers, _ = login("alice")
    started = client.post(f"{API}/competitions/{open_one.id}/attempts", headers=headers)
    assert started.status_code == 201


def test_the_team_written_bank_loads_and_every_question_is_sound(app, client, login):
    from backend.app.quizzes import demo_questions

    assert len(demo_questions.QUESTIONS) >= 150
    for entry in demo_questions.QUESTIONS:
        _, _, errors = check_question(entry["type"], entry["options"], entry["answer"])
        assert not errors, (entry["stem"], errors)
        assert entry["analysis"].strip() and entry["difficulty"] in (1, 2, 3)
    with app.app_context():
        categories, questions, competitions = demo.seed()
        assert (questions, competitions) == (len(demo_questions.QUESTIONS), 2)
        assert categories == len(demo_questions.CATEGORIES) >= 3
        assert db.session.scalar(
            select(func.count()).select_from(QuestionCategory).where(QuestionCategory.is_demo)
        ) == len(demo_questions.CATEGORIES)
        open_id = db.session.scalar(
            select(Competition.id).where(Competition.title == demo.OPEN_TITLE)
        )
    headers, _ = login("alice")
    attempt = client.post(f"{API}/competitions/{open_id}/attempts", headers=headers).json
    assert len(attempt["questions"]) == 20


def test_flask_seed_demo_reports_the_demo_bank(app):
    result = app.test_cli_runner().invoke(args=["seed", "demo"])
    assert result.exit_code == 0, result.output
    assert "demo question bank" in result.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Competition)) == 2
