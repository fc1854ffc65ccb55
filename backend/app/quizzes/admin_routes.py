"""Admin routes: the question bank (with .xlsx import/export) and competitions, by role."""

from flask import g
from flask_smorest import Blueprint

from ..common.auth import admin_required, check_role
from ..common.schemas import PageArgsSchema
from ..common.spreadsheets import XLSX_MIME, xlsx_response
from ..common.time import shanghai_today
from ..common.uploads import allow_body
from . import competitions, leaderboards, questions, spreadsheets
from .schemas import (
    AdminLeaderboardQuerySchema,
    CompetitionAdminPageSchema,
    CompetitionAdminSchema,
    CompetitionInputSchema,
    CompetitionPatchSchema,
    LeaderboardSchema,
    QuestionAdminSchema,
    QuestionCategoryAdminSchema,
    QuestionCategoryInputSchema,
    QuestionCategoryPatchSchema,
    QuestionExportQuerySchema,
    QuestionImportFileSchema,
    QuestionImportQuerySchema,
    QuestionImportReportSchema,
    QuestionInputSchema,
    QuestionPageSchema,
    QuestionPatchSchema,
    QuestionQuerySchema,
)
from .scopes import ALL_ROLES, COMPETITION_EDITORS, QUESTION_EDITORS, QUESTION_READERS

blp = Blueprint("quizzes_admin", __name__, url_prefix="/api/v1/admin", description="题库与竞赛管理")


# Categories


@blp.get("/question-categories")
@admin_required(*ALL_ROLES)
@blp.response(200, QuestionCategoryAdminSchema(many=True))
def list_categories():
    """Categories with their enabled question counts (all roles: needed for draw rules)."""
    return questions.list_categories()


@blp.post("/question-categories")
@admin_required(*QUESTION_EDITORS)
@blp.arguments(QuestionCategoryInputSchema)
@blp.response(201, QuestionCategoryAdminSchema)
def create_category(data):
    """Add a category."""
    return questions.create_category(g.admin, data)


@blp.patch("/question-categories/<int:category_id>")
@admin_required(*QUESTION_EDITORS)
@blp.arguments(QuestionCategoryPatchSchema)
@blp.response(200, QuestionCategoryAdminSchema)
def update_category(changes, category_id):
    """Rename, describe or reorder a category."""
    return questions.update_category(g.admin, category_id, changes)


@blp.delete("/question-categories/<int:category_id>")
@admin_required(*QUESTION_EDITORS)
@blp.response(204)
def delete_category(category_id):
    """Delete an empty category no competition draws from."""
    questions.delete_category(g.admin, category_id)


# Questions


@blp.get("/questions")
@admin_required(*QUESTION_READERS)
@blp.arguments(QuestionQuerySchema, location="query")
@blp.response(200, QuestionPageSchema)
def list_questions(args):
    """The question bank, filtered."""
    return questions.list_questions(g.admin, **args)


@blp.post("/questions")
@admin_required(*QUESTION_EDITORS)
@blp.arguments(QuestionInputSchema)
@blp.response(201, QuestionAdminSchema)
def create_question(data):
    """Add a question."""
    return questions.create_question(g.admin, data)


@blp.get("/questions/import-template")
@admin_required(*QUESTION_EDITORS)
@blp.response(200, content_type=XLSX_MIME, description="导入模板")
def import_template():
    """The .xlsx import template."""
    return xlsx_response(spreadsheets.template(), "题目导入模板")


@blp.post("/questions/import")
@allow_body("QUIZ_IMPORT_MAX_BYTES")
@admin_required(*QUESTION_EDITORS)
@blp.arguments(QuestionImportQuerySchema, location="query")
@blp.arguments(QuestionImportFileSchema, location="files")
@blp.response(200, QuestionImportReportSchema)
def import_questions(args, files):
    """Import an .xlsx: ?dry_run=true reports every bad row; otherwise all rows or none."""
    data = files["file"].read()
    report = spreadsheets.import_questions(data, dry_run=args["dry_run"], admin=g.admin)
    return report, 200 if args["dry_run"] else 201


