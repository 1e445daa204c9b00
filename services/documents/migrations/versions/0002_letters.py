"""What the letters to the sending unit say: an extension's handling opinion (处理意见),
and when a return was approved; when a draft was made; a staff view, to know whose work
waits for reassignment.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

from chassis.db import UTCDateTime
from office import projections

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("extensions") as table:
        table.add_column(sa.Column("opinion", sa.Text))
    with op.batch_alter_table("documents") as table:
        table.add_column(sa.Column("returned_at", UTCDateTime))
    with op.batch_alter_table("outgoing") as table:
        table.add_column(sa.Column("created_at", UTCDateTime))
    projections.create_staff_table(op)
    projections.add_staff_active(op)


def downgrade():
    op.drop_table("staff_view")
    with op.batch_alter_table("outgoing") as table:
        table.drop_column("created_at")
    with op.batch_alter_table("documents") as table:
        table.drop_column("returned_at")
    with op.batch_alter_table("extensions") as table:
        table.drop_column("opinion")
