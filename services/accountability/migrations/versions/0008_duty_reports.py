"""一.4 述职 and 评议: each person's report on the year and its review.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

from chassis.db import UTCDateTime

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "duty_reports",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("staff_id", sa.String(36), nullable=False),
        sa.Column("division_id", sa.String(36), index=True),
        sa.Column("year", sa.Integer, nullable=False, index=True),
        sa.Column("summary", sa.Text, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("submitted_at", UTCDateTime, nullable=False),
        sa.Column("grade", sa.String(30)),
        sa.Column("comment", sa.Text),
        sa.Column("reviewed_by", sa.String(36)),
        sa.Column("reviewed_at", UTCDateTime),
        sa.UniqueConstraint("staff_id", "year"),
    )


def downgrade():
    op.drop_table("duty_reports")
