"""The development server of `make run`: werkzeug, with no client address in its request log."""

# `flask run` logs every request with the caller's IP; an anonymous reporter's address must not
# reach any log (docs/threat-model.md), so `make run` serves through this module instead.

import argparse
import logging

from werkzeug.serving import WSGIRequestHandler, run_simple

from . import create_app

logger = logging.getLogger("werkzeug")


class AnonymousRequestHandler(WSGIRequestHandler):
    """werkzeug's request handler, logging the request line without the client's address."""

    def log(self, type, message, *args):
        """Log like werkzeug does, minus the address at the start of the line."""
        getattr(logger, type)(f"[{self.log_date_time_string()}] {message}".rstrip(), *args)


def main(argv=None):
    """Serve the app on HOST:PORT with threads, like `flask run`."""
    parser = argparse.ArgumentParser(description="Development server without client addresses.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5000)
    args = parser.parse_args(argv)
    run_simple(
        args.host,
        args.port,
        create_app(),
        threaded=True,
        request_handler=AnonymousRequestHandler,
    )


if __name__ == "__main__":
    main()
