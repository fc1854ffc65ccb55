"""Floor: a Flask JSON answer, nothing else."""

from . import Request

NAME = "floor: bare JSON"
TITLE = "GET /floor/json"
TARGET = "floor"
ORDER = 10
FLOOR = None
AIM = None


def requests(ctx):
    """The same request over and over."""
    return [Request("GET", "/floor/json")]
