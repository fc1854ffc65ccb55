"""Subscription credits and status messages to named reporters, through the fake WeChat."""

from sqlalchemy import select

from backend.app.extensions import db
from backend.app.members.models import Member
from backend.app.reports import services
from backend.app.reports.models import Report, SubscriptionCredit
from backend.app.reports.notify import notify_status_change
from backend.app.wechat.client import Boundary

from ..factories import ReportFactory
from ..test_errors import assert_contract

TEMPLATE = "fake-report-status-template"


def _subscribe(client, headers, template_id=TEMPLATE):
    return client.post(
        "/api/v1/me/subscriptions", json={"template_id": template_id}, headers=headers
    )


def _named_report(app, member_id, status="submitted"):
    with app.app_context():
        report, _ = ReportFactory(status=status, member=db.session.get(Member, member_id))
        return report.public_id


def _move(app, public_id, to):
    """What moderation does: change the status, commit, then notify."""
    with app.app_context():
        report = db.session.scalar(select(Report).where(Report.public_id == public_id))
        services.change_status(report, to)
        db.session.commit()
        return notify_status_change(report)


def _credits(app, member_id):
    with app.app_context():
        return db.session.scalar(
            select(SubscriptionCredit.credits).where(SubscriptionCredit.member_id == member_id)
        )


def test_each_consent_is_one_credit(client, login):
    headers, _ = login("bob")
    assert _subscribe(client, headers).json == {"template_id": TEMPLATE, "credits": 1}
    assert _subscribe(client, headers).json["credits"] == 2
    assert_contract(_subscribe(client, headers, "other-template"), 422, "unknown_template")
    assert_contract(
        client.post("/api/v1/me/subscriptions", json={"template_id": TEMPLATE}),
        401,
        "token_missing",
    )


def test_the_me_page_lists_the_messages_a_member_can_allow(app, client, login):
    headers, _ = login("bob")
    offered = client.get("/api/v1/me/subscriptions", headers=headers)
    assert offered.status_code == 200
    assert offered.json == [{"kind": "report_status", "template_id": TEMPLATE, "credits": 0}]
    _subscribe(client, headers)
    _subscribe(client, headers)
    assert client.get("/api/v1/me/subscriptions", headers=headers).json[0]["credits"] == 2
    other, _ = login("carol")
    assert client.get("/api/v1/me/subscriptions", headers=other).json[0]["credits"] == 0
    assert_contract(client.get("/api/v1/me/subscriptions"), 401, "token_missing")
    app.config["REPORT_STATUS_TEMPLATE_ID"] = None
    assert client.get("/api/v1/me/subscriptions", headers=headers).json == []


def test_a_status_change_sends_one_message_per_credit(app, client, login, wechat_fake):
    headers, body = login("bob")
    member_id = body["member"]["id"]
    public_id = _named_report(app, member_id)
    _subscribe(client, headers)
    assert _move(app, public_id, "accepted") is True
    [sent] = wechat_fake.state.sent_messages
    assert sent["touser"] == "fake-bob" and sent["template_id"] == TEMPLATE
    assert sent["data"]["character_string1"]["value"] == public_id
    assert sent["data"]["phrase2"]["value"] == "已受理"
    assert sent["page"] == f"packages/reports/detail/index?public_id={public_id}"
    # The message never repeats the report's content.
    assert "入会" not in str(sent["data"])
    assert _credits(app, member_id) == 0
    # No credit left: the next change is not sent.
    assert _move(app, public_id, "in_progress") is False
    assert len(wechat_fake.state.sent_messages) == 1


def test_a_refused_message_uses_the_credit_and_is_not_retried(app, client, login, wechat_fake):
    headers, body = login("carol")
    member_id = body["member"]["id"]
    public_id = _named_report(app, member_id)
    _subscribe(client, headers)
    _subscribe(client, headers)
    wechat_fake.state.refused_openids.add("fake-carol")
    assert _move(app, public_id, "accepted") is False
    assert wechat_fake.state.sent_messages == []
    assert _credits(app, member_id) == 1
    with app.app_context():
        assert db.session.scalar(select(Report.status).where(Report.public_id == public_id)) == (
            "accepted"
        )


def test_when_wechat_is_down_the_credit_is_kept_and_the_change_stands(app, client, login):
    headers, body = login("dave")
    member_id = body["member"]["id"]
    public_id = _named_report(app, member_id)
    _subscribe(client, headers)
    # A WeChat that does not answer: nothing listens on port 9 here.
    app.extensions["wechat"] = Boundary(
        {**app.config, "WECHAT_API_BASE": "http://127.0.0.1:9"}, None
    )
    assert _move(app, public_id, "accepted") is False
    assert _credits(app, member_id) == 1
    with app.app_context():
        assert db.session.scalar(select(Report.status).where(Report.public_id == public_id)) == (
            "accepted"
        )


def test_anonymous_reports_send_nothing(app, wechat_fake):
    with app.app_context():
        report, _ = ReportFactory()
        services.change_status(report, "accepted")
        db.session.commit()
        assert notify_status_change(report) is False
    assert wechat_fake.state.sent_messages == []


def test_without_a_configured_template_subscriptions_are_off(app, client, login):
    app.config["REPORT_STATUS_TEMPLATE_ID"] = None
    headers, _ = login("erin")
    assert_contract(_subscribe(client, headers), 422, "subscriptions_disabled")
