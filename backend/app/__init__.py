"""The application factory."""

import swagger_ui_bundle
from flask import Blueprint, Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from . import cli
from .admins import routes as admins_routes
from .admins.cli import admin_cli
from .associations import routes as associations_routes
from .audit import routes as audit_routes
from .auth import routes as auth_routes
from .common.logs import assign_request_id, configure_logging, echo_request_id
from .config import INSTANCE_DIR, load_config
from .console import routes as console_routes
from .errors import register_error_handlers
from .extensions import api, db, limiter, migrate, redis
from .members import routes as members_routes
from .moderation import routes as moderation_routes
from .quizzes import admin_routes as quizzes_admin_routes
from .quizzes import routes as quizzes_routes
from .quizzes.cli import quizzes_cli
from .reports import routes as reports_routes
from .reports.cli import reports_cli
from .sites import routes as sites_routes
from .sites.cli import sites_cli
from .stats import routes as stats_routes
from .wechat import wechat
from .wechat.cli import wechat_fake_command
from .workdays.cli import workdays_cli

# Every feature's blueprint, registered once, in this order.
MODULES = (
    auth_routes,
    members_routes,
    associations_routes,
    admins_routes,
    audit_routes,
    reports_routes,
    moderation_routes,
    stats_routes,
    sites_routes,
    quizzes_routes,
    quizzes_admin_routes,
)

SECURITY_SCHEMES = {
    "member": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"},
    "admin": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"},
}


def create_app(config=None):
    """Build an app; config is a dict of settings that win over the environment."""
    settings = load_config(config)
    app = Flask(__name__, instance_path=str(INSTANCE_DIR))
    INSTANCE_DIR.mkdir(exist_ok=True)
    app.config.update(settings)
    app.config.setdefault("RATELIMIT_STORAGE_URI", app.config["REDIS_URL"] or "memory://")
    app.json.ensure_ascii = False
    app.json.sort_keys = False
    if app.config["PROXY_COUNT"]:
        count = app.config["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)

    configure_logging(app)
    app.before_request(assign_request_id)
    app.after_request(echo_request_id)

    db.init_app(app)
    migrate.init_app(app, db)
    redis.init_app(app)
    limiter.init_app(app)
    wechat.init_app(app)
    api.init_app(app)
    for name, scheme in SECURITY_SCHEMES.items():
        api.spec.components.security_scheme(name, scheme)
    for module in MODULES:
        api.register_blueprint(module.blp)
    app.register_blueprint(
        Blueprint(
            "docs_assets",
            __name__,
            static_folder=swagger_ui_bundle.swagger_ui_path,
            static_url_path="/api/docs-assets",
        )
    )
    app.register_blueprint(console_routes.blp)
    console_routes.init_console(app)
    register_error_handlers(app)

    app.cli.add_command(cli.seed_cli)
    app.cli.add_command(admin_cli)
    app.cli.add_command(wechat_fake_command)
    app.cli.add_command(reports_cli)
    app.cli.add_command(workdays_cli)
    app.cli.add_command(sites_cli)
    app.cli.add_command(quizzes_cli)
    return app
