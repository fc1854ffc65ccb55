"""Receipts: shown once, stored only as an Argon2id hash keyed by the server's RECEIPT_SALT."""

import hashlib
import hmac
import re

from argon2.low_level import Type, hash_secret_raw
from flask import current_app

_SEPARATORS = re.compile(r"[\s\-]")


def receipt_hash(receipt):
    """The lookup key of a receipt: Argon2id(receipt, RECEIPT_SALT), hex."""
    # A fixed salt makes the hash deterministic, so it can be looked up; the salt lives only in
    # the server's settings, so a copy of the database alone cannot be searched for receipts.
    config = current_app.config
    salt = hashlib.sha256(b"receipt-salt:" + config["RECEIPT_SALT"].encode()).digest()
    raw = hash_secret_raw(
        secret=receipt.encode(),
        salt=salt,
        time_cost=config["RECEIPT_ARGON2_TIME_COST"],
        memory_cost=config["RECEIPT_ARGON2_MEMORY_COST"],
        parallelism=config["RECEIPT_ARGON2_PARALLELISM"],
        hash_len=32,
        type=Type.ID,
    )
    return raw.hex()


def normalize(text):
    """The receipt as typed, without the spaces or dashes people put in long numbers."""
    return _SEPARATORS.sub("", text or "")


def matches(stored_hash, candidate_hash):
    """Constant-time comparison of two receipt hashes."""
    return hmac.compare_digest(stored_hash.encode(), candidate_hash.encode())
