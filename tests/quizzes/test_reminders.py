"""Remind me when a competition opens: one consent, one message, sent once even by two runs."""

import threading
from datetime import timedelta

import pytest
import requests
from sqlalchemy import func, select, update

from backend.app.common.time import utcnow
from backend.app.errors import ServiceUnavailable
from backend.app.extensions import db
from backend.app.quizzes import reminders
from backend.app.quizzes.models import Competition, CompetitionReminder

from ..factories import AssociationFactory, CompetitionFactory, MemberFactory
from ..test_errors import assert_contract
from .conftest import API

TEMPLATE = "fake-competition-open-template"


def _upcoming(app, **kwargs):
    now = utcnow()
    kwargs.setdefault("starts_at", now + timedelta(hours=2))
    kwargs.setdefault("ends_at", now + timedelta(days=2))
    with app.app_context():
        return CompetitionFactory(**kwargs).id


def _ask(client, headers, competition_id, template_id=TEMPLATE):
    return client.post(
        f"{API}/competitions/{competition_id}/reminder",
        json={"template_id": template_id},
        headers=headers,
    )


def _open(app, competition_id):
    """Let the competition start a minute ago."""
    with app.app_context():
        db.session.execute(
            update(Competition)
            .where(Competition.id == competition_id)
            .values(starts_at=utcnow() - timedelta(minutes=1))
        )
        db.session.commit()


def _waiting(app):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(CompetitionReminder))


def _remind_members(app, competition_id, count):
    """count members who asked for the reminder; their openids."""
    with app.app_context():
        members = [MemberFactory() for _ in range(count)]
        for member in members:
            db.session.add(CompetitionReminder(competition_id=competition_id, member_id=member.id))
        db.session.commit()
        return [member.openid for member in members]


def test_ask_once_see_it_and_cancel(app, client, login):
    competition_id = _upcoming(app)
    headers, _ = login("alice")
    detail = client.get(f"{API}/competitions/{competition_id}", headers=headers).json
    assert (detail["reminder_template_id"], detail["reminder_requested"]) == (TEMPLATE, False)
    first = _ask(client, headers, competition_id)
    assert first.status_code == 201
    assert first.json == {"competition_id": competition_id, "requested": True}
    again = _ask(client, headers, competition_id)
    assert (again.status_code, again.json) == (200, first.json)
    assert _waiting(app) == 1
    detail = client.get(f"{API}/competitions/{competition_id}", headers=headers).json
    assert detail["reminder_requested"] is True
    other, _ = login("bob")
    assert (
        client.get(f"{API}/competitions/{competition_id}", headers=other).json["reminder_requested"]
        is False
    )

    url = f"{API}/competitions/{competition_id}/reminder"
    assert client.delete(url, headers=headers).status_code == 204
    assert client.delete(url, headers=headers).status_code == 204
    assert _waiting(app) == 0
    detail = client.get(f"{API}/competitions/{competition_id}", headers=headers).json
    assert detail["reminder_requested"] is False


def test_reminders_only_for_upcoming_competitions_i_may_take(app, client, login):
    now = utcnow()
    upcoming = _upcoming(app)
    with app.app_context():
        running = CompetitionFactory().id
        finished = CompetitionFactory(
            starts_at=now - timedelta(days=2), ends_at=now - timedelta(days=1)
        ).id
        elsewhere = CompetitionFactory(
            districts=["331003"],
            starts_at=now + timedelta(hours=1),
            ends_at=now + timedelta(days=1),
        ).id
        association_id = AssociationFactory(district="331002").id
    headers, _ = login("alice")
    for competition_id in (running, finished):
        assert_contract(_ask(client, headers, competition_id), 409, "competition_not_upcoming")
    assert_contract(_ask(client, headers, elsewhere), 403, "audience_mismatch")
    client.patch(f"{API}/me", json={"association_id": association_id}, headers=headers)
    assert_contract(_ask(client, headers, elsewhere), 403, "audience_mismatch")
    assert_contract(_ask(client, headers, 999999), 404, "competition_not_found")
    assert_contract(
        client.delete(f"{API}/competitions/999999/reminder", headers=headers),
        404,
        "competition_not_found",
    )
    unknown = assert_contract(
        _ask(client, headers, upcoming, "other-template"), 422, "unknown_template"
    )
    assert "template_id" in unknown["errors"]
    missing = client.post(f"{API}/competitions/{upcoming}/reminder", json={}, headers=headers)
    assert_contract(missing, 422, "validation_failed")
    assert_contract(
        client.post(f"{API}/competitions/{upcoming}/reminder", json={"template_id": TEMPLATE}),
        401,
        "token_missing",
    )
    assert_contract(client.delete(f"{API}/competitions/{upcoming}/reminder"), 401, "token_missing")
    assert _waiting(app) == 0


def test_without_a_template_reminders_are_off(app, client, login):
    app.config["COMPETITION_OPEN_TEMPLATE_ID"] = None
    competition_id = _upcoming(app)
    headers, _ = login("alice")
    detail = client.get(f"{API}/competitions/{competition_id}", headers=headers).json
    assert detail["reminder_template_id"] is None
    refused = assert_contract(_ask(client, headers, competition_id), 422, "subscriptions_disabled")
    assert "template_id" in refused["errors"]
    result = app.test_cli_runner().invoke(args=["quizzes", "send-reminders"])
    assert "COMPETITION_OPEN_TEMPLATE_ID is not set" in result.output


