"""Following a report up: status, deadlines, conversation, replies, ratings, my reports."""

import threading
from datetime import date

import chinese_calendar
import pytest
from sqlalchemy import select

from backend.app.errors import ApiError
from backend.app.extensions import db
from backend.app.members.models import Member
from backend.app.reports import services
from backend.app.reports.models import Attachment, Report, ReportMessage
from backend.app.reports.statuses import (
    FINISHED,
    TRANSITIONS,
    Status,
    allowed_targets,
    check_transition,
)

from ..factories import AdminFactory, MemberFactory, ReportFactory
from ..test_errors import assert_contract
from .conftest import counts


def _track(client, receipt):
    response = client.post("/api/v1/reports/track", json={"receipt": receipt})
    assert response.status_code == 200, response.json
    return response.json


def _reload(public_id):
    return db.session.scalar(select(Report).where(Report.public_id == public_id))


def test_tracking_shows_status_deadlines_and_the_public_conversation(app, client):
    with app.app_context():
        report, receipt = ReportFactory(status="accepted")
        admin = AdminFactory()
        services.add_message(report, "staff", "请问收费是哪一年开始的？", admin=admin)
        services.add_message(report, "staff", "内部：疑似与去年的举报重复", internal=True)
        db.session.commit()
        expected = (report.public_id, report.accept_due_on.isoformat())
    view = _track(client, receipt)
    assert (view["public_id"], view["accept_due_on"]) == expected
    assert view["status"] == "accepted" and view["status_label"] == "已受理"
    assert view["category_name"] == "乱收费 · 强制或变相强制入会收会费"
    assert view["anonymous"] is True
    assert [m["body"] for m in view["messages"]] == ["请问收费是哪一年开始的？"]
    assert view["messages"][0]["author"] == "staff"
    # A reply never repeats the report's content.
    assert "title" not in view and "body" not in view


def test_deadlines_count_chinas_working_days(app, client, payload, monkeypatch):
    # Submitted on Friday 25 September 2026, before the National Day week (1-7 October) and
    # its make-up workday on Saturday 10 October.
    monkeypatch.setattr(services, "shanghai_today", lambda: date(2026, 9, 25))
    receipt = client.post("/api/v1/reports", json=payload()).json["receipt"]
    view = _track(client, receipt)
    assert view["submitted_on"] == "2026-09-25"
    assert view["accept_due_on"] == "2026-10-22"
    start = date(2026, 9, 26)
    workdays = chinese_calendar.get_workdays(start, date(2026, 12, 31))
    assert view["resolve_due_on"] == workdays[59].isoformat()


def test_deadline_settings_are_used(app, client, payload, monkeypatch):
    monkeypatch.setattr(services, "shanghai_today", lambda: date(2026, 6, 1))
    app.config.update(REPORT_ACCEPT_WORKDAYS=1, REPORT_RESOLVE_WORKDAYS=5)
    view = _track(client, client.post("/api/v1/reports", json=payload()).json["receipt"])
    assert (view["accept_due_on"], view["resolve_due_on"]) == ("2026-06-02", "2026-06-08")


def test_the_reporter_answers_with_an_image(app, client, upload):
    with app.app_context():
        report, receipt = ReportFactory(status="in_progress")
        public_id = report.public_id
    upload_id = upload().json["upload_id"]
    response = client.post(
        "/api/v1/reports/track/messages",
        json={
            "receipt": receipt,
            "body": "收费从2024年开始，附收据照片。",
            "upload_ids": [upload_id],
        },
    )
    assert response.status_code == 201, response.json
    assert response.json["messages"][-1] == {
        "author": "reporter",
        "body": "收费从2024年开始，附收据照片。",
        "sent_on": response.json["messages"][-1]["sent_on"],
        "attachment_count": 1,
    }
    with app.app_context():
        message = db.session.scalar(select(ReportMessage))
        assert message.sent_at is None and message.admin_id is None
        attachment = db.session.scalar(select(Attachment))
        assert attachment.message_id == message.id
        assert attachment.report_id == _reload(public_id).id


def test_messages_keep_their_order(app, client):
    with app.app_context():
        report, receipt = ReportFactory(status="accepted")
        admin = AdminFactory()
        services.add_message(report, "staff", "第一条", admin=admin)
        db.session.commit()
    for text in ("第二条", "第三条"):
        payload = {"receipt": receipt, "body": text}
        assert client.post("/api/v1/reports/track/messages", json=payload).status_code == 201
    assert [m["body"] for m in _track(client, receipt)["messages"]] == [
        "第一条",
        "第二条",
        "第三条",
    ]


@pytest.mark.parametrize("status", sorted(FINISHED))
def test_a_finished_report_takes_no_more_messages(app, client, status):
    with app.app_context():
        _, receipt = ReportFactory(status=status)
    response = client.post(
        "/api/v1/reports/track/messages", json={"receipt": receipt, "body": "还有一件事"}
    )
    assert_contract(response, 409, "report_finished")
    with app.app_context():
        assert counts()[1] == 0


def test_a_bad_image_in_a_reply_stores_nothing(app, client):
    with app.app_context():
        _, receipt = ReportFactory(status="accepted")
    response = client.post(
        "/api/v1/reports/track/messages",
        json={"receipt": receipt, "body": "补充材料", "upload_ids": ["x" * 22]},
    )
    assert_contract(response, 422, "upload_not_found")
    with app.app_context():
        assert counts()[1] == 0


