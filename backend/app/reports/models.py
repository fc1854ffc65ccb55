"""Report, ReportMessage, Attachment and SubscriptionCredit models."""

# Nothing here records who sent an anonymous report, or when beyond the date: rows carry dates,
# not times, and random ids, so their order does not reveal the order of submission either.

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..common.time import UTCDateTime
from ..extensions import db
from .ids import random_id

STATUS_VALUES = (
    "'submitted', 'accepted', 'in_progress', 'resolved', 'closed', 'rejected', 'transferred', "
    "'merged'"
)
RATING_VALUES = "'satisfied', 'basically_satisfied', 'dissatisfied'"
OUTCOME_VALUES = "'substantiated', 'partly_substantiated', 'unfounded'"


class Report(db.Model):
    """A problem report; for an anonymous one, no member, name, phone or exact time."""

    __tablename__ = "reports"
    __table_args__ = (
        CheckConstraint(f"status IN ({STATUS_VALUES})", name="status_known"),
        CheckConstraint(f"rating IS NULL OR rating IN ({RATING_VALUES})", name="rating_known"),
        CheckConstraint(f"outcome IS NULL OR outcome IN ({OUTCOME_VALUES})", name="outcome_known"),
        CheckConstraint(
            "NOT association_cleared OR outcome = 'unfounded'", name="cleared_only_if_unfounded"
        ),
        CheckConstraint(
            "NOT anonymous OR (member_id IS NULL AND reporter_name IS NULL "
            "AND reporter_phone IS NULL)",
            name="anonymous_has_no_identity",
        ),
    )

    id: Mapped[int] = mapped_column(
        BigInteger, primary_key=True, autoincrement=False, default=random_id
    )
    # What staff quote and the reporter sees: random, so it reveals no volume or order.
    public_id: Mapped[str] = mapped_column(String(12), unique=True)
    # Argon2id of the 16-digit receipt with RECEIPT_SALT; the receipt itself is never stored.
    receipt_hash: Mapped[str] = mapped_column(String(64), unique=True)
    anonymous: Mapped[bool] = mapped_column(Boolean)
    member_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL"), index=True
    )
    # Named reports only: what staff need to call the reporter back.
    reporter_name: Mapped[str | None] = mapped_column(String(20))
    reporter_phone: Mapped[str | None] = mapped_column(String(11))

    category: Mapped[str] = mapped_column(String(40), index=True)
    district_code: Mapped[str] = mapped_column(ForeignKey("districts.code"), index=True)
    association_id: Mapped[int] = mapped_column(
        ForeignKey("associations.id", ondelete="RESTRICT"), index=True
    )
    # Emptied by `flask reports purge` once a finished report is past its retention period.
    title: Mapped[str | None] = mapped_column(String(50))
    body: Mapped[str | None] = mapped_column(Text)
    notice_version: Mapped[str] = mapped_column(String(20))

    status: Mapped[str] = mapped_column(String(20), index=True)
    submitted_on: Mapped[date] = mapped_column(Date, index=True)
    status_changed_on: Mapped[date] = mapped_column(Date)
    accepted_on: Mapped[date | None] = mapped_column(Date)
    resolved_on: Mapped[date | None] = mapped_column(Date)
    finished_on: Mapped[date | None] = mapped_column(Date, index=True)
    # Deadlines in working days; an extension carries a reason the reporter sees.
    accept_due_on: Mapped[date] = mapped_column(Date)
    resolve_due_on: Mapped[date] = mapped_column(Date)
    extension_reason: Mapped[str | None] = mapped_column(String(200))
    transferred_to: Mapped[str | None] = mapped_column(String(100))
    merged_into_id: Mapped[int | None] = mapped_column(
        ForeignKey("reports.id", ondelete="SET NULL")
    )

    # Moderation: who handles it, and what the check found (失实 can clear the association).
    assigned_admin_id: Mapped[int | None] = mapped_column(
        ForeignKey("admins.id", ondelete="SET NULL"), index=True
    )
    outcome: Mapped[str | None] = mapped_column(String(24))
    association_cleared: Mapped[bool] = mapped_column(Boolean, default=False)

    rating: Mapped[str | None] = mapped_column(String(24))
    rated_on: Mapped[date | None] = mapped_column(Date)
    # A 不满意 rating reopens a resolved report once; this records that it happened.
    reopened: Mapped[bool] = mapped_column(Boolean, default=False)
    purged_on: Mapped[date | None] = mapped_column(Date)

    # The report this one was merged into, as its reporter follows it (public id only).
    merged_into = relationship("Report", remote_side=[id], lazy="select")
    district = relationship("District", lazy="joined")
    association = relationship("Association", lazy="joined")
    assigned_admin = relationship("Admin", lazy="joined")
    # Every message, internal notes included: staff views only. Reporters see public_messages.
    messages = relationship(
        "ReportMessage",
        order_by="ReportMessage.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
        back_populates="report",
    )
    attachments = relationship(
        "Attachment",
        order_by="Attachment.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
        back_populates="report",
    )

    @property
    def public_messages(self):
        """The conversation the reporter may read: everything but internal notes."""
        return [message for message in self.messages if not message.internal]

    @property
    def can_rate(self):
        """A resolved report the reporter has not rated yet."""
        return self.status == "resolved" and self.rating is None


