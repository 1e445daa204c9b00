"""The acting head on the division view (五.3), and the head a duty failure's recorder
acted for.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

from office import projections

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade():
    projections.add_acting_head(op)
    with op.batch_alter_table("violations") as table:
        table.add_column(sa.Column("recorded_for", sa.String(36)))


def downgrade():
    projections.drop_columns(op, "violations", "recorded_for")
    projections.drop_columns(op, "division_view", "acting_head_id")
