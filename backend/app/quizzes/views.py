"""What members see of an attempt: never a key, an analysis or a verdict before it is finished."""

from .models import AttemptStatus


def letters(choices):
    """Stored letters ("AC") as the API shows them (["A", "C"]), or None."""
    return list(choices) if choices else None


def question_view(item):
    """A question as the member answers it."""
    return {
        "id": item.question_id,
        "type": item.type,
        "stem": item.stem,
        "options": item.options,
        "choices": letters(item.choices),
    }


def result_view(attempt, items, detailed=False):
    """The score and, per question, my choices, the key and whether I was right.

    The analyses are long: the submit answer leaves them out for slow phone networks, and
    GET /attempts/{id} (detailed) gives them once the member opens the review.
    """
    review = []
    for item in items:
        row = {
            "question_id": item.question_id,
            "choices": letters(item.choices),
            "answer": list(item.answer),
            "correct": item.choices == item.answer,
        }
        if detailed:
            row.update(analysis=item.analysis, reference=item.reference)
        review.append(row)
    return {**score_view(attempt), "review": review}


def attempt_view(attempt, items, now, max_leaves=None):
    """An attempt with its questions, and the detailed result once it is finished."""
    finished = attempt.status == AttemptStatus.FINISHED
    return {
        "id": attempt.id,
        "kind": attempt.kind,
        "competition_id": attempt.competition_id,
        "number": attempt.number,
        "status": attempt.status,
        "started_at": attempt.started_at,
        "deadline": attempt.deadline,
        "now": now,
        "points_per_question": attempt.points_per_question,
        "max_leaves": max_leaves,
        "leave_count": attempt.leave_count,
        "questions": [question_view(item) for item in items],
        "result": result_view(attempt, items, detailed=True) if finished else None,
    }


def leave_view(attempt, result):
    """The answer to a leave: the counts, and the result once the attempt is finished."""
    return {
        "leave_count": attempt.leave_count,
        "leave_ms": attempt.leave_ms,
        "max_leaves": attempt.max_leaves,
        "finished": attempt.status == AttemptStatus.FINISHED,
        "result": result,
    }


def score_view(attempt):
    """A finished attempt's score, time used and how it ended (ScoreSchema)."""
    return {
        "attempt_id": attempt.id,
        "score": attempt.score,
        "max_score": attempt.question_count * attempt.points_per_question,
        "correct_count": attempt.correct_count,
        "question_count": attempt.question_count,
        "time_used_ms": attempt.time_used_ms,
        "finished_at": attempt.finished_at,
        "finish_reason": attempt.finish_reason,
    }
