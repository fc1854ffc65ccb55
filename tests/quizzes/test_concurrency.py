"""Real parallel requests on PostgreSQL: starts never pass the cap, a submit counts once."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from sqlalchemy import func, select, update
from werkzeug.serving import make_server

from backend.app.extensions import db, redis
from backend.app.quizzes import leaderboards, redis_boards
from backend.app.quizzes.models import Attempt, AttemptItem, CompetitionEntry

from ..factories import AssociationFactory, CompetitionFactory
from .conftest import API

pytestmark = pytest.mark.postgresql_only
PARALLEL = 16


@pytest.fixture
def server(app):
    """The app behind a threaded HTTP server on a free port."""
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


def _together(count, call):
    """Run call(i) count times at once (released together by a barrier); the responses."""
    barrier = threading.Barrier(count)

    def run(index):
        with requests.Session() as session:
            barrier.wait()
            return call(session, index)

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(run, range(count)))


def _attempts(app, competition_id):
    with app.app_context():
        return db.session.scalars(
            select(Attempt).where(Attempt.competition_id == competition_id)
        ).all()


def test_parallel_starts_open_one_attempt(app, server, login, bank):
    with app.app_context():
        competition_id = CompetitionFactory().id
    headers, _ = login("alice")
    url = f"{server}{API}/competitions/{competition_id}/attempts"
    responses = _together(PARALLEL, lambda session, _: session.post(url, headers=headers))
    statuses = sorted(response.status_code for response in responses)
    assert statuses == [200] * (PARALLEL - 1) + [201]
    assert len({response.json()["id"] for response in responses}) == 1
    assert len(_attempts(app, competition_id)) == 1


def test_parallel_start_and_submit_never_pass_the_cap(app, server, login, bank, quiz):
    with app.app_context():
        competition_id = CompetitionFactory(attempts_allowed=3).id
    headers, _ = login("alice")
    start_url = f"{server}{API}/competitions/{competition_id}/attempts"

    def churn(session, _):
        outcomes = []
        for _ in range(4):
            started = session.post(start_url, headers=headers)
            outcomes.append(started.status_code)
            if started.status_code in (200, 201):
                attempt_id = started.json()["id"]
                session.post(
                    f"{server}{API}/attempts/{attempt_id}/submit",
                    json={"answers": []},
                    headers=headers,
                )
            else:
                outcomes.append(started.json()["reason"])
        return outcomes

    outcomes = [item for run in _together(8, churn) for item in run]
    attempts = _attempts(app, competition_id)
    assert sorted(attempt.number for attempt in attempts) == [1, 2, 3]
    assert all(attempt.status == "finished" for attempt in attempts)
    assert "attempts_exhausted" in outcomes
    assert set(outcomes) <= {200, 201, 409, "attempts_exhausted"}


def test_parallel_submits_count_once(app, server, login, bank, quiz):
    with app.app_context():
        association = AssociationFactory()
        competition_id = CompetitionFactory().id
        association_id = association.id
    headers, _ = login("alice")
    quiz.client.patch(f"{API}/me", json={"association_id": association_id}, headers=headers)
    attempt = quiz.start(headers, competition_id).json
    answers = quiz.answers(attempt["id"], right=4)
    url = f"{server}{API}/attempts/{attempt['id']}/submit"
    responses = _together(
        PARALLEL, lambda session, _: session.post(url, json={"answers": answers}, headers=headers)
    )
    assert {response.status_code for response in responses} == {200}
    results = [response.json() for response in responses]
    assert all(result == results[0] for result in results)
    assert results[0]["score"] == 40
    with app.app_context():
        entries = db.session.scalars(select(CompetitionEntry)).all()
        assert [(entry.score, entry.attempt_id) for entry in entries] == [(40, attempt["id"])]
        board = leaderboards.board(competition_id, "association")
        assert [(row["id"], row["participants"]) for row in board["items"]] == [(association_id, 1)]
        assert redis.client.zcard(f"qinglian:lb:{competition_id}:m") == 1


def test_many_members_submitting_at_once_add_up(app, server, login, bank, quiz):
    with app.app_context():
        association_id = AssociationFactory().id
        competition_id = CompetitionFactory().id
    players = []
    for n in range(PARALLEL):
        headers, _ = login(f"member{n}")
        quiz.client.patch(f"{API}/me", json={"association_id": association_id}, headers=headers)
        attempt = quiz.start(headers, competition_id).json
        players.append((headers, attempt["id"], quiz.answers(attempt["id"], right=n % 6)))

    def submit(session, index):
        headers, attempt_id, answers = players[index]
        url = f"{server}{API}/attempts/{attempt_id}/submit"
        return session.post(url, json={"answers": answers}, headers=headers)

    assert {response.status_code for response in _together(PARALLEL, submit)} == {200}
    total = sum((n % 6) * 10 for n in range(PARALLEL))
    with app.app_context():
        assert db.session.scalar(select(func.sum(CompetitionEntry.score))) == total
        for by in ("member", "association", "district"):
            assert redis_boards.board(competition_id, by, page_size=100) == leaderboards.sql_board(
                competition_id, by, page_size=100
            )
        board = leaderboards.board(competition_id, "association")
    assert board["items"][0]["participants"] == PARALLEL
    assert board["items"][0]["average"] == round(total / PARALLEL, 2)


def test_a_save_committed_while_submit_waits_is_graded(app, login, bank, quiz):
    with app.app_context():
        competition_id = CompetitionFactory().id
    headers, _ = login("alice")
    attempt = quiz.start(headers, competition_id).json
    question_id, key = next(iter(quiz.keys(attempt["id"]).items()))
    outcome = {}
    with app.app_context():
        connection = db.engine.connect()
        transaction = connection.begin()
        # A save in flight: it holds the attempt's share lock and has written its answer.
        connection.execute(
            select(Attempt.id).where(Attempt.id == attempt["id"]).with_for_update(read=True)
        )
        connection.execute(
            update(AttemptItem)
            .where(AttemptItem.attempt_id == attempt["id"], AttemptItem.question_id == question_id)
            .values(choices="".join(key))
        )
        submitter = threading.Thread(
            target=lambda: outcome.setdefault("result", quiz.submit(headers, attempt["id"]))
        )
        submitter.start()
        submitter.join(timeout=1)
        assert submitter.is_alive(), "the submit must wait for the save in flight"
        transaction.commit()
        connection.close()
    submitter.join()
    assert outcome["result"]["correct_count"] == 1
