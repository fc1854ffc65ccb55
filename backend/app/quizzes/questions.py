"""The question bank: categories and questions, and the rules every question obeys."""

from sqlalchemy import func, select

from ..audit import services as audit
from ..common.auth import check_role
from ..common.pagination import paginate
from ..common.search import contains
from ..errors import Conflict, NotFound, ValidationFailed, field_error
from ..extensions import db
from . import scopes
from .models import Competition, Question, QuestionCategory, QuestionType

LETTERS = "ABCDEFGH"
TRUE_FALSE_OPTIONS = ["正确", "错误"]
MIN_OPTIONS, MAX_OPTIONS = 2, 8
MAX_OPTION_LENGTH = 200
# Options that point at the others ("以上都对") are wrong once shuffled.
ORDER_WORDS = ("以上", "上述")


def needs_fixed_order(options):
    """Whether an option refers to the other options, so the order must stay as written."""
    return any(option.startswith(ORDER_WORDS) for option in options)


def check_question(kind, options, answer):
    """Normalise options and key for a question type; return (options, answer, errors)."""
    errors = {}
    if kind not in set(QuestionType):
        return options, answer, {"type": ["题型须为单选题、多选题或判断题"]}
    if kind == QuestionType.TRUE_FALSE and not options:
        options = list(TRUE_FALSE_OPTIONS)
    options = [str(option).strip() for option in options or []]
    if kind == QuestionType.TRUE_FALSE and options != TRUE_FALSE_OPTIONS:
        errors["options"] = ["判断题的选项须为“正确”“错误”"]
    elif not MIN_OPTIONS <= len(options) <= MAX_OPTIONS:
        errors["options"] = [f"选项须为 {MIN_OPTIONS} 到 {MAX_OPTIONS} 个"]
    elif any(not option for option in options):
        errors["options"] = ["选项不能为空"]
    elif any(len(option) > MAX_OPTION_LENGTH for option in options):
        errors["options"] = [f"每个选项不能超过 {MAX_OPTION_LENGTH} 字"]
    elif len(set(options)) != len(options):
        errors["options"] = ["选项不能重复"]
    letters = "".join(sorted(set(str(answer or "").upper().replace(" ", ""))))
    if not letters:
        errors["answer"] = ["缺少答案"]
    elif any(letter not in LETTERS[: len(options)] for letter in letters):
        errors["answer"] = [f"答案 {letters} 不在选项 A–{LETTERS[len(options) - 1]} 之内"]
    elif kind in (QuestionType.SINGLE, QuestionType.TRUE_FALSE) and len(letters) != 1:
        errors["answer"] = ["单选题和判断题只能有一个答案"]
    elif kind == QuestionType.MULTIPLE and len(letters) < 2:
        errors["answer"] = ["多选题至少有两个正确答案"]
    return options, letters, errors


def _raise_for(errors):
    if errors:
        first = next(iter(errors.values()))
        raise ValidationFailed(first[0], reason="invalid_question", errors=errors)


def _record(action, target_id, **detail):
    """Audit a change to the city-wide bank (no district: it belongs to none)."""
    target_type = action.partition(".")[0]
    audit.record(action, target_type=target_type, target_id=target_id, detail=detail)


def list_categories():
    """Every category with its number of enabled questions, in display order."""
    counts = dict(
        db.session.execute(
            select(Question.category_id, func.count())
            .where(Question.enabled.is_(True))
            .group_by(Question.category_id)
        ).all()
    )
    categories = db.session.scalars(
        select(QuestionCategory).order_by(QuestionCategory.position, QuestionCategory.id)
    ).all()
    for category in categories:
        category.question_count = counts.get(category.id, 0)
    return categories


def require_category(category_id, field="category_id"):
    """The category with this id, or a 422 naming the field."""
    category = db.session.get(QuestionCategory, category_id) if category_id else None
    if category is None:
        raise field_error(field, "题目分类不存在", reason="category_not_found")
    return category


def _name_taken(name, exclude_id=None):
    statement = select(QuestionCategory.id).where(QuestionCategory.name == name)
    if exclude_id:
        statement = statement.where(QuestionCategory.id != exclude_id)
    if db.session.scalar(statement):
        raise Conflict("已有同名的题目分类", reason="category_name_taken")


