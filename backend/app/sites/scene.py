"""The QR code's scene: "s=<site id>&t=<token>", at most 32 characters, signed per site."""

# The token is an HMAC of the site id and its QR version under a key derived from SECRET_KEY, so a
# scene cannot be made for another site, and raising the version retires every printed code.

import base64
import hashlib
import hmac
import re
from urllib.parse import unquote

from flask import current_app

# WeChat allows at most 32 characters from 0-9A-Za-z!#$&'()*+,/:;=?@-._~ in a scene.
MAX_SCENE_LENGTH = 32
TOKEN_BYTES = 9  # 72 bits, 12 base64url characters
_SCENE = re.compile(r"^s=(\d{1,15})&t=([A-Za-z0-9_-]{12})$")


def _key():
    # Derived, so the QR key is independent of the JWT key and every other use of SECRET_KEY.
    return hashlib.sha256(b"site-scene:" + current_app.config["SECRET_KEY"].encode()).digest()


def token(site_id, version):
    """The signature part of a site's scene."""
    digest = hmac.new(_key(), f"{site_id}:{version}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:TOKEN_BYTES]).decode()


def make(site):
    """The scene for a site's current QR code."""
    scene = f"s={site.id}&t={token(site.id, site.qr_version)}"
    if len(scene) > MAX_SCENE_LENGTH:
        raise ValueError("site id too large for a WeChat scene")
    return scene


def parse(text):
    """(site id, token) from a scene, URL-encoded or not; None when it is not a site scene."""
    text = (text or "").strip()
    if "%" in text:
        # The mini-program receives the scene URL-encoded; accept it either way.
        text = unquote(text)
    match = _SCENE.match(text)
    if not match:
        return None
    return int(match.group(1)), match.group(2)


def matches(site, presented_token):
    """True when the token is the site's current one (compared in constant time)."""
    return hmac.compare_digest(presented_token, token(site.id, site.qr_version))
