"""Receipts: random, hashed with Argon2id and the server's salt, looked up in constant time."""

import re
from collections import Counter

import pytest
from argon2.low_level import Type
from sqlalchemy import select

from backend.app.config import ProductionConfig
from backend.app.extensions import db, redis
from backend.app.reports import ids, receipts
from backend.app.reports.models import Report

from ..factories import ReportFactory
from ..test_errors import assert_contract


def test_receipts_are_sixteen_uniform_random_digits():
    sample = [ids.new_receipt() for _ in range(5000)]
    assert all(re.fullmatch(r"\d{16}", receipt) for receipt in sample)
    assert len(set(sample)) == len(sample)
    digits = Counter("".join(sample))
    expected = len(sample) * 16 / 10
    chi_square = sum((digits[str(d)] - expected) ** 2 / expected for d in range(10))
    # 9 degrees of freedom: above 40 happens with probability below 1e-5 for a fair source.
    assert chi_square < 40
    # Leading zeros are kept, so every digit position is random.
    assert Counter(receipt[0] for receipt in sample)["0"] > 300


def test_public_ids_are_random_readable_and_unique():
    sample = [ids.new_public_id() for _ in range(2000)]
    assert len(set(sample)) == len(sample)
    assert all(re.fullmatch(r"JB[23456789ABCDEFGHJKMNPQRSTVWXYZ]{10}", p) for p in sample)


def test_only_an_argon2id_hash_with_the_salt_is_stored(app, client, payload):
    answer = client.post("/api/v1/reports", json=payload()).json
    receipt = answer["receipt"]
    with app.app_context():
        report = db.session.scalar(select(Report))
        row = {c.name: getattr(report, c.name) for c in Report.__table__.columns}
        assert receipt not in repr(row)
        assert report.receipt_hash == receipts.receipt_hash(receipt)
        assert len(report.receipt_hash) == 64
        # The same receipt under another salt gives another hash: the database alone is useless.
        app.config["RECEIPT_SALT"] = "another-salt-entirely"
        assert receipts.receipt_hash(receipt) != report.receipt_hash


def test_the_hash_is_argon2id_with_the_configured_cost(app, monkeypatch):
    seen = {}

    def spy(**kwargs):
        seen.update(kwargs)
        return b"\0" * 32

    monkeypatch.setattr(receipts, "hash_secret_raw", spy)
    with app.app_context():
        receipts.receipt_hash("1234567890123456")
    assert seen["type"] == Type.ID
    assert seen["time_cost"] == app.config["RECEIPT_ARGON2_TIME_COST"]
    assert seen["memory_cost"] == app.config["RECEIPT_ARGON2_MEMORY_COST"]
    assert len(seen["salt"]) == 32


def test_production_cost_is_strong():
    assert ProductionConfig.RECEIPT_ARGON2_TIME_COST >= 3
    assert ProductionConfig.RECEIPT_ARGON2_MEMORY_COST >= 64 * 1024


def test_a_receipt_may_be_typed_with_spaces_or_dashes(app, client):
    with app.app_context():
        report, receipt = ReportFactory()
        public_id = report.public_id
    spaced = " ".join(receipt[i : i + 4] for i in range(0, 16, 4))
    dashed = "-".join(receipt[i : i + 4] for i in range(0, 16, 4))
    for typed in (receipt, spaced, dashed):
        response = client.post("/api/v1/reports/track", json={"receipt": typed})
        assert response.status_code == 200
        assert response.json["public_id"] == public_id


def test_wrong_unknown_and_malformed_receipts_get_the_same_answer(app, client, monkeypatch):
    with app.app_context():
        _, receipt = ReportFactory()
    wrong = receipt[:-1] + str((int(receipt[-1]) + 1) % 10)
    hashed = []
    original = receipts.receipt_hash

    def counting(text):
        hashed.append(text)
        return original(text)

    monkeypatch.setattr("backend.app.reports.services.receipt_hash", counting)
    answers = []
    for typed in (wrong, "0000000000000000", "12345", "abcdefghijklmnop"):
        response = client.post(
            "/api/v1/reports/track",
            json={"receipt": typed},
            environ_base={"REMOTE_ADDR": f"192.0.2.{len(answers) + 1}"},
        )
        answers.append((response.status_code, response.get_data()))
    assert len(set(answers)) == 1
    assert answers[0][0] == 404
    # Every lookup costs the same: one Argon2 hash each, whatever was typed.
    assert len(hashed) == 4


def test_the_stored_hash_is_compared_in_constant_time(app, client, monkeypatch):
    with app.app_context():
        _, receipt = ReportFactory()
    compared = []

    def spy(stored, candidate):
        compared.append((stored, candidate))
        return receipts.matches(stored, candidate)

    monkeypatch.setattr("backend.app.reports.services.matches", spy)
    assert client.post("/api/v1/reports/track", json={"receipt": receipt}).status_code == 200
    assert len(compared) == 1
    assert "compare_digest" in receipts.matches.__code__.co_names


def test_five_failed_lookups_per_ten_minutes_then_429(app, client):
    with app.app_context():
        _, receipt = ReportFactory()
    for n in range(5):
        response = client.post("/api/v1/reports/track", json={"receipt": f"{n:016d}"})
        assert_contract(response, 404, "receipt_not_found")
    # Now even the right receipt waits: guessing is capped per client, on every receipt route.
    for path, extra in (
        ("/api/v1/reports/track", {}),
        ("/api/v1/reports/track/messages", {"body": "补充一下情况"}),
        ("/api/v1/reports/track/rating", {"rating": "satisfied"}),
    ):
        blocked = client.post(path, json={"receipt": receipt, **extra})
        body = assert_contract(blocked, 429, "receipt_lookup_limited")
        assert re.fullmatch(r"回执码错误次数过多，请 (10|[1-9]) 分钟后再试", body["message"])
        assert 0 < int(blocked.headers["Retry-After"]) <= 600
    other = client.post(
        "/api/v1/reports/track",
        json={"receipt": receipt},
        environ_base={"REMOTE_ADDR": "203.0.113.200"},
    )
    assert other.status_code == 200


def test_successful_lookups_do_not_count_as_failures(app, client):
    with app.app_context():
        _, receipt = ReportFactory()
    for _ in range(8):
        assert client.post("/api/v1/reports/track", json={"receipt": receipt}).status_code == 200
    for n in range(5):
        assert (
            client.post("/api/v1/reports/track", json={"receipt": f"{n:016d}"}).status_code == 404
        )


@pytest.mark.postgresql_only
def test_failed_lookup_counters_live_in_redis_under_a_hash(app, client):
    client.post(
        "/api/v1/reports/track",
        json={"receipt": "0000000000000000"},
        environ_base={"REMOTE_ADDR": "203.0.113.77"},
    )
    with app.app_context():
        keys = [key.decode() for key in redis.client.keys("*")]
        limit_keys = [key for key in keys if "receipt-failures" in key]
        assert limit_keys
        assert not any("203.0.113.77" in key for key in keys)
        assert all(redis.client.ttl(key) > 0 for key in limit_keys)
