"""Leaderboards by member, association and district, each with the caller's own place."""

import pytest
from sqlalchemy import select

from backend.app.extensions import db, redis
from backend.app.members.models import Member
from backend.app.quizzes import board_rows, leaderboards, ranking, redis_boards
from backend.app.quizzes.models import Competition, CompetitionEntry

from ..factories import AssociationFactory, CompetitionFactory, MemberFactory
from .conftest import API, put_entry


def _board(client, headers, competition_id, by="member", **params):
    query = "&".join(f"{key}={value}" for key, value in {"by": by, **params}.items())
    response = client.get(
        f"{API}/competitions/{competition_id}/leaderboard?{query}", headers=headers
    )
    assert response.status_code == 200, response.json
    return response.json


def test_member_board_after_real_attempts(app, client, login, bank, quiz):
    with app.app_context():
        competition_id = CompetitionFactory().id
    alice, _ = login("alice")
    client.patch(f"{API}/me", json={"nickname": "清风"}, headers=alice)
    bob, _ = login("bob")
    carol, _ = login("carol")
    quiz.play(alice, competition_id, right=4)
    quiz.play(bob, competition_id, right=5)
    board = _board(client, carol, competition_id)
    assert [(row["rank"], row["score"]) for row in board["items"]] == [(1, 50), (2, 40)]
    assert board["items"][1]["name"] == "清风"
    assert board["items"][0]["name"].startswith("会员")
    assert board["total"] == 2 and board["me"] is None
    assert "fake-" not in str(board)
    mine = _board(client, alice, competition_id)["me"]
    assert (mine["rank"], mine["score"]) == (2, 40)
    assert set(mine) == {"rank", "score", "time_used_ms"}


def test_ties_share_a_rank_and_pages_keep_it(app, client, login):
    with app.app_context():
        competition = CompetitionFactory()
        members = [MemberFactory(nickname=f"m{n}") for n in range(5)]
        # Two exact ties at 90, then an 80: ranks 1, 2, 2, 4, 5 across pages of two.
        for member, (score, used, finish) in zip(
            members,
            [(100, 50, 10), (90, 60, 20), (90, 60, 20), (90, 61, 5), (80, 1, 1)],
            strict=True,
        ):
            put_entry(competition, member.id, score, used, finish)
        competition_id = competition.id
    headers, _ = login("viewer")
    rows = []
    for page in (1, 2, 3):
        rows += _board(client, headers, competition_id, page=page, page_size=2)["items"]
    assert [(row["name"], row["rank"]) for row in rows] == [
        ("m0", 1),
        ("m1", 2),
        ("m2", 2),
        ("m3", 4),
        ("m4", 5),
    ]
    assert rows[1]["time_used_ms"] == 6000


def test_association_and_district_boards(app, client, login):
    with app.app_context():
        competition = CompetitionFactory()
        big = AssociationFactory(name="甲协会", district="331002")
        small = AssociationFactory(name="乙协会", district="331002")
        far = AssociationFactory(name="丙协会", district="331003")
        for association, count in ((big, 4), (small, 1), (far, 2)):
            for _ in range(count):
                MemberFactory(association_id=association.id)
        scores = [(big, 90), (big, 81), (small, 70), (far, 100), (far, 60)]
        members = []
        for association, score in scores:
            member = db.session.scalar(
                select(Member)
                .where(Member.association_id == association.id, Member.id.not_in(members))
                .limit(1)
            )
            members.append(member.id)
            put_entry(competition, member.id, score, 10, 10, association)
        competition_id, big_member = competition.id, members[0]
        big_id = big.id
    headers, _ = login("alice")
    board = _board(client, headers, competition_id, by="association")
    assert [(row["name"], row["rank"], row["average"]) for row in board["items"]] == [
        ("甲协会", 1, 85.5),
        ("丙协会", 2, 80.0),
        ("乙协会", 3, 70.0),
    ]
    top = board["items"][0]
    assert (top["participants"], top["registered"], top["participation_rate"]) == (2, 4, 0.5)
    assert board["me"] is None
    # A member who has not taken part sees the place of the association they belong to.
    client.patch(f"{API}/me", json={"association_id": big_id}, headers=headers)
    assert _board(client, headers, competition_id, by="association")["me"]["id"] == big_id
    districts = _board(client, headers, competition_id, by="district")
    assert [(row["code"], row["average"], row["participants"]) for row in districts["items"]] == [
        ("331002", 80.33, 3),
        ("331003", 80.0, 2),
    ]
    assert districts["items"][0]["name"] == "椒江区"
    # 5 registered members in 331002 (4 + 1) and the viewer who joined 甲协会.
    assert districts["items"][0]["registered"] == 6
    assert districts["me"]["code"] == "331002"
    with app.app_context():
        board = leaderboards.board(competition_id, "district", member_id=big_member)
    assert board["me"]["rank"] == 1


