"""Optional TOTP second factor for admins (RFC 6238, via pyotp)."""

import base64
import hashlib
import time

import pyotp
import segno
from cryptography.fernet import Fernet, InvalidToken
from flask import current_app

from ..audit import services as audit
from ..errors import Conflict, ValidationFailed
from ..extensions import db

ISSUER = "清廉协会管理后台"


def _fernet():
    # A key derived from SECRET_KEY, kept apart from the JWT key.
    digest = hashlib.sha256(b"totp:" + current_app.config["SECRET_KEY"].encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def _secret(admin):
    try:
        return _fernet().decrypt(admin.totp_secret.encode()).decode()
    except (InvalidToken, AttributeError):
        return None


def verify(admin, code):
    """True for a fresh, valid code; a code's time step is accepted only once."""
    secret = _secret(admin)
    code = (code or "").strip()
    if not secret or not code.isdigit() or len(code) != 6:
        return False
    totp = pyotp.TOTP(secret)
    now = int(time.time()) // totp.interval
    for step in (now - 1, now, now + 1):
        if totp.generate_otp(step) == code and step > (admin.totp_last_step or -1):
            admin.totp_last_step = step
            return True
    return False


def begin_enrolment(admin):
    """A new (not yet enabled) secret; returns the otpauth URI and its QR code as SVG."""
    if admin.totp_enabled:
        raise Conflict("两步验证已启用", reason="totp_already_enabled")
    secret = pyotp.random_base32()
    admin.totp_secret = _fernet().encrypt(secret.encode()).decode()
    admin.totp_last_step = None
    db.session.commit()
    uri = pyotp.TOTP(secret).provisioning_uri(name=admin.username, issuer_name=ISSUER)
    return {"secret": secret, "uri": uri, "qr_svg": segno.make(uri).svg_inline(scale=4)}


def confirm_enrolment(admin, code):
    """Enable TOTP once the admin proves the authenticator app has the secret."""
    if admin.totp_enabled:
        raise Conflict("两步验证已启用", reason="totp_already_enabled")
    if not verify(admin, code):
        raise ValidationFailed("验证码错误", reason="invalid_otp", errors={"code": ["验证码错误"]})
    admin.totp_enabled = True
    audit.record(
        "admin.totp_enable",
        target_type="admin",
        target_id=admin.id,
        admin=admin,
        district_code=admin.district_code,
    )
    db.session.commit()


def disable(admin, code):
    """Turn TOTP off, with a current code."""
    if not admin.totp_enabled:
        raise Conflict("两步验证未启用", reason="totp_not_enabled")
    if not verify(admin, code):
        raise ValidationFailed("验证码错误", reason="invalid_otp", errors={"code": ["验证码错误"]})
    admin.totp_enabled = False
    admin.totp_secret = None
    audit.record(
        "admin.totp_disable",
        target_type="admin",
        target_id=admin.id,
        admin=admin,
        district_code=admin.district_code,
    )
    db.session.commit()
