"""Staff work through reports: the queue, transitions, replies, notes, assignment, recusal."""

import io
from datetime import timedelta

import pytest
from PIL import Image
from sqlalchemy import select

from backend.app.common.time import shanghai_today
from backend.app.extensions import db
from backend.app.reports.models import Report

from ..factories import AdminFactory, AssociationFactory, MemberFactory, ReportFactory

BASE = "/api/v1/admin/reports"


@pytest.fixture
def report(app):
    """An anonymous report about an association in 椒江区; (public_id, receipt)."""
    with app.app_context():
        made, receipt = ReportFactory(association=AssociationFactory(district="331002"))
        return made.public_id, receipt


def _move(client, headers, public_id, **body):
    return client.post(f"{BASE}/{public_id}/transition", json=body, headers=headers)


def _track(client, receipt):
    return client.post("/api/v1/reports/track", json={"receipt": receipt}).json


def test_full_flow_to_closed_with_reply_the_reporter_reads(client, admin_login, report):
    public_id, receipt = report
    headers, _ = admin_login("district_admin", district_code="331002")
    assert _move(client, headers, public_id, to="accepted").json["status"] == "accepted"
    assert _move(client, headers, public_id, to="in_progress").status_code == 200
    reply = client.post(
        f"{BASE}/{public_id}/messages",
        json={"body": "请补充收费凭证照片。"},
        headers=headers,
    )
    assert reply.status_code == 201
    note = client.post(
        f"{BASE}/{public_id}/messages",
        json={"body": "内部：已联系协会秘书长核实。", "internal": True},
        headers=headers,
    )
    assert note.json["internal"] is True
    resolved = _move(
        client,
        headers,
        public_id,
        to="resolved",
        outcome="substantiated",
        note="协会已退还会费并整改。",
    )
    assert resolved.status_code == 200
    assert _move(client, headers, public_id, to="closed").json["status"] == "closed"

    tracked = _track(client, receipt)
    assert tracked["status"] == "closed"
    bodies = [m["body"] for m in tracked["messages"]]
    assert "请补充收费凭证照片。" in bodies
    assert "办理结果（属实）：协会已退还会费并整改。" in bodies
    assert not any("内部" in body for body in bodies)

    detail = client.get(f"{BASE}/{public_id}", headers=headers).json
    assert detail["report"]["outcome_label"] == "属实"
    actions = [entry["action"] for entry in detail["trail"]]
    assert actions.count("report.transition") == 4
    assert {"report.reply", "report.note", "report.view"} <= set(actions)


def test_anything_outside_the_machine_is_409(client, admin_login, report):
    public_id, _ = report
    headers, _ = admin_login("district_admin", district_code="331002")
    response = _move(client, headers, public_id, to="closed")
    assert (response.status_code, response.json["reason"]) == (409, "transition_not_allowed")
    bogus = _move(client, headers, public_id, to="archived")
    assert bogus.status_code == 422


def test_refusal_and_transfer_need_a_reason(client, admin_login, report, app):
    public_id, receipt = report
    headers, _ = admin_login("district_admin", district_code="331002")
    missing = _move(client, headers, public_id, to="rejected")
    assert (missing.status_code, missing.json["reason"]) == (422, "note_required")
    with app.app_context():
        assert (
            db.session.scalar(select(Report.status).where(Report.public_id == public_id))
            == "submitted"
        )
    refused = _move(client, headers, public_id, to="rejected", note="不属于本部门受理范围。")
    assert refused.json["status"] == "rejected"
    assert "不予受理。理由：不属于本部门受理范围。" in [
        m["body"] for m in _track(client, receipt)["messages"]
    ]


def test_transfer_names_the_authority(client, admin_login, report):
    public_id, receipt = report
    headers, _ = admin_login("city_admin")
    _move(client, headers, public_id, to="accepted")
    no_target = _move(client, headers, public_id, to="transferred", note="涉及价格违法")
    assert no_target.json["reason"] == "transferred_to_required"
    done = _move(
        client,
        headers,
        public_id,
        to="transferred",
        note="涉及价格违法。",
        transferred_to="台州市市场监督管理局",
    )
    assert done.json["status"] == "transferred"
    tracked = _track(client, receipt)
    assert any("台州市市场监督管理局" in m["body"] for m in tracked["messages"])
    # The reporter's app names the authority without reading it out of a message.
    assert tracked["transferred_to"] == "台州市市场监督管理局"
    assert tracked["accepted_on"] is not None and tracked["merged_into"] is None


