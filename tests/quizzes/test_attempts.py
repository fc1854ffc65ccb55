"""Competition attempts: drawing, saving, submitting once, deadlines, caps and audiences."""

from datetime import timedelta

from sqlalchemy import func, select

from backend.app.common.time import utcnow
from backend.app.extensions import db
from backend.app.quizzes import grading
from backend.app.quizzes.models import Attempt, AttemptItem, CompetitionEntry, Question

from ..factories import AssociationFactory, CompetitionFactory, QuestionFactory
from .conftest import API, SECRET_KEYS, keys_in


def _competition(app, **kwargs):
    with app.app_context():
        return CompetitionFactory(**kwargs).id


def test_start_draws_on_the_server_and_reveals_no_key(app, client, login, bank, quiz):
    competition_id = _competition(app)
    headers, _ = login("alice")
    response = quiz.start(headers, competition_id, expect=(201,))
    body = response.json
    assert len(body["questions"]) == 5
    assert body["status"] == "in_progress" and body["result"] is None
    assert not keys_in(body) & SECRET_KEYS
    assert all(question["choices"] is None for question in body["questions"])
    assert body["deadline"] > body["now"]
    again = client.get(f"{API}/attempts/{body['id']}", headers=headers).json
    assert not keys_in(again) & SECRET_KEYS
    # Single choice, then multiple, then true/false, as printed papers order them.
    order = {"single": 0, "multiple": 1, "true_false": 2}
    kinds = [order[question["type"]] for question in body["questions"]]
    assert kinds == sorted(kinds)


def test_each_attempt_has_its_own_paper_and_option_order(app, login, bank, quiz):
    competition_id = _competition(
        app, draw_rules=[{"count": 10, "category_id": None, "type": "single", "difficulty": None}]
    )
    papers, orders = set(), set()
    for name in ("alice", "bob", "carol", "dave"):
        headers, _ = login(name)
        body = quiz.start(headers, competition_id).json
        papers.add(tuple(sorted(question["id"] for question in body["questions"])))
        orders |= {tuple(question["options"]) for question in body["questions"]}
        keys = quiz.keys(body["id"])
        with app.app_context():
            for question in body["questions"]:
                original = db.session.get(Question, question["id"])
                # The stored key points at the same option text, whatever the shown order.
                shown = [question["options"]["ABCDEFGH".index(x)] for x in keys[question["id"]]]
                assert shown == [original.options["ABCDEFGH".index(x)] for x in original.answer]
    assert len(papers) > 1
    assert len(orders) > 1


def test_true_false_and_fixed_order_questions_keep_their_order(app, login, quiz):
    with app.app_context():
        fixed = QuestionFactory(options=["甲", "乙", "丙", "以上都是"], answer="D")
        QuestionFactory(category=fixed.category, type="true_false")
        rules = [{"count": 2, "category_id": fixed.category_id, "type": None, "difficulty": None}]
        fixed.fixed_order = True
        db.session.commit()
        competition_id = CompetitionFactory(draw_rules=rules).id
    headers, _ = login("alice")
    body = quiz.start(headers, competition_id).json
    options = {question["type"]: question["options"] for question in body["questions"]}
    assert options == {"single": ["甲", "乙", "丙", "以上都是"], "true_false": ["正确", "错误"]}


def test_deadline_is_the_earlier_of_time_limit_and_competition_end(app, login, bank, quiz):
    ends_at = utcnow() + timedelta(minutes=3)
    competition_id = _competition(app, ends_at=ends_at, time_limit_seconds=600)
    headers, _ = login("alice")
    body = quiz.start(headers, competition_id).json
    with app.app_context():
        attempt = db.session.get(Attempt, body["id"])
        assert abs((attempt.deadline - ends_at).total_seconds()) < 0.001
        later = CompetitionFactory(time_limit_seconds=120).id
    body = quiz.start(headers, later).json
    with app.app_context():
        attempt = db.session.get(Attempt, body["id"])
        assert attempt.deadline - attempt.started_at == timedelta(seconds=120)


