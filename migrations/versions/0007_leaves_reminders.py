"""quizzes: leaving the app during competitions (limit and counts); competition reminders

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04 10:00:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("competitions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("max_leaves", sa.Integer(), nullable=True))
        batch_op.create_check_constraint(
            "max_leaves_positive", "max_leaves IS NULL OR max_leaves >= 1"
        )
    # Attempts made before this revision left the app zero times, as far as anyone knows.
    with op.batch_alter_table("attempts", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("leave_count", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(sa.Column("leave_ms", sa.Integer(), nullable=False, server_default="0"))

    op.create_table(
        "competition_reminders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("competition_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["competition_id"],
            ["competitions.id"],
            name=op.f("fk_competition_reminders_competition_id_competitions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_competition_reminders_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_competition_reminders")),
        sa.UniqueConstraint(
            "competition_id",
            "member_id",
            name=op.f("uq_competition_reminders_competition_id_member_id"),
        ),
    )
    with op.batch_alter_table("competition_reminders", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_competition_reminders_member_id"), ["member_id"], unique=False
        )


def downgrade():
    op.drop_table("competition_reminders")
    with op.batch_alter_table("attempts", schema=None) as batch_op:
        batch_op.drop_column("leave_ms")
        batch_op.drop_column("leave_count")
    with op.batch_alter_table("competitions", schema=None) as batch_op:
        batch_op.drop_constraint("max_leaves_positive", type_="check")
        batch_op.drop_column("max_leaves")
