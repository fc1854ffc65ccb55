"""An anonymous report leaves nothing that leads back to the reporter: database, files, logs."""

import io
import json
import logging
import threading
from datetime import date, datetime

import requests
from PIL import Image
from sqlalchemy import inspect, select, text
from werkzeug.serving import make_server

from backend.app.common.time import SHANGHAI
from backend.app.devserver import AnonymousRequestHandler
from backend.app.extensions import client_key, db, redis
from backend.app.reports.models import Attachment, Report, ReportMessage
from backend.app.reports.uploads import upload_dir

from .conftest import (
    BODY,
    EXIF_MAKE,
    EXIF_MODEL,
    EXIF_TIME,
    GPS_LATITUDE,
    GPS_LONGITUDE,
    jpeg_with_gps,
)

REPORTER_IP = "203.0.113.77"
REPORTER_AGENT = "Mozilla/5.0 (iPhone) MicroMessenger/8.0.50 NetType/WIFI UA-MARKER-7731"
EXIF_STRINGS = (EXIF_MAKE, EXIF_MODEL, EXIF_TIME, "2026:11:20")
IDEMPOTENCY_KEY = "c0ffee00-1234-4abc-8def-0123456789ab"
REPORT_TABLES = ("reports", "report_messages", "report_attachments")


def _all_rows():
    """Every row of every table, as {table: [row dict]}."""
    rows = {}
    for table in db.metadata.sorted_tables:
        if inspect(db.engine).has_table(table.name):
            rows[table.name] = [dict(row._mapping) for row in db.session.execute(table.select())]
    return rows


def _columns_referencing_members():
    return [
        (table.name, column.name)
        for table in db.metadata.sorted_tables
        for column in table.columns
        if any(fk.column.table.name == "members" for fk in column.foreign_keys)
    ]


def test_an_anonymous_report_cannot_be_traced_to_the_reporter(
    app, client, login, association, backend, caplog
):
    photo = jpeg_with_gps()
    assert EXIF_MAKE.encode() in photo
    caplog.set_level(logging.DEBUG)
    # The reporter is a member who used the mini-program before, and whose client even sends
    # the token along: the anonymous route must not look at it.
    headers, body = login("whistleblower")
    openid, member_id = "fake-whistleblower", body["member"]["id"]
    environ = {"REMOTE_ADDR": REPORTER_IP, "HTTP_USER_AGENT": REPORTER_AGENT}
    headers = {**headers, "X-Forwarded-For": REPORTER_IP}

    uploaded = client.post(
        "/api/v1/uploads",
        data={"file": (io.BytesIO(photo), "IMG_20261120_074213.jpg", "image/jpeg")},
        content_type="multipart/form-data",
        headers=headers,
        environ_base=environ,
    )
    assert uploaded.status_code == 201
    submitted = client.post(
        "/api/v1/reports",
        json={
            "anonymous": True,
            "category": "fee_forced_membership",
            "district": "331002",
            "association_id": association.id,
            "title": "强制入会收取会费",
            "body": BODY,
            "upload_ids": [uploaded.json["upload_id"]],
            "notice_version": client.get("/api/v1/report-notice").json["version"],
        },
        headers={**headers, "Idempotency-Key": IDEMPOTENCY_KEY},
        environ_base=environ,
    )
    assert submitted.status_code == 201, submitted.json
    receipt = submitted.json["receipt"]
    tracked = client.post(
        "/api/v1/reports/track", json={"receipt": receipt}, headers=headers, environ_base=environ
    )
    assert tracked.status_code == 200
    replied = client.post(
        "/api/v1/reports/track/messages",
        json={"receipt": receipt, "body": "补充：收费通知是口头传达的。"},
        headers=headers,
        environ_base=environ,
    )
    assert replied.status_code == 201

    secrets_ = [openid, REPORTER_IP, "UA-MARKER-7731", receipt, IDEMPOTENCY_KEY, *EXIF_STRINGS]
    with app.app_context():
        rows = _all_rows()
        # The database: no openid, address, user agent, receipt or EXIF value in any table.
        for secret in secrets_:
            found = [
                name
                for name, table in rows.items()
                if secret in json.dumps(table, default=str, ensure_ascii=False)
            ]
            expected = ["members"] if secret == openid else []
            assert found == expected, (secret, found)
        # No column that points at members holds the reporter's id, outside the members table.
        for table_name, column in _columns_referencing_members():
            values = [row[column] for row in rows.get(table_name, [])]
            assert member_id not in values, (table_name, column)
        # No time of day on the report, its messages or its images: dates only.
        for name in REPORT_TABLES:
            for row in rows[name]:
                for column, value in row.items():
                    assert not isinstance(value, datetime), (name, column)
        report = db.session.scalar(select(Report))
        assert isinstance(report.submitted_on, date)

        # The stored files: no EXIF, GPS or camera values, and no exact time on them.
        files = list(upload_dir().iterdir())
        assert len(files) == 1
        stored = files[0].read_bytes()
        for secret in EXIF_STRINGS:
            assert secret.encode() not in stored
        assert b"Exif" not in stored
        reopened = Image.open(io.BytesIO(stored))
        assert not reopened.getexif() and not reopened.getexif().get_ifd(0x8825)
        day = report.submitted_on
        midnight = datetime(day.year, day.month, day.day, tzinfo=SHANGHAI).timestamp()
        assert files[0].stat().st_mtime == midnight
        assert files[0].name != "IMG_20261120_074213.jpg"

        # Redis (PostgreSQL runs use it): counters under hashed keys, the retry answer sealed.
        if backend == "postgresql":
            for key in redis.client.keys("*"):
                value = redis.client.get(key) if redis.client.type(key) == b"string" else b""
                for secret in secrets_:
                    assert secret.encode() not in key and secret.encode() not in value

    # The logs: nothing captured carries the address, identity, receipt or report text.
    logged = "\n".join(record.getMessage() for record in caplog.records) + caplog.text
    token = headers["Authorization"].split()[1]
    for secret in [*secrets_, token, BODY[:12], str(GPS_LATITUDE), str(GPS_LONGITUDE)]:
        assert secret not in logged, secret


