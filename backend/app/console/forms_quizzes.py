"""Console forms for the question bank and competitions; the admin API's schemas check them."""

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    FieldList,
    FloatField,
    FormField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import ValidationError
from wtforms.widgets import CheckboxInput

from ..common.time import SHANGHAI
from ..quizzes.models import TYPE_LABELS, Audience
from ..quizzes.questions import LETTERS
from ..quizzes.spreadsheets import DIFFICULTY_LABELS
from .forms import choices

AUDIENCE_LABELS = {
    Audience.ALL: "全市会员",
    Audience.DISTRICTS: "指定区县的会员",
    Audience.ASSOCIATIONS: "指定协会的会员",
}
TIME_LIMIT_MINUTES = (0.5, 180)
TIME_LIMIT_MESSAGE = "答题时限须为 0.5 到 180 分钟"
DRAW_RULE_ROWS = 6
# datetime-local inputs post "2026-05-01T09:00"; the first format is also how values are shown.
LOCAL_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"]


def _any_level(labels):
    return choices([("", "不限"), *((str(key), label) for key, label in labels.items())])


def messages_of(problems):
    """Every message string in a marshmallow or service error structure, without duplicates."""
    if isinstance(problems, dict):
        found = [message for nested in problems.values() for message in messages_of(nested)]
    elif isinstance(problems, list | tuple):
        found = [message for nested in problems for message in messages_of(nested)]
    else:
        found = [str(problems)]
    return list(dict.fromkeys(found))


class SchemaErrorsMixin:
    """Show a schema's or a service's messages next to the fields they concern."""

    # Input name -> form field, where they differ.
    FIELD_OF = {}

    def __init__(self, *args, **kwargs):
        """The form, with no errors about its lists of inputs yet."""
        super().__init__(*args, **kwargs)
        self.list_errors = {}

    def add_schema_errors(self, problems):
        """Put messages on their fields (lists on `list_errors`); return the rest."""
        unplaced = []
        for name, nested in problems.items():
            target = self._fields.get(self.FIELD_OF.get(name, name))
            if target is None or target.name == "csrf_token":
                unplaced += messages_of(nested)
            elif isinstance(target, FieldList):
                self.list_errors.setdefault(target.name, []).extend(messages_of(nested))
            else:
                target.errors = [*target.errors, *messages_of(nested)]
        return unplaced


class QuestionForm(SchemaErrorsMixin, FlaskForm):
    """A question: up to eight options (blank trailing ones are unused) and the key as letters."""

    category_id = SelectField("分类", validate_choice=False)
    type = SelectField(
        "题型",
        choices=choices((kind.value, label) for kind, label in TYPE_LABELS.items()),
        validate_choice=False,
    )
    stem = TextAreaField("题干")
    options = FieldList(StringField("选项"), min_entries=len(LETTERS), max_entries=len(LETTERS))
    answer = StringField("答案（选项字母）")
    analysis = TextAreaField("解析（答题后展示）")
    difficulty = SelectField(
        "难度",
        choices=choices((str(level), label) for level, label in DIFFICULTY_LABELS.items()),
        validate_choice=False,
    )
    reference = StringField("依据（法规或文件名称，可不填）")
    fixed_order = BooleanField("保持选项顺序（作答时不打乱）")
    enabled = BooleanField("启用（可被竞赛和练习抽到）", default=True)

    def validate_options(self, field):
        """Options are filled from A on: a blank between two filled ones would shift the key."""
        filled = [bool((value or "").strip()) for value in field.data]
        while filled and not filled[-1]:
            filled.pop()
        if not all(filled):
            letter = LETTERS[filled.index(False)]
            self.list_errors.setdefault("options", []).append(
                f"选项须从 A 起依次填写，选项{letter}不能空着"
            )
            raise ValidationError(f"选项{letter}不能空着")

    def payload(self):
        """The form as the admin API's question input, before the schema validates it."""
        category = self.category_id.data or ""
        return {
            "category_id": int(category) if category.isdigit() else None,
            "type": self.type.data,
            "stem": self.stem.data or "",
            "options": [value.strip() for value in self.options.data if (value or "").strip()],
            "answer": (self.answer.data or "").strip().upper(),
            "analysis": self.analysis.data or "",
            "difficulty": self.difficulty.data,
            "reference": (self.reference.data or "").strip() or None,
            "fixed_order": self.fixed_order.data,
            "enabled": self.enabled.data,
        }


class CategoryForm(FlaskForm):
    """A question category."""

    name = StringField("名称")
    description = StringField("说明")
    position = StringField("排序（小的在前）", default="0")

    def payload(self):
        """The form as the admin API's category input."""
        return {
            "name": self.name.data or "",
            "description": self.description.data or "",
            "position": (self.position.data or "").strip() or "0",
        }


