"""Extension objects, bound to the app in create_app with init_app."""

import hashlib
import hmac
import sqlite3

import flask_smorest
import redis as redis_lib
from flask import current_app, request
from flask_limiter import Limiter
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import MetaData, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.types import TypeDecorator

from .config import ROOT
from .errors import ErrorSchema

# Stable constraint names, so Alembic can alter them on every database (SQLite batch mode too).
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base with the naming convention."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, connection_record):
    """SQLite enforces foreign keys only when asked; WAL lets readers and a writer overlap."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()


class Api(flask_smorest.Api):
    """flask-smorest's Api, documenting the project's error body."""

    ERROR_SCHEMA = ErrorSchema


class RedisExtension:
    """A bounded Redis connection pool when REDIS_URL is set, else None."""

    def init_app(self, app):
        """Create the client for this app."""
        url = app.config.get("REDIS_URL")
        client = None
        if url:
            pool = redis_lib.BlockingConnectionPool.from_url(
                url, max_connections=app.config.get("REDIS_MAX_CONNECTIONS", 32), timeout=5
            )
            client = redis_lib.Redis(connection_pool=pool)
        app.extensions["redis"] = client

    @property
    def client(self):
        """The current app's Redis client, or None without REDIS_URL."""
        return current_app.extensions["redis"]


def client_key():
    """The client's address as a keyed hash, so counters never hold a raw IP."""
    secret = current_app.config["SECRET_KEY"].encode()
    address = (request.remote_addr or "unknown").encode()
    return hmac.new(secret, address, hashlib.sha256).hexdigest()[:32]


def render_migration_item(type_, obj, autogen_context):
    """Write project column types (TypeDecorators) into migrations as their plain SQL type."""
    if type_ == "type" and isinstance(obj, TypeDecorator):
        return f"sa.{obj.impl!r}"
    return False


db = SQLAlchemy(model_class=Base)
migrate = Migrate(
    directory=str(ROOT / "migrations"),
    render_as_batch=True,
    compare_type=True,
    render_item=render_migration_item,
)
api = Api()
limiter = Limiter(key_func=client_key)
redis = RedisExtension()
