"""Fixtures: an app per test on a fresh schema, on SQLite and (when configured) PostgreSQL."""

import pytest
from sqlalchemy import text

from backend.app import create_app
from backend.app.associations.services import ensure_districts
from backend.app.config import services_for_tests
from backend.app.extensions import db, redis
from backend.app.wechat.fake import FakeState, serve_in_thread

from .factories import AdminFactory

SERVICES = services_for_tests()
BANNED_WORD = "违禁词"


def need_service(name, variable):
    """Skip when a service is not configured; under REQUIRE_SERVICES (CI), fail instead."""
    message = f"{name} is not available: set {variable} to run this test"
    if SERVICES["require_services"]:
        pytest.fail(f"{message} (REQUIRE_SERVICES=1 turns this skip into a failure)")
    pytest.skip(message)


def pytest_generate_tests(metafunc):
    """Run every app test on SQLite and PostgreSQL; postgresql_only tests on PostgreSQL alone."""
    if "backend" in metafunc.fixturenames:
        only_pg = metafunc.definition.get_closest_marker("postgresql_only") is not None
        names = ["postgresql"] if only_pg else ["sqlite", "postgresql"]
        metafunc.parametrize("backend", names, indirect=True)


@pytest.fixture
def backend(request):
    """The database the test runs on."""
    if request.param == "postgresql" and not SERVICES["database_url"]:
        need_service("PostgreSQL", "TEST_DATABASE_URL")
    return request.param


@pytest.fixture
def redis_url():
    """The Redis test database, or skip (fail under REQUIRE_SERVICES)."""
    if not SERVICES["redis_url"]:
        need_service("Redis", "REDIS_URL")
    return SERVICES["redis_url"]


@pytest.fixture(scope="session")
def wechat_fake():
    """The fake WeChat server, over real HTTP on a free port, for the whole session."""
    fake = serve_in_thread(FakeState(banned_words=(BANNED_WORD,)))
    yield fake
    fake.stop()


def _reset_schema():
    db.session.remove()
    with db.engine.begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
    db.drop_all()


@pytest.fixture
def app_settings(backend, tmp_path, wechat_fake):
    """Settings for the test's app, against a freshly reset fake WeChat."""
    wechat_fake.state.reset()
    on_pg = backend == "postgresql"
    return {
        "APP_ENV": "testing",
        "SQLALCHEMY_DATABASE_URI": SERVICES["database_url"]
        if on_pg
        else f"sqlite:///{tmp_path / 'test.db'}",
        # PostgreSQL runs with Redis when it is configured, like production; SQLite without.
        "REDIS_URL": SERVICES["redis_url"] if on_pg else None,
        "WECHAT_API_BASE": wechat_fake.url,
        "UPLOAD_DIR": str(tmp_path / "uploads"),
    }


@pytest.fixture
def bare_app(app_settings):
    """An app on an empty database (no tables), for migration tests."""
    app = create_app(app_settings)
    with app.app_context():
        if redis.client is not None:
            redis.client.flushdb()
        _reset_schema()
    yield app
    with app.app_context():
        _reset_schema()
        db.engine.dispose()


@pytest.fixture
def app(bare_app):
    """An app on a fresh schema with the reference districts."""
    with bare_app.app_context():
        db.create_all()
        ensure_districts()
    return bare_app


@pytest.fixture
def client(app):
    """A test client for the app."""
    return app.test_client()


@pytest.fixture
def ctx(app):
    """An application context for services and factories."""
    with app.app_context():
        yield app


@pytest.fixture
def login(client):
    """Log a member in through the fake WeChat; returns (headers, body)."""
    counter = {"n": 0}

    def do_login(name="alice"):
        counter["n"] += 1
        response = client.post("/api/v1/auth/login", json={"code": f"{name}.{counter['n']}"})
        assert response.status_code == 200, response.json
        body = response.json
        return {"Authorization": f"Bearer {body['token']}"}, body

    return do_login


@pytest.fixture
def admin_login(app, client):
    """Create an admin and log in; returns (headers, admin)."""

    def do_login(role="city_admin", **kwargs):
        password = "correct-horse-42"
        with app.app_context():
            admin = AdminFactory(role=role, password=password, **kwargs)
            username = admin.username
        response = client.post(
            "/api/v1/admin/auth/login", json={"username": username, "password": password}
        )
        assert response.status_code == 200, response.json
        return {"Authorization": f"Bearer {response.json['token']}"}, response.json["admin"]

    return do_login
