"""Admin model."""

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..common.time import UTCDateTime, utcnow
from ..extensions import db


class Admin(db.Model):
    """A console user with a role and, for some roles, a district or an association."""

    __tablename__ = "admins"
    __table_args__ = (
        CheckConstraint(
            "role IN ('city_admin', 'district_admin', 'reviewer', 'association_officer')",
            name="role_known",
        ),
        CheckConstraint(
            "role NOT IN ('district_admin', 'reviewer') OR district_code IS NOT NULL",
            name="district_role_has_district",
        ),
        CheckConstraint(
            "role <> 'association_officer' OR association_id IS NOT NULL",
            name="officer_has_association",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(40), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(32))
    district_code: Mapped[str | None] = mapped_column(ForeignKey("districts.code"))
    association_id: Mapped[int | None] = mapped_column(
        ForeignKey("associations.id", ondelete="RESTRICT")
    )
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Consecutive failed logins, and until when the account refuses logins (growing delays).
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # TOTP second factor: the secret encrypted with a key derived from SECRET_KEY.
    totp_secret: Mapped[str | None] = mapped_column(String(255))
    totp_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    # The last accepted TOTP time step, so a code cannot be replayed.
    totp_last_step: Mapped[int | None] = mapped_column(Integer)

    district = relationship("District", lazy="joined")
    association = relationship("Association", lazy="joined")


class AdminSession(db.Model):
    """A server-side admin session, shared by API tokens and the console; ends when idle."""

    __tablename__ = "admin_sessions"

    id: Mapped[str] = mapped_column(String(43), primary_key=True)
    admin_id: Mapped[int] = mapped_column(ForeignKey("admins.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    admin = relationship(Admin, lazy="joined")
