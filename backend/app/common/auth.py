"""Tokens for members and admins, and the decorators that guard routes."""

import hashlib
from datetime import timedelta
from functools import wraps

import jwt
from flask import current_app, g, request

from ..admins import sessions
from ..errors import Forbidden, Unauthorized
from ..extensions import db
from ..members.models import Member
from .time import utcnow

MEMBER = "member"
ADMIN = "admin"
ISSUER = "qinglian"


def _signing_key():
    # A derived key keeps the JWT key apart from other uses of SECRET_KEY and at 256 bits.
    return hashlib.sha256(b"jwt:" + current_app.config["SECRET_KEY"].encode()).digest()


def issue_token(subject_id, audience, **extra_claims):
    """A signed token for a member or an admin, and its lifetime in seconds."""
    ttl = current_app.config["MEMBER_TOKEN_TTL" if audience == MEMBER else "ADMIN_TOKEN_TTL"]
    now = utcnow()
    claims = {
        "sub": str(subject_id),
        "aud": audience,
        "iss": ISSUER,
        "iat": now,
        "exp": now + ttl,
        **extra_claims,
    }
    return jwt.encode(claims, _signing_key(), algorithm="HS256"), int(ttl / timedelta(seconds=1))


def _claims(audience):
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized("请先登录", reason="token_missing")
    try:
        return jwt.decode(
            token.strip(),
            _signing_key(),
            algorithms=["HS256"],
            audience=audience,
            issuer=ISSUER,
            options={"require": ["exp", "sub", "aud"]},
        )
    except jwt.ExpiredSignatureError:
        raise Unauthorized("登录已过期，请重新登录", reason="token_expired") from None
    except jwt.InvalidTokenError:
        raise Unauthorized("登录凭证无效，请重新登录", reason="token_invalid") from None


def _subject(claims, model):
    try:
        subject_id = int(claims["sub"])
    except (TypeError, ValueError):
        raise Unauthorized("登录凭证无效，请重新登录", reason="token_invalid") from None
    subject = db.session.get(model, subject_id)
    if subject is None:
        raise Unauthorized("登录凭证无效，请重新登录", reason="token_invalid")
    return subject


def _document(wrapper, scheme):
    """Mark the route as needing a bearer token in the OpenAPI document."""
    apidoc = dict(getattr(wrapper, "_apidoc", {}))
    manual = dict(apidoc.get("manual_doc", {}))
    manual["security"] = [{scheme: []}]
    apidoc["manual_doc"] = manual
    wrapper._apidoc = apidoc
    return wrapper


def member_required(view):
    """Only a logged-in member; sets g.member."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        g.member = _subject(_claims(MEMBER), Member)
        return view(*args, **kwargs)

    return _document(wrapper, "member")


def check_role(admin, roles):
    """403 unless the admin has one of the roles (any role when none are given)."""
    if roles and admin.role not in roles:
        raise Forbidden("当前角色无权执行此操作", reason="role_forbidden")


def member_token_required(view):
    """A valid member token, checked without loading the member; sets g.member_id.

    For the busiest routes, whose queries check ownership themselves (an attempt is found only
    with its owner's id), so a request costs no members lookup.
    """

    @wraps(view)
    def wrapper(*args, **kwargs):
        try:
            g.member_id = int(_claims(MEMBER)["sub"])
        except (TypeError, ValueError):
            raise Unauthorized("登录凭证无效，请重新登录", reason="token_invalid") from None
        return view(*args, **kwargs)

    return _document(wrapper, "member")


def admin_required(*roles):
    """Only an admin with a live session, of one of the roles when given; sets g.admin."""

    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            claims = _claims(ADMIN)
            admin = sessions.resume(claims.get("sid"))
            if str(admin.id) != claims["sub"]:
                raise Unauthorized("登录凭证无效，请重新登录", reason="token_invalid")
            g.admin_session_id = claims["sid"]
            check_role(admin, roles)
            g.admin = admin
            return view(*args, **kwargs)

        return _document(wrapper, "admin")

    return decorator
