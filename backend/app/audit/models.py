"""AuditEntry model, guarded against change after it is written."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, event
from sqlalchemy.orm import Mapped, Session, mapped_column

from ..common.time import UTCDateTime, utcnow
from ..extensions import db


class AuditEntry(db.Model):
    """Who did what to which object, and when. Never any reporter identity."""

    __tablename__ = "audit_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    admin_id: Mapped[int | None] = mapped_column(
        ForeignKey("admins.id", ondelete="RESTRICT"), index=True
    )
    # The username as it was, so the entry reads the same after a rename.
    admin_username: Mapped[str | None] = mapped_column(String(40))
    action: Mapped[str] = mapped_column(String(40), index=True)
    target_type: Mapped[str | None] = mapped_column(String(30))
    target_id: Mapped[str | None] = mapped_column(String(40), index=True)
    # The district the target belongs to, so district admins see their district's trail.
    district_code: Mapped[str | None] = mapped_column(String(6), index=True)
    detail: Mapped[dict] = mapped_column(JSON, default=dict)


class AuditLogIsAppendOnly(RuntimeError):
    """Raised when code tries to change or delete an audit entry."""


@event.listens_for(Session, "before_flush")
def _refuse_changes(session, flush_context, instances):
    for instance in [*session.dirty, *session.deleted]:
        if isinstance(instance, AuditEntry):
            raise AuditLogIsAppendOnly("audit entries cannot be changed or deleted")
