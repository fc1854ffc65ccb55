"""Recusal: an admin stepping aside from a report that concerns them (回避)."""

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..common.time import UTCDateTime, utcnow
from ..extensions import db


class Recusal(db.Model):
    """Once recused, the admin no longer sees the report at all."""

    __tablename__ = "report_recusals"
    __table_args__ = (UniqueConstraint("report_id", "admin_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    admin_id: Mapped[int] = mapped_column(ForeignKey("admins.id", ondelete="CASCADE"), index=True)
    reason: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