def test_save_answers_one_by_one_and_resume(app, client, login, bank, quiz):
    competition_id = _competition(app)
    headers, _ = login("alice")
    body = quiz.start(headers, competition_id).json
    question = body["questions"][0]
    url = f"{API}/attempts/{body['id']}/answers/{question['id']}"
    saved = client.put(url, json={"choices": ["b"]}, headers=headers)
    assert saved.status_code == 200
    assert saved.json["choices"] == ["B"] and set(saved.json) == {
        "question_id",
        "choices",
        "saved_at",
    }
    resumed = quiz.start(headers, competition_id, expect=(200,)).json
    assert resumed["id"] == body["id"]
    assert resumed["questions"][0]["choices"] == ["B"]
    cleared = client.put(url, json={"choices": []}, headers=headers)
    assert cleared.json["choices"] is None


def test_bad_answers_are_refused_and_change_nothing(app, client, login, bank, quiz):
    competition_id = _competition(
        app,
        draw_rules=[{"count": 2, "category_id": None, "type": "single", "difficulty": None}],
    )
    headers, _ = login("alice")
    body = quiz.start(headers, competition_id).json
    question = body["questions"][0]
    url = f"{API}/attempts/{body['id']}/answers/{question['id']}"
    client.put(url, json={"choices": ["A"]}, headers=headers)
    cases = [
        ({"choices": ["E"]}, 422, "invalid_choice"),
        ({"choices": ["A", "B"]}, 422, "invalid_choice"),
        ({"choices": ["Z"]}, 422, "validation_failed"),
        ({"choices": "A"}, 422, "validation_failed"),
        ({}, 422, "validation_failed"),
    ]
    for payload, status, reason in cases:
        response = client.put(url, json=payload, headers=headers)
        assert (response.status_code, response.json["reason"]) == (status, reason), payload
        assert response.json["message"]
    with app.app_context():
        stored = db.session.scalar(
            select(AttemptItem.choices).where(
                AttemptItem.attempt_id == body["id"], AttemptItem.question_id == question["id"]
            )
        )
    assert stored == "A"
    with app.app_context():
        outsider = QuestionFactory().id
    missing = client.put(
        f"{API}/attempts/{body['id']}/answers/{outsider}", json={"choices": ["A"]}, headers=headers
    )
    assert (missing.status_code, missing.json["reason"]) == (404, "question_not_in_attempt")


def test_someone_elses_attempt_is_404_everywhere(app, client, login, bank, quiz):
    competition_id = _competition(app)
    alice, _ = login("alice")
    bob, _ = login("bob")
    body = quiz.start(alice, competition_id).json
    question_id = body["questions"][0]["id"]
    calls = [
        client.get(f"{API}/attempts/{body['id']}", headers=bob),
        client.put(
            f"{API}/attempts/{body['id']}/answers/{question_id}",
            json={"choices": ["A"]},
            headers=bob,
        ),
        client.post(f"{API}/attempts/{body['id']}/submit", json={"answers": []}, headers=bob),
        client.get(f"{API}/attempts/999999", headers=bob),
    ]
    for response in calls:
        assert (response.status_code, response.json["reason"]) == (404, "attempt_not_found")
    assert quiz.attempt(body["id"]).status == "in_progress"


def test_submit_grades_once_and_a_retry_gets_the_same_result(app, client, login, bank, quiz):
    competition_id = _competition(app)
    headers, _ = login("alice")
    attempt = quiz.start(headers, competition_id).json
    result = quiz.submit(headers, attempt["id"], quiz.answers(attempt["id"], right=3))
    assert (result["score"], result["correct_count"], result["max_score"]) == (30, 3, 50)
    assert result["finish_reason"] == "submitted"
    assert len(result["review"]) == 5
    assert sum(item["correct"] for item in result["review"]) == 3
    assert all(item["answer"] and "analysis" not in item for item in result["review"])
    # The long analyses come with the finished attempt, when the member opens the review.
    review = client.get(f"{API}/attempts/{attempt['id']}", headers=headers).json["result"]
    assert all(item["analysis"] for item in review["review"])
    assert review["score"] == result["score"]
    retry = quiz.submit(headers, attempt["id"], quiz.answers(attempt["id"], right=5))
    assert retry == result
    assert quiz.entries(competition_id) == 1
    finished = quiz.start(headers, competition_id, expect=(201,)).json
    assert finished["id"] != attempt["id"] and finished["number"] == 2


