"""Failed sign-ins per username, for throttling (kept here so that every gateway instance
counts the same attempts).

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

from chassis.db import UTCDateTime

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "failed_sign_ins",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("at", UTCDateTime, nullable=False),
    )
    op.create_index("ix_failed_sign_ins_username_at", "failed_sign_ins", ["username", "at"])


def downgrade():
    op.drop_table("failed_sign_ins")
