"""ApiError and the one JSON error contract for every failure."""

import logging

import marshmallow as ma
from flask import current_app, g, jsonify, request
from flask_limiter import RateLimitExceeded
from werkzeug.exceptions import HTTPException, InternalServerError
from werkzeug.http import HTTP_STATUS_CODES

logger = logging.getLogger(__name__)

# HTTP status -> (reason, message) used when nothing more specific is known.
DEFAULTS = {
    400: ("bad_request", "请求格式有误"),
    401: ("unauthorized", "请先登录"),
    403: ("forbidden", "没有权限执行此操作"),
    404: ("not_found", "请求的资源不存在"),
    405: ("method_not_allowed", "不支持该请求方法"),
    409: ("conflict", "操作与当前状态冲突"),
    413: ("payload_too_large", "提交的内容过大"),
    415: ("unsupported_media_type", "不支持的内容类型"),
    422: ("validation_failed", "提交的数据有误，请检查后重试"),
    429: ("rate_limited", "操作过于频繁，请稍后再试"),
    500: ("internal_error", "服务器开小差了，请稍后再试"),
    502: ("bad_gateway", "上游服务出错，请稍后再试"),
    503: ("service_unavailable", "服务暂时不可用，请稍后再试"),
}


class ErrorSchema(ma.Schema):
    """The error body, for the OpenAPI document."""

    code = ma.fields.Integer(metadata={"description": "HTTP status code"})
    status = ma.fields.String(metadata={"description": "HTTP status name"})
    message = ma.fields.String(metadata={"description": "Chinese text for people"})
    reason = ma.fields.String(metadata={"description": "snake_case code for programs"})
    errors = ma.fields.Dict(metadata={"description": "field name -> messages"})


class ApiError(Exception):
    """A failure the client should see, in the error contract."""

    code = 400
    reason = None
    message = None

    def __init__(self, message=None, *, reason=None, errors=None, code=None, headers=None):
        super().__init__(message or self.message)
        if code is not None:
            self.code = code
        default_reason, default_message = DEFAULTS.get(self.code, ("error", "请求失败"))
        self.message = message or self.message or default_message
        self.reason = reason or self.reason or default_reason
        self.errors = errors or {}
        self.headers = headers or {}


class BadRequest(ApiError):
    code = 400


class Unauthorized(ApiError):
    code = 401


class Forbidden(ApiError):
    code = 403


class NotFound(ApiError):
    code = 404


class Conflict(ApiError):
    code = 409


class ValidationFailed(ApiError):
    code = 422


class TooManyRequests(ApiError):
    code = 429


class ServiceUnavailable(ApiError):
    code = 503


def field_error(field, message, *, reason="validation_failed"):
    """A 422 about one field, with the field's message as the headline."""
    return ValidationFailed(message, reason=reason, errors={field: [message]})


def error_response(code, message, reason, errors=None, headers=None):
    """Render the contract's JSON body (or an HTML page where one was registered, the console)."""
    for prefix, renderer in current_app.extensions.get("html_error_pages", ()):
        if request.path.startswith(prefix):
            return renderer(code, message, reason, headers or {})
    body = {
        "code": code,
        "status": HTTP_STATUS_CODES.get(code, "Error"),
        "message": message,
        "reason": reason,
        "errors": errors or {},
    }
    response = jsonify(body)
    response.status_code = code
    for key, value in (headers or {}).items():
        response.headers[key] = value
    return response


def _flatten_webargs(messages):
    """webargs nests errors by location ({"json": {...}}); the contract keys them by field."""
    errors = {}
    for location_errors in messages.values():
        if isinstance(location_errors, dict):
            for field, field_errors in location_errors.items():
                errors.setdefault(field, [])
                errors[field].extend(
                    field_errors if isinstance(field_errors, list) else [field_errors]
                )
        else:
            errors.setdefault("_body", []).extend(location_errors)
    return errors


def handle_api_error(error):
    """Roll back what the failed request changed and render the ApiError."""
    current_app.extensions["sqlalchemy"].session.rollback()
    return error_response(error.code, error.message, error.reason, error.errors, error.headers)


def handle_http_exception(error):
    """Render werkzeug's and webargs' HTTP errors in the contract."""
    code = error.code or 500
    if code >= 500:
        return handle_unexpected(error)
    reason, message = DEFAULTS.get(code, ("error", "请求失败"))
    errors = {}
    data = getattr(error, "data", None) or {}
    if "messages" in data:
        errors = _flatten_webargs(data["messages"])
        if code == 400 and "_body" in errors:
            reason, message = "invalid_json", "请求内容不是有效的 JSON"
            errors = {"_body": [message]}
    headers = dict(data.get("headers") or {})
    if code == 405 and error.valid_methods:
        headers["Allow"] = ", ".join(error.valid_methods)
    if isinstance(error, RateLimitExceeded):
        # The limit's window: by then the client may certainly try again.
        headers["Retry-After"] = str(error.limit.limit.get_expiry())
    return error_response(code, message, reason, errors, headers)


def handle_unexpected(error):
    """Roll back, log the traceback with the request id, and answer a generic 500."""
    session = current_app.extensions["sqlalchemy"].session
    session.rollback()
    original = getattr(error, "original_exception", None) or error
    logger.error(
        "unhandled error in request %s",
        g.get("request_id", "-"),
        exc_info=(type(original), original, original.__traceback__),
    )
    reason, message = DEFAULTS[500]
    return error_response(500, message, reason)


def register_error_handlers(app):
    """Make every failure answer in the one contract."""
    app.register_error_handler(ApiError, handle_api_error)
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(InternalServerError, handle_unexpected)
    app.register_error_handler(Exception, handle_unexpected)


def html_error_pages(app, prefix, renderer):
    """Render failures under a path prefix with renderer(code, message, reason, headers)."""
    app.extensions.setdefault("html_error_pages", []).append((prefix, renderer))
