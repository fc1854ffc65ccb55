"""Drawing questions on the server, and showing each attempt its own option order."""

import random

from sqlalchemy import select
from sqlalchemy.orm import lazyload

from ..errors import Conflict
from ..extensions import db
from .models import AttemptItem, Question, QuestionType
from .questions import LETTERS

# The operating system's generator: nobody can predict the next paper from earlier ones.
_random = random.SystemRandom()
# Papers list single choice first, then multiple choice, then true/false, as printed exams do.
TYPE_ORDER = {QuestionType.SINGLE: 0, QuestionType.MULTIPLE: 1, QuestionType.TRUE_FALSE: 2}
RULE_FILTERS = ("category_id", "type", "difficulty")


class BankTooSmall(Conflict):
    """The enabled questions cannot satisfy a draw rule."""

    reason = "not_enough_questions"

    def __init__(self, rule, available):
        super().__init__("题库中符合抽题规则的题目不足")
        self.rule = rule
        self.available = available


def _matches(rule, row):
    return all(rule.get(name) in (None, getattr(row, name)) for name in RULE_FILTERS)


def _specificity(rule):
    return sum(rule.get(name) is not None for name in RULE_FILTERS)


def draw(rules):
    """Distinct enabled question ids satisfying every rule, chosen at random."""
    categories = {rule.get("category_id") for rule in rules}
    statement = select(Question.id, Question.category_id, Question.type, Question.difficulty).where(
        Question.enabled.is_(True)
    )
    if None not in categories:
        statement = statement.where(Question.category_id.in_(categories))
    rows = db.session.execute(statement).all()
    taken = set()
    # The narrowest rules draw first, so a broad rule cannot starve them.
    for rule in sorted(rules, key=_specificity, reverse=True):
        pool = [row.id for row in rows if row.id not in taken and _matches(rule, row)]
        if len(pool) < rule["count"]:
            raise BankTooSmall(rule, len(pool))
        taken.update(_random.sample(pool, rule["count"]))
    return list(taken)


def draw_from(question_ids, count):
    """Up to count of the given question ids that are still enabled, at random."""
    enabled = db.session.scalars(
        select(Question.id).where(Question.id.in_(question_ids), Question.enabled.is_(True))
    ).all()
    return _random.sample(enabled, min(count, len(enabled)))


def _shown(question):
    """(options, key) in this attempt's order."""
    order = list(range(len(question.options)))
    if question.type != QuestionType.TRUE_FALSE and not question.fixed_order:
        _random.shuffle(order)
    options = [question.options[index] for index in order]
    key_indexes = {LETTERS.index(letter) for letter in question.answer}
    answer = "".join(LETTERS[shown] for shown, index in enumerate(order) if index in key_indexes)
    return options, answer


def build_items(question_ids):
    """Attempt items copying each question as this attempt shows it."""
    questions = db.session.scalars(
        select(Question).where(Question.id.in_(question_ids)).options(lazyload(Question.category))
    ).all()
    _random.shuffle(questions)
    questions.sort(key=lambda question: TYPE_ORDER[question.type])
    items = []
    for position, question in enumerate(questions):
        options, answer = _shown(question)
        items.append(
            AttemptItem(
                position=position,
                question_id=question.id,
                type=question.type,
                stem=question.stem,
                options=options,
                answer=answer,
                analysis=question.analysis,
                reference=question.reference,
            )
        )
    return items
