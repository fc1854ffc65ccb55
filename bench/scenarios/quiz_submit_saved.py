"""Submitting after saving every answer on the way (the usual client): nothing left to write."""

import json
import random

from .. import seed
from . import Request

NAME = "submit after saves"
TITLE = "POST /api/v1/attempts/{id}/submit (20 answers, all saved before)"
TARGET = "app"
ORDER = 35
FLOOR = "floor: write"
AIM = None
ONCE = True


def requests(ctx):
    """One submit for each of many attempts whose answers were saved one by one."""
    rng = random.Random(5)
    bodies = {}

    def saved(attempt_id, keys):
        bodies[attempt_id] = seed.answers(keys, 0.7, rng)
        return bodies[attempt_id]

    with ctx.app.app_context():
        made = seed.in_progress_attempts(ctx, ctx.pool, saved=saved)
    return [
        Request(
            "POST",
            f"/api/v1/attempts/{attempt_id}/submit",
            token,
            json.dumps({"answers": bodies[attempt_id]}),
        )
        for token, attempt_id, _ in made
    ]
