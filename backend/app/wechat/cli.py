"""flask wechat-fake: serve the fake WeChat in the foreground."""

import click
from flask import current_app
from flask.cli import with_appcontext
from werkzeug.serving import make_server

from .fake import FakeState, create_fake_app


@click.command("wechat-fake")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5001, show_default=True, type=int)
@with_appcontext
def wechat_fake_command(host, port):
    """Serve the fake WeChat API (point WECHAT_API_BASE at it)."""
    state = FakeState(banned_words=tuple(current_app.config["WECHAT_FAKE_BANNED_WORDS"]))
    server = make_server(host, port, create_fake_app(state), threaded=True)
    click.echo(f"fake WeChat on http://{host}:{server.server_port}")
    server.serve_forever()
