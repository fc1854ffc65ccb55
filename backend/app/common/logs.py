"""Request ids and log formatting."""

import logging
import re
import uuid

from flask import g, has_request_context, request

REQUEST_ID_HEADER = "X-Request-ID"
_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestIdFilter(logging.Filter):
    """Adds the current request id (or '-') to every record."""

    def filter(self, record):
        record.request_id = g.get("request_id", "-") if has_request_context() else "-"
        return True


def configure_logging(app):
    """Log the app's own messages with the request id, once per process."""
    logger = logging.getLogger("backend")
    logger.setLevel(app.config["LOG_LEVEL"])
    if not any(getattr(h, "_qinglian", False) for h in logger.handlers):
        handler = logging.StreamHandler()
        handler._qinglian = True
        handler.addFilter(RequestIdFilter())
        handler.setFormatter(
            logging.Formatter("%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s")
        )
        logger.addHandler(handler)


def assign_request_id():
    """Take the proxy's request id when it looks sane, else make one."""
    incoming = request.headers.get(REQUEST_ID_HEADER, "")
    g.request_id = incoming if _VALID_REQUEST_ID.match(incoming) else uuid.uuid4().hex


def echo_request_id(response):
    """Return the request id so a user's report can be matched to the logs."""
    if "request_id" in g:
        response.headers[REQUEST_ID_HEADER] = g.request_id
    return response
