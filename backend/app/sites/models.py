"""Site, SitePhoto and CheckIn models."""

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..common.time import UTCDateTime, utcnow
from ..extensions import db


class SiteType(StrEnum):
    """What kind of culture site it is."""

    HALL = "hall"
    CORRIDOR = "corridor"
    MICRO_LANDMARK = "micro_landmark"
    EDUCATION_BASE = "education_base"
    OTHER = "other"


TYPE_LABELS = {
    SiteType.HALL: "清廉大厅",
    SiteType.CORRIDOR: "清廉文化长廊",
    SiteType.MICRO_LANDMARK: "清廉微地标",
    SiteType.EDUCATION_BASE: "廉政教育基地",
    SiteType.OTHER: "其他阵地",
}


class CoordSystem(StrEnum):
    """Coordinate systems accepted on input; everything is stored in GCJ-02."""

    GCJ02 = "gcj02"
    WGS84 = "wgs84"
    BD09 = "bd09"


class Origin(StrEnum):
    """How a site came into the database."""

    MANUAL = "manual"
    IMPORT = "import"
    DEMO = "demo"
    BENCH = "bench"


DEFAULT_CHECKIN_RADIUS_M = 1000


def _in(column, enum):
    values = ", ".join(f"'{member.value}'" for member in enum)
    return f"{column} IN ({values})"


class Site(db.Model):
    """A culture site members can find on the map and check in at."""

    __tablename__ = "sites"
    __table_args__ = (
        CheckConstraint(_in("type", SiteType), name="type_known"),
        CheckConstraint(_in("source_system", CoordSystem), name="source_system_known"),
        CheckConstraint(_in("origin", Origin), name="origin_known"),
        CheckConstraint("lat BETWEEN -90 AND 90 AND lng BETWEEN -180 AND 180", name="coordinates"),
        CheckConstraint("checkin_radius_m BETWEEN 50 AND 10000", name="radius_range"),
        UniqueConstraint("district_code", "name"),
        # The nearby search is a range scan on this index (a bounding box around the member).
        Index("ix_sites_lat_lng", "lat", "lng"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60))
    type: Mapped[str] = mapped_column(String(20))
    district_code: Mapped[str] = mapped_column(ForeignKey("districts.code"), index=True)
    association_id: Mapped[int | None] = mapped_column(
        ForeignKey("associations.id", ondelete="SET NULL"), index=True
    )
    address: Mapped[str] = mapped_column(String(200))
    # GCJ-02, what WeChat's map component and wx.openLocation expect.
    lat: Mapped[float] = mapped_column(Float)
    lng: Mapped[float] = mapped_column(Float)
    # The coordinates as they were entered, and in which system.
    source_system: Mapped[str] = mapped_column(String(8), default=CoordSystem.GCJ02.value)
    source_lat: Mapped[float] = mapped_column(Float)
    source_lng: Mapped[float] = mapped_column(Float)
    description: Mapped[str] = mapped_column(Text, default="")
    # See hours.py for the shape; None when the hours are unknown.
    hours: Mapped[dict | None] = mapped_column(JSON)
    phone: Mapped[str | None] = mapped_column(String(30))
    checkin_radius_m: Mapped[int] = mapped_column(Integer, default=DEFAULT_CHECKIN_RADIUS_M)
    location_required: Mapped[bool] = mapped_column(Boolean, default=True)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    origin: Mapped[str] = mapped_column(String(10), default=Origin.MANUAL.value)
    # Part of the signed QR scene: raising it invalidates every printed code of the site.
    qr_version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    district = relationship("District", lazy="joined")
    association = relationship("Association", lazy="joined")
    photos = relationship(
        "SitePhoto",
        order_by="[SitePhoto.position, SitePhoto.id]",
        cascade="all, delete-orphan",
        lazy="selectin",
    )


class SitePhoto(db.Model):
    """A photo of a site, re-encoded without metadata, with a small copy for lists."""

    __tablename__ = "site_photos"

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"), index=True)
    file_name: Mapped[str] = mapped_column(String(64), unique=True)
    thumb_name: Mapped[str] = mapped_column(String(64), unique=True)
    mime: Mapped[str] = mapped_column(String(20))
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CheckIn(db.Model):
    """A member's check-in at a site; at most one per member, site and China day."""

    __tablename__ = "site_checkins"
    __table_args__ = (UniqueConstraint("member_id", "site_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="RESTRICT"), index=True)
    # The Asia/Shanghai date of the check-in.
    day: Mapped[date] = mapped_column(Date)
    # How far from the site the member said they were; their position itself is not kept.
    distance_m: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    site = relationship(Site, lazy="joined")