def test_saved_answers_count_when_submit_sends_none(app, client, login, bank, quiz):
    competition_id = _competition(app)
    headers, _ = login("alice")
    attempt = quiz.start(headers, competition_id).json
    for answer in quiz.answers(attempt["id"], right=5)[:4]:
        client.put(
            f"{API}/attempts/{attempt['id']}/answers/{answer['question_id']}",
            json={"choices": answer["choices"]},
            headers=headers,
        )
    assert quiz.submit(headers, attempt["id"])["correct_count"] == 4


def test_a_bad_submit_changes_nothing(app, client, login, bank, quiz):
    competition_id = _competition(app)
    headers, _ = login("alice")
    attempt = quiz.start(headers, competition_id).json
    answers = quiz.answers(attempt["id"], right=5)
    bad = [*answers[:2], {"question_id": 999999, "choices": ["A"]}]
    response = client.post(
        f"{API}/attempts/{attempt['id']}/submit", json={"answers": bad}, headers=headers
    )
    assert (response.status_code, response.json["reason"]) == (422, "question_not_in_attempt")
    assert "answers.2" in response.json["errors"]
    assert quiz.attempt(attempt["id"]).status == "in_progress"
    with app.app_context():
        saved = db.session.scalar(
            select(func.count())
            .select_from(AttemptItem)
            .where(AttemptItem.attempt_id == attempt["id"], AttemptItem.choices.is_not(None))
        )
    assert saved == 0


def test_submit_within_grace_counts_the_body_after_grace_only_what_was_saved(
    app, client, login, bank, quiz
):
    competition_id = _competition(app)
    headers, _ = login("alice")
    late = quiz.start(headers, competition_id).json
    answers = quiz.answers(late["id"], right=5)
    first = answers[0]
    client.put(
        f"{API}/attempts/{late['id']}/answers/{first['question_id']}",
        json={"choices": first["choices"]},
        headers=headers,
    )
    quiz.overdue(late["id"])
    result = quiz.submit(headers, late["id"], answers)
    assert (result["correct_count"], result["finish_reason"]) == (1, "expired")
    assert result["time_used_ms"] == 600_000

    in_grace = quiz.start(headers, competition_id).json
    # Two seconds past the deadline: inside the grace period.
    quiz.move_back(in_grace["id"], 602)
    result = quiz.submit(headers, in_grace["id"], quiz.answers(in_grace["id"], right=5))
    assert (result["correct_count"], result["finish_reason"]) == (5, "submitted")
    assert result["time_used_ms"] == 600_000


def test_saving_after_the_deadline_finishes_the_attempt(app, client, login, bank, quiz):
    competition_id = _competition(app)
    headers, _ = login("alice")
    attempt = quiz.start(headers, competition_id).json
    question_id = attempt["questions"][0]["id"]
    quiz.overdue(attempt["id"])
    response = client.put(
        f"{API}/attempts/{attempt['id']}/answers/{question_id}",
        json={"choices": ["A"]},
        headers=headers,
    )
    assert (response.status_code, response.json["reason"]) == (409, "attempt_expired")
    stored = quiz.attempt(attempt["id"])
    assert (stored.status, stored.finish_reason, stored.score) == ("finished", "expired", 0)
    again = client.put(
        f"{API}/attempts/{attempt['id']}/answers/{question_id}",
        json={"choices": ["A"]},
        headers=headers,
    )
    assert (again.status_code, again.json["reason"]) == (409, "attempt_finished")
    assert quiz.entries(competition_id) == 1


