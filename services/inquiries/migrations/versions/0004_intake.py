"""Complaints handed in by the 12345 hotline (the intake): the hotline's reference; a
division view to find a division by the code the hotline names it by.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

from office import projections

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("complaints") as table:
        table.add_column(sa.Column("intake_reference", sa.String(100)))
    projections.create_division_table(op)


def downgrade():
    op.drop_table("division_view")
    with op.batch_alter_table("complaints") as table:
        table.drop_column("intake_reference")
