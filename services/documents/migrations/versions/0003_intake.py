"""Documents handed in by outside systems (the intake): who sent them under which
reference, registered by nobody in the office; a division view to find a division by
the code the sender names it by.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

from office import projections

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("documents") as table:
        table.alter_column("registered_by", existing_type=sa.String(36), nullable=True)
        table.add_column(sa.Column("intake_reference", sa.String(100)))
    projections.create_division_table(op)


def downgrade():
    op.drop_table("division_view")
    with op.batch_alter_table("documents") as table:
        table.drop_column("intake_reference")