def test_the_report_tables_have_no_time_columns():
    for model in (Report, ReportMessage, Attachment):
        for column in model.__table__.columns:
            if column.name in ("sent_at", "expires_at"):
                continue
            assert column.type.python_type is not datetime, (model.__name__, column.name)


def test_the_development_server_logs_no_client_address(app, association, caplog):
    server = make_server(
        "127.0.0.1", 0, app, threaded=True, request_handler=AnonymousRequestHandler
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with caplog.at_level(logging.INFO, logger="werkzeug"):
            url = f"http://127.0.0.1:{server.server_port}/api/v1/reports/track"
            response = requests.post(url, json={"receipt": "0000000000000000"}, timeout=5)
    finally:
        server.shutdown()
    assert response.status_code == 404
    lines = [r.getMessage() for r in caplog.records if "/api/v1/reports/track" in r.getMessage()]
    assert len(lines) == 1
    assert "POST /api/v1/reports/track HTTP/1.1" in lines[0] and '" 404 ' in lines[0]
    assert "127.0.0.1" not in lines[0]


def test_a_server_error_logs_neither_the_address_nor_the_report(app, client, payload, caplog):
    with app.app_context(), db.engine.begin() as connection:
        connection.execute(text("DROP TABLE report_attachments"))
        connection.execute(text("DROP TABLE report_messages"))
        connection.execute(text("DROP TABLE report_recusals"))
        connection.execute(text("DROP TABLE reports"))
    with caplog.at_level(logging.DEBUG):
        response = client.post(
            "/api/v1/reports", json=payload(), environ_base={"REMOTE_ADDR": REPORTER_IP}
        )
    assert response.status_code == 500
    assert any(record.levelno == logging.ERROR for record in caplog.records)
    logged = caplog.text
    assert BODY[:12] not in logged and REPORTER_IP not in logged
    assert "强制入会收取会费" not in logged


def test_limit_breaches_are_logged_without_the_client_key(app, client, payload, caplog):
    app.config["REPORT_SUBMIT_LIMITS"] = "1 per day"
    with caplog.at_level(logging.INFO, logger="flask-limiter"):
        client.post("/api/v1/reports", json=payload())
        refused = client.post("/api/v1/reports", json=payload())
    assert refused.status_code == 429
    with app.test_request_context(environ_base={"REMOTE_ADDR": "127.0.0.1"}):
        key = client_key()
    breaches = [r for r in caplog.records if r.name == "flask-limiter"]
    assert breaches
    assert all(key not in record.getMessage() for record in breaches)


def test_anonymous_reports_refuse_identity_fields(client, payload):
    response = client.post(
        "/api/v1/reports", json=payload(reporter_name="王五", reporter_phone="13912345678")
    )
    assert response.status_code == 422
    assert set(response.json["errors"]) == {"reporter_name", "reporter_phone"}
