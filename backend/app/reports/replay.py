"""Idempotent submission: a retry with the same Idempotency-Key gets the first answer back."""

# The answer holds the receipt, which the server must not keep. So it is kept only briefly, in
# Redis or memory (never the database), encrypted with a key derived from the Idempotency-Key:
# only the device that made the key can read it back, and a copy of Redis reveals no receipt.

import hashlib
import json
import os
import re
import threading
import time

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from flask import current_app

from ..errors import Conflict, ValidationFailed
from ..extensions import redis

HEADER = "Idempotency-Key"
VALID_KEY = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
PENDING = b"pending"
# A claim outlives any single request; after it lapses a retry is treated as new.
PENDING_SECONDS = 60
PREFIX = "qinglian:report-replay:"


def check_key(key):
    """Refuse an Idempotency-Key too short to be a secret, or with odd characters."""
    if key is not None and not VALID_KEY.match(key):
        message = "Idempotency-Key 须为 16 到 64 位字母、数字、- 或 _"
        raise ValidationFailed(
            message, reason="idempotency_key_invalid", errors={HEADER: [message]}
        )


def _derive(key):
    lookup = hashlib.sha256(b"report-replay-id:" + key.encode()).hexdigest()
    secret = hashlib.sha256(b"report-replay-key:" + key.encode()).digest()
    return PREFIX + lookup, secret


class _MemoryStore:
    """Expiring values in this process, for a server without Redis."""

    def __init__(self):
        self.values = {}
        self.lock = threading.Lock()

    def _prune(self):
        now = time.monotonic()
        for name in [name for name, (expiry, _) in self.values.items() if expiry <= now]:
            del self.values[name]

    def claim(self, name, seconds):
        with self.lock:
            self._prune()
            entry = self.values.get(name)
            if entry:
                return entry[1]
            self.values[name] = (time.monotonic() + seconds, PENDING)
            return None

    def put(self, name, value, seconds):
        with self.lock:
            self.values[name] = (time.monotonic() + seconds, value)

    def delete(self, name):
        with self.lock:
            self.values.pop(name, None)


class _RedisStore:
    """Expiring values in Redis."""

    def __init__(self, client):
        self.client = client

    def claim(self, name, seconds):
        if self.client.set(name, PENDING, nx=True, ex=seconds):
            return None
        return self.client.get(name) or PENDING

    def put(self, name, value, seconds):
        self.client.set(name, value, ex=seconds)

    def delete(self, name):
        self.client.delete(name)


def _store():
    if redis.client is not None:
        return _RedisStore(redis.client)
    return current_app.extensions.setdefault("report_replays", _MemoryStore())


def claim(key, fingerprint):
    """The earlier answer for this key, or None after claiming the key for a new submission."""
    name, secret = _derive(key)
    stored = _store().claim(name, PENDING_SECONDS)
    if stored is None:
        return None
    if stored == PENDING:
        raise Conflict("上一次提交仍在处理中，请稍后再试", reason="submission_in_progress")
    sealed = json.loads(AESGCM(secret).decrypt(stored[:12], stored[12:], name.encode()))
    if sealed["fingerprint"] != fingerprint:
        raise Conflict("该重复提交标识已用于另一次提交", reason="idempotency_key_reused")
    return sealed["answer"]


def remember(key, fingerprint, answer):
    """Keep the answer, encrypted, for REPORT_REPLAY_TTL."""
    name, secret = _derive(key)
    nonce = os.urandom(12)
    plain = json.dumps({"fingerprint": fingerprint, "answer": answer}).encode()
    seconds = int(current_app.config["REPORT_REPLAY_TTL"].total_seconds())
    _store().put(name, nonce + AESGCM(secret).encrypt(nonce, plain, name.encode()), seconds)


def release(key):
    """Forget a claim whose submission failed, so a corrected retry can go through."""
    _store().delete(_derive(key)[0])


def fingerprint(data, member_id):
    """A digest of what was submitted, to tell a retry from a different submission."""
    canonical = json.dumps([data, member_id], sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()