@blp.get("/questions/export")
@admin_required(*QUESTION_READERS)
@blp.arguments(QuestionExportQuerySchema, location="query")
@blp.response(200, content_type=XLSX_MIME, description="题目表格")
def export_questions(args):
    """The filtered questions as .xlsx, in the import layout."""
    check_role(g.admin, QUESTION_READERS)
    data = spreadsheets.export_questions(questions.search_questions(**args))
    return xlsx_response(data, f"题库导出-{shanghai_today():%Y%m%d}")


@blp.get("/questions/<int:question_id>")
@admin_required(*QUESTION_READERS)
@blp.response(200, QuestionAdminSchema)
def get_question(question_id):
    """One question with its key."""
    return questions.get_question(g.admin, question_id)


@blp.patch("/questions/<int:question_id>")
@admin_required(*QUESTION_EDITORS)
@blp.arguments(QuestionPatchSchema)
@blp.response(200, QuestionAdminSchema)
def update_question(changes, question_id):
    """Change a question; attempts already made keep what they showed."""
    return questions.update_question(g.admin, question_id, changes)


@blp.delete("/questions/<int:question_id>")
@admin_required(*QUESTION_EDITORS)
@blp.response(204)
def delete_question(question_id):
    """Delete a question (disabling keeps it out of new draws and is usually better)."""
    questions.delete_question(g.admin, question_id)


# Competitions


@blp.get("/competitions")
@admin_required(*ALL_ROLES)
@blp.arguments(PageArgsSchema, location="query")
@blp.response(200, CompetitionAdminPageSchema)
def list_competitions(args):
    """Competitions within my scope."""
    return competitions.list_admin_competitions(g.admin, **args)


@blp.post("/competitions")
@admin_required(*COMPETITION_EDITORS)
@blp.arguments(CompetitionInputSchema)
@blp.response(201, CompetitionAdminSchema)
def create_competition(data):
    """Set up a competition for an audience within my scope."""
    return competitions.create_competition(g.admin, data)


@blp.get("/competitions/<int:competition_id>")
@admin_required(*ALL_ROLES)
@blp.response(200, CompetitionAdminSchema)
def get_competition(competition_id):
    """A competition within my scope."""
    return competitions.get_admin_competition(g.admin, competition_id)


@blp.patch("/competitions/<int:competition_id>")
@admin_required(*COMPETITION_EDITORS)
@blp.arguments(CompetitionPatchSchema)
@blp.response(200, CompetitionAdminSchema)
def update_competition(changes, competition_id):
    """Change a competition; once attempted, only its title, text and a later end."""
    return competitions.update_competition(g.admin, competition_id, changes)


@blp.delete("/competitions/<int:competition_id>")
@admin_required(*COMPETITION_EDITORS)
@blp.response(204)
def delete_competition(competition_id):
    """Delete a competition nobody has attempted."""
    competitions.delete_competition(g.admin, competition_id)


@blp.get("/competitions/<int:competition_id>/leaderboard")
@admin_required(*ALL_ROLES)
@blp.arguments(AdminLeaderboardQuerySchema, location="query")
@blp.response(200, LeaderboardSchema)
def leaderboard(args, competition_id):
    """A leaderboard of a competition within my scope."""
    competitions.get_admin_competition(g.admin, competition_id)
    return leaderboards.board(competition_id, **args)


@blp.get("/competitions/<int:competition_id>/results/export")
@admin_required(*ALL_ROLES)
@blp.response(200, content_type=XLSX_MIME, description="成绩表格")
def export_results(competition_id):
    """Every participant's best attempt, ranked, as .xlsx."""
    competition = competitions.get_admin_competition(g.admin, competition_id)
    return xlsx_response(spreadsheets.export_results(competition), f"竞赛成绩-{competition.id}")
