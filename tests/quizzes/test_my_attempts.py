"""我的成绩: my finished competition attempts, newest first, marking the one that ranks."""

from ..factories import CompetitionFactory
from ..test_errors import assert_contract
from .conftest import API

KEYS = {
    "attempt_id",
    "competition_id",
    "competition_title",
    "number",
    "score",
    "max_score",
    "correct_count",
    "question_count",
    "time_used_ms",
    "finished_at",
    "finish_reason",
    "is_best",
}


def test_my_finished_attempts_newest_first(app, client, login, bank, quiz):
    with app.app_context():
        spring = CompetitionFactory(title="春季竞赛").id
        autumn = CompetitionFactory(title="秋季竞赛", attempts_allowed=2).id
    headers, _ = login("alice")
    first = quiz.play(headers, spring, right=3)
    second = quiz.play(headers, spring, right=5)
    third = quiz.play(headers, autumn, right=1)
    quiz.start(headers, autumn)
    client.post(f"{API}/practice", json={"category": bank[0]}, headers=headers)
    other, _ = login("bob")
    quiz.play(other, spring, right=4)

    page = client.get(f"{API}/me/attempts", headers=headers).json
    assert (page["total"], page["page"], page["page_size"]) == (3, 1, 20)
    items = page["items"]
    assert all(set(item) == KEYS for item in items)
    assert [item["attempt_id"] for item in items] == [
        third["attempt_id"],
        second["attempt_id"],
        first["attempt_id"],
    ]
    latest = items[0]
    assert (latest["competition_id"], latest["competition_title"], latest["number"]) == (
        autumn,
        "秋季竞赛",
        1,
    )
    assert (latest["score"], latest["max_score"], latest["correct_count"]) == (10, 50, 1)
    assert (latest["question_count"], latest["finish_reason"]) == (5, "submitted")
    assert latest["time_used_ms"] == third["time_used_ms"]
    assert latest["finished_at"] == third["finished_at"]
    # The better spring attempt is the one on the leaderboard.
    assert [item["is_best"] for item in items] == [True, True, False]

    second_page = client.get(f"{API}/me/attempts?page=2&page_size=2", headers=headers).json
    assert [item["attempt_id"] for item in second_page["items"]] == [first["attempt_id"]]
    assert second_page["total"] == 3
    assert client.get(f"{API}/me/attempts", headers=other).json["total"] == 1
    assert_contract(
        client.get(f"{API}/me/attempts?page_size=101", headers=headers), 422, "validation_failed"
    )
    assert_contract(client.get(f"{API}/me/attempts"), 401, "token_missing")