class DrawRuleForm(FlaskForm):
    """One draw rule; a row without a count is unused."""

    class Meta:
        csrf = False

    count = StringField("题数")
    category_id = SelectField("分类", validate_choice=False)
    type = SelectField("题型", choices=_any_level(TYPE_LABELS), validate_choice=False)
    difficulty = SelectField("难度", choices=_any_level(DIFFICULTY_LABELS), validate_choice=False)


class CompetitionForm(SchemaErrorsMixin, FlaskForm):
    """A competition: its window in Beijing time, scoring, draw rules and audience."""

    FIELD_OF = {"time_limit_seconds": "time_limit_minutes"}

    title = StringField("标题")
    description = TextAreaField("说明（会员参赛前可见）")
    starts_at = DateTimeLocalField(
        "开始时间（北京时间）",
        format=LOCAL_FORMATS,
        tz=SHANGHAI,
        invalid_value_message="请填写开始时间",
    )
    ends_at = DateTimeLocalField(
        "结束时间（北京时间）",
        format=LOCAL_FORMATS,
        tz=SHANGHAI,
        invalid_value_message="请填写结束时间",
    )
    time_limit_minutes = FloatField(
        "答题时限（分钟）", default=20, invalid_value_message=TIME_LIMIT_MESSAGE
    )
    attempts_allowed = StringField("每人可答次数", default="3")
    points_per_question = StringField("每题分值", default="5")
    max_leaves = StringField("切出次数上限")
    draw_rules = FieldList(FormField(DrawRuleForm), min_entries=DRAW_RULE_ROWS, max_entries=20)
    audience = RadioField("参赛范围", validate_choice=False)
    districts = SelectMultipleField(
        "参赛区县", option_widget=CheckboxInput(), validate_choice=False
    )
    association_ids = SelectMultipleField("参赛协会", validate_choice=False)

    def set_choices(self, categories, districts, associations, audiences):
        """The menus: categories for the draw rules, and the audiences this admin may choose."""
        category_choices = choices(
            [("", "不限"), *((str(c.id), f"{c.name}（{c.question_count} 题）") for c in categories)]
        )
        for row in self.draw_rules:
            row.form.category_id.choices = category_choices
        self.districts.choices = choices(districts)
        self.association_ids.choices = choices(associations)
        self.audience.choices = choices(
            (value.value, AUDIENCE_LABELS[value]) for value in audiences
        )

    def validate_time_limit_minutes(self, field):
        """Whole seconds between half a minute and three hours."""
        low, high = TIME_LIMIT_MINUTES
        if field.data is not None and not low <= field.data <= high:
            raise ValidationError(TIME_LIMIT_MESSAGE)

    def validate_draw_rules(self, field):
        """At least one rule; a row that names a category, type or difficulty needs a count."""
        problems = []
        for number, row in enumerate(field, 1):
            data = row.form.data
            chosen = data["category_id"] or data["type"] or data["difficulty"]
            if chosen and not (data["count"] or "").strip():
                problems.append(f"第 {number} 条规则缺少题数")
        if not problems and not self.rules():
            problems.append("请至少填写一条抽题规则")
        if problems:
            self.list_errors.setdefault("draw_rules", []).extend(problems)
            raise ValidationError(problems[0])

    def add_schema_errors(self, problems):
        """As the mixin does, naming the row of a draw rule the schema refused."""
        rules = problems.get("draw_rules")
        if isinstance(rules, dict):
            rows = [index for index, _ in self.rules()]
            problems = {
                **problems,
                "draw_rules": [
                    f"第 {rows[index] + 1} 条规则：{message}"
                    for index, nested in rules.items()
                    for message in messages_of(nested)
                ],
            }
        return super().add_schema_errors(problems)

    def rules(self):
        """[(row index, rule)] for the rows in use, rules as the admin API takes them."""
        used = []
        for index, row in enumerate(self.draw_rules):
            data = row.form.data
            if (data["count"] or "").strip():
                rule = {
                    "count": data["count"].strip(),
                    "category_id": data["category_id"] or None,
                    "type": data["type"] or None,
                    "difficulty": data["difficulty"] or None,
                }
                used.append((index, rule))
        return used

    def payload(self):
        """The form as the admin API's competition input, before the schema validates it."""
        audience = self.audience.data
        return {
            "title": self.title.data or "",
            "description": self.description.data or "",
            "starts_at": self.starts_at.data,
            "ends_at": self.ends_at.data,
            "time_limit_seconds": round(self.time_limit_minutes.data * 60),
            "attempts_allowed": (self.attempts_allowed.data or "").strip() or None,
            "points_per_question": (self.points_per_question.data or "").strip() or None,
            "max_leaves": (self.max_leaves.data or "").strip() or None,
            "draw_rules": [rule for _, rule in self.rules()],
            "audience": audience,
            "districts": self.districts.data if audience == Audience.DISTRICTS else [],
            "association_ids": (
                self.association_ids.data if audience == Audience.ASSOCIATIONS else []
            ),
        }