def test_unfounded_can_clear_the_association(client, admin_login, report, app):
    public_id, _ = report
    headers, _ = admin_login("district_admin", district_code="331002")
    _move(client, headers, public_id, to="accepted")
    _move(client, headers, public_id, to="in_progress")
    wrong = _move(
        client,
        headers,
        public_id,
        to="resolved",
        outcome="substantiated",
        note="属实",
        clear_association=True,
    )
    assert wrong.json["reason"] == "cannot_clear"
    ok = _move(
        client,
        headers,
        public_id,
        to="resolved",
        outcome="unfounded",
        note="经核查，反映问题失实。",
        clear_association=True,
    )
    assert ok.status_code == 200
    with app.app_context():
        stored = db.session.scalar(select(Report).where(Report.public_id == public_id))
        assert (stored.outcome, stored.association_cleared) == ("unfounded", True)


def test_reviewer_reads_and_notes_but_does_not_move_or_reply(client, admin_login, report):
    public_id, _ = report
    headers, _ = admin_login("reviewer", district_code="331002")
    assert client.get(BASE, headers=headers).json["total"] == 1
    assert client.get(f"{BASE}/{public_id}", headers=headers).json["allowed_transitions"] == []
    assert _move(client, headers, public_id, to="accepted").status_code == 403
    reply = client.post(f"{BASE}/{public_id}/messages", json={"body": "回复"}, headers=headers)
    assert reply.status_code == 403
    note = client.post(
        f"{BASE}/{public_id}/messages", json={"body": "备注", "internal": True}, headers=headers
    )
    assert note.status_code == 201


def test_named_reporter_identity_is_for_handlers_only(client, admin_login, app):
    with app.app_context():
        member = MemberFactory()
        made, _ = ReportFactory(member=member, association=AssociationFactory(district="331002"))
        public_id = made.public_id
    handler, _ = admin_login("district_admin", district_code="331002")
    reviewer, _ = admin_login("reviewer", district_code="331002")
    assert client.get(f"{BASE}/{public_id}", headers=handler).json["reporter"] == {
        "name": "张三",
        "phone": "13800138000",
    }
    seen_by_reviewer = client.get(f"{BASE}/{public_id}", headers=reviewer)
    assert seen_by_reviewer.json["reporter"] is None
    assert "13800138000" not in seen_by_reviewer.get_data(as_text=True)


def test_scope_out_of_district_and_officers(client, admin_login, report):
    public_id, _ = report
    other, _ = admin_login("district_admin", district_code="331003")
    assert client.get(BASE, headers=other).json["total"] == 0
    assert client.get(f"{BASE}/{public_id}", headers=other).status_code == 404
    assert _move(client, other, public_id, to="accepted").status_code == 404
    officer, _ = admin_login("association_officer")
    assert client.get(BASE, headers=officer).status_code == 403


def test_officer_of_the_reported_association_never_sees_it(client, app, admin_login):
    with app.app_context():
        association = AssociationFactory(district="331002")
        made, _ = ReportFactory(association=association)
        association_id, public_id = association.id, made.public_id
    officer, _ = admin_login("association_officer", association_id=association_id)
    assert client.get(f"{BASE}/{public_id}", headers=officer).status_code == 403
    audit = client.get(f"/api/v1/admin/audit?target_id={public_id}", headers=officer)
    assert audit.status_code == 403