def _rate(client, receipt, rating, reason=None):
    body = {"receipt": receipt, "rating": rating}
    if reason:
        body["reason"] = reason
    return client.post("/api/v1/reports/track/rating", json=body)


def test_only_a_resolved_report_can_be_rated_and_only_once(app, client):
    with app.app_context():
        _, accepted = ReportFactory(status="accepted")
        _, resolved = ReportFactory(status="resolved")
    assert_contract(_rate(client, accepted, "satisfied"), 409, "not_resolved")
    assert _track(client, resolved)["can_rate"] is True
    rated = _rate(client, resolved, "basically_satisfied")
    assert rated.status_code == 200
    assert rated.json["rating"] == "basically_satisfied" and rated.json["can_rate"] is False
    assert_contract(_rate(client, resolved, "satisfied"), 409, "already_rated")
    bad = _rate(client, resolved, "great")
    assert "rating" in assert_contract(bad, 422, "validation_failed")["errors"]


def test_dissatisfied_with_a_reason_reopens_once(app, client):
    with app.app_context():
        report, receipt = ReportFactory(status="resolved")
        public_id = report.public_id
    assert_contract(_rate(client, receipt, "dissatisfied"), 422, "reason_required")
    reopened = _rate(client, receipt, "dissatisfied", "协会仍在收取这笔费用")
    assert reopened.status_code == 200
    assert reopened.json["status"] == "in_progress" and reopened.json["reopened"] is True
    assert reopened.json["rating"] is None
    assert reopened.json["messages"][-1]["body"] == "评价：不满意。协会仍在收取这笔费用"
    with app.app_context():
        report = _reload(public_id)
        services.change_status(report, "resolved")
        db.session.commit()
    final = _rate(client, receipt, "dissatisfied", "还是没有退费")
    assert final.json["status"] == "resolved" and final.json["rating"] == "dissatisfied"
    with app.app_context():
        report = _reload(public_id)
        assert report.reopened and report.rated_on is not None


def test_named_reports_are_followed_up_under_me(app, client, login):
    headers, body = login("dave")
    with app.app_context():
        member = db.session.get(Member, body["member"]["id"])
        report, _ = ReportFactory(status="resolved", member=member)
        public_id = report.public_id
        ReportFactory()
    listed = client.get("/api/v1/me/reports", headers=headers).get_json()
    assert [item["public_id"] for item in listed["items"]] == [public_id]
    detail = client.get(f"/api/v1/me/reports/{public_id}", headers=headers)
    assert detail.status_code == 200
    assert detail.json["body"].startswith("协会要求我们必须入会")
    assert detail.json["reporter_phone"] == "13800138000"
    reply = client.post(
        f"/api/v1/me/reports/{public_id}/messages", json={"body": "已补充材料"}, headers=headers
    )
    assert reply.status_code == 201
    rated = client.post(
        f"/api/v1/me/reports/{public_id}/rating", json={"rating": "satisfied"}, headers=headers
    )
    assert rated.json["rating"] == "satisfied"
    stranger, _ = login("eve")
    assert_contract(
        client.get(f"/api/v1/me/reports/{public_id}", headers=stranger), 404, "report_not_found"
    )
    assert_contract(client.get("/api/v1/me/reports"), 401, "token_missing")


def test_the_status_table_allows_only_the_documented_moves(app):
    allowed = {(frm.value, to.value) for frm, to in TRANSITIONS}
    for frm in Status:
        for to in Status:
            actor = TRANSITIONS.get((frm, to), "staff")
            if (frm.value, to.value) in allowed:
                check_transition(frm, to, actor)
            else:
                with pytest.raises(ApiError) as caught:
                    check_transition(frm, to, "staff")
                assert (caught.value.code, caught.value.reason) == (409, "transition_not_allowed")
    assert allowed_targets(Status.RESOLVED) == [Status.CLOSED]
    assert allowed_targets(Status.RESOLVED, "reporter") == [Status.IN_PROGRESS]
    assert allowed_targets(Status.CLOSED) == []
    # Staff cannot reopen a resolved report: only the reporter's 不满意 does.
    with pytest.raises(ApiError):
        check_transition(Status.RESOLVED, Status.IN_PROGRESS, "staff")
    with pytest.raises(ApiError) as caught:
        check_transition(Status.SUBMITTED, "lost", "staff")
    assert caught.value.reason == "unknown_status"


def test_change_status_records_the_dates(app):
    with app.app_context():
        report, _ = ReportFactory(status="closed")
        assert report.accepted_on and report.resolved_on and report.finished_on
        assert report.status_changed_on == report.finished_on
        with pytest.raises(ApiError):
            services.change_status(report, "accepted")
        member = MemberFactory()
        named, _ = ReportFactory(member=member, status="rejected")
        assert named.finished_on is not None and named.accepted_on is None


@pytest.mark.postgresql_only
def test_replies_sent_at_once_all_arrive_in_order(app):
    with app.app_context():
        _, receipt = ReportFactory(status="accepted")
    barrier = threading.Barrier(4)
    statuses = []

    def reply(n):
        client = app.test_client()
        barrier.wait()
        response = client.post(
            "/api/v1/reports/track/messages",
            json={"receipt": receipt, "body": f"补充材料{n}"},
            environ_base={"REMOTE_ADDR": f"192.0.2.{n}"},
        )
        statuses.append(response.status_code)

    threads = [threading.Thread(target=reply, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [201] * 4
    with app.app_context():
        positions = db.session.scalars(select(ReportMessage.position)).all()
        assert sorted(positions) == [1, 2, 3, 4]
