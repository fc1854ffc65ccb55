"""The report status machine: every allowed transition, in one table."""

from enum import StrEnum

from ..errors import Conflict, field_error


class Status(StrEnum):
    """Where a report stands (DESIGN.md, Report statuses)."""

    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"
    CLOSED = "closed"
    REJECTED = "rejected"
    TRANSFERRED = "transferred"
    MERGED = "merged"


STATUS_LABELS = {
    Status.SUBMITTED: "已提交",
    Status.ACCEPTED: "已受理",
    Status.IN_PROGRESS: "办理中",
    Status.RESOLVED: "已办结",
    Status.CLOSED: "已销号",
    Status.REJECTED: "不予受理",
    Status.TRANSFERRED: "已转办",
    Status.MERGED: "已合并",
}

# Who moves a report: staff in the console, or the reporter by rating a result 不满意.
STAFF = "staff"
REPORTER = "reporter"

# (from, to) -> who may make that move. Anything else is a 409.
TRANSITIONS = {
    (Status.SUBMITTED, Status.ACCEPTED): STAFF,
    (Status.SUBMITTED, Status.REJECTED): STAFF,
    (Status.SUBMITTED, Status.MERGED): STAFF,
    (Status.ACCEPTED, Status.IN_PROGRESS): STAFF,
    (Status.ACCEPTED, Status.TRANSFERRED): STAFF,
    (Status.ACCEPTED, Status.MERGED): STAFF,
    (Status.IN_PROGRESS, Status.RESOLVED): STAFF,
    (Status.IN_PROGRESS, Status.TRANSFERRED): STAFF,
    (Status.IN_PROGRESS, Status.MERGED): STAFF,
    (Status.RESOLVED, Status.CLOSED): STAFF,
    # Once only (Report.reopened), when the reporter rates the result 不满意 with a reason.
    (Status.RESOLVED, Status.IN_PROGRESS): REPORTER,
}

# Statuses from which nothing moves on: the report is finished and, after the retention
# period, its text and images are purged.
FINISHED = frozenset({Status.CLOSED, Status.REJECTED, Status.TRANSFERRED, Status.MERGED})


def allowed_targets(status, actor=STAFF):
    """The statuses this actor may move a report to from status."""
    return [to for (frm, to), who in TRANSITIONS.items() if frm == status and who == actor]


def check_transition(status, to, actor=STAFF):
    """Raise 409 unless the actor may move a report from status to `to` (422 if unknown)."""
    if to not in Status.__members__.values():
        raise field_error("to", "未知的状态", reason="unknown_status")
    current, target = Status(status), Status(to)
    if TRANSITIONS.get((current, target)) != actor:
        raise Conflict(
            f"当前状态为“{STATUS_LABELS[current]}”，不能变更为“{STATUS_LABELS[target]}”",
            reason="transition_not_allowed",
        )
