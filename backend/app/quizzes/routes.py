"""Member routes: categories, competitions, attempts, practice, the mistake book, leaderboards."""

from flask import g
from flask_smorest import Blueprint

from ..common.auth import member_required, member_token_required
from ..common.schemas import PageArgsSchema
from . import attempts, competitions, leaderboards, mistakes, questions, reminders
from .schemas import (
    AttemptSchema,
    ChoicesSchema,
    CompetitionDetailSchema,
    CompetitionPageSchema,
    CompetitionQuerySchema,
    LeaderboardQuerySchema,
    LeaderboardSchema,
    LeaveResultSchema,
    LeaveSchema,
    MistakePageSchema,
    MyAttemptPageSchema,
    PracticeSchema,
    QuestionCategorySchema,
    ReminderArgsSchema,
    ReminderSchema,
    ResultSchema,
    SavedAnswerSchema,
    SubmitSchema,
)

blp = Blueprint("quizzes", __name__, url_prefix="/api/v1", description="清廉知识学习与竞赛")
# Argument schemas are given as instances: webargs would build a new one per request from a
# class, a cost the busiest routes (save, submit, leaderboard) feel.


@blp.get("/question-categories")
@blp.response(200, QuestionCategorySchema(many=True))
def list_categories():
    """Question categories, for practice."""
    return questions.list_categories()


@blp.get("/competitions")
@member_required
@blp.arguments(CompetitionQuerySchema(), location="query")
@blp.response(200, CompetitionPageSchema)
def list_competitions(args):
    """Competitions I may take, open and upcoming first, with my progress."""
    return competitions.list_for_member(g.member, **args)


@blp.get("/competitions/<int:competition_id>")
@member_required
@blp.response(200, CompetitionDetailSchema)
def get_competition(competition_id):
    """A competition with my progress in it."""
    return competitions.get_for_member(g.member, competition_id)


@blp.post("/competitions/<int:competition_id>/reminder")
@member_required
@blp.arguments(ReminderArgsSchema())
@blp.response(201, ReminderSchema)
@blp.alt_response(200, schema=ReminderSchema, description="已经订阅过开赛提醒")
def request_reminder(args, competition_id):
    """Ask for one subscribe message when this upcoming competition opens."""
    answer, created = reminders.request_reminder(g.member, competition_id, args["template_id"])
    return answer, 201 if created else 200


@blp.delete("/competitions/<int:competition_id>/reminder")
@member_required
@blp.response(204)
def cancel_reminder(competition_id):
    """Cancel my opening reminder (nothing to cancel is fine)."""
    reminders.cancel_reminder(g.member, competition_id)


@blp.post("/competitions/<int:competition_id>/attempts")
@member_required
@blp.response(201, AttemptSchema)
@blp.alt_response(200, schema=AttemptSchema, description="已有进行中的答题，返回该次答题")
def start_attempt(competition_id):
    """Start an attempt (questions drawn on the server, no keys); or get the one in progress."""
    view, created = attempts.start(g.member, competition_id)
    return view, 201 if created else 200


@blp.get("/attempts/<int:attempt_id>")
@member_token_required
@blp.response(200, AttemptSchema)
def get_attempt(attempt_id):
    """My attempt: questions and saved answers; the result once finished."""
    return attempts.get_attempt(g.member_id, attempt_id)


@blp.put("/attempts/<int:attempt_id>/answers/<int:question_id>")
@member_token_required
@blp.arguments(ChoicesSchema())
@blp.response(200, SavedAnswerSchema)
def save_answer(args, attempt_id, question_id):
    """Save one answer now, so a lost connection loses nothing."""
    return attempts.save_answer(g.member_id, attempt_id, question_id, args["choices"])


@blp.post("/attempts/<int:attempt_id>/submit")
@member_token_required
@blp.arguments(SubmitSchema())
@blp.response(200, ResultSchema)
def submit_attempt(args, attempt_id):
    """Submit and get the score and review; a retry returns the same result."""
    return attempts.submit(g.member_id, attempt_id, args["answers"])


@blp.post("/attempts/<int:attempt_id>/leaves")
@member_token_required
@blp.arguments(LeaveSchema())
@blp.response(200, LeaveResultSchema)
def record_leave(args, attempt_id):
    """Count a time I left the app (once per seq); past the limit the paper is submitted."""
    return attempts.record_leave(g.member_id, attempt_id, args["seq"], args["duration_ms"])


@blp.get("/competitions/<int:competition_id>/leaderboard")
@member_token_required
@blp.arguments(LeaderboardQuerySchema(), location="query")
@blp.response(200, LeaderboardSchema)
def leaderboard(args, competition_id):
    """Ranks by member, association or district, with my own place."""
    return leaderboards.board(competition_id, member_id=g.member_id, **args)


@blp.post("/practice")
@member_required
@blp.arguments(PracticeSchema())
@blp.response(201, AttemptSchema)
def start_practice(args):
    """An unranked practice round from a category or from my mistakes."""
    return attempts.start_practice(
        g.member,
        category_id=args.get("category"),
        count=args["count"],
        from_mistakes=args["from_mistakes"],
    )


@blp.get("/me/mistakes")
@member_token_required
@blp.arguments(PageArgsSchema(), location="query")
@blp.response(200, MistakePageSchema)
def list_mistakes(args):
    """My mistake book, with keys and analyses."""
    return mistakes.list_mistakes(g.member_id, **args)


@blp.get("/me/attempts")
@member_token_required
@blp.arguments(PageArgsSchema(), location="query")
@blp.response(200, MyAttemptPageSchema)
def list_my_attempts(args):
    """My finished competition attempts, newest first."""
    return attempts.my_attempts(g.member_id, **args)
