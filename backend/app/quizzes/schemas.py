"""Quiz schemas: small member payloads (no keys before finishing), fuller admin ones."""

from flask_smorest.fields import Upload
from marshmallow import ValidationError, fields, validate, validates_schema

from ..common.schemas import PageArgsSchema, Schema, Text, page_schema
from .leaderboards import BOARDS
from .models import TYPE_LABELS, Audience, QuestionType
from .questions import LETTERS

TYPES = [kind.value for kind in QuestionType]
LETTER = validate.OneOf(list(LETTERS) + list(LETTERS.lower()), error="选项须为 A–H 的字母")


class NotEmpty:
    """PATCH bodies must change something."""

    @validates_schema
    def not_empty(self, data, **kwargs):
        """At least one field must be given."""
        if not data:
            raise ValidationError("请至少提供一个要修改的字段", "_schema")


# Members

MAX_LEAVES = (
    "leaving the mini-program more often than this during a paper submits it as it stands; "
    "null: no limit"
)


class QuestionCategorySchema(Schema):
    """A question category with its number of enabled questions."""

    id = fields.Integer()
    name = fields.String()
    description = fields.String()
    demo = fields.Boolean(attribute="is_demo")
    question_count = fields.Integer()


class CompetitionSummarySchema(Schema):
    """A competition in a member's list, with the member's progress."""

    id = fields.Integer()
    title = fields.String()
    status = fields.String(metadata={"description": "upcoming | open | closed"})
    starts_at = fields.DateTime()
    ends_at = fields.DateTime()
    time_limit_seconds = fields.Integer()
    question_count = fields.Integer()
    max_score = fields.Integer()
    attempts_allowed = fields.Integer()
    attempts_used = fields.Integer()
    attempt_in_progress = fields.Integer(allow_none=True)
    best_score = fields.Integer(allow_none=True)
    eligible = fields.Boolean()


class CompetitionDetailSchema(CompetitionSummarySchema):
    """A competition with its description, scoring, limit on leaving the app and reminder."""

    description = fields.String()
    points_per_question = fields.Integer()
    audience = fields.String()
    max_leaves = fields.Integer(allow_none=True, metadata={"description": MAX_LEAVES})
    reminder_template_id = fields.String(
        allow_none=True,
        metadata={"description": "the subscribe template of the opening reminder; null: off"},
    )
    reminder_requested = fields.Boolean(metadata={"description": "I asked to be reminded"})


class CompetitionQuerySchema(PageArgsSchema):
    """?status= filter."""

    status = fields.String(validate=validate.OneOf(["open", "upcoming", "closed"]))


CompetitionPageSchema = page_schema(CompetitionSummarySchema, "CompetitionPage")


class QuestionViewSchema(Schema):
    """A question while it is answered: no key, no analysis."""

    id = fields.Integer(allow_none=True)
    type = fields.String()
    stem = fields.String()
    options = fields.List(fields.String())
    choices = fields.List(fields.String(), allow_none=True)


class ReviewSchema(Schema):
    """One question after finishing: my choices, the key, the analysis."""

    question_id = fields.Integer(allow_none=True)
    choices = fields.List(fields.String(), allow_none=True)
    answer = fields.List(fields.String())
    correct = fields.Boolean()
    analysis = fields.String()
    reference = fields.String(allow_none=True)


class ScoreSchema(Schema):
    """A finished attempt's score, time used and how it ended."""

    attempt_id = fields.Integer()
    score = fields.Integer()
    max_score = fields.Integer()
    correct_count = fields.Integer()
    question_count = fields.Integer()
    time_used_ms = fields.Integer()
    finished_at = fields.DateTime()
    finish_reason = fields.String(metadata={"description": "submitted | expired | left_app"})


class ResultSchema(ScoreSchema):
    """A finished attempt's score and review."""

    review = fields.List(fields.Nested(ReviewSchema))


class AttemptSchema(Schema):
    """An attempt; `now` is the server's clock, for the countdown to `deadline`."""

    id = fields.Integer()
    kind = fields.String()
    competition_id = fields.Integer(allow_none=True)
    number = fields.Integer(allow_none=True)
    status = fields.String()
    started_at = fields.DateTime()
    deadline = fields.DateTime(allow_none=True)
    now = fields.DateTime()
    points_per_question = fields.Integer()
    max_leaves = fields.Integer(allow_none=True, metadata={"description": MAX_LEAVES})
    leave_count = fields.Integer(metadata={"description": "times I left the app so far"})
    questions = fields.List(fields.Nested(QuestionViewSchema))
    result = fields.Nested(ResultSchema, allow_none=True)


