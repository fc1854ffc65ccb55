"""Letting an upload route accept a body larger than the app-wide 1 MiB of JSON."""

from functools import wraps

from flask import current_app, request

# Room for the multipart envelope around the largest allowed file.
MULTIPART_OVERHEAD = 64 * 1024


def raise_body_limit(setting):
    """Allow this request's body to be as large as the setting (bytes) plus the envelope."""
    request.max_content_length = current_app.config[setting] + MULTIPART_OVERHEAD


def allow_body(setting):
    """Decorator form of raise_body_limit, for API routes (runs before the body is read)."""

    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            raise_body_limit(setting)
            return view(*args, **kwargs)

        return wrapper

    return decorator
