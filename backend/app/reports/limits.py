"""Per-client limits on reporting (in Redis or memory, under a hashed key) and the form's."""

import logging
import math
import time
from datetime import timedelta

from flask import current_app
from limits import parse_many
from marshmallow import validate

from ..errors import DEFAULTS, error_response
from ..extensions import client_key, limiter
from .schemas import ReportCreateSchema

SUBMIT = "report-submit"
SUBMIT_ATTEMPTS = "report-submit-attempts"
UPLOAD = "report-upload"
MESSAGE = "report-message"
TRACK = "report-track"
RECEIPT_FAILURES = "receipt-failures"

# scope -> (reason, message) of the 429 answer; {minutes} is the wait, rounded up.
BREACHES = {
    SUBMIT: ("report_limit_reached", "今天提交的问题反映已达上限，请明天再试"),
    SUBMIT_ATTEMPTS: ("submit_attempts_limited", "提交过于频繁，请稍后再试"),
    UPLOAD: ("upload_limit_reached", "上传图片过于频繁，请 {minutes} 分钟后再试"),
    MESSAGE: ("message_limit_reached", "今天的留言次数已达上限，请明天再试"),
    TRACK: ("track_limited", "查询过于频繁，请 {minutes} 分钟后再试"),
    RECEIPT_FAILURES: ("receipt_lookup_limited", "回执码错误次数过多，请 {minutes} 分钟后再试"),
}


def _setting(name):
    return lambda: current_app.config[name]


def _created(response):
    return response.status_code == 201


def _receipt_not_found(response):
    return response.status_code == 404


submit_limits = (
    limiter.shared_limit(_setting("REPORT_SUBMIT_LIMITS"), SUBMIT, deduct_when=_created),
    limiter.shared_limit(_setting("REPORT_SUBMIT_ATTEMPT_LIMITS"), SUBMIT_ATTEMPTS),
)
upload_limit = limiter.shared_limit(_setting("REPORT_UPLOAD_LIMITS"), UPLOAD)
message_limit = limiter.shared_limit(
    _setting("REPORT_MESSAGE_LIMITS"), MESSAGE, deduct_when=_created
)
track_limit = limiter.shared_limit(_setting("REPORT_TRACK_LIMITS"), TRACK)
# Failed receipt lookups only, shared by every route that takes a receipt.
receipt_failure_limit = limiter.shared_limit(
    _setting("RECEIPT_FAILURE_LIMITS"), RECEIPT_FAILURES, deduct_when=_receipt_not_found
)


def _max_length(name):
    """The longest text the submission schema accepts for a field."""
    field = ReportCreateSchema._declared_fields[name]
    return next(rule.max for rule in field.validators if isinstance(rule, validate.Length))


def _per_day(setting):
    """The count of the setting's per-day limit ("5 per day"), or None if it has none."""
    day = timedelta(days=1).total_seconds()
    return next((item.amount for item in parse_many(setting) if item.get_expiry() == day), None)


def form_limits():
    """The numbers the form must respect, read from the settings and the submission schema."""
    config = current_app.config
    return {
        "max_images": config["REPORT_MAX_IMAGES"],
        "max_image_bytes": config["REPORT_UPLOAD_MAX_BYTES"],
        "title_max": _max_length("title"),
        "body_max": _max_length("body"),
        "daily_reports": _per_day(config["REPORT_SUBMIT_LIMITS"]),
        "accept_workdays": config["REPORT_ACCEPT_WORKDAYS"],
        "resolve_workdays": config["REPORT_RESOLVE_WORKDAYS"],
    }


def rate_limited(error):
    """Answer a breached reporting limit with its own reason, message and Retry-After."""
    reason, message = BREACHES.get(error.limit.scope, DEFAULTS[429])
    reset_at, _ = limiter.limiter.get_window_stats(
        error.limit.limit, client_key(), error.limit.scope
    )
    retry_after = max(1, math.ceil(reset_at - time.time()))
    message = message.format(minutes=math.ceil(retry_after / 60))
    return error_response(429, message, reason, headers={"Retry-After": str(retry_after)})


class HideLimitKeys(logging.Filter):
    """Drop the client key from Flask-Limiter's breach lines: with the secret it names an IP."""

    def filter(self, record):
        if str(record.msg).startswith("ratelimit ") and len(record.args or ()) == 3:
            record.args = (record.args[0], "-", record.args[2])
        return True


def quiet_logs(state):
    """Keep reporters' traces out of third-party logs, once per process (record_once)."""
    limiter_logger = logging.getLogger("flask-limiter")
    if not any(isinstance(f, HideLimitKeys) for f in limiter_logger.filters):
        limiter_logger.addFilter(HideLimitKeys())
    # Pillow's DEBUG lines spell out the EXIF tags it reads: camera, time and GPS position.
    pillow_logger = logging.getLogger("PIL")
    if pillow_logger.level < logging.INFO:
        pillow_logger.setLevel(logging.INFO)
