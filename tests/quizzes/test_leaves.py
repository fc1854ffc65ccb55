"""Fair play: leaving the app during a competition is counted once per leave, and past the
competition's limit the paper is submitted as it stands, ranked like any other."""

import io

from openpyxl import load_workbook

from ..factories import AssociationFactory, CompetitionFactory
from ..test_errors import assert_contract
from .conftest import API


def _competition(app, **kwargs):
    with app.app_context():
        return CompetitionFactory(**kwargs).id


def _leave(client, headers, attempt_id, seq, duration_ms=1000):
    return client.post(
        f"{API}/attempts/{attempt_id}/leaves",
        json={"seq": seq, "duration_ms": duration_ms},
        headers=headers,
    )


def _save(client, headers, attempt_id, answers):
    for answer in answers:
        saved = client.put(
            f"{API}/attempts/{attempt_id}/answers/{answer['question_id']}",
            json={"choices": answer["choices"]},
            headers=headers,
        )
        assert saved.status_code == 200, saved.json


def test_each_leave_counts_once_and_its_time_adds_up(app, client, login, bank, quiz):
    competition_id = _competition(app)
    headers, _ = login("alice")
    attempt = quiz.start(headers, competition_id).json
    assert (attempt["max_leaves"], attempt["leave_count"]) == (None, 0)
    quiz.move_back(attempt["id"], 60)

    first = _leave(client, headers, attempt["id"], 1, 1500)
    assert first.status_code == 200, first.json
    assert first.json == {
        "leave_count": 1,
        "leave_ms": 1500,
        "max_leaves": None,
        "finished": False,
        "result": None,
    }
    # A retry on a bad network, and a late duplicate, change nothing.
    assert _leave(client, headers, attempt["id"], 1, 1500).json == first.json
    assert _leave(client, headers, attempt["id"], 2, 500).json["leave_ms"] == 2000
    assert _leave(client, headers, attempt["id"], 1, 9000).json["leave_count"] == 2
    # A lost leave (3) is skipped over: the count follows the client's numbering.
    assert _leave(client, headers, attempt["id"], 4, 0).json["leave_count"] == 4
    # Time away can never add up to more than the time since the attempt started.
    away = _leave(client, headers, attempt["id"], 5, 36_000_000).json
    assert 60_000 <= away["leave_ms"] < 70_000
    resumed = client.get(f"{API}/attempts/{attempt['id']}", headers=headers).json
    assert (resumed["leave_count"], resumed["status"]) == (5, "in_progress")
    stored = quiz.attempt(attempt["id"])
    assert (stored.leave_count, stored.leave_ms) == (5, away["leave_ms"])


def test_leaving_past_the_limit_submits_the_saved_answers(app, client, login, bank, quiz):
    with app.app_context():
        association_id = AssociationFactory().id
    competition_id = _competition(app, max_leaves=2)
    headers, _ = login("alice")
    client.patch(f"{API}/me", json={"association_id": association_id}, headers=headers)
    detail = client.get(f"{API}/competitions/{competition_id}", headers=headers).json
    assert detail["max_leaves"] == 2
    attempt = quiz.start(headers, competition_id).json
    assert (attempt["max_leaves"], attempt["leave_count"]) == (2, 0)
    _save(client, headers, attempt["id"], quiz.answers(attempt["id"], right=3)[:4])

    for seq in (1, 2):
        within = _leave(client, headers, attempt["id"], seq).json
        assert (within["leave_count"], within["finished"], within["result"]) == (seq, False, None)
    third = _leave(client, headers, attempt["id"], 3)
    assert third.status_code == 200, third.json
    body = third.json
    assert (body["leave_count"], body["max_leaves"], body["finished"]) == (3, 2, True)
    result = body["result"]
    assert (result["score"], result["correct_count"], result["max_score"]) == (30, 3, 50)
    assert result["finish_reason"] == "left_app"
    assert len(result["review"]) == 5

    # Retries after the auto-submit, and a later leave, get the same result.
    assert _leave(client, headers, attempt["id"], 3).json == body
    assert _leave(client, headers, attempt["id"], 4).json == body
    assert quiz.submit(headers, attempt["id"], quiz.answers(attempt["id"], right=5)) == result
    finished = client.get(f"{API}/attempts/{attempt['id']}", headers=headers).json
    assert finished["status"] == "finished"
    assert finished["result"]["finish_reason"] == "left_app"
    late = client.put(
        f"{API}/attempts/{attempt['id']}/answers/{attempt['questions'][0]['id']}",
        json={"choices": ["A"]},
        headers=headers,
    )
    assert_contract(late, 409, "attempt_finished")

    # Ranked exactly as a submit would be: the entry, the boards (Redis when configured).
    assert quiz.entries(competition_id) == 1
    url = f"{API}/competitions/{competition_id}/leaderboard"
    board = client.get(url, headers=headers).json
    assert board["me"]["score"] == 30 and board["items"][0]["score"] == 30
    by_association = client.get(f"{url}?by=association", headers=headers).json
    assert by_association["me"]["id"] == association_id
    assert by_association["me"]["participants"] == 1
    again = quiz.start(headers, competition_id, expect=(201,)).json
    assert (again["number"], again["leave_count"]) == (2, 0)


