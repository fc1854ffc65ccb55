"""quizzes: question bank, competitions, attempts

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 18:30:00

"""

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

# revision identifiers, used by Alembic.
revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
