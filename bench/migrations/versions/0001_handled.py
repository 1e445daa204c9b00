"""The benchmark consumer's record of handled events.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

from chassis.db import UTCDateTime, create_chassis_tables

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    create_chassis_tables(op)
    op.create_table("handled", sa.Column("event_id", sa.String(36), primary_key=True),
                    sa.Column("occurred_at", UTCDateTime), sa.Column("handled_at", UTCDateTime))


def downgrade():
    op.drop_table("handled")
