"""The one error contract, for every kind of failure."""

import logging

from flask import g
from sqlalchemy import func, select

from backend.app.associations.models import District
from backend.app.extensions import db

CONTRACT_KEYS = {"code", "status", "message", "reason", "errors"}


def assert_contract(response, code, reason):
    body = response.get_json()
    assert response.status_code == code
    assert set(body) == CONTRACT_KEYS
    assert body["code"] == code
    assert body["reason"] == reason
    # The message is for people, in Chinese.
    assert any("\u4e00" <= ch <= "\u9fff" for ch in body["message"]), body["message"]
    return body


def test_unknown_route_is_404(client):
    assert_contract(client.get("/api/v1/no-such-thing"), 404, "not_found")


def test_wrong_method_is_405_with_allow(client):
    response = client.delete("/api/v1/districts")
    assert_contract(response, 405, "method_not_allowed")
    assert "GET" in response.headers["Allow"]


def test_oversized_body_is_413(client):
    body = b'{"code": "' + b"a" * (2 * 1024 * 1024) + b'"}'
    response = client.post(
        "/api/v1/auth/login", data=body, headers={"Content-Type": "application/json"}
    )
    assert_contract(response, 413, "payload_too_large")


def test_validation_error_is_422_keyed_by_field(client):
    response = client.post("/api/v1/auth/login", json={"cod": "x"})
    body = assert_contract(response, 422, "validation_failed")
    assert body["errors"]["code"] == ["缺少必填字段"]
    assert body["errors"]["cod"] == ["未知字段"]


def test_broken_json_is_400(client):
    response = client.post(
        "/api/v1/auth/login", data=b'{"code', headers={"Content-Type": "application/json"}
    )
    assert_contract(response, 400, "invalid_json")


def test_bad_query_parameter_is_422(client):
    body = assert_contract(
        client.get("/api/v1/associations?page_size=1000"), 422, "validation_failed"
    )
    assert "page_size" in body["errors"]


def test_missing_token_is_401(client):
    assert_contract(client.get("/api/v1/me"), 401, "token_missing")


def test_unhandled_exception_is_500_rolled_back_and_logged(app, caplog):
    def boom():
        db.session.add(District(code="999999", name="不应保存"))
        db.session.flush()
        raise RuntimeError("kaboom")

    app.add_url_rule("/api/v1/test-boom", view_func=boom, methods=["POST"])
    client = app.test_client()
    with caplog.at_level(logging.ERROR, logger="backend"):
        response = client.post("/api/v1/test-boom", headers={"X-Request-ID": "req-12345678"})
    body = assert_contract(response, 500, "internal_error")
    assert "kaboom" not in body["message"]
    assert response.headers["X-Request-ID"] == "req-12345678"
    record = next(r for r in caplog.records if "req-12345678" in r.getMessage())
    assert record.exc_info and record.exc_info[1].args == ("kaboom",)
    with app.app_context():
        assert db.session.scalar(select(func.count()).where(District.code == "999999")) == 0


def test_request_id_is_generated_when_missing_or_unsafe(client):
    first = client.get("/api/v1/districts")
    second = client.get("/api/v1/districts", headers={"X-Request-ID": "bad id with spaces"})
    assert len(first.headers["X-Request-ID"]) == 32
    assert second.headers["X-Request-ID"] != "bad id with spaces"
    assert first.headers["X-Request-ID"] != second.headers["X-Request-ID"]


def test_request_id_is_available_to_views(app):
    seen = {}

    def probe():
        seen["id"] = g.request_id
        return {}

    app.add_url_rule("/api/v1/test-probe", view_func=probe)
    app.test_client().get("/api/v1/test-probe", headers={"X-Request-ID": "abcdefgh1234"})
    assert seen["id"] == "abcdefgh1234"
