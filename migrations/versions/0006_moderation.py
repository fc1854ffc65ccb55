"""moderation: assignment, outcome and association clearance on reports; recusals

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27 19:45:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.add_column(sa.Column("assigned_admin_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("outcome", sa.String(length=24), nullable=True))
        batch_op.add_column(
            sa.Column(
                "association_cleared", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )
        batch_op.create_index(
            batch_op.f("ix_reports_assigned_admin_id"), ["assigned_admin_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_reports_assigned_admin_id_admins"),
            "admins",
            ["assigned_admin_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch_op.create_check_constraint(
            "outcome_known",
            "outcome IS NULL OR outcome IN ('substantiated', 'partly_substantiated', 'unfounded')",
        )
        batch_op.create_check_constraint(
            "cleared_only_if_unfounded", "NOT association_cleared OR outcome = 'unfounded'"
        )
    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.alter_column("association_cleared", server_default=None)

    op.create_table(
        "report_recusals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.BigInteger(), nullable=False),
        sa.Column("admin_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["admin_id"],
            ["admins.id"],
            name=op.f("fk_report_recusals_admin_id_admins"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["reports.id"],
            name=op.f("fk_report_recusals_report_id_reports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_recusals")),
        sa.UniqueConstraint(
            "report_id", "admin_id", name=op.f("uq_report_recusals_report_id_admin_id")
        ),
    )
    with op.batch_alter_table("report_recusals", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_report_recusals_admin_id"), ["admin_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_report_recusals_report_id"), ["report_id"], unique=False
        )


def downgrade():
    op.drop_table("report_recusals")
    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.drop_constraint("cleared_only_if_unfounded", type_="check")
        batch_op.drop_constraint("outcome_known", type_="check")
        batch_op.drop_constraint(
            batch_op.f("fk_reports_assigned_admin_id_admins"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_reports_assigned_admin_id"))
        batch_op.drop_column("association_cleared")
        batch_op.drop_column("outcome")
        batch_op.drop_column("assigned_admin_id")
