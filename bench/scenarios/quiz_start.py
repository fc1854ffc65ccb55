"""Starting a competition attempt: the server draws and shuffles 20 questions and stores them."""

from .. import seed
from . import Request

NAME = "start attempt"
TITLE = "POST /api/v1/competitions/{id}/attempts"
TARGET = "app"
ORDER = 10
FLOOR = "floor: write"
AIM = None
ONCE = True


def requests(ctx):
    """One start for each of many new members."""
    with ctx.app.app_context():
        competition_id = seed.competition(ctx)
        people = seed.members(ctx.pool)
    ctx.store["started_members"] = dict(people)
    path = f"/api/v1/competitions/{competition_id}/attempts"
    return [Request("POST", path, token) for _, token in people]
