"""The member leaderboard's first page with the caller's own rank ("me")."""

from backend.app.extensions import db
from backend.app.quizzes import attempts, leaderboards
from backend.app.quizzes.models import Attempt

from .. import seed
from . import Request

NAME = "leaderboard + me"
TITLE = "GET /api/v1/competitions/{id}/leaderboard?by=member"
TARGET = "app"
ORDER = 40
FLOOR = "floor: Redis"
AIM = 0.7
# Participants to create when the submit scenario did not run first.
FALLBACK_PARTICIPANTS = 2000


def requests(ctx):
    """Participants asking for the board and their place in it."""
    with ctx.app.app_context():
        competition_id = seed.competition(ctx)
        tokens = ctx.store.get("submitted_tokens")
        if not tokens:
            made = seed.in_progress_attempts(ctx, FALLBACK_PARTICIPANTS)
            for _, attempt_id, keys in made:
                member_id = db.session.get(Attempt, attempt_id).member_id
                attempts.submit(member_id, attempt_id, seed.answers(keys, 0.7))
            tokens = [token for token, _, _ in made]
        # Load the board into Redis now, not during the measurement.
        leaderboards.board(competition_id, "member")
    path = f"/api/v1/competitions/{competition_id}/leaderboard?by=member"
    return [Request("GET", path, token) for token in tokens]