class ReportMessage(db.Model):
    """One message of a report's conversation: staff to reporter, reporter, or internal note."""

    __tablename__ = "report_messages"
    __table_args__ = (
        UniqueConstraint("report_id", "position"),
        CheckConstraint("author IN ('reporter', 'staff')", name="author_known"),
        CheckConstraint("author = 'staff' OR NOT internal", name="only_staff_write_notes"),
        CheckConstraint(
            "author = 'staff' OR (admin_id IS NULL AND sent_at IS NULL)",
            name="reporter_message_has_no_time",
        ),
    )

    id: Mapped[int] = mapped_column(
        BigInteger, primary_key=True, autoincrement=False, default=random_id
    )
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    # Order within the report, since ids are random and reporters' messages carry no time.
    position: Mapped[int] = mapped_column(Integer)
    author: Mapped[str] = mapped_column(String(10))
    # Internal notes are for staff only and never shown to the reporter.
    internal: Mapped[bool] = mapped_column(Boolean, default=False)
    admin_id: Mapped[int | None] = mapped_column(ForeignKey("admins.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text)
    sent_on: Mapped[date] = mapped_column(Date)
    # Staff messages only: a reporter's message keeps its date, never its time.
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    report = relationship(Report, back_populates="messages")
    attachments = relationship(
        "Attachment", order_by="Attachment.position", passive_deletes=True, back_populates="message"
    )


class Attachment(db.Model):
    """A cleaned image: pending (just uploaded, expires) or attached to a report or message."""

    __tablename__ = "report_attachments"
    __table_args__ = (
        CheckConstraint(
            "(report_id IS NULL AND expires_at IS NOT NULL) "
            "OR (report_id IS NOT NULL AND expires_at IS NULL)",
            name="pending_or_attached",
        ),
    )

    # SHA-256 of the upload id: the id is the uploader's secret and is never stored.
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    report_id: Mapped[int | None] = mapped_column(
        ForeignKey("reports.id", ondelete="CASCADE"), index=True
    )
    message_id: Mapped[int | None] = mapped_column(
        ForeignKey("report_messages.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    file_name: Mapped[str] = mapped_column(String(64), unique=True)
    mime: Mapped[str] = mapped_column(String(20))
    size_bytes: Mapped[int] = mapped_column(Integer)
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    # Set only while pending; cleared on attaching, so an attachment keeps no upload time.
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)

    report = relationship(Report, back_populates="attachments")
    message = relationship(ReportMessage, back_populates="attachments")


class SubscriptionCredit(db.Model):
    """Sends a member allowed (one per wx.requestSubscribeMessage consent) for a template."""

    __tablename__ = "subscription_credits"
    __table_args__ = (
        UniqueConstraint("member_id", "template_id"),
        CheckConstraint("credits >= 0", name="credits_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    template_id: Mapped[str] = mapped_column(String(64))
    credits: Mapped[int] = mapped_column(Integer, default=0)
