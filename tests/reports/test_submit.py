"""Categories, the notice, submitting named and anonymous reports, and every bad input."""

import io
import threading
from datetime import timedelta

import pytest
from sqlalchemy import select

from backend.app.common.time import utcnow
from backend.app.errors import ApiError
from backend.app.extensions import db
from backend.app.reports import replay
from backend.app.reports.categories import NOTICE_VERSION
from backend.app.reports.models import Attachment, Report
from backend.app.reports.uploads import upload_dir

from ..factories import AssociationFactory
from ..test_errors import assert_contract
from .conftest import BODY, counts


def test_categories_follow_the_official_fee_list(client):
    categories = client.get("/api/v1/report-categories").get_json()
    codes = [category["code"] for category in categories]
    assert codes == [
        "arbitrary_fees",
        "obstructing_withdrawal",
        "illegal_appraisals",
        "leader_misconduct",
        "irregular_finances",
        "retaliation",
        "other",
    ]
    fees = categories[0]["children"]
    assert len(fees) == 15
    assert fees[0]["name"] == "强制或变相强制入会收会费"
    assert fees[14]["name"] == "其他乱收费"
    assert all(item["guidance"] for item in fees)
    pricing = next(item for item in fees if item["code"] == "fee_market_prices")
    assert "12315" in pricing["referral"]["channel"]
    leader = categories[3]
    assert leader["name"] == "负责人违纪违规"
    assert leader["referral"]["authority"] == "纪检监察机关"
    assert categories[6]["referral"] is None


def test_notice_warns_about_fabricated_accusations(client):
    notice = client.get("/api/v1/report-notice").get_json()
    assert notice["version"] == NOTICE_VERSION
    assert any("诬告陷害" in paragraph for paragraph in notice["paragraphs"])


def test_notice_gives_the_limits_the_form_must_respect(app, client):
    limits = client.get("/api/v1/report-notice").get_json()["limits"]
    assert limits == {
        "max_images": 9,
        "max_image_bytes": 10 * 1024 * 1024,
        "title_max": 50,
        "body_max": 2000,
        "daily_reports": 5,
        "accept_workdays": 15,
        "resolve_workdays": 60,
    }
    # Taken from the settings, not a copy of them.
    app.config.update(
        REPORT_MAX_IMAGES=4, REPORT_SUBMIT_LIMITS="3/day;10 per hour", REPORT_ACCEPT_WORKDAYS=10
    )
    limits = client.get("/api/v1/report-notice").get_json()["limits"]
    assert (limits["max_images"], limits["daily_reports"]) == (4, 3)
    assert limits["accept_workdays"] == 10
    app.config["REPORT_SUBMIT_LIMITS"] = "10 per hour"
    assert client.get("/api/v1/report-notice").get_json()["limits"]["daily_reports"] is None


def test_anonymous_report_needs_no_login(app, client, upload, payload):
    upload_id = upload().json["upload_id"]
    response = client.post("/api/v1/reports", json=payload(upload_ids=[upload_id]))
    assert response.status_code == 201, response.json
    answer = response.json
    assert set(answer) == {"receipt", "public_id", "status"}
    assert answer["status"] == "submitted"
    assert len(answer["receipt"]) == 16 and answer["receipt"].isdigit()
    assert answer["public_id"].startswith("JB") and len(answer["public_id"]) == 12
    with app.app_context():
        report = db.session.scalar(select(Report))
        assert report.anonymous and report.member_id is None
        assert report.notice_version == NOTICE_VERSION
        assert report.body == BODY
        assert [a.width for a in report.attachments] == [64]
        assert report.attachments[0].expires_at is None
        assert report.accept_due_on > report.submitted_on
        assert report.resolve_due_on > report.accept_due_on


def test_named_report_keeps_name_and_phone_and_lists_under_me(app, client, login, payload):
    headers, body = login("bob")
    response = client.post(
        "/api/v1/reports",
        json=payload(anonymous=False, reporter_name="李四", reporter_phone="13912345678"),
        headers=headers,
    )
    assert response.status_code == 201, response.json
    with app.app_context():
        report = db.session.scalar(select(Report))
        assert not report.anonymous and report.member_id == body["member"]["id"]
        assert (report.reporter_name, report.reporter_phone) == ("李四", "13912345678")
    mine = client.get("/api/v1/me/reports", headers=headers).get_json()
    assert mine["total"] == 1
    assert mine["items"][0]["public_id"] == response.json["public_id"]
    assert mine["items"][0]["title"] == "强制入会收取会费"
    other_headers, _ = login("carol")
    assert client.get("/api/v1/me/reports", headers=other_headers).get_json()["total"] == 0


def test_named_report_needs_a_login(client, payload):
    response = client.post(
        "/api/v1/reports",
        json=payload(anonymous=False, reporter_name="李四", reporter_phone="13912345678"),
    )
    assert_contract(response, 401, "token_missing")


