"""sites: culture sites, their photos, and check-ins

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27 18:30:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "sites",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("type", sa.String(length=20), nullable=False),
        sa.Column("district_code", sa.String(length=6), nullable=False),
        sa.Column("association_id", sa.Integer(), nullable=True),
        sa.Column("address", sa.String(length=200), nullable=False),
        sa.Column("lat", sa.Float(), nullable=False),
        sa.Column("lng", sa.Float(), nullable=False),
        sa.Column("source_system", sa.String(length=8), nullable=False),
        sa.Column("source_lat", sa.Float(), nullable=False),
        sa.Column("source_lng", sa.Float(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("hours", sa.JSON(), nullable=True),
        sa.Column("phone", sa.String(length=30), nullable=True),
        sa.Column("checkin_radius_m", sa.Integer(), nullable=False),
        sa.Column("location_required", sa.Boolean(), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("origin", sa.String(length=10), nullable=False),
        sa.Column("qr_version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "origin IN ('manual', 'import', 'demo', 'bench')", name=op.f("ck_sites_origin_known")
        ),
        sa.CheckConstraint(
            "source_system IN ('gcj02', 'wgs84', 'bd09')", name=op.f("ck_sites_source_system_known")
        ),
        sa.CheckConstraint(
            "type IN ('hall', 'corridor', 'micro_landmark', 'education_base', 'other')",
            name=op.f("ck_sites_type_known"),
        ),
        sa.CheckConstraint(
            "checkin_radius_m BETWEEN 50 AND 10000", name=op.f("ck_sites_radius_range")
        ),
        sa.CheckConstraint(
            "lat BETWEEN -90 AND 90 AND lng BETWEEN -180 AND 180", name=op.f("ck_sites_coordinates")
        ),
        sa.ForeignKeyConstraint(
            ["association_id"],
            ["associations.id"],
            name=op.f("fk_sites_association_id_associations"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["district_code"], ["districts.code"], name=op.f("fk_sites_district_code_districts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sites")),
        sa.UniqueConstraint("district_code", "name", name=op.f("uq_sites_district_code_name")),
    )
    with op.batch_alter_table("sites", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_sites_association_id"), ["association_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_sites_district_code"), ["district_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_sites_lat_lng"), ["lat", "lng"], unique=False)

    op.create_table(
        "site_checkins",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("distance_m", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_site_checkins_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["site_id"],
            ["sites.id"],
            name=op.f("fk_site_checkins_site_id_sites"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_site_checkins")),
        sa.UniqueConstraint(
            "member_id", "site_id", "day", name=op.f("uq_site_checkins_member_id_site_id_day")
        ),
    )
    with op.batch_alter_table("site_checkins", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_site_checkins_site_id"), ["site_id"], unique=False)

    op.create_table(
        "site_photos",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=64), nullable=False),
        sa.Column("thumb_name", sa.String(length=64), nullable=False),
        sa.Column("mime", sa.String(length=20), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["site_id"], ["sites.id"], name=op.f("fk_site_photos_site_id_sites"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_site_photos")),
        sa.UniqueConstraint("file_name", name=op.f("uq_site_photos_file_name")),
        sa.UniqueConstraint("thumb_name", name=op.f("uq_site_photos_thumb_name")),
    )
    with op.batch_alter_table("site_photos", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_site_photos_site_id"), ["site_id"], unique=False)


def downgrade():
    with op.batch_alter_table("site_photos", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_site_photos_site_id"))

    op.drop_table("site_photos")
    with op.batch_alter_table("site_checkins", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_site_checkins_site_id"))

    op.drop_table("site_checkins")
    with op.batch_alter_table("sites", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sites_lat_lng"))
        batch_op.drop_index(batch_op.f("ix_sites_district_code"))
        batch_op.drop_index(batch_op.f("ix_sites_association_id"))

    op.drop_table("sites")