def create_category(admin, data):
    """Add a category; names are unique."""
    check_role(admin, scopes.QUESTION_EDITORS)
    _name_taken(data["name"])
    category = QuestionCategory(**data)
    db.session.add(category)
    db.session.flush()
    _record("question_category.create", category.id, name=category.name)
    db.session.commit()
    category.question_count = 0
    return category


def get_category(category_id):
    """A category, or 404."""
    category = db.session.get(QuestionCategory, category_id)
    if category is None:
        raise NotFound("题目分类不存在", reason="category_not_found")
    return category


def update_category(admin, category_id, changes):
    """Rename or describe a category."""
    check_role(admin, scopes.QUESTION_EDITORS)
    category = get_category(category_id)
    if "name" in changes:
        _name_taken(changes["name"], exclude_id=category.id)
    for key, value in changes.items():
        setattr(category, key, value)
    _record("question_category.update", category.id, fields=sorted(changes))
    db.session.commit()
    category.question_count = db.session.scalar(
        select(func.count()).where(Question.category_id == category.id, Question.enabled)
    )
    return category


def delete_category(admin, category_id):
    """Delete an empty category that no competition draws from."""
    check_role(admin, scopes.QUESTION_EDITORS)
    category = get_category(category_id)
    if db.session.scalar(select(Question.id).where(Question.category_id == category.id).limit(1)):
        raise Conflict("分类下还有题目，不能删除", reason="category_not_empty")
    for rules in db.session.scalars(select(Competition.draw_rules)):
        if any(rule.get("category_id") == category.id for rule in rules):
            raise Conflict("有竞赛从该分类抽题，不能删除", reason="category_in_use")
    db.session.delete(category)
    _record("question_category.delete", category_id, name=category.name)
    db.session.commit()


def search_questions(category_id=None, type=None, difficulty=None, enabled=None, q=None):
    """A select of questions matching the filters, newest first."""
    statement = select(Question)
    if category_id:
        statement = statement.where(Question.category_id == category_id)
    if type:
        statement = statement.where(Question.type == type)
    if difficulty:
        statement = statement.where(Question.difficulty == difficulty)
    if enabled is not None:
        statement = statement.where(Question.enabled.is_(enabled))
    if q:
        statement = statement.where(contains(Question.stem, q))
    return statement.order_by(Question.id.desc())


def list_questions(admin, page=1, page_size=20, **filters):
    """One page of questions for the console."""
    check_role(admin, scopes.QUESTION_READERS)
    return paginate(search_questions(**filters), page, page_size)


def get_question(admin, question_id):
    """A question with its key, for those who may read the bank; or 404."""
    check_role(admin, scopes.QUESTION_READERS)
    question = db.session.get(Question, question_id)
    if question is None:
        raise NotFound("题目不存在", reason="question_not_found")
    return question


def create_question(admin, data):
    """Add a question after checking its options and key."""
    check_role(admin, scopes.QUESTION_EDITORS)
    require_category(data["category_id"])
    options, answer, errors = check_question(data["type"], data.get("options"), data["answer"])
    _raise_for(errors)
    data = {**data, "options": options, "answer": answer}
    data.setdefault("fixed_order", needs_fixed_order(options))
    question = Question(**data)
    db.session.add(question)
    db.session.flush()
    _record("question.create", question.id)
    db.session.commit()
    return question


def update_question(admin, question_id, changes):
    """Change a question; attempts already made keep what they showed and are graded on that."""
    check_role(admin, scopes.QUESTION_EDITORS)
    question = get_question(admin, question_id)
    if "category_id" in changes:
        require_category(changes["category_id"])
    kind = changes.get("type", question.type)
    options, answer, errors = check_question(
        kind, changes.get("options", question.options), changes.get("answer", question.answer)
    )
    _raise_for(errors)
    for key, value in changes.items():
        setattr(question, key, value)
    question.options, question.answer = options, answer
    _record("question.update", question.id, fields=sorted(changes))
    db.session.commit()
    return question


def delete_question(admin, question_id):
    """Delete a question; attempts keep their copy of it."""
    check_role(admin, scopes.QUESTION_EDITORS)
    question = get_question(admin, question_id)
    db.session.delete(question)
    _record("question.delete", question_id, stem=question.stem[:60])
    db.session.commit()