def test_a_retried_submission_creates_one_report_and_returns_the_receipt(app, client, payload):
    headers = {"Idempotency-Key": "2f1c7e0a-5b7d-4c55-9a51-0c2b8a1d9e33"}
    first = client.post("/api/v1/reports", json=payload(), headers=headers)
    again = client.post("/api/v1/reports", json=payload(), headers=headers)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json == first.json
    with app.app_context():
        assert counts()[0] == 1
    tracked = client.post("/api/v1/reports/track", json={"receipt": again.json["receipt"]})
    assert tracked.status_code == 200
    # The same key with another body is a client bug, not a retry.
    changed = client.post("/api/v1/reports", json=payload(title="另一件事情"), headers=headers)
    assert_contract(changed, 409, "idempotency_key_reused")
    # A fresh key is a new report.
    other = client.post("/api/v1/reports", json=payload(), headers={"Idempotency-Key": "k" * 32})
    assert other.status_code == 201 and other.json["public_id"] != first.json["public_id"]


def test_a_failed_submission_frees_its_idempotency_key(app, client, payload):
    headers = {"Idempotency-Key": "retry-after-fixing-0001"}
    refused = client.post("/api/v1/reports", json=payload(category="nope"), headers=headers)
    assert refused.status_code == 422
    fixed = client.post("/api/v1/reports", json=payload(), headers=headers)
    assert fixed.status_code == 201


def test_a_short_idempotency_key_is_refused(client, payload):
    response = client.post("/api/v1/reports", json=payload(), headers={"Idempotency-Key": "1"})
    body = assert_contract(response, 422, "idempotency_key_invalid")
    assert "Idempotency-Key" in body["errors"]


def _other_district_association(app):
    with app.app_context():
        return AssociationFactory(district="331003").id


BAD_FIELDS = [
    ({"category": "no_such_category"}, "category", "unknown_category"),
    # A group is not a choice: an arbitrary fee is one of the 15 items.
    ({"category": "arbitrary_fees"}, "category", "unknown_category"),
    ({"district": "999999"}, "district", "unknown_district"),
    ({"district": "33100"}, "district", "validation_failed"),
    ({"association_id": 987654}, "association_id", "association_not_found"),
    ({"title": ""}, "title", "validation_failed"),
    ({"title": "   "}, "title", "validation_failed"),
    ({"title": "长" * 51}, "title", "validation_failed"),
    ({"body": "太短了"}, "body", "validation_failed"),
    ({"body": "长" * 2001}, "body", "validation_failed"),
    ({"body": None}, "body", "validation_failed"),
    ({"anonymous": "maybe"}, "anonymous", "validation_failed"),
    ({"notice_version": "2020-01"}, "notice_version", "notice_outdated"),
    ({"reporter_name": "王五"}, "reporter_name", "identity_in_anonymous_report"),
    ({"reporter_phone": "13912345678"}, "reporter_phone", "identity_in_anonymous_report"),
    ({"upload_ids": ["not-an-upload-id-at-all"]}, "upload_ids", "upload_not_found"),
    ({"upload_ids": "abc"}, "upload_ids", "validation_failed"),
    ({"unexpected": 1}, "unexpected", "validation_failed"),
]


@pytest.mark.parametrize(("changes", "field", "reason"), BAD_FIELDS)
def test_bad_fields_are_refused_and_nothing_is_stored(
    app, client, upload, payload, changes, field, reason
):
    pending = upload().json["upload_id"]
    body = payload(upload_ids=[pending])
    body.update(changes)
    response = client.post("/api/v1/reports", json=body)
    result = assert_contract(response, 422, reason)
    assert field in result["errors"]
    with app.app_context():
        # No report; the upload is still pending and its file still there.
        assert counts() == (0, 0, 1, 0)
        assert len(list(upload_dir().iterdir())) == 1


def test_missing_fields_are_listed(client):
    result = assert_contract(client.post("/api/v1/reports", json={}), 422, "validation_failed")
    required = ("anonymous", "category", "district", "association_id", "title", "body")
    for field in (*required, "notice_version"):
        assert result["errors"][field] == ["缺少必填字段"]


def test_association_must_be_in_the_chosen_district(app, client, payload):
    other = _other_district_association(app)
    response = client.post("/api/v1/reports", json=payload(association_id=other))
    assert_contract(response, 422, "association_not_in_district")
    with app.app_context():
        assert counts()[0] == 0


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({}, "reporter_name"),
        ({"reporter_name": "李四"}, "reporter_phone"),
        ({"reporter_name": "李四", "reporter_phone": "12345678901"}, "reporter_phone"),
        ({"reporter_name": "李四", "reporter_phone": "1391234567"}, "reporter_phone"),
        ({"reporter_name": "李", "reporter_phone": "13912345678"}, "reporter_name"),
    ],
)
def test_named_reports_need_a_name_and_a_mainland_mobile(
    app, client, login, payload, changes, field
):
    headers, _ = login("bob")
    response = client.post(
        "/api/v1/reports", json=payload(anonymous=False, **changes), headers=headers
    )
    result = assert_contract(response, 422, "validation_failed")
    assert field in result["errors"]
    with app.app_context():
        assert counts()[0] == 0