def test_overdue_attempts_finish_when_looked_at_or_restarted(app, client, login, bank, quiz):
    competition_id = _competition(app)
    headers, _ = login("alice")
    first = quiz.start(headers, competition_id).json
    quiz.overdue(first["id"])
    seen = client.get(f"{API}/attempts/{first['id']}", headers=headers).json
    assert seen["status"] == "finished" and seen["result"]["finish_reason"] == "expired"
    assert seen["result"]["review"][0]["analysis"]

    second = quiz.start(headers, competition_id).json
    quiz.overdue(second["id"])
    third = quiz.start(headers, competition_id, expect=(201,)).json
    assert third["number"] == 3
    assert quiz.attempt(second["id"]).status == "finished"


def test_finish_overdue_command(app, login, bank, quiz):
    competition_id = _competition(app)
    ids = []
    for name in ("alice", "bob"):
        headers, _ = login(name)
        ids.append(quiz.start(headers, competition_id).json["id"])
    quiz.overdue(ids[0])
    result = app.test_cli_runner().invoke(args=["quizzes", "finish-overdue"])
    assert result.exit_code == 0, result.output
    assert "finished 1 overdue attempts" in result.output
    assert quiz.attempt(ids[0]).status == "finished"
    assert quiz.attempt(ids[1]).status == "in_progress"
    assert quiz.entries(competition_id) == 1


def test_attempts_cap_and_the_best_attempt_counts(app, client, login, bank, quiz):
    competition_id = _competition(app)
    headers, body = login("alice")
    scores = [quiz.play(headers, competition_id, right)["score"] for right in (3, 4, 2)]
    assert scores == [30, 40, 20]
    refused = client.post(f"{API}/competitions/{competition_id}/attempts", headers=headers)
    assert (refused.status_code, refused.json["reason"]) == (409, "attempts_exhausted")
    with app.app_context():
        entry = db.session.scalar(
            select(CompetitionEntry).where(CompetitionEntry.member_id == body["member"]["id"])
        )
        assert entry.score == 40
        assert db.session.get(Attempt, entry.attempt_id).number == 2
        assert db.session.scalar(select(func.count()).select_from(Attempt)) == 3
    detail = client.get(f"{API}/competitions/{competition_id}", headers=headers).json
    assert (detail["attempts_used"], detail["best_score"], detail["attempt_in_progress"]) == (
        3,
        40,
        None,
    )


def test_ties_go_to_less_time_used_then_earlier_finish(app, login, bank, quiz):
    competition_id = _competition(app)
    headers, _ = login("alice")
    slow = quiz.start(headers, competition_id).json
    quiz.move_back(slow["id"], 100)
    quiz.submit(headers, slow["id"], quiz.answers(slow["id"], right=4))
    fast = quiz.play(headers, competition_id, right=4)
    with app.app_context():
        entry = db.session.scalar(select(CompetitionEntry))
        assert entry.attempt_id == fast["attempt_id"]
        assert entry.time_used_ds < 1000


def test_closed_and_upcoming_competitions_refuse_starts(app, client, login, bank):
    now = utcnow()
    with app.app_context():
        closed = CompetitionFactory(
            starts_at=now - timedelta(days=2), ends_at=now - timedelta(days=1)
        ).id
        upcoming = CompetitionFactory(
            starts_at=now + timedelta(days=1), ends_at=now + timedelta(days=2)
        ).id
    headers, _ = login("alice")
    for competition_id, reason in (
        (closed, "competition_closed"),
        (upcoming, "competition_not_started"),
    ):
        response = client.post(f"{API}/competitions/{competition_id}/attempts", headers=headers)
        assert (response.status_code, response.json["reason"]) == (409, reason)
    missing = client.post(f"{API}/competitions/999999/attempts", headers=headers)
    assert (missing.status_code, missing.json["reason"]) == (404, "competition_not_found")
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Attempt)) == 0


