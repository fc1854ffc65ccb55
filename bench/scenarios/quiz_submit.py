"""Submitting a 20-answer attempt: grading, the finish guard, the best entry, the Redis update."""

import json
import random

from .. import seed
from . import Request

NAME = "submit"
TITLE = "POST /api/v1/attempts/{id}/submit (20 answers)"
TARGET = "app"
ORDER = 30
FLOOR = "floor: write"
AIM = 0.6
ONCE = True


def requests(ctx):
    """One submit for each of many attempts in progress, about 70 % right."""
    rng = random.Random(3)
    with ctx.app.app_context():
        made = seed.in_progress_attempts(ctx, ctx.pool)
    ctx.store["submitted_tokens"] = [token for token, _, _ in made]
    return [
        Request(
            "POST",
            f"/api/v1/attempts/{attempt_id}/submit",
            token,
            json.dumps({"answers": seed.answers(keys, 0.7, rng)}),
        )
        for token, attempt_id, keys in made
    ]
