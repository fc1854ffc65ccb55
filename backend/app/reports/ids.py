"""Random identifiers: row ids, public ids, receipts, upload ids."""

import secrets

# Unambiguous on a phone screen: no 0/O, 1/I/L, or U.
PUBLIC_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
PUBLIC_PREFIX = "JB"
PUBLIC_LENGTH = 10
RECEIPT_DIGITS = 16


def random_id():
    """A random positive row id below 2**53, so JavaScript reads it exactly."""
    return secrets.randbelow(2**53 - 1) + 1


def new_public_id():
    """'JB' and ten characters of the unambiguous alphabet (about 49 bits)."""
    return PUBLIC_PREFIX + "".join(secrets.choice(PUBLIC_ALPHABET) for _ in range(PUBLIC_LENGTH))


def new_receipt():
    """Sixteen random digits (about 53 bits)."""
    return f"{secrets.randbelow(10**RECEIPT_DIGITS):0{RECEIPT_DIGITS}d}"


def new_upload_id():
    """An unguessable upload id (128 bits), the uploader's only proof of ownership."""
    return secrets.token_urlsafe(16)