def test_audience_by_district_and_association(app, client, login, bank, quiz):
    with app.app_context():
        mine = AssociationFactory(district="331003")
        other = AssociationFactory(district="331004")
        by_district = CompetitionFactory(districts=["331003"]).id
        by_association = CompetitionFactory(association_ids=[other.id]).id
        mine_id = mine.id
    headers, _ = login("alice")
    for competition_id in (by_district, by_association):
        response = client.post(f"{API}/competitions/{competition_id}/attempts", headers=headers)
        assert (response.status_code, response.json["reason"]) == (403, "audience_mismatch")
        assert "协会" in response.json["message"]
    client.patch(f"{API}/me", json={"association_id": mine_id}, headers=headers)
    quiz.start(headers, by_district, expect=(201,))
    response = client.post(f"{API}/competitions/{by_association}/attempts", headers=headers)
    assert (response.status_code, response.json["reason"]) == (403, "audience_mismatch")
    listed = client.get(f"{API}/competitions", headers=headers).json
    assert [item["id"] for item in listed["items"]] == [by_district]
    assert listed["items"][0]["attempt_in_progress"] is not None
    with app.app_context():
        attempt = db.session.scalar(select(Attempt))
        assert (attempt.association_id, attempt.district_code) == (mine_id, "331003")


def test_competition_list_shows_status_and_progress(app, client, login, bank, quiz):
    now = utcnow()
    with app.app_context():
        open_id = CompetitionFactory(title="进行中").id
        CompetitionFactory(
            title="未开始", starts_at=now + timedelta(days=1), ends_at=now + timedelta(days=2)
        )
        CompetitionFactory(
            title="已结束", starts_at=now - timedelta(days=3), ends_at=now - timedelta(days=2)
        )
    headers, _ = login("alice")
    quiz.play(headers, open_id, right=5)
    listing = client.get(f"{API}/competitions", headers=headers).json
    statuses = {item["title"]: item["status"] for item in listing["items"]}
    assert statuses == {"进行中": "open", "未开始": "upcoming", "已结束": "closed"}
    assert listing["items"][-1]["title"] == "已结束"
    opened = next(item for item in listing["items"] if item["id"] == open_id)
    assert (opened["attempts_used"], opened["best_score"], opened["max_score"]) == (1, 50, 50)
    only_open = client.get(f"{API}/competitions?status=open", headers=headers).json
    assert [item["title"] for item in only_open["items"]] == ["进行中"]


def test_attempt_routes_need_a_member_token(app, client, admin_login, bank, quiz):
    admin_headers, _ = admin_login()
    for response in (
        client.get(f"{API}/attempts/1"),
        client.get(f"{API}/attempts/1", headers=admin_headers),
        client.get(f"{API}/competitions/1/leaderboard", headers=admin_headers),
    ):
        assert response.status_code == 401


def test_the_best_attempt_is_kept_where_upserts_are_missing(app, login, bank, quiz, monkeypatch):
    # MySQL has no INSERT ... ON CONFLICT ... WHERE: the entry is locked, compared and written.
    monkeypatch.setattr(grading, "UPSERTS", {})
    monkeypatch.setattr(grading, "_upserts", {})
    competition_id = _competition(app)
    headers, _ = login("alice")
    for right in (3, 4, 2):
        quiz.play(headers, competition_id, right)
    with app.app_context():
        entry = db.session.scalar(select(CompetitionEntry))
        assert (entry.score, db.session.get(Attempt, entry.attempt_id).number) == (40, 2)


def test_quiz_routes_are_documented_with_their_security(client):
    paths = client.get("/api/openapi.json").get_json()["paths"]
    assert paths["/api/v1/attempts/{attempt_id}/submit"]["post"]["security"] == [{"member": []}]
    leaderboard = paths["/api/v1/competitions/{competition_id}/leaderboard"]["get"]
    assert leaderboard["security"] == [{"member": []}]
    assert paths["/api/v1/admin/questions/import"]["post"]["security"] == [{"admin": []}]
    assert "/api/v1/me/mistakes" in paths and "/api/v1/practice" in paths
