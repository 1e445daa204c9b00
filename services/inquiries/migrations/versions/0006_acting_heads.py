"""The acting head on the division view (五.3); when a handover ended (who held an
inquiry or application on which days, 五.4); the head a complaint's investigator acted
for.

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
    projections.add_handover_ended_at(op)
    with op.batch_alter_table("complaints") as table:
        table.add_column(sa.Column("investigator_for", sa.String(36)))


def downgrade():
    projections.drop_columns(op, "complaints", "investigator_for")
    projections.drop_columns(op, "handover_view", "ended_at")
    projections.drop_columns(op, "division_view", "acting_head_id")