def test_assignment_to_colleagues_in_the_district(client, app, admin_login, report):
    public_id, _ = report
    headers, _ = admin_login("district_admin", district_code="331002")
    with app.app_context():
        colleague = AdminFactory(role="reviewer", district_code="331002").id
        outsider = AdminFactory(role="reviewer", district_code="331003").id
    assigned = client.post(
        f"{BASE}/{public_id}/assign", json={"admin_id": colleague}, headers=headers
    )
    assert assigned.json["assigned_admin"]["id"] == colleague
    refused = client.post(
        f"{BASE}/{public_id}/assign", json={"admin_id": outsider}, headers=headers
    )
    assert (refused.status_code, refused.json["reason"]) == (422, "assignee_invalid")
    mine = client.get(f"{BASE}?assigned=none", headers=headers).json
    assert mine["total"] == 0


def test_recusal_hides_the_report(client, admin_login, report):
    public_id, _ = report
    headers, _ = admin_login("district_admin", district_code="331002")
    assert (
        client.post(
            f"{BASE}/{public_id}/recuse", json={"reason": "本人系该协会会员"}, headers=headers
        ).status_code
        == 204
    )
    assert client.get(f"{BASE}/{public_id}", headers=headers).status_code == 404
    assert client.get(BASE, headers=headers).json["total"] == 0
    city, _ = admin_login("city_admin")
    trail = client.get(f"{BASE}/{public_id}", headers=city).json["trail"]
    assert "report.recuse" in [entry["action"] for entry in trail]


def test_extension_before_the_deadline_with_a_reason(client, app, admin_login, report):
    public_id, receipt = report
    headers, _ = admin_login("district_admin", district_code="331002")
    before = _track(client, receipt)["accept_due_on"]
    extended = client.post(
        f"{BASE}/{public_id}/extend",
        json={"deadline": "accept", "workdays": 5, "reason": "需调取协会账目"},
        headers=headers,
    )
    assert extended.status_code == 200
    tracked = _track(client, receipt)
    assert tracked["accept_due_on"] > before
    assert tracked["extension_reason"] == "需调取协会账目"
    wrong = client.post(
        f"{BASE}/{public_id}/extend",
        json={"deadline": "resolve", "workdays": 5, "reason": "需调取协会账目"},
        headers=headers,
    )
    assert (wrong.status_code, wrong.json["reason"]) == (409, "deadline_not_pending")
    with app.app_context():
        stored = db.session.scalar(select(Report).where(Report.public_id == public_id))
        stored.accept_due_on = shanghai_today() - timedelta(days=1)
        db.session.commit()
    late = client.post(
        f"{BASE}/{public_id}/extend",
        json={"deadline": "accept", "workdays": 5, "reason": "需调取协会账目"},
        headers=headers,
    )
    assert late.json["reason"] == "deadline_passed"


def test_queue_deadline_states_and_filters(client, app, admin_login):
    with app.app_context():
        association = AssociationFactory(district="331002")
        late, _ = ReportFactory(association=association)
        late.accept_due_on = shanghai_today() - timedelta(days=2)
        soon, _ = ReportFactory(association=association, title="会费标准未经会员大会")
        soon.accept_due_on = shanghai_today()
        fresh, _ = ReportFactory(association=association, status="accepted")
        db.session.commit()
        ids = late.public_id, soon.public_id, fresh.public_id
    headers, _ = admin_login("district_admin", district_code="331002")
    queue = client.get(BASE, headers=headers).json["items"]
    assert [item["public_id"] for item in queue][:2] == [ids[0], ids[1]]
    states = {item["public_id"]: item["deadline_state"] for item in queue}
    assert states == {ids[0]: "overdue", ids[1]: "due_soon", ids[2]: "on_time"}
    overdue = client.get(f"{BASE}?deadline=overdue", headers=headers).json
    assert [item["public_id"] for item in overdue["items"]] == [ids[0]]
    found = client.get(f"{BASE}?q=会员大会", headers=headers).json
    assert [item["public_id"] for item in found["items"]] == [ids[1]]
    by_id = client.get(f"{BASE}?q={ids[2].lower()}", headers=headers).json
    assert by_id["total"] == 1
    assert client.get(f"{BASE}?status=accepted", headers=headers).json["total"] == 1


