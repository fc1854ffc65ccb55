"""District, Association and FeeItem models."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Integer, String, func, select
from sqlalchemy.orm import Mapped, column_property, mapped_column, relationship

from ..common.time import UTCDateTime, utcnow
from ..extensions import db
from ..members.models import Member


class AssociationKind(StrEnum):
    """Industry association (行业协会) or chamber of commerce (商会)."""

    INDUSTRY_ASSOCIATION = "industry_association"
    CHAMBER_OF_COMMERCE = "chamber_of_commerce"


KIND_LABELS = {
    AssociationKind.INDUSTRY_ASSOCIATION: "行业协会",
    AssociationKind.CHAMBER_OF_COMMERCE: "商会",
}


class District(db.Model):
    """A county-level division of Taizhou, named by its division code."""

    __tablename__ = "districts"

    code: Mapped[str] = mapped_column(String(6), primary_key=True)
    name: Mapped[str] = mapped_column(String(20), unique=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class Association(db.Model):
    """An industry association or chamber of commerce registered in a district."""

    __tablename__ = "associations"
    __table_args__ = (
        CheckConstraint(
            "kind IN ('industry_association', 'chamber_of_commerce')", name="kind_known"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    kind: Mapped[str] = mapped_column(String(32))
    district_code: Mapped[str] = mapped_column(ForeignKey("districts.code"), index=True)
    uscc: Mapped[str] = mapped_column(String(18), unique=True)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    # Members who chose this association in the mini-program (not its own register of firms).
    member_count: Mapped[int] = column_property(
        select(func.count(Member.id)).where(Member.association_id == id).scalar_subquery(),
        deferred=True,
    )

    district = relationship(District, lazy="joined")
    fee_items = relationship(
        "FeeItem",
        order_by="FeeItem.position",
        cascade="all, delete-orphan",
        lazy="selectin",
    )


class FeeItem(db.Model):
    """One line of an association's published fee schedule (会费标准)."""

    __tablename__ = "association_fee_items"
    __table_args__ = (CheckConstraint("amount_fen >= 0", name="amount_not_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    association_id: Mapped[int] = mapped_column(
        ForeignKey("associations.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(60))
    amount_fen: Mapped[int] = mapped_column(Integer)
    unit: Mapped[str] = mapped_column(String(20))
    basis: Mapped[str] = mapped_column(String(200))
