"""Practice rounds and the mistake book."""

from sqlalchemy import func, select

from backend.app.extensions import db
from backend.app.quizzes.models import Attempt, CompetitionEntry, Question

from ..factories import CompetitionFactory, QuestionFactory
from .conftest import API, SECRET_KEYS, keys_in


def _practice(client, headers, **body):
    return client.post(f"{API}/practice", json=body, headers=headers)


def test_practice_draws_from_a_category_unranked_and_unlimited(app, client, login, bank, quiz):
    headers, _ = login("alice")
    for _ in range(5):
        response = _practice(client, headers, category=bank[0], count=4)
        assert response.status_code == 201, response.json
    body = response.json
    assert (body["kind"], body["deadline"], body["competition_id"]) == ("practice", None, None)
    assert len(body["questions"]) == 4
    assert not keys_in(body) & SECRET_KEYS
    with app.app_context():
        ids = {question["id"] for question in body["questions"]}
        categories = set(
            db.session.scalars(select(Question.category_id).where(Question.id.in_(ids)))
        )
    assert categories == {bank[0]}
    result = quiz.submit(headers, body["id"], quiz.answers(body["id"], right=2))
    assert (result["score"], result["max_score"]) == (2, 4)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(CompetitionEntry)) == 0
        assert db.session.scalar(select(func.count()).select_from(Attempt)) == 5
    everything = _practice(client, headers, category=bank[1], count=50).json
    assert len(everything["questions"]) == 14


def test_practice_refuses_what_it_cannot_serve(app, client, login, bank):
    headers, _ = login("alice")
    cases = [
        ({"category": 99999}, 422, "category_not_found"),
        ({}, 422, "validation_failed"),
        ({"category": bank[0], "count": 0}, 422, "validation_failed"),
        ({"from_mistakes": True}, 409, "no_mistakes"),
    ]
    for body, status, reason in cases:
        response = _practice(client, headers, **body)
        assert (response.status_code, response.json["reason"]) == (status, reason), body
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Attempt)) == 0


def test_mistake_book_lists_wrong_answers_until_answered_right(app, client, login, quiz):
    with app.app_context():
        first = QuestionFactory(stem="第一题", analysis="第一题的解析")
        second = QuestionFactory(category=first.category, stem="第二题")
        QuestionFactory(category=first.category, stem="第三题")
        rules = [{"count": 3, "category_id": first.category_id, "type": None, "difficulty": None}]
        competition_id = CompetitionFactory(draw_rules=rules).id
        first_id, second_id, category_id = first.id, second.id, first.category_id
    headers, _ = login("alice")
    attempt = quiz.start(headers, competition_id).json
    keys = quiz.keys(attempt["id"])
    wrong = {first_id: ["A"] if keys[first_id] != ["A"] else ["B"]}
    wrong[second_id] = ["A"] if keys[second_id] != ["A"] else ["B"]
    answers = [{"question_id": qid, "choices": choices} for qid, choices in wrong.items()]
    quiz.submit(headers, attempt["id"], answers)
    book = client.get(f"{API}/me/mistakes", headers=headers).json
    assert book["total"] == 2
    entry = next(item for item in book["items"] if item["question_id"] == first_id)
    assert entry["stem"] == "第一题" and entry["analysis"] == "第一题的解析"
    assert entry["answer"] == keys[first_id] and entry["choices"] == wrong[first_id]
    assert (entry["times_wrong"], entry["category_id"]) == (1, category_id)

    practice = _practice(client, headers, from_mistakes=True, count=10).json
    assert {question["id"] for question in practice["questions"]} == {first_id, second_id}
    practice_keys = quiz.keys(practice["id"])
    quiz.submit(
        headers, practice["id"], [{"question_id": first_id, "choices": practice_keys[first_id]}]
    )
    book = client.get(f"{API}/me/mistakes", headers=headers).json
    assert [item["question_id"] for item in book["items"]] == [second_id]
    assert book["items"][0]["times_wrong"] == 1
    other, _ = login("bob")
    assert client.get(f"{API}/me/mistakes", headers=other).json["total"] == 0


def test_unanswered_questions_and_unfinished_attempts_are_not_mistakes(
    app, client, login, bank, quiz
):
    with app.app_context():
        competition_id = CompetitionFactory().id
    headers, _ = login("alice")
    attempt = quiz.start(headers, competition_id).json
    question = attempt["questions"][0]
    key = quiz.keys(attempt["id"])[question["id"]]
    client.put(
        f"{API}/attempts/{attempt['id']}/answers/{question['id']}",
        json={"choices": ["A"] if key != ["A"] else ["B"]},
        headers=headers,
    )
    assert client.get(f"{API}/me/mistakes", headers=headers).json["total"] == 0
    quiz.submit(headers, attempt["id"])
    assert client.get(f"{API}/me/mistakes", headers=headers).json["total"] == 1