class LeaveSchema(Schema):
    """POST body: the client's number for this leave (1, 2, 3 …) and how long it lasted."""

    seq = fields.Integer(required=True, validate=validate.Range(min=1, max=10000))
    duration_ms = fields.Integer(required=True, validate=validate.Range(min=0, max=86400000))


class LeaveResultSchema(Schema):
    """The leaves counted, and the result once the attempt is finished (by this leave or not)."""

    leave_count = fields.Integer()
    leave_ms = fields.Integer()
    max_leaves = fields.Integer(allow_none=True, metadata={"description": MAX_LEAVES})
    finished = fields.Boolean()
    result = fields.Nested(ResultSchema, allow_none=True)


class MyAttemptSchema(ScoreSchema):
    """One of my finished competition attempts."""

    competition_id = fields.Integer()
    competition_title = fields.String()
    number = fields.Integer()
    is_best = fields.Boolean(metadata={"description": "the attempt my leaderboard entry ranks"})


MyAttemptPageSchema = page_schema(MyAttemptSchema, "MyAttemptPage")


class ReminderArgsSchema(Schema):
    """A consent from wx.requestSubscribeMessage for the competition-opening template."""

    template_id = fields.String(required=True, validate=validate.Length(min=1, max=64))


class ReminderSchema(Schema):
    """The member will get one message when the competition opens."""

    competition_id = fields.Integer()
    requested = fields.Boolean()


class ChoicesSchema(Schema):
    """PUT body: the chosen letters; an empty list clears the answer."""

    choices = fields.List(
        fields.String(validate=LETTER), required=True, validate=validate.Length(max=8)
    )


class SavedAnswerSchema(Schema):
    """A saved answer."""

    question_id = fields.Integer()
    choices = fields.List(fields.String(), allow_none=True)
    saved_at = fields.DateTime()


class AnswerSchema(ChoicesSchema):
    """One answer in a submit."""

    question_id = fields.Integer(required=True)


class SubmitSchema(Schema):
    """Submit: the final answers (those already saved may be left out)."""

    answers = fields.List(
        fields.Nested(AnswerSchema), load_default=list, validate=validate.Length(max=100)
    )


class PracticeSchema(Schema):
    """A practice round: from a category, or from my mistakes."""

    category = fields.Integer(validate=validate.Range(min=1))
    count = fields.Integer(load_default=10, validate=validate.Range(min=1, max=50))
    from_mistakes = fields.Boolean(load_default=False)


class MistakeSchema(Schema):
    """A question in my mistake book, as I last got it wrong."""

    question_id = fields.Integer()
    category_id = fields.Integer(allow_none=True)
    type = fields.String()
    stem = fields.String()
    options = fields.List(fields.String())
    choices = fields.List(fields.String())
    answer = fields.List(fields.String())
    analysis = fields.String()
    reference = fields.String(allow_none=True)
    times_wrong = fields.Integer()


MistakePageSchema = page_schema(MistakeSchema, "MistakePage")


class LeaderboardQuerySchema(PageArgsSchema):
    """?by=member|association|district."""

    by = fields.String(load_default="member", validate=validate.OneOf(BOARDS))


LEADERBOARD_ROWS = (
    "Rows by board. member: rank, name, score, time_used_ms. association: rank, id, name, "
    "average (of members' best scores), participants, registered (members), "
    "participation_rate (0–1, null without registered members). district: as association, "
    "with code instead of id. Equal keys share a rank (1, 2, 2, 4)."
)


class LeaderboardSchema(Schema):
    """One page of a leaderboard, and my own place in it (null if I have none)."""

    by = fields.String()
    # Plain rows: the page is built (and cached) in this shape, so it is not dumped field by
    # field on every read.
    items = fields.List(fields.Dict(), metadata={"description": LEADERBOARD_ROWS})
    total = fields.Integer()
    page = fields.Integer()
    page_size = fields.Integer()
    me = fields.Dict(allow_none=True, metadata={"description": "my row, as in items"})


# Admins


