"""Who approves, from attendance's own views: each person's role in the staff view, and a
division view with heads and supervising leaders (posts' migration 0006 announces what
existed), so a notice is filed without asking posts.

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
    with op.batch_alter_table("staff_view") as table:
        table.add_column(sa.Column("role", sa.String(20)))
    projections.create_division_table(op)


def downgrade():
    op.drop_table("division_view")
    with op.batch_alter_table("staff_view") as table:
        table.drop_column("role")
