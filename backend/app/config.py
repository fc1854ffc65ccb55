"""Settings: the only module that reads the environment."""

import os
from datetime import timedelta
from pathlib import Path

from dotenv import load_dotenv

ROOT = Path(__file__).resolve().parents[2]
INSTANCE_DIR = ROOT / "instance"

DEFAULT_SECRET_KEY = "dev-secret-key-change-me"
DEFAULT_RECEIPT_SALT = "dev-receipt-salt-change-me"

APP_ENVS = ("development", "testing", "production")


class ConfigError(RuntimeError):
    """A setting is missing or unsafe for the chosen environment."""


class Config:
    """Defaults shared by every environment."""

    SECRET_KEY = DEFAULT_SECRET_KEY
    RECEIPT_SALT = DEFAULT_RECEIPT_SALT
    SQLALCHEMY_DATABASE_URI = f"sqlite:///{INSTANCE_DIR / 'app.db'}"
    # hide_parameters: SQL values (an anonymous report's text) never reach an error log.
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True, "hide_parameters": True}
    REDIS_URL = None
    UPLOAD_DIR = str(INSTANCE_DIR / "uploads")

    # JSON bodies are small; upload routes raise this for themselves.
    MAX_CONTENT_LENGTH = 1024 * 1024
    # Number of trusted reverse proxies in front of the app (nginx: 1).
    PROXY_COUNT = 0

    MEMBER_TOKEN_TTL = timedelta(days=7)
    # Admin sessions end after 30 minutes without a request, and after 12 hours in any case.
    ADMIN_IDLE_TIMEOUT = timedelta(minutes=30)
    ADMIN_TOKEN_TTL = timedelta(hours=12)
    ARGON2_TIME_COST = 3
    ARGON2_MEMORY_COST = 64 * 1024
    ADMIN_LOGIN_IP_LIMITS = "30 per 15 minutes"
    MEMBER_LOGIN_LIMITS = "30 per minute"

    WECHAT_MODE = "fake"
    WECHAT_APPID = "wx-fake-appid"
    WECHAT_SECRET = "fake-secret"
    WECHAT_API_BASE = None
    WECHAT_TIMEOUT = 5
    WECHAT_MINIPROGRAM_STATE = "formal"
    # Words the bundled fake WeChat treats as risky in msgSecCheck.
    WECHAT_FAKE_BANNED_WORDS = ("违禁词", "赌博")

    API_TITLE = "清廉协会 API"
    API_VERSION = "v1"
    OPENAPI_VERSION = "3.0.3"
    OPENAPI_URL_PREFIX = "/api"
    OPENAPI_JSON_PATH = "openapi.json"
    OPENAPI_SWAGGER_UI_PATH = "docs"
    OPENAPI_SWAGGER_UI_URL = "/api/docs-assets/"
    OPENAPI_SWAGGER_UI_CONFIG = {"validatorUrl": None}

    # Flask-Limiter's headers would put a Retry-After on every response; the 429 handler sets it.
    RATELIMIT_HEADERS_ENABLED = False
    RATELIMIT_KEY_PREFIX = "qinglian"

    LOG_LEVEL = "INFO"

    # --- quizzes (issue 3) ---
    # Answers saved or submitted this long after an attempt's deadline still count (latency).
    QUIZ_SUBMIT_GRACE_SECONDS = 10
    # How long each worker reuses a leaderboard page it built; each reader's own place is live.
    QUIZ_LEADERBOARD_CACHE_SECONDS = 3
    QUIZ_IMPORT_MAX_BYTES = 5 * 1024 * 1024
    # The subscribe-message template announcing that a competition has opened (WeChat console),
    # its field keys, and the mini-program page it opens (with ?id=<competition id>).
    COMPETITION_OPEN_TEMPLATE_ID = "fake-competition-open-template"
    COMPETITION_OPEN_TEMPLATE_FIELDS = {
        "title": "thing1",
        "starts_at": "time2",
        "note": "thing3",
    }
    COMPETITION_OPEN_PAGE = "packages/quiz/detail/index"
    # --- end quizzes ---

    # --- sites (culture-site map and QR check-in) ---
    # Larger photos are refused; accepted ones are stored scaled down to 1600 px.
    SITES_PHOTO_MAX_BYTES = 10 * 1024 * 1024
    SITES_IMPORT_MAX_BYTES = 5 * 1024 * 1024
    SITES_IMPORT_MAX_ROWS = 2000
    # The mini-program page a site's QR code opens; it reads the check-in scene from options.scene.
    SITES_QRCODE_PAGE = "packages/sites/checkin/index"
    # --- end sites ---

    # The console's session cookie: HTTPS only, invisible to scripts, never sent cross-site.
    SESSION_COOKIE_NAME = "qinglian_console"
    SESSION_COOKIE_SECURE = True
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Strict"
    PERMANENT_SESSION_LIFETIME = timedelta(hours=12)
    # CSRF tokens live as long as the console session; they are checked by the console only.
    WTF_CSRF_TIME_LIMIT = None
    WTF_CSRF_CHECK_DEFAULT = False

    # --- reports (issue 5): problem reports, uploads, receipts ---
    # Working days to accept or refuse a report, and to resolve it (DOMAIN.md).
    REPORT_ACCEPT_WORKDAYS = 15
    REPORT_RESOLVE_WORKDAYS = 60
    # Days a finished report keeps its text and images before `flask reports purge` drops them.
    REPORT_RETENTION_DAYS = 365
    REPORT_UPLOAD_MAX_BYTES = 10 * 1024 * 1024
    REPORT_MAX_IMAGES = 9
    # An upload not attached to a report within this time is deleted.
    REPORT_UPLOAD_TTL = timedelta(hours=1)
    # How long a retried submission (same Idempotency-Key) can still get its receipt back.
    REPORT_REPLAY_TTL = timedelta(hours=1)
    # Per-client limits, counted in Redis or memory under a hashed key, never in the database.
    REPORT_SUBMIT_LIMITS = "5 per day"
    REPORT_SUBMIT_ATTEMPT_LIMITS = "30 per hour"
    REPORT_UPLOAD_LIMITS = "20 per hour"
    REPORT_MESSAGE_LIMITS = "20 per day"
    REPORT_TRACK_LIMITS = "60 per hour"
    RECEIPT_FAILURE_LIMITS = "5 per 10 minutes"
    # Argon2id cost of one receipt hash; every submission and every lookup pays it once.
    RECEIPT_ARGON2_TIME_COST = 3
    RECEIPT_ARGON2_MEMORY_COST = 64 * 1024
    RECEIPT_ARGON2_PARALLELISM = 1
    # The subscribe-message template for status changes (WeChat console) and its field keys.
    REPORT_STATUS_TEMPLATE_ID = "fake-report-status-template"
    REPORT_STATUS_TEMPLATE_FIELDS = {
        "public_id": "character_string1",
        "status": "phrase2",
        "date": "date3",
        "note": "thing4",
    }
    REPORT_STATUS_PAGE = "packages/reports/detail/index"
    # --- end reports ---


