"""Floor: marshmallow load of 20 answers, one INSERT, one commit."""

import json

from . import Request

NAME = "floor: write"
TITLE = "POST /floor/write (load 20 answers, INSERT, commit)"
TARGET = "floor"
ORDER = 20
FLOOR = None
AIM = None


def requests(ctx):
    """A submit-sized body from a rotating member."""
    body = json.dumps(
        {"answers": [{"question_id": n, "choices": ["A", "C"]} for n in range(1, 21)]}
    )
    return [Request("POST", f"/floor/write?member={n}", body=body) for n in range(1000)]