def test_a_better_attempt_in_another_association_moves_the_member(app, client, login):
    with app.app_context():
        competition = CompetitionFactory()
        first = AssociationFactory(district="331002")
        second = AssociationFactory(district="331003")
        member = MemberFactory()
        put_entry(competition, member.id, 50, 10, 10, first)
        entry_competition, member_id = competition, member.id
        # The member's better second attempt, made after switching association.
        better = board_rows.Result(competition.id, member_id, second.id, "331003", 70, 5, 20)
        entry = db.session.scalar(select(CompetitionEntry))
        entry.association_id, entry.district_code, entry.score = second.id, "331003", 70
        entry.time_used_ds, entry.finish_s = 5, 20
        db.session.commit()
        redis_boards.record(better)
        competition_id, second_id = entry_competition.id, second.id
    headers, _ = login("viewer")
    associations = _board(client, headers, competition_id, by="association")["items"]
    assert [(row["id"], row["average"]) for row in associations] == [(second_id, 70.0)]
    districts = _board(client, headers, competition_id, by="district")["items"]
    assert [(row["code"], row["participants"]) for row in districts] == [("331003", 1)]


def test_unknown_competition_is_404(client, login):
    headers, _ = login("alice")
    response = client.get(f"{API}/competitions/999999/leaderboard", headers=headers)
    assert (response.status_code, response.json["reason"]) == (404, "competition_not_found")
    bad = client.get(f"{API}/competitions/1/leaderboard?by=city", headers=headers)
    assert bad.status_code == 422


@pytest.mark.postgresql_only
def test_redis_is_rebuilt_from_sql_when_lost(app, client, login, redis_url):
    with app.app_context():
        competition = CompetitionFactory()
        for n in range(3):
            put_entry(competition, MemberFactory(nickname=f"m{n}").id, 10 * n, 5, 5)
        competition_id = competition.id
    headers, _ = login("viewer")
    before = _board(client, headers, competition_id)
    with app.app_context():
        redis.client.flushdb()
    assert _board(client, headers, competition_id) == before
    with app.app_context():
        assert redis.client.exists(f"qinglian:lb:{competition_id}:ready")
        redis.client.delete(f"qinglian:lb:{competition_id}:m")
        result = app.test_cli_runner().invoke(args=["quizzes", "rebuild-leaderboards"])
        assert result.exit_code == 0, result.output
        assert redis.client.zcard(f"qinglian:lb:{competition_id}:m") == 3
        assert redis_boards.board(competition_id, "member") == leaderboards.sql_board(
            competition_id, "member"
        )


@pytest.mark.postgresql_only
def test_pages_are_cached_briefly_but_my_place_is_live(app, client, login, redis_url):
    app.config["QUIZ_LEADERBOARD_CACHE_SECONDS"] = 60
    with app.app_context():
        competition = CompetitionFactory()
        put_entry(competition, MemberFactory(nickname="first").id, 50, 5, 5)
        competition_id = competition.id
    headers, body = login("viewer")
    _board(client, headers, competition_id)
    with app.app_context():
        competition = db.session.get(Competition, competition_id)
        put_entry(competition, body["member"]["id"], 90, 5, 5)
    board = _board(client, headers, competition_id)
    assert [row["name"] for row in board["items"]] == ["first"]
    assert board["me"]["rank"] == 1 and board["total"] == 2


def test_composite_keys_stay_below_2_to_the_53():
    worst = ranking.member_key(0, ranking.TIME_RADIX - 1, ranking.FINISH_RADIX - 1)
    assert worst < ranking.KEY_LIMIT
    assert ranking.decode_member_key(worst) == (0, ranking.TIME_RADIX - 1, ranking.FINISH_RADIX - 1)
    assert ranking.group_key(0, 1) < ranking.KEY_LIMIT
    assert float(worst) == worst