def test_more_than_nine_images_are_refused(app, client, upload, payload):
    ids = [upload().json["upload_id"] for _ in range(10)]
    response = client.post("/api/v1/reports", json=payload(upload_ids=ids))
    assert_contract(response, 422, "too_many_images")
    accepted = client.post("/api/v1/reports", json=payload(upload_ids=ids[:9]))
    assert accepted.status_code == 201
    with app.app_context():
        assert counts() == (1, 0, 10, 9)


def test_an_upload_is_attached_once(app, client, upload, payload):
    upload_id = upload().json["upload_id"]
    assert client.post("/api/v1/reports", json=payload(upload_ids=[upload_id])).status_code == 201
    again = client.post("/api/v1/reports", json=payload(upload_ids=[upload_id]))
    assert_contract(again, 422, "upload_not_found")
    duplicate = upload().json["upload_id"]
    twice = client.post("/api/v1/reports", json=payload(upload_ids=[duplicate, duplicate]))
    assert_contract(twice, 422, "duplicate_upload")
    with app.app_context():
        assert counts() == (1, 0, 2, 1)


def test_an_expired_upload_is_refused(app, client, upload, payload):
    upload_id = upload().json["upload_id"]
    with app.app_context():
        pending = db.session.scalar(select(Attachment))
        pending.expires_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
    response = client.post("/api/v1/reports", json=payload(upload_ids=[upload_id]))
    assert_contract(response, 422, "upload_expired")
    with app.app_context():
        assert counts() == (0, 0, 1, 0)


def test_an_oversized_body_is_413(app, client, payload):
    body = payload(body="长" * 600_000)
    response = client.post("/api/v1/reports", json=body)
    assert_contract(response, 413, "payload_too_large")
    with app.app_context():
        assert counts()[0] == 0


def test_a_form_post_is_not_a_report(client):
    response = client.post(
        "/api/v1/reports",
        data={"file": (io.BytesIO(b"x"), "a.jpg")},
        content_type="multipart/form-data",
    )
    result = assert_contract(response, 422, "validation_failed")
    assert "body" in result["errors"]


def test_five_reports_a_day_per_client(app, client, payload):
    for _ in range(5):
        assert client.post("/api/v1/reports", json=payload()).status_code == 201
    refused = client.post("/api/v1/reports", json=payload())
    body = assert_contract(refused, 429, "report_limit_reached")
    assert "明天" in body["message"]
    assert refused.headers["Retry-After"]
    # Another client (another address) is not affected.
    other = client.post(
        "/api/v1/reports", json=payload(), environ_base={"REMOTE_ADDR": "198.51.100.20"}
    )
    assert other.status_code == 201
    with app.app_context():
        assert counts()[0] == 6


def test_refused_submissions_do_not_use_up_the_daily_limit(client, payload):
    for _ in range(6):
        assert client.post("/api/v1/reports", json=payload(category="x")).status_code == 422
    assert client.post("/api/v1/reports", json=payload()).status_code == 201


def test_a_retry_while_the_first_attempt_runs_is_told_to_wait(app):
    with app.test_request_context():
        assert replay.claim("in-flight-key-0000001", "print") is None
        with pytest.raises(ApiError) as caught:
            replay.claim("in-flight-key-0000001", "print")
        assert (caught.value.code, caught.value.reason) == (409, "submission_in_progress")
        replay.release("in-flight-key-0000001")
        assert replay.claim("in-flight-key-0000001", "print") is None


@pytest.mark.postgresql_only
def test_two_reports_racing_for_one_upload_do_not_share_it(app, upload, payload):
    upload_id = upload().json["upload_id"]
    body = payload(upload_ids=[upload_id])
    barrier = threading.Barrier(4)
    statuses = []

    def submit(n):
        client = app.test_client()
        barrier.wait()
        response = client.post(
            "/api/v1/reports", json=body, environ_base={"REMOTE_ADDR": f"192.0.2.{n}"}
        )
        statuses.append(response.status_code)

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [201, 422, 422, 422]
    with app.app_context():
        assert counts() == (1, 0, 1, 1)


def test_the_openapi_document_describes_the_reporting_routes(client):
    paths = client.get("/api/openapi.json").get_json()["paths"]
    submit = paths["/api/v1/reports"]["post"]
    # Anonymous (no token) or named (member token).
    assert submit["security"] == [{}, {"member": []}]
    assert any(p["name"] == "Idempotency-Key" for p in submit["parameters"])
    assert "multipart/form-data" in paths["/api/v1/uploads"]["post"]["requestBody"]["content"]
    assert paths["/api/v1/me/reports"]["get"]["security"] == [{"member": []}]
    assert "security" not in paths["/api/v1/reports/track"]["post"]
