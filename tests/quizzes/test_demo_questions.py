"""Integrity of the demo question bank (演示题库), checked on the module alone, without the app."""

import re
from collections import Counter

import pytest

from backend.app.quizzes import demo_questions as bank

TYPES = {"single", "multiple", "true_false"}
KEYS = {"category", "type", "stem", "options", "answer", "analysis", "difficulty", "reference"}
LETTERS = "ABCDEFGH"
TRUE_FALSE_OPTIONS = ["正确", "错误"]
# An option that carries its own letter ("A." "B、" "(C)") would be wrong once the engine shuffles.
OWN_LETTER = re.compile(r"^\s*[(（]?[A-Ha-h]\s*[.．、:：)）]")
# An option that points at the others ("以上都对") would also be wrong once shuffled.
ORDER_WORDS = ("以上", "上述")
CATEGORY_NAMES = [name for name, _ in bank.CATEGORIES]


def label(question):
    return f"{question.get('category')} / {question.get('stem')!r}"


def failures(check):
    """Labels of the questions for which check(question) returns a complaint."""
    found = []
    for question in bank.QUESTIONS:
        complaint = check(question)
        if complaint:
            found.append(f"{label(question)}: {complaint}")
    return found


def test_demo_label_says_it_is_demo_content():
    assert "演示" in bank.DEMO_LABEL
    assert "不代表官方题库" in bank.DEMO_LABEL


def test_at_least_150_questions():
    assert len(bank.QUESTIONS) >= 150


def test_every_question_has_exactly_the_expected_keys():
    assert failures(lambda q: None if set(q) == KEYS else f"keys {sorted(set(q) ^ KEYS)}") == []


def test_categories_are_declared_once_with_a_description():
    assert len(CATEGORY_NAMES) == len(set(CATEGORY_NAMES))
    for name, description in bank.CATEGORIES:
        assert isinstance(name, str) and name.strip() == name and name
        assert isinstance(description, str) and description.strip()


def test_every_category_used_is_declared_and_every_declared_one_is_used():
    used = {question["category"] for question in bank.QUESTIONS}
    assert used == set(CATEGORY_NAMES)


def test_categories_are_roughly_balanced():
    counts = Counter(question["category"] for question in bank.QUESTIONS)
    for name in CATEGORY_NAMES:
        assert counts[name] >= 30, f"{name} has only {counts[name]} questions"


def test_types_are_valid():
    assert failures(lambda q: None if q["type"] in TYPES else f"type {q['type']!r}") == []


def test_types_are_mixed_as_planned():
    counts = Counter(question["type"] for question in bank.QUESTIONS)
    total = len(bank.QUESTIONS)
    assert 0.45 <= counts["single"] / total <= 0.65
    assert 0.15 <= counts["multiple"] / total <= 0.35
    assert 0.10 <= counts["true_false"] / total <= 0.30


def check_options(question):
    options = question["options"]
    if not isinstance(options, list) or not all(isinstance(option, str) for option in options):
        return "options must be a list of strings"
    if question["type"] == "true_false":
        return None if options == TRUE_FALSE_OPTIONS else f"true_false options {options}"
    if not 2 <= len(options) <= 8:
        return f"{len(options)} options"
    stripped = [option.strip() for option in options]
    if any(not option for option in stripped):
        return "empty option"
    if stripped != options:
        return "option with surrounding whitespace"
    if len(set(options)) != len(options):
        return "duplicate option"
    if any(OWN_LETTER.match(option) for option in options):
        return "option carries its own letter"
    if any(option.startswith(ORDER_WORDS) for option in options):
        return "option refers to the other options"
    return None


def test_options_are_well_formed():
    assert failures(check_options) == []


def check_answer(question):
    answer, kind = question["answer"], question["type"]
    if not isinstance(answer, str) or not answer:
        return "missing answer"
    valid = LETTERS[: len(question["options"])]
    if any(letter not in valid for letter in answer):
        return f"answer {answer!r} outside A–{valid[-1]}"
    if len(set(answer)) != len(answer):
        return f"answer {answer!r} repeats a letter"
    if kind == "single" and len(answer) != 1:
        return f"single answer {answer!r}"
    if kind == "multiple" and (len(answer) < 2 or answer != "".join(sorted(answer))):
        return f"multiple answer {answer!r} must be two or more letters in order"
    if kind == "multiple" and len(answer) == len(question["options"]):
        return "every option is correct: nothing to choose"
    if kind == "true_false" and answer not in ("A", "B"):
        return f"true_false answer {answer!r}"
    return None


def test_answers_are_valid_for_their_options():
    assert failures(check_answer) == []


def test_every_question_has_an_analysis():
    assert failures(lambda q: None if str(q["analysis"]).strip() else "empty analysis") == []


def test_difficulty_is_1_to_3():
    def check(question):
        difficulty = question["difficulty"]
        ok = type(difficulty) is int and 1 <= difficulty <= 3
        return None if ok else f"difficulty {difficulty!r}"

    assert failures(check) == []


def test_every_difficulty_is_used():
    assert {question["difficulty"] for question in bank.QUESTIONS} == {1, 2, 3}


def test_reference_is_a_document_or_none():
    def check(question):
        reference = question["reference"]
        ok = reference is None or (isinstance(reference, str) and reference.strip() == reference)
        return None if ok and reference != "" else f"reference {reference!r}"

    assert failures(check) == []


def test_stems_are_present_and_unique():
    stems = [re.sub(r"\s+", "", str(question["stem"])) for question in bank.QUESTIONS]
    assert all(stems)
    duplicates = [stem for stem, count in Counter(stems).items() if count > 1]
    assert duplicates == []


@pytest.mark.parametrize("name", CATEGORY_NAMES)
def test_each_category_has_every_type(name):
    types = {question["type"] for question in bank.QUESTIONS if question["category"] == name}
    assert types == TYPES