class DevelopmentConfig(Config):
    """Local development: SQLite and the fake WeChat."""


class TestingConfig(Config):
    """The test suite: cheap password hashing, an explicit database per test."""

    TESTING = True
    SQLALCHEMY_DATABASE_URI = "sqlite://"
    ARGON2_TIME_COST = 1
    ARGON2_MEMORY_COST = 8 * 1024
    # --- reports (issue 5) ---
    RECEIPT_ARGON2_TIME_COST = 1
    RECEIPT_ARGON2_MEMORY_COST = 64
    # --- end reports ---
    # --- quizzes (issue 3): every read sees the latest leaderboard; one test turns caching on ---
    QUIZ_LEADERBOARD_CACHE_SECONDS = 0
    # --- end quizzes ---


class ProductionConfig(Config):
    """A real deployment: real WeChat, secrets that must be set."""

    WECHAT_MODE = "real"
    WECHAT_APPID = None
    WECHAT_SECRET = None
    PROXY_COUNT = 1
    # --- reports (issue 5): set REPORT_STATUS_TEMPLATE_ID to enable status messages ---
    REPORT_STATUS_TEMPLATE_ID = None
    # Set COMPETITION_OPEN_TEMPLATE_ID to enable competition opening reminders.
    COMPETITION_OPEN_TEMPLATE_ID = None