def test_merge_into_another_open_report(client, app, admin_login):
    with app.app_context():
        association = AssociationFactory(district="331002")
        first, _ = ReportFactory(association=association)
        duplicate, receipt = ReportFactory(association=association)
        ids = first.public_id, duplicate.public_id
    headers, _ = admin_login("district_admin", district_code="331002")
    itself = _move(client, headers, ids[1], to="merged", merge_into=ids[1])
    assert itself.json["reason"] == "merge_target_invalid"
    merged = _move(client, headers, ids[1], to="merged", merge_into=ids[0])
    assert merged.json["status"] == "merged"
    tracked = _track(client, receipt)
    assert any(ids[0] in m["body"] for m in tracked["messages"])
    # The reporter's app points at the report it joined from a field, not a message's wording.
    assert tracked["merged_into"] == ids[0]


def test_named_reporter_is_notified_on_each_change(client, app, admin_login, wechat_fake):
    with app.app_context():
        member = MemberFactory(openid="fake-reporter")
        made, _ = ReportFactory(member=member, association=AssociationFactory(district="331002"))
        public_id = made.public_id
    login = client.post("/api/v1/auth/login", json={"code": "reporter.1"}).json
    member_headers = {"Authorization": f"Bearer {login['token']}"}
    template = app.config["REPORT_STATUS_TEMPLATE_ID"]
    for _ in range(2):
        client.post(
            "/api/v1/me/subscriptions", json={"template_id": template}, headers=member_headers
        )
    headers, _ = admin_login("district_admin", district_code="331002")
    _move(client, headers, public_id, to="accepted")
    _move(client, headers, public_id, to="in_progress")
    _move(client, headers, public_id, to="resolved", outcome="partly_substantiated", note="已整改")
    sent = wechat_fake.state.sent_messages
    assert [m["touser"] for m in sent] == ["fake-reporter", "fake-reporter"]
    assert public_id in str(sent[0]["data"])
    # The messages never repeat the report's content.
    assert "强制入会" not in str(sent)


def test_attachments_are_downloads_for_visible_staff_only(client, app, admin_login):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(buffer, format="JPEG")
    upload = client.post(
        "/api/v1/uploads",
        data={"file": (io.BytesIO(buffer.getvalue()), "evidence.jpg")},
        content_type="multipart/form-data",
    ).json
    with app.app_context():
        made, _ = ReportFactory(
            association=AssociationFactory(district="331002"), upload_ids=[upload["upload_id"]]
        )
        public_id = made.public_id
    headers, _ = admin_login("reviewer", district_code="331002")
    detail = client.get(f"{BASE}/{public_id}", headers=headers).json
    [attachment] = detail["attachments"]
    response = client.get(
        f"{BASE}/{public_id}/attachments/{attachment['position']}", headers=headers
    )
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Type"] == "image/jpeg"
    assert Image.open(io.BytesIO(response.data)).size == (40, 30)
    missing = client.get(f"{BASE}/{public_id}/attachments/99", headers=headers)
    assert missing.status_code == 404
    outsider, _ = admin_login("district_admin", district_code="331003")
    assert (
        client.get(
            f"{BASE}/{public_id}/attachments/{attachment['position']}", headers=outsider
        ).status_code
        == 404
    )
    city, _ = admin_login("city_admin")
    trail = client.get(f"{BASE}/{public_id}", headers=city).json["trail"]
    assert "report.attachment_view" in [entry["action"] for entry in trail]


def test_daily_reminder_lists_overdue_and_due_reports(app):
    with app.app_context():
        association = AssociationFactory(district="331004")
        late, _ = ReportFactory(association=association)
        late.accept_due_on = shanghai_today() - timedelta(days=3)
        due, _ = ReportFactory(association=association, status="in_progress")
        due.resolve_due_on = shanghai_today()
        ReportFactory(association=association)
        db.session.commit()
        ids = late.public_id, due.public_id
    result = app.test_cli_runner().invoke(args=["reports", "remind"])
    assert result.exit_code == 0, result.output
    assert "路桥区: 1 件逾期，1 件即将到期" in result.output
    assert f"{ids[0]}  已提交" in result.output and "（逾期）" in result.output
    assert f"{ids[1]}  办理中" in result.output
    # Count listed reports by line: a random public id may itself contain "JB".
    assert sum(line.startswith("  JB") for line in result.output.splitlines()) == 2
