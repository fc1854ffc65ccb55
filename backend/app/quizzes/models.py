"""Question bank, competitions, attempts (with what each showed), leaderboard entries, reminders."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..common.time import UTCDateTime, utcnow
from ..extensions import db


class QuestionType(StrEnum):
    """How a question is answered."""

    SINGLE = "single"
    MULTIPLE = "multiple"
    TRUE_FALSE = "true_false"


TYPE_LABELS = {
    QuestionType.SINGLE: "单选题",
    QuestionType.MULTIPLE: "多选题",
    QuestionType.TRUE_FALSE: "判断题",
}


class Audience(StrEnum):
    """Who may take a competition."""

    ALL = "all"
    DISTRICTS = "districts"
    ASSOCIATIONS = "associations"


class AttemptKind(StrEnum):
    """A ranked competition attempt or an unranked practice round."""

    COMPETITION = "competition"
    PRACTICE = "practice"


class AttemptStatus(StrEnum):
    """An attempt is answered until it is finished, once."""

    IN_PROGRESS = "in_progress"
    FINISHED = "finished"


class FinishReason(StrEnum):
    """Why an attempt was finished."""

    SUBMITTED = "submitted"
    EXPIRED = "expired"
    # The member left the mini-program more often than the competition allows.
    LEFT_APP = "left_app"


class QuestionCategory(db.Model):
    """A category of the city-wide question bank."""

    __tablename__ = "question_categories"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(40), unique=True)
    description: Mapped[str] = mapped_column(String(200), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Question(db.Model):
    """A question as it stands now; attempts keep their own copy of what they showed."""

    __tablename__ = "questions"
    __table_args__ = (
        CheckConstraint("type IN ('single', 'multiple', 'true_false')", name="type_known"),
        CheckConstraint("difficulty BETWEEN 1 AND 3", name="difficulty_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    category_id: Mapped[int] = mapped_column(
        ForeignKey("question_categories.id", ondelete="RESTRICT"), index=True
    )
    type: Mapped[str] = mapped_column(String(16))
    stem: Mapped[str] = mapped_column(String(500))
    options: Mapped[list] = mapped_column(JSON)
    # Letters of the correct options in the stored order, e.g. "ABD".
    answer: Mapped[str] = mapped_column(String(8))
    analysis: Mapped[str] = mapped_column(Text)
    difficulty: Mapped[int] = mapped_column(SmallInteger, default=1)
    reference: Mapped[str | None] = mapped_column(String(200))
    # Options like "以上都是" only make sense in their written order.
    fixed_order: Mapped[bool] = mapped_column(Boolean, default=False)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    category = relationship(QuestionCategory, lazy="joined")


class Competition(db.Model):
    """A scheduled contest: its window, draw rules, scoring and audience."""

    __tablename__ = "competitions"
    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="window_ordered"),
        CheckConstraint("time_limit_seconds > 0", name="time_limit_positive"),
        CheckConstraint("attempts_allowed >= 1", name="attempts_allowed_positive"),
        CheckConstraint("points_per_question >= 1", name="points_positive"),
        CheckConstraint("audience IN ('all', 'districts', 'associations')", name="audience_known"),
        CheckConstraint("max_leaves IS NULL OR max_leaves >= 1", name="max_leaves_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(60))
    description: Mapped[str] = mapped_column(String(1000), default="")
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    time_limit_seconds: Mapped[int] = mapped_column(Integer)
    attempts_allowed: Mapped[int] = mapped_column(Integer, default=3)
    points_per_question: Mapped[int] = mapped_column(Integer)
    # Leaving the mini-program more often than this during a paper submits it; None: no limit.
    max_leaves: Mapped[int | None] = mapped_column(Integer)
    # [{"count": n, "category_id": id|None, "type": str|None, "difficulty": 1-3|None}, ...]
    draw_rules: Mapped[list] = mapped_column(JSON)
    audience: Mapped[str] = mapped_column(String(16), default=Audience.ALL.value)
    # The narrowest admin scope holding the whole audience, for role scoping.
    owner_district_code: Mapped[str | None] = mapped_column(
        ForeignKey("districts.code"), index=True
    )
    owner_association_id: Mapped[int | None] = mapped_column(
        ForeignKey("associations.id", ondelete="RESTRICT"), index=True
    )
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("admins.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    # Loaded only when needed: most competitions are open to all.
    audience_districts = relationship("CompetitionDistrict", cascade="all, delete-orphan")
    audience_associations = relationship("CompetitionAssociation", cascade="all, delete-orphan")

    def status_at(self, now):
        """upcoming, open or closed at a moment."""
        if now < self.starts_at:
            return "upcoming"
        if now >= self.ends_at:
            return "closed"
        return "open"

    @property
    def status(self):
        """upcoming, open or closed now."""
        return self.status_at(utcnow())

    @property
    def question_count(self):
        """Questions drawn for each attempt."""
        return sum(rule["count"] for rule in self.draw_rules)

    @property
    def max_score(self):
        """The score of a perfect attempt."""
        return self.question_count * self.points_per_question

    @property
    def district_codes(self):
        """The audience's districts (audience 'districts')."""
        return sorted(row.district_code for row in self.audience_districts)

    @property
    def association_ids(self):
        """The audience's associations (audience 'associations')."""
        return sorted(row.association_id for row in self.audience_associations)