CONFIGS = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}

# Environment variable -> (config key, converter).
ENVIRONMENT = {
    "SECRET_KEY": ("SECRET_KEY", str),
    "RECEIPT_SALT": ("RECEIPT_SALT", str),
    "DATABASE_URL": ("SQLALCHEMY_DATABASE_URI", str),
    "REDIS_URL": ("REDIS_URL", str),
    "UPLOAD_DIR": ("UPLOAD_DIR", str),
    "PROXY_COUNT": ("PROXY_COUNT", int),
    "WECHAT_MODE": ("WECHAT_MODE", str),
    "WECHAT_APPID": ("WECHAT_APPID", str),
    "WECHAT_SECRET": ("WECHAT_SECRET", str),
    "WECHAT_API_BASE": ("WECHAT_API_BASE", str),
    "LOG_LEVEL": ("LOG_LEVEL", str),
    # --- reports (issue 5) ---
    "REPORT_ACCEPT_WORKDAYS": ("REPORT_ACCEPT_WORKDAYS", int),
    "REPORT_RESOLVE_WORKDAYS": ("REPORT_RESOLVE_WORKDAYS", int),
    "REPORT_RETENTION_DAYS": ("REPORT_RETENTION_DAYS", int),
    "REPORT_STATUS_TEMPLATE_ID": ("REPORT_STATUS_TEMPLATE_ID", str),
    # --- end reports ---
    "COMPETITION_OPEN_TEMPLATE_ID": ("COMPETITION_OPEN_TEMPLATE_ID", str),
}


def load_config(overrides=None):
    """Build the settings dict: class defaults, then the environment, then overrides."""
    overrides = dict(overrides or {})
    if overrides.get("APP_ENV") != "testing":
        load_dotenv(ROOT / ".env")
    app_env = overrides.get("APP_ENV") or os.environ.get("APP_ENV") or "development"
    if app_env not in CONFIGS:
        raise ConfigError(f"APP_ENV must be one of {', '.join(APP_ENVS)}, not {app_env!r}")
    base = CONFIGS[app_env]
    settings = {key: getattr(base, key) for key in dir(base) if key.isupper()}
    settings["APP_ENV"] = app_env
    if app_env != "testing":
        for var, (key, convert) in ENVIRONMENT.items():
            value = os.environ.get(var)
            if value not in (None, ""):
                settings[key] = convert(value)
    settings.update(overrides)
    _check(settings)
    return settings


def _check(settings):
    """Refuse settings that are unsafe for the environment."""
    if settings["WECHAT_MODE"] not in ("real", "fake"):
        raise ConfigError("WECHAT_MODE must be 'real' or 'fake'")
    if settings["APP_ENV"] != "production":
        return
    problems = []
    if settings["SECRET_KEY"] in (None, "", DEFAULT_SECRET_KEY):
        problems.append("SECRET_KEY is not set")
    if settings["RECEIPT_SALT"] in (None, "", DEFAULT_RECEIPT_SALT):
        problems.append("RECEIPT_SALT is not set")
    if settings["WECHAT_MODE"] == "fake":
        problems.append("WECHAT_MODE=fake is not allowed in production")
    if not settings.get("WECHAT_APPID") or not settings.get("WECHAT_SECRET"):
        problems.append("WECHAT_APPID and WECHAT_SECRET are required")
    if problems:
        raise ConfigError("refusing to start in production: " + "; ".join(problems))


def services_for_tests():
    """URLs of the external services the test suite may use, and whether they are required."""
    return {
        "database_url": os.environ.get("TEST_DATABASE_URL") or None,
        "redis_url": os.environ.get("REDIS_URL") or None,
        "require_services": os.environ.get("REQUIRE_SERVICES", "") not in ("", "0"),
    }


def server_settings():
    """gunicorn's bind address and worker count."""
    return {
        "bind": f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '5000')}",
        "workers": int(os.environ.get("WEB_CONCURRENCY", "4")),
    }