def test_leaves_are_for_my_competition_attempts_only(app, client, login, bank, quiz):
    competition_id = _competition(app, max_leaves=1)
    alice, _ = login("alice")
    bob, _ = login("bob")
    attempt = quiz.start(alice, competition_id).json
    practice = client.post(f"{API}/practice", json={"category": bank[0]}, headers=alice).json
    assert_contract(_leave(client, alice, practice["id"], 1), 409, "not_a_competition")
    assert_contract(_leave(client, bob, attempt["id"], 1), 404, "attempt_not_found")
    assert_contract(_leave(client, alice, 999999, 1), 404, "attempt_not_found")
    url = f"{API}/attempts/{attempt['id']}/leaves"
    for payload, field in (
        ({"seq": 0, "duration_ms": 10}, "seq"),
        ({"seq": 1, "duration_ms": -1}, "duration_ms"),
        ({"seq": 1}, "duration_ms"),
        ({"seq": "x", "duration_ms": 10}, "seq"),
    ):
        refused = client.post(url, json=payload, headers=alice)
        assert_contract(refused, 422, "validation_failed")
        assert field in refused.json["errors"]
    assert_contract(client.post(url, json={"seq": 1, "duration_ms": 1}), 401, "token_missing")
    assert quiz.attempt(attempt["id"]).leave_count == 0
    assert quiz.attempt(attempt["id"]).status == "in_progress"


def test_an_expired_attempt_is_finished_by_expiry_not_by_leaving(app, client, login, bank, quiz):
    competition_id = _competition(app, max_leaves=1)
    headers, _ = login("alice")
    attempt = quiz.start(headers, competition_id).json
    _save(client, headers, attempt["id"], quiz.answers(attempt["id"], right=2)[:2])
    quiz.overdue(attempt["id"])
    body = _leave(client, headers, attempt["id"], 5).json
    assert (body["finished"], body["leave_count"]) == (True, 0)
    assert (body["result"]["finish_reason"], body["result"]["score"]) == ("expired", 20)
    assert quiz.entries(competition_id) == 1


def test_a_leave_after_submitting_gets_the_result(app, client, login, bank, quiz):
    competition_id = _competition(app, max_leaves=3)
    headers, _ = login("alice")
    attempt = quiz.start(headers, competition_id).json
    _leave(client, headers, attempt["id"], 1)
    result = quiz.submit(headers, attempt["id"], quiz.answers(attempt["id"], right=4))
    # The app reports the leave it made while the submit was on its way.
    body = _leave(client, headers, attempt["id"], 2).json
    assert (body["finished"], body["leave_count"], body["result"]) == (True, 1, result)


def test_staff_see_the_leaves_of_each_best_attempt(app, client, login, admin_login, bank, quiz):
    competition_id = _competition(app, title="=cmd|' /C calc'!A0")
    alice, _ = login("alice")
    bob, _ = login("bob")
    first = quiz.start(alice, competition_id).json
    quiz.move_back(first["id"], 120)
    _leave(client, alice, first["id"], 1, 4000)
    _leave(client, alice, first["id"], 2, 2500)
    quiz.submit(alice, first["id"], quiz.answers(first["id"], right=5))
    # A worse second attempt does not replace the best one, nor its leaves.
    second = quiz.start(alice, competition_id).json
    _leave(client, alice, second["id"], 1, 1)
    quiz.submit(alice, second["id"], quiz.answers(second["id"], right=1))
    quiz.play(bob, competition_id, right=2)

    headers, _ = admin_login()
    exported = client.get(
        f"{API}/admin/competitions/{competition_id}/results/export", headers=headers
    )
    sheet = load_workbook(io.BytesIO(exported.data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert sheet["A1"].data_type == "s" and rows[0][0] == "=cmd|' /C calc'!A0"
    assert rows[1][8:] == ("切出次数", "切出时长（秒）")
    assert [(row[4], row[8], row[9]) for row in rows[2:]] == [(50, 2, 6.5), (20, 0, 0)]