class CompetitionDistrict(db.Model):
    """A district in a competition's audience."""

    __tablename__ = "competition_districts"

    competition_id: Mapped[int] = mapped_column(
        ForeignKey("competitions.id", ondelete="CASCADE"), primary_key=True
    )
    district_code: Mapped[str] = mapped_column(ForeignKey("districts.code"), primary_key=True)


class CompetitionAssociation(db.Model):
    """An association in a competition's audience."""

    __tablename__ = "competition_associations"

    competition_id: Mapped[int] = mapped_column(
        ForeignKey("competitions.id", ondelete="CASCADE"), primary_key=True
    )
    association_id: Mapped[int] = mapped_column(
        ForeignKey("associations.id", ondelete="RESTRICT"), primary_key=True
    )


class Attempt(db.Model):
    """One member's round of questions: a competition attempt or a practice."""

    __tablename__ = "attempts"
    __table_args__ = (
        # Parallel starts compute the same next number; this makes all but one of them fail,
        # so the attempts cap holds under concurrency on every database.
        UniqueConstraint("competition_id", "member_id", "number"),
        CheckConstraint("kind IN ('competition', 'practice')", name="kind_known"),
        CheckConstraint("status IN ('in_progress', 'finished')", name="status_known"),
        CheckConstraint(
            "(kind = 'practice' AND competition_id IS NULL AND number IS NULL)"
            " OR (kind = 'competition' AND competition_id IS NOT NULL AND number >= 1)",
            name="kind_consistent",
        ),
        Index("ix_attempts_status_deadline", "status", "deadline"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    competition_id: Mapped[int | None] = mapped_column(
        ForeignKey("competitions.id", ondelete="CASCADE")
    )
    kind: Mapped[str] = mapped_column(String(16))
    number: Mapped[int | None] = mapped_column(Integer)
    # The member's association and district when the attempt started: the leaderboards count it.
    association_id: Mapped[int | None] = mapped_column(
        ForeignKey("associations.id", ondelete="SET NULL")
    )
    district_code: Mapped[str | None] = mapped_column(ForeignKey("districts.code"))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    deadline: Mapped[datetime | None] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(16), default=AttemptStatus.IN_PROGRESS.value)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finish_reason: Mapped[str | None] = mapped_column(String(16))
    points_per_question: Mapped[int] = mapped_column(Integer)
    question_count: Mapped[int] = mapped_column(Integer)
    score: Mapped[int | None] = mapped_column(Integer)
    correct_count: Mapped[int | None] = mapped_column(Integer)
    time_used_ms: Mapped[int | None] = mapped_column(Integer)
    # Times and total time the member left the mini-program during a competition attempt.
    leave_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    leave_ms: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    items = relationship(
        "AttemptItem",
        order_by="AttemptItem.position",
        cascade="all, delete-orphan",
        lazy="select",
    )


class AttemptItem(db.Model):
    """A question as this attempt showed it (shuffled options, key in shown letters)."""

    __tablename__ = "attempt_items"
    __table_args__ = (UniqueConstraint("attempt_id", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempts.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    question_id: Mapped[int | None] = mapped_column(
        ForeignKey("questions.id", ondelete="SET NULL"), index=True
    )
    type: Mapped[str] = mapped_column(String(16))
    stem: Mapped[str] = mapped_column(String(500))
    options: Mapped[list] = mapped_column(JSON)
    answer: Mapped[str] = mapped_column(String(8))
    analysis: Mapped[str] = mapped_column(Text)
    reference: Mapped[str | None] = mapped_column(String(200))
    # The member's letters, sorted ("AC"); None while unanswered.
    choices: Mapped[str | None] = mapped_column(String(8))
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class CompetitionEntry(db.Model):
    """A member's best attempt in a competition: the row the leaderboards rank."""

    __tablename__ = "competition_entries"
    __table_args__ = (UniqueConstraint("competition_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    competition_id: Mapped[int] = mapped_column(ForeignKey("competitions.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempts.id", ondelete="CASCADE"))
    association_id: Mapped[int | None] = mapped_column(
        ForeignKey("associations.id", ondelete="SET NULL")
    )
    district_code: Mapped[str | None] = mapped_column(ForeignKey("districts.code"))
    score: Mapped[int] = mapped_column(Integer)
    # Ranking resolution: tenths of a second used, whole seconds from the competition's start.
    time_used_ds: Mapped[int] = mapped_column(Integer)
    finish_s: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class CompetitionReminder(db.Model):
    """A member's one-time consent to a subscribe message when an upcoming competition opens.

    Deleted once the message is sent or refused, and when the competition closes.
    """

    __tablename__ = "competition_reminders"
    __table_args__ = (UniqueConstraint("competition_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    competition_id: Mapped[int] = mapped_column(ForeignKey("competitions.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
