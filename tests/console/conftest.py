"""Console fixtures: a browser-like client that logs in through the login page."""

import re
import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from ..conftest import need_service
from ..factories import AdminFactory

PASSWORD = "correct-horse-42"


def csrf_token(response):
    """The CSRF token in a console page's forms."""
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', response.get_data(as_text=True))
    assert match, "the page should carry a CSRF token"
    return match.group(1)


@pytest.fixture
def console(app):
    """Log in through /console/login as a new admin; returns (client, admin id)."""

    def open_console(role="city_admin", **scope):
        with app.app_context():
            admin = AdminFactory(role=role, password=PASSWORD, **scope)
            username, admin_id = admin.username, admin.id
        client = app.test_client()
        page = client.get("/console/login")
        response = client.post(
            "/console/login",
            data={"username": username, "password": PASSWORD, "csrf_token": csrf_token(page)},
        )
        assert response.status_code == 302, response.get_data(as_text=True)
        return client, admin_id

    return open_console


BROWSER_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium; pytest-playwright cannot find it by itself."""
    executable = shutil.which("chromium")
    if executable is None:
        need_service("Chromium", "PATH (apt-get install -y chromium)")
    return {**browser_type_launch_args, "executable_path": executable, "args": BROWSER_FLAGS}


@pytest.fixture
def live_server(app):
    """The test's app served over real HTTP from a thread; yields its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture
def artifacts():
    """The folder where browser tests leave screenshots."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