def test_send_reminders_when_the_competition_opens(app, client, login, wechat_fake):
    competition_id = _upcoming(app, title="台州市行业协会商会清廉知识竞赛（2026 年第一季度）")
    later = _upcoming(app, starts_at=utcnow() + timedelta(days=1))
    headers, _ = login("alice")
    refusing, _ = login("carol")
    for member in (headers, refusing):
        assert _ask(client, headers=member, competition_id=competition_id).status_code == 201
    assert _ask(client, headers, later).status_code == 201
    wechat_fake.state.refused_openids.add("fake-carol")
    runner = app.test_cli_runner()

    nothing = runner.invoke(args=["quizzes", "send-reminders"])
    assert "sent 0 reminders" in nothing.output
    assert wechat_fake.state.sent_messages == []

    _open(app, competition_id)
    result = runner.invoke(args=["quizzes", "send-reminders"])
    assert result.exit_code == 0, result.output
    assert "sent 1 reminders, 1 refused (no consent), 0 kept" in result.output
    [sent] = requests.get(f"{wechat_fake.url}/_fake/subscribe-messages", timeout=5).json()
    assert (sent["touser"], sent["template_id"]) == ("fake-alice", TEMPLATE)
    assert sent["page"] == f"packages/quiz/detail/index?id={competition_id}"
    data = {key: value["value"] for key, value in sent["data"].items()}
    assert set(data) == {"thing1", "time2", "thing3"}
    # WeChat's thing fields hold at most 20 characters.
    assert len(data["thing1"]) == 20 and data["thing1"].startswith("台州市行业协会商会清廉知识竞赛")
    with app.app_context():
        starts_at = db.session.get(Competition, competition_id).starts_at
    local = starts_at + timedelta(hours=8)
    assert data["time2"] == f"{local.year}年{local.month}月{local.day}日 {local:%H:%M}"
    assert data["thing3"] == "竞赛已开始，点击进入答题"

    # Sent or refused, the consent is used up: only the later competition's reminder is left.
    assert _waiting(app) == 1
    detail = client.get(f"{API}/competitions/{competition_id}", headers=headers).json
    assert detail["reminder_requested"] is False
    assert "sent 0 reminders" in runner.invoke(args=["quizzes", "send-reminders"]).output
    assert len(wechat_fake.state.sent_messages) == 1


def test_reminders_of_closed_competitions_are_dropped_unsent(app, wechat_fake):
    competition_id = _upcoming(app)
    _remind_members(app, competition_id, 2)
    with app.app_context():
        db.session.execute(
            update(Competition)
            .where(Competition.id == competition_id)
            .values(starts_at=utcnow() - timedelta(days=2), ends_at=utcnow() - timedelta(days=1))
        )
        db.session.commit()
    result = app.test_cli_runner().invoke(args=["quizzes", "send-reminders"])
    assert "dropped 2 of closed competitions" in result.output
    assert _waiting(app) == 0 and wechat_fake.state.sent_messages == []


def test_reminders_wechat_did_not_take_wait_for_the_next_run(app, monkeypatch, wechat_fake):
    competition_id = _upcoming(app)
    openids = _remind_members(app, competition_id, 4)
    _open(app, competition_id)
    boundary = app.extensions["wechat"]
    send = boundary.send_subscribe_message
    calls = []

    def flaky(*args, **kwargs):
        calls.append(args[0])
        if len(calls) == 2:
            raise ServiceUnavailable("微信服务暂时不可用，请稍后再试", reason="wechat_unavailable")
        return send(*args, **kwargs)

    monkeypatch.setattr(boundary, "send_subscribe_message", flaky)
    with app.app_context():
        done = reminders.send_due()
    assert (done.sent, done.refused, done.kept) == (1, 0, 3)
    assert _waiting(app) == 3
    monkeypatch.undo()
    with app.app_context():
        assert reminders.send_due().sent == 3
    sent = sorted(message["touser"] for message in wechat_fake.state.sent_messages)
    assert sent == sorted(openids) and _waiting(app) == 0


@pytest.mark.parametrize("returning", [True, False], ids=["delete-returning", "delete-each"])
def test_two_runs_at_once_send_each_reminder_once(app, wechat_fake, monkeypatch, returning):
    competition_id = _upcoming(app)
    openids = _remind_members(app, competition_id, 30)
    _open(app, competition_id)
    if not returning:
        with app.app_context():
            monkeypatch.setattr(db.engine.dialect, "delete_returning", False)
    barrier = threading.Barrier(2)
    tallies, failures = [], []

    def run():
        try:
            with app.app_context():
                barrier.wait()
                tallies.append(reminders.send_due(batch=4))
        except Exception as error:  # the assertion below reports it
            failures.append(error)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert failures == []
    sent = [message["touser"] for message in wechat_fake.state.sent_messages]
    assert sorted(sent) == sorted(openids)
    assert sum(tally.sent for tally in tallies) == 30
    assert _waiting(app) == 0
