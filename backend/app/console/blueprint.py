"""The console blueprint, its security headers, CSRF check, login guard and error pages."""

from functools import wraps
from urllib.parse import urlsplit

from flask import Blueprint, g, redirect, render_template, request, session, url_for
from flask_wtf.csrf import CSRFError, CSRFProtect

from ..admins import sessions
from ..audit.services import ACTION_LABELS
from ..common.auth import check_role
from ..common.roles import ROLE_LABELS, Role
from ..common.time import SHANGHAI
from ..common.uploads import raise_body_limit
from ..errors import Unauthorized, html_error_pages

blp = Blueprint("console", __name__, url_prefix="/console")
csrf = CSRFProtect()

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ]
)

NAVIGATION = (
    ("console.dashboard", "仪表盘", None),
    ("console.reports", "问题反映", (Role.CITY_ADMIN, Role.DISTRICT_ADMIN, Role.REVIEWER)),
    ("console.associations", "协会", None),
    ("console.sites", "阵地", None),
    ("console.questions", "题库", (Role.CITY_ADMIN, Role.DISTRICT_ADMIN, Role.REVIEWER)),
    ("console.competitions", "竞赛", None),
    ("console.admins", "账号", (Role.CITY_ADMIN, Role.DISTRICT_ADMIN)),
    ("console.audit", "审计日志", (Role.CITY_ADMIN, Role.DISTRICT_ADMIN)),
)


# Upload pages may exceed the app's 1 MiB request limit: endpoint -> size setting.
UPLOAD_PAGES = {
    "console.site_photo_add": "SITES_PHOTO_MAX_BYTES",
    "console.sites_import": "SITES_IMPORT_MAX_BYTES",
    "console.questions_import": "QUIZ_IMPORT_MAX_BYTES",
}


@blp.url_value_preprocessor
def allow_uploads(endpoint, values):
    """Raise the size limit for upload pages; this runs before the CSRF check reads the form."""
    if endpoint in UPLOAD_PAGES:
        raise_body_limit(UPLOAD_PAGES[endpoint])


@blp.before_request
def check_csrf():
    """Every state-changing console request carries the session's CSRF token."""
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        csrf.protect()


@blp.after_request
def security_headers(response):
    """A strict CSP and no caching of pages that show reports and accounts."""
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers.setdefault("Cache-Control", "no-store")
    return response


@blp.context_processor
def console_globals():
    """The admin, navigation and labels for every console template."""
    return {"admin": g.get("admin"), "navigation": NAVIGATION, "role_labels": ROLE_LABELS}


@blp.app_template_filter("action_label")
def action_label(action):
    """An audit action in Chinese."""
    return ACTION_LABELS.get(action, action)


@blp.app_template_filter("localtime")
def localtime(value):
    """A UTC datetime as Beijing time, to the minute."""
    return value.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M")


@blp.errorhandler(CSRFError)
def csrf_failed(error):
    """A form posted without a valid token (expired page, or another site)."""
    return _error_page(400, "页面已过期，请刷新后重试", "csrf_failed", {})


def current_admin():
    """The admin of this console session, or None."""
    if "admin" not in g:
        g.admin = None
        try:
            g.admin = sessions.resume(session.get("admin_sid"))
        except Unauthorized:
            session.pop("admin_sid", None)
    return g.admin


def login_required(*roles):
    """Console pages: a live admin session (else the login page), and one of the roles."""

    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            if current_admin() is None:
                return redirect(url_for("console.login", next=request.full_path.rstrip("?")))
            check_role(g.admin, roles)
            return view(*args, **kwargs)

        wrapper.console_roles = roles
        return wrapper

    return decorator


def safe_next(target):
    """Only same-site paths under /console are followed after login."""
    parts = urlsplit(target or "")
    if parts.scheme or parts.netloc or not parts.path.startswith("/console"):
        return url_for("console.dashboard")
    return target


def _error_page(code, message, reason, headers):
    response = render_template(
        "console/error.html", code=code, message=message, reason=reason, admin=g.get("admin")
    )
    return response, code, headers


def init_console(app):
    """CSRF and HTML error pages for /console."""
    csrf.init_app(app)
    html_error_pages(app, "/console", _error_page)
