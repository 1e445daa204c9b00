"""The toy consumer's table.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

from chassis.db import create_chassis_tables

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    create_chassis_tables(op)
    op.create_table("applied", sa.Column("seq", sa.Integer, primary_key=True),
                    sa.Column("event_id", sa.String(36)), sa.Column("name", sa.String(100)))


def downgrade():
    op.drop_table("applied")
