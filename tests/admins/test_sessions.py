"""Admin sessions: idle expiry, logout, and the TOTP second factor."""

from datetime import timedelta

import pyotp
from sqlalchemy import select

from backend.app.admins.models import AdminSession
from backend.app.common.time import utcnow
from backend.app.extensions import db

from ..factories import AdminFactory

PASSWORD = "correct-horse-42"


def _login(client, username, password=PASSWORD, **extra):
    return client.post(
        "/api/v1/admin/auth/login", json={"username": username, "password": password, **extra}
    )


def _bearer(response):
    return {"Authorization": f"Bearer {response.json['token']}"}


def _age_sessions(app, minutes):
    with app.app_context():
        for session in db.session.scalars(select(AdminSession)):
            session.last_seen_at = utcnow() - timedelta(minutes=minutes)
        db.session.commit()


def test_session_ends_after_30_minutes_idle(client, app):
    with app.app_context():
        AdminFactory(username="idle")
    headers = _bearer(_login(client, "idle"))
    _age_sessions(app, 29)
    assert client.get("/api/v1/admin/me", headers=headers).status_code == 200
    # That request refreshed the idle timer.
    _age_sessions(app, 31)
    expired = client.get("/api/v1/admin/me", headers=headers)
    assert (expired.status_code, expired.json["reason"]) == (401, "session_expired")
    again = client.get("/api/v1/admin/me", headers=headers)
    assert again.json["reason"] == "session_ended"


def test_logout_ends_the_session(client, app):
    with app.app_context():
        AdminFactory(username="bye")
    headers = _bearer(_login(client, "bye"))
    other = _bearer(_login(client, "bye"))
    assert client.post("/api/v1/admin/auth/logout", headers=headers).status_code == 204
    assert client.get("/api/v1/admin/me", headers=headers).json["reason"] == "session_ended"
    # Another session of the same admin (another browser) goes on.
    assert client.get("/api/v1/admin/me", headers=other).status_code == 200


def test_totp_enrolment_and_login(client, app):
    with app.app_context():
        AdminFactory(username="otp")
    headers = _bearer(_login(client, "otp"))
    enrolment = client.post("/api/v1/admin/me/totp", headers=headers).json
    assert enrolment["uri"].startswith("otpauth://totp/")
    assert enrolment["qr_svg"].startswith("<svg")
    totp = pyotp.TOTP(enrolment["secret"])
    wrong = client.post("/api/v1/admin/me/totp/confirm", json={"code": "000000"}, headers=headers)
    assert (wrong.status_code, wrong.json["reason"]) == (422, "invalid_otp")
    confirmed = client.post(
        "/api/v1/admin/me/totp/confirm", json={"code": totp.now()}, headers=headers
    )
    assert confirmed.json["totp_enabled"] is True

    needs_code = _login(client, "otp")
    assert (needs_code.status_code, needs_code.json["reason"]) == (401, "otp_required")
    bad_code = _login(client, "otp", otp="123456")
    assert (bad_code.status_code, bad_code.json["reason"]) == (401, "invalid_otp")
    # The code used to confirm cannot be replayed; the next time step's code works.
    next_code = totp.at(utcnow() + timedelta(seconds=30))
    assert _login(client, "otp", otp=next_code).status_code == 200
    assert _login(client, "otp", otp=next_code).json["reason"] == "invalid_otp"


def test_totp_secret_is_encrypted_at_rest(client, app):
    with app.app_context():
        AdminFactory(username="enc")
    headers = _bearer(_login(client, "enc"))
    secret = client.post("/api/v1/admin/me/totp", headers=headers).json["secret"]
    with app.app_context():
        from backend.app.admins.models import Admin

        stored = db.session.scalar(select(Admin.totp_secret).where(Admin.username == "enc"))
    assert secret not in stored