class QuestionCategoryInputSchema(Schema):
    """A question category."""

    name = Text(required=True, validate=validate.Length(min=1, max=40))
    description = Text(load_default="", validate=validate.Length(max=200))
    position = fields.Integer(load_default=0, validate=validate.Range(min=0, max=10000))


class QuestionCategoryPatchSchema(NotEmpty, QuestionCategoryInputSchema):
    """Changes to a category."""

    name = Text(validate=validate.Length(min=1, max=40))
    description = Text(validate=validate.Length(max=200))
    position = fields.Integer(validate=validate.Range(min=0, max=10000))


class QuestionCategoryAdminSchema(QuestionCategorySchema):
    """A category in the console."""

    position = fields.Integer()


class QuestionInputSchema(Schema):
    """A question: options in order, key as letters ("ABD"); true/false options may be left out."""

    category_id = fields.Integer(required=True)
    type = fields.String(required=True, validate=validate.OneOf(TYPES))
    stem = Text(required=True, validate=validate.Length(min=1, max=500))
    options = fields.List(Text(), load_default=list, validate=validate.Length(max=8))
    answer = Text(required=True, validate=validate.Length(min=1, max=8))
    analysis = Text(required=True, validate=validate.Length(min=1, max=2000))
    difficulty = fields.Integer(load_default=1, validate=validate.Range(min=1, max=3))
    reference = Text(load_default=None, allow_none=True, validate=validate.Length(max=200))
    fixed_order = fields.Boolean()
    enabled = fields.Boolean(load_default=True)


class QuestionPatchSchema(NotEmpty, Schema):
    """Changes to a question."""

    category_id = fields.Integer()
    type = fields.String(validate=validate.OneOf(TYPES))
    stem = Text(validate=validate.Length(min=1, max=500))
    options = fields.List(Text(), validate=validate.Length(max=8))
    answer = Text(validate=validate.Length(min=1, max=8))
    analysis = Text(validate=validate.Length(min=1, max=2000))
    difficulty = fields.Integer(validate=validate.Range(min=1, max=3))
    reference = Text(allow_none=True, validate=validate.Length(max=200))
    fixed_order = fields.Boolean()
    enabled = fields.Boolean()


class QuestionAdminSchema(Schema):
    """A question with its key, for the console."""

    id = fields.Integer()
    category_id = fields.Integer()
    category = fields.String(attribute="category.name")
    type = fields.String()
    type_label = fields.Function(lambda question: TYPE_LABELS[question.type])
    stem = fields.String()
    options = fields.List(fields.String())
    answer = fields.String()
    analysis = fields.String()
    difficulty = fields.Integer()
    reference = fields.String(allow_none=True)
    fixed_order = fields.Boolean()
    enabled = fields.Boolean()
    demo = fields.Boolean(attribute="is_demo")
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


class QuestionQuerySchema(PageArgsSchema):
    """Console filters."""

    category_id = fields.Integer()
    type = fields.String(validate=validate.OneOf(TYPES))
    difficulty = fields.Integer(validate=validate.Range(min=1, max=3))
    enabled = fields.Boolean()
    q = Text(validate=validate.Length(max=50))


class QuestionExportQuerySchema(Schema):
    """Export filters."""

    category_id = fields.Integer()
    type = fields.String(validate=validate.OneOf(TYPES))
    difficulty = fields.Integer(validate=validate.Range(min=1, max=3))
    enabled = fields.Boolean()
    q = Text(validate=validate.Length(max=50))


QuestionPageSchema = page_schema(QuestionAdminSchema, "QuestionPage")


class QuestionImportFileSchema(Schema):
    """The .xlsx file (multipart field `file`)."""

    file = Upload(required=True)


class QuestionImportQuerySchema(Schema):
    """?dry_run=true checks every row and stores nothing."""

    dry_run = fields.Boolean(load_default=False)


class QuestionRowErrorSchema(Schema):
    """A bad row: its number in the sheet, the column and why."""

    row = fields.Integer()
    column = fields.String(allow_none=True)
    message = fields.String()


class QuestionSkippedRowSchema(Schema):
    """A row left out because the same question is already in the bank."""

    row = fields.Integer()
    question_id = fields.Integer(allow_none=True)


class QuestionImportReportSchema(Schema):
    """What an import did, or (dry run) would do."""

    dry_run = fields.Boolean()
    rows = fields.Integer()
    importable = fields.Integer(metadata={"description": "rows that are (or would be) imported"})
    created = fields.Integer()
    skipped = fields.List(fields.Nested(QuestionSkippedRowSchema))
    new_categories = fields.List(fields.String())
    errors = fields.List(fields.Nested(QuestionRowErrorSchema))


class DrawRuleSchema(Schema):
    """Draw `count` enabled questions matching the filters given."""

    count = fields.Integer(required=True, validate=validate.Range(min=1, max=100))
    category_id = fields.Integer(load_default=None, allow_none=True)
    type = fields.String(load_default=None, allow_none=True, validate=validate.OneOf(TYPES))
    difficulty = fields.Integer(
        load_default=None, allow_none=True, validate=validate.Range(min=1, max=3)
    )


DISTRICT_CODE = fields.String(validate=validate.Regexp(r"^\d{6}$", error="区县代码应为 6 位数字"))


class CompetitionFields(Schema):
    """Fields shared by create and update."""

    title = Text(validate=validate.Length(min=1, max=60))
    description = Text(validate=validate.Length(max=1000))
    starts_at = fields.AwareDateTime()
    ends_at = fields.AwareDateTime()
    time_limit_seconds = fields.Integer(validate=validate.Range(min=30, max=3 * 3600))
    attempts_allowed = fields.Integer(validate=validate.Range(min=1, max=10))
    points_per_question = fields.Integer(validate=validate.Range(min=1, max=100))
    max_leaves = fields.Integer(allow_none=True, validate=validate.Range(min=1, max=99))
    draw_rules = fields.List(fields.Nested(DrawRuleSchema), validate=validate.Length(min=1, max=20))
    audience = fields.String(validate=validate.OneOf([audience.value for audience in Audience]))
    districts = fields.List(DISTRICT_CODE, validate=validate.Length(max=20))
    association_ids = fields.List(fields.Integer(), validate=validate.Length(max=1000))


class CompetitionInputSchema(CompetitionFields):
    """A new competition."""

    title = Text(required=True, validate=validate.Length(min=1, max=60))
    description = Text(load_default="", validate=validate.Length(max=1000))
    starts_at = fields.AwareDateTime(required=True)
    ends_at = fields.AwareDateTime(required=True)
    time_limit_seconds = fields.Integer(required=True, validate=validate.Range(min=30, max=10800))
    attempts_allowed = fields.Integer(load_default=3, validate=validate.Range(min=1, max=10))
    points_per_question = fields.Integer(load_default=5, validate=validate.Range(min=1, max=100))
    max_leaves = fields.Integer(
        load_default=None, allow_none=True, validate=validate.Range(min=1, max=99)
    )
    draw_rules = fields.List(
        fields.Nested(DrawRuleSchema), required=True, validate=validate.Length(min=1, max=20)
    )
    audience = fields.String(
        load_default=Audience.ALL.value,
        validate=validate.OneOf([audience.value for audience in Audience]),
    )


class CompetitionPatchSchema(NotEmpty, CompetitionFields):
    """Changes to a competition."""


class CompetitionAdminSchema(Schema):
    """A competition in the console."""

    id = fields.Integer()
    title = fields.String()
    description = fields.String()
    status = fields.String()
    starts_at = fields.DateTime()
    ends_at = fields.DateTime()
    time_limit_seconds = fields.Integer()
    attempts_allowed = fields.Integer()
    points_per_question = fields.Integer()
    max_leaves = fields.Integer(allow_none=True, metadata={"description": MAX_LEAVES})
    question_count = fields.Integer()
    max_score = fields.Integer()
    draw_rules = fields.List(fields.Nested(DrawRuleSchema))
    audience = fields.String()
    districts = fields.List(fields.String(), attribute="district_codes")
    association_ids = fields.List(fields.Integer())
    owner_district = fields.String(attribute="owner_district_code", allow_none=True)
    owner_association_id = fields.Integer(allow_none=True)
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


CompetitionAdminPageSchema = page_schema(CompetitionAdminSchema, "CompetitionAdminPage")


class AdminLeaderboardQuerySchema(PageArgsSchema):
    """?by= for the console's view of a leaderboard."""

    by = fields.String(load_default="member", validate=validate.OneOf(BOARDS))
